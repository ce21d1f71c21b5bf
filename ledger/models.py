"""Every table of the ledger (台账), imported in one place for Alembic and the services."""

from ledger.accounts_table import Account
from ledger.units_table import Unit

__all__ = ["Account", "Unit"]
