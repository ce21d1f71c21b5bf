"""The ledger of campaigns: its tables, writes and queries."""
