"""Password policy: length only, any Unicode, no composition rules (NIST SP 800-63B)."""

from __future__ import annotations

import unicodedata

from ospod_desktop.core.errors import ValidationError
from ospod_desktop.core.i18n import _

MIN_LENGTH = 12
MAX_LENGTH = 1024


def normalise_password(password: str) -> str:
    """NFC form, so the same password typed on another keyboard layout still matches."""
    return unicodedata.normalize("NFC", password)


def check_new_password(password: str, field: str = "password") -> str:
    """Return the normalised password or raise a field-named ValidationError."""
    pw = normalise_password(password)
    if len(pw) < MIN_LENGTH:
        raise ValidationError(field, _("The password must have at least 12 characters."))
    if len(pw) > MAX_LENGTH:
        raise ValidationError(field, _("The password is too long (at most 1024 characters)."))
    if any(unicodedata.category(ch) == "Cc" for ch in pw):
        raise ValidationError(field, _("The password contains a control character."))
    return pw
