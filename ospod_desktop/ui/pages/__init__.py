"""Pages of the main window's stack."""
