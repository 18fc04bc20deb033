"""ospod_desktop.services.due_policy: the deadline policy's versions — read, save, revert, export, import.

`AFTER_SAVE` holds hooks `hook(session, policy)` run inside the saving transaction (the due items are
recomputed there)."""

from ospod_desktop.services.due_policy._versions import (  # noqa: F401
    AFTER_SAVE,
    EDIT_ROLES,
    REASON_MIN,
    CurrentPolicy,
    PolicyVersion,
    check_reason,
    current_policy,
    export_policy,
    import_policy_file,
    policy_in_session,
    policy_versions,
    read_policy_file,
    revert_to_default,
    save_policy,
)
