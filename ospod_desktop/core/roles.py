"""Roles, audit action codes and what each role may do."""

from __future__ import annotations

from enum import StrEnum

from ospod_desktop.core.i18n import N_, _


class Role(StrEnum):
    """Who a user is in the office."""

    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    OFFICER = "officer"
    FACILITY_STAFF = "facility_staff"

    @property
    def label(self) -> str:
        """The translated name shown to users."""
        return _(_ROLE_LABELS[self])


_ROLE_LABELS = {
    Role.ADMIN: N_("Administrator"),
    Role.SUPERVISOR: N_("Supervisor"),
    Role.OFFICER: N_("OSPOD officer"),
    Role.FACILITY_STAFF: N_("Facility staff"),
}


class Action(StrEnum):
    """What an audit row records; codes only, never content."""

    LOGIN_OK = "login_ok"
    LOGIN_FAILED = "login_failed"
    LOGIN_LOCKED = "login_locked"
    LOGOUT = "logout"
    LOCK = "lock"
    UNLOCK = "unlock"
    UNLOCK_FAILED = "unlock_failed"
    CREATE = "create"
    READ = "read"
    UPDATE = "update"
    DELETE = "delete"
    EXPORT = "export"
    PASSWORD_CHANGE = "password_change"
    PASSWORD_RESET = "password_reset"
    RECOVERY = "recovery"
    BACKUP = "backup"
    MIGRATE = "migrate"
    INIT = "init"
    BREAK_GLASS = "break_glass"
    RESTORE = "restore"  # the database was replaced by a backup: the first row after the backup's own chain


class Entity(StrEnum):
    """Which kind of record an audit row is about."""

    SESSION = "session"
    USER = "user"
    OFFICE = "office"
    FACILITY = "facility"
    CHILD = "child"
    PLACEMENT = "placement"
    MISSING_EPISODE = "missing_episode"
    DATABASE = "database"
    AUDIT = "audit"  # the audit chain itself: a view of it or a check of it


# Roles that see and change children's records (facility staff see a scoped subset: services/scope.py).
CHILD_READERS = frozenset({Role.SUPERVISOR, Role.OFFICER, Role.FACILITY_STAFF})
CHILD_WRITERS = frozenset({Role.SUPERVISOR, Role.OFFICER, Role.FACILITY_STAFF})
