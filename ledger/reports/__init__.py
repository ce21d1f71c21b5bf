"""The ledger of reports: its tables, writes and queries."""
