"""The `tether` command line: one module per command."""
