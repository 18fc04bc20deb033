"""ospod_desktop.services.due: what is due and overdue, for the due list, its badge and the child's page.

`core.due` computes every clock of a child from its facts; this package reads the facts from the database
(`facts_of`, `facts_of_many`), keeps the computed items materialised (`due_item`, `due_state`) in step with
the facts — rewritten before every write transaction commits, for the children it touched — and reads them
back for a user's scope (`due_page`, `due_list`, `due_counts`, `child_due`). `recompute_all` follows a policy change;
`refresh_stale` catches up children whose items went stale with time (run it after login).
"""

from ospod_desktop.services import due_policy as _due_policy
from ospod_desktop.services.due._export import export_due, record_export  # noqa: F401
from ospod_desktop.services.due._facts import facts_of, facts_of_many  # noqa: F401
from ospod_desktop.services.due._index import FACILITY_KINDS, DueKey  # noqa: F401
from ospod_desktop.services.due._list import (  # noqa: F401
    DuePage,
    DueRow,
    child_due,
    due_counts,
    due_list,
    due_page,
    officer_counts,
    officers,
)
from ospod_desktop.services.due._policy import policy_in_use, policy_revision  # noqa: F401
from ospod_desktop.services.due._refresh import (  # noqa: F401
    fresh_batches,
    recompute_all,
    refresh_children,
    refresh_new,
    refresh_stale,
)


def _recompute_after_save(session, policy) -> None:
    """A new policy version recomputes every child's items in the transaction that saves it."""
    recompute_all(session, policy)


if _recompute_after_save not in _due_policy.AFTER_SAVE:
    _due_policy.AFTER_SAVE.append(_recompute_after_save)
