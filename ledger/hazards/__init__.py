"""The ledger of hazards: its tables, writes and queries."""
