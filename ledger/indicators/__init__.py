"""The ledger of indicators: its tables, writes and queries."""
