"""Department tasks: their state and inputs, the rules of each action, and what the workflow
asks the ledger to write.
"""
