"""Hazards (隐患): their state, 五个一 and 四包, the rules of each action, and what the
workflow records.
"""
