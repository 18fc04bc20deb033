"""Which database objects Alembic compares with the models."""


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """FTS5 virtual tables (and their shadow tables) are made by raw SQL, not by the models."""
    return not (type_ == "table" and name and name.startswith("child_fts"))
