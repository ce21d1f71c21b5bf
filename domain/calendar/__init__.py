"""The working-day calendar: holiday arrangements, the festivals they hang on, and the
broadcast of a newly loaded year.
"""
