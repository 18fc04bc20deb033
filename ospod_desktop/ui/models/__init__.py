"""Qt item models over service data (thin: ids plus a lazily filled row cache)."""
