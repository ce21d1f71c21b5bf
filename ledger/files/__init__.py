"""The ledger of files: its tables, writes and queries."""
