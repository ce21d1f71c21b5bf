"""The dashboard's reads: indexed tables and the case tallies, never workflow histories."""
