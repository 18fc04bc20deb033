"""ospod_desktop.services.audit_log: public use cases (internals live in the _private modules)."""

from ospod_desktop.services.audit_log._reads import (  # noqa: F401
    ACTIONS,
    AUDIT_ROLES,
    BLOCK,
    AuditFilter,
    AuditRow,
    AuditUser,
    AuditView,
    ChainCheck,
    open_view,
    rows,
    users,
    verify_chain,
)
