"""Files for people (.xlsx tables, .docx bulletins) drawn from figures; no I/O, no database."""
