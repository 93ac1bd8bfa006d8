"""The province side: its own database of communes' records, imports, status, reports, TUI."""
