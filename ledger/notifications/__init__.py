"""The ledger of notifications: its tables, writes and queries."""
