"""Encrypted SQLite (SQLCipher) storage: key slots, engine, models, migrations, audit chain."""
