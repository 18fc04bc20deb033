"""Issue 14 reliability suites (crashes, corruption, nothing personal in the open, the input corpus)."""
