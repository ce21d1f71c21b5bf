"""The unit tree, the roles of accounts, and the accounts themselves."""
