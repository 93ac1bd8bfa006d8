"""CLI commands, one module per area; cli.py registers them on the `kehoach` group."""
