"""Typed errors with a translated, user-readable message; `ui/errors.py` shows them in one place."""

from __future__ import annotations

import errno

from ospod_desktop.core.i18n import _


class OspodError(Exception):
    """Base of every error a user may see; `message` is already translated."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationError(OspodError):
    """Bad input in a named field; nothing was saved."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message, field)


class AuthenticationError(OspodError):
    """Unknown user or wrong password: the same message for both, on purpose."""

    def __init__(self) -> None:
        super().__init__(_("The user name or password is incorrect."))


class WrongPassword(AuthenticationError):
    """The current password, asked to confirm a change, is wrong: the user is known, so the message says which
    password, and `field` names the form field that holds it."""

    def __init__(self, field: str = "old_password") -> None:
        OspodError.__init__(self, _("The current password is incorrect."), field)


class AccountDisabled(OspodError):
    """The administrator disabled the account."""

    def __init__(self) -> None:
        super().__init__(_("This account has been disabled. Ask your administrator."))


class PermissionDenied(OspodError):
    """The user's role may not do this."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or _("Your role does not allow this action."))


class NotFound(OspodError):
    """The record does not exist or is outside the user's scope (the same answer for both).

    `audit` = (entity, id): the refused request is written to the audit chain after the rollback.
    """

    def __init__(self, message: str | None = None, audit: tuple[str, int | None] | None = None) -> None:
        super().__init__(message or _("The record was not found."))
        self.audit = audit


class StorageError(OspodError):
    """The database cannot be used."""


class NotOurDatabase(StorageError):
    """The file is not an OSPOD database, or its key file does not belong to it."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(_("The file is not an OSPOD Desktop database, or its key file is missing."))
        self.detail = detail


class KeyFileDamaged(StorageError):
    """The key-slot file is ours but damaged (`message` names the file and the slot); `detail` is a code for logs."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class DatabaseCorrupt(StorageError):
    """The file is ours but damaged."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(_("The database is damaged and cannot be opened safely. Open a backup instead."))
        self.detail = detail


class SchemaTooNew(StorageError):
    """The database was written by a newer version of the app."""

    def __init__(self, revision: str) -> None:
        super().__init__(
            _("The database was created by a newer version of OSPOD Desktop. Install the newer version to open it.")
        )
        self.revision = revision


class DatabaseExists(StorageError):
    """`init` refuses to overwrite an existing database."""

    def __init__(self) -> None:
        super().__init__(_("A database already exists at this path."))


class DatabaseBusy(StorageError):
    """Another process held the write lock longer than a write waits (`storage.busy`); nothing was changed.
    `holder` says what holds it, as well as is known ("an import of children in process 4242, since 05:12")."""

    def __init__(self, holder: str = "", seconds: int = 0) -> None:
        holder = holder or _("another program")
        if seconds:
            message = _("The database is busy: {holder} is writing to it, and it was still writing after {seconds} s. "
                        "Nothing was changed; try again when it has finished.").format(holder=holder, seconds=seconds)
        else:
            message = _("The database is busy: {holder} is writing to it. Nothing was changed; try again when it has "
                        "finished.").format(holder=holder)
        super().__init__(message)
        self.holder = holder
        self.seconds = seconds


class DiskWriteFailed(StorageError):
    """The disk refused a write: it is full, read-only, or a file size limit or an I/O error stopped it
    (`storage.disk`). The transaction was rolled back: nothing of it was saved, and what was saved before is intact.
    `detail`: SQLite's or the system's code, for logs."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(_("The disk refused to save: it is full or read-only (or the file reached a size limit). "
                           "Nothing was saved and the data saved before is intact. Free some space or choose another "
                           "folder, then try again."))
        self.detail = detail


class FolderNotWritable(StorageError):
    """The database file opens but its folder or disk is read-only (or not accessible), so SQLite cannot keep its
    journal files beside it (`storage.disk`): nothing was read or changed; the file is not damaged."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(_("The database cannot be opened: its folder or disk is read-only or not accessible (the "
                           "database needs to write its journal beside it). Nothing was changed and the file is not "
                           "damaged. Copy it to a writable folder, or check the folder's permissions."))
        self.detail = detail


def os_error_message(exc: OSError) -> str:
    """A file system error in words, naming the file (the system's own text is English)."""
    path = exc.filename if exc.filename is not None else "?"
    messages = {
        errno.ENOENT: _("File not found: {path}"),
        errno.EACCES: _("Permission denied: {path}"),
        errno.EPERM: _("Permission denied: {path}"),
        errno.EISDIR: _("{path} is a folder, not a file."),
        errno.ENOTDIR: _("{path} is not a folder."),
        errno.ENOSPC: _("The disk is full: {path}"),
        errno.EROFS: _("The disk is read-only: {path}"),
        errno.EFBIG: _("The file reached the size limit of the disk or the system: {path}"),
        errno.EDQUOT: _("The disk quota is used up: {path}"),
    }
    text = messages.get(exc.errno or 0, _("Cannot read or write {path} (system error {code})."))
    return text.format(path=path, code=exc.errno)
