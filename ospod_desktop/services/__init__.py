"""Use cases. Shared: `context` (sessions, transactions, roles), `scope` (who sees what), `correction_log`.

Feature packages — `identity` (login, accounts, office), `children` (registration, list, import, export,
duplicates), `placements` (placements, facilities, legal clocks), `missing` (disappearances), `due` (the due
list: every clock of every child, kept materialised in step with the facts) — each offer their public use cases
in their `__init__`; their `_private` modules are theirs alone (the architecture test checks). Dependencies run
one way: children -> placements, missing -> placements; identity -> placements; due -> placements.
"""

# Registers the due items' refresh as work done before every write transaction commits (context.BEFORE_COMMIT):
# importing any service runs this first, so no write can leave the due items behind its facts.
from ospod_desktop.services import due as _due  # noqa: E402, F401

# The child's trafficking flag, kept in step the same way (after the due items; the flag is no fact of theirs).
from ospod_desktop.services import trafficking as _trafficking  # noqa: E402, F401
