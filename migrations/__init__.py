"""Alembic migrations of the ledger, runnable from code so `qingling migrate` needs no ini file."""
