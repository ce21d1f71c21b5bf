"""The ledger of calendar: its tables, writes and queries."""
