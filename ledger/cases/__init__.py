"""The ledger of cases: its tables, writes and queries."""
