"""Use cases: each owns its transaction, enforces role scope, audits, and returns plain data."""
