"""The ledger of enterprises: its tables, writes and queries."""
