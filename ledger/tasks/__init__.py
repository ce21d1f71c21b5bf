"""The ledger of tasks: its tables, writes and queries."""
