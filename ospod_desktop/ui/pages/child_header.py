"""A child's page header (`ChildPage`): the name and other names, the age, the presumed-minor note, the file
mark, the badges and the photo."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

from ospod_desktop.core import child_names
from ospod_desktop.core import child_rules as R
from ospod_desktop.core.ages import turning_adult_soon
from ospod_desktop.core.countries import language_name
from ospod_desktop.core.i18n import _, for_sex, pgettext
from ospod_desktop.core.text import isolate
from ospod_desktop.core.trafficking_flag import flag_label
from ospod_desktop.ui.format import format_date
from ospod_desktop.ui.pages.child_text import LRM

BADGE = '<span style="background:{bg}; color:{fg}; white-space:nowrap;">&nbsp;{text}&nbsp;</span>'  # wraps between


def display_name(view) -> str:
    """The name the page's title and dialogs show (the register's display name, or "(no name)")."""
    return child_names.display_name(view) or _("(no name)")


def presumed_minor_text(sex: str) -> str:
    """The header's note while the age is not established (the Czech agrees with the child: "nezletilý")."""
    return for_sex(
        sex,
        pgettext("girl", "Presumed a minor: until the age is established, the child is treated as under 18 "
                         "(benefit of the doubt)."),
        pgettext("boy", "Presumed a minor: until the age is established, the child is treated as under 18 "
                        "(benefit of the doubt)."),
        _("Presumed a minor: until the age is established, the child is treated as under 18 (benefit of the doubt)."))


def age_text(view) -> str:
    age = view.age
    if age.low is None and age.high is None:
        text = _("Age unknown")
    elif view.birth_date:
        text = _("Age {age} (born {date})").format(age=age.label, date=format_date(view.birth_date))
    elif view.birth_year:
        text = _("Age {age} (born in {year})").format(age=age.label, year=view.birth_year)
    else:
        text = _("Age {age} (estimated)").format(age=age.label)
    extra = []
    if view.age_claimed is not None:
        extra.append(_("says {n}").format(n=view.age_claimed))
    if view.age_document is not None:
        extra.append(_("{n} on a document").format(n=view.age_document))
    return text + (" · " + ", ".join(extra) if extra else "")


def fill_header(ui, view, photo: bytes | None) -> None:
    """The name, other names, age, the presumed-minor note, file mark, badges and photo."""
    ui.name_label.setText(LRM + display_name(view))
    original = view.original_script_name if view.original_script_name != display_name(view) else ""
    also = _("also known as: {names}").format(names=", ".join(map(isolate, view.aliases))) if view.aliases else ""
    ui.original_name_label.setText(LRM + " · ".join(p for p in (isolate(original), also) if p))
    ui.original_name_label.setVisible(bool(original or also))
    ui.age_label.setText(age_text(view))
    presumed = view.age.presumed_minor and not view.age.exact
    ui.minor_label.setText(presumed_minor_text(view.sex) if presumed else "")
    ui.minor_label.setVisible(presumed)
    parts = [_("File mark: {mark}").format(mark=view.case_mark) if view.case_mark else _("No file mark yet")]
    if view.reference:
        parts.append(_("Reference: {ref}").format(ref=view.reference))
    ui.mark_label.setText(" · ".join(parts))
    ui.badges_label.setText(" ".join(badges(view)))
    pixmap = QPixmap()
    if photo and pixmap.loadFromData(photo):
        ui.photo_label.setPixmap(pixmap.scaled(ui.photo_label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))
    else:
        ui.photo_label.clear()
        ui.photo_label.setText(_("No photo"))


def badges(view) -> list[str]:
    """The header's badges (HTML): status, urgency, trafficking flag, 18 soon, interpreter, case, merge."""
    def badge(text: str, bg: str = "#e3f2fd", fg: str = "#0d3c61") -> str:
        return BADGE.format(bg=bg, fg=fg, text=html.escape(text))

    out = [badge(_("separated") if view.status == "separated" else _("unaccompanied"))]
    if view.urgency not in (None, "standard"):  # None: withheld from the user's role
        out.append(badge(R.label(R.URGENCIES, view.urgency), "#ffcdd2", "#7f0000"))
    if view.trafficking_flag:  # None: withheld from the user's role (facility staff)
        out.append(badge(flag_label(view.trafficking_flag), "#b00020", "#ffffff"))
    if turning_adult_soon(view.age, date.today()):
        out.append(badge(_("turns 18 soon"), "#ffe0b2", "#5d3200"))
    if view.interpreter_language:
        out.append(badge(_("interpreter: {language}").format(language=language_name(view.interpreter_language))))
    if view.case_status == "closed":
        out.append(badge(_("closed: {reason}").format(reason=R.label(R.CLOSE_REASONS, view.close_reason)),
                         "#eeeeee", "#333333"))
    else:
        out.append(badge(_("open case"), "#e8f5e9", "#1b5e20"))
    if view.merged_into_id:
        out.append(f'<a href="child:{view.merged_into_id}">'
                   + html.escape(_("merged into record no. {id} — open it").format(id=view.merged_into_id)) + "</a>")
    return out
