"""The ledger of units: its tables, writes and queries."""
