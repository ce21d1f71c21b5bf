"""The ledger of projects: its tables, writes and queries."""
