"""What changed between two trafficking-indicator assessments of a child: the answers that changed
(`core.indicators.diff_answers`), the engine's outcome, the officer's conclusion and forms, which dimensions became
met or stopped being met, and the catalogue versions when they differ. Read-only; the two are chosen from the
child's assessments (the earlier on the left)."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ospod_desktop.core.i18n import _, pgettext
from ospod_desktop.core.indicators import diff_answers
from ospod_desktop.core.indicators.codes import label
from ospod_desktop.services import trafficking
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.fit import available_size
from ospod_desktop.ui.format import format_datetime
from ospod_desktop.ui.indicator_text import outcome_badge
from ospod_desktop.ui.tasks import Task

CELL = 'style="padding:2px 12px 2px 0; vertical-align:top;"'


@dataclass(frozen=True)
class Compared:
    """The child's assessments (newest first) and the catalogue versions they were made with, by pk."""

    assessments: list
    catalogues: dict[int, object]


def load_compared(us, child_id: int) -> Compared:
    """On a worker: everything the dialog compares."""
    found = trafficking.assessments_of(us, child_id)
    return Compared(found, {pk: trafficking.catalogue_of_version(us, pk) for pk in {a.catalogue_pk for a in found}})


def assessment_title(a) -> str:
    """How an assessment is named in the choices: when, its state, its conclusion or outcome."""
    when = format_datetime(a.finished_at or a.created_at, "—")
    outcome = label("conclusion", a.conclusion) if a.conclusion else label("outcome", a.engine_outcome)
    return f"{when} · {label('status', a.status)} · {outcome}"


def _codes(answers) -> dict[str, str]:
    return {k: (v.answer if hasattr(v, "answer") else str(v)) for k, v in answers.items()}


def _text_of(indicator_id: str, *catalogues) -> str:
    for catalogue in catalogues:
        try:
            found = catalogue.indicator(indicator_id)
        except KeyError:
            found = None
        if found is not None:
            return found.text.get()
    return indicator_id


def _dimension_title(dimension_id: str, *catalogues) -> str:
    for catalogue in catalogues:
        try:
            found = catalogue.dimension(dimension_id)
        except KeyError:
            found = None
        if found is not None:
            return found.title.get()
    return dimension_id


def _tag(name: str, text: str) -> str:
    return f"<{name}>{html.escape(text)}</{name}>"


def _bold(text: str) -> str:
    return _tag("b", text)


def _row(cells: list[str]) -> str:
    return "<tr>" + "".join(f"<td {CELL}>{c}</td>" for c in cells) + "</tr>"


def comparison_html(before, after, cat_before, cat_after) -> str:
    """The differences of `after` from `before` (AssessmentViews with their catalogues) as HTML."""
    esc = html.escape
    parts: list[str] = []
    if (before.catalogue_id, before.catalogue_version) != (after.catalogue_id, after.catalogue_version):
        parts.append("<p><b>" + esc(_("The two were made with different catalogue versions: {before} and {after}. "
                                      "An indicator only one of them has counts as not known in the other.").format(
            before=f"{before.catalogue_id} {before.catalogue_version}",
            after=f"{after.catalogue_id} {after.catalogue_version}")) + "</b></p>")
    r_before, r_after = before.result(cat_before), after.result(cat_after)
    earlier, later = _("Earlier"), _("Later")
    rows = [_row([_bold(_("What")), _bold(earlier), _bold(later)])]
    summary = [
        (_("Outcome of the indicators"), outcome_badge(r_before.outcome), outcome_badge(r_after.outcome),
         r_before.outcome != r_after.outcome),
        (_("Officer's conclusion"), esc(label("conclusion", before.conclusion) or "—"),
         esc(label("conclusion", after.conclusion) or "—"), before.conclusion != after.conclusion),
        (_("Forms of exploitation suspected"), esc(", ".join(label("form", f) for f in before.forms) or "—"),
         esc(", ".join(label("form", f) for f in after.forms) or "—"), set(before.forms) != set(after.forms)),
        (pgettext("assessment", "Status"), esc(label("status", before.status)), esc(label("status", after.status)),
         before.status != after.status),
    ]
    for what, old, new, changed in summary:
        mark = "" if changed else ' <span style="color:#555;">(' + esc(_("unchanged")) + ")</span>"
        rows.append(_row([esc(what), old, new + mark]))
    parts.append(f"<table>{''.join(rows)}</table>")
    met_before = {d.id: d.met for d in r_before.dimensions}
    met_after = {d.id: d.met for d in r_after.dimensions}
    met_changes = [(d, met_before.get(d, False), met_after.get(d, False)) for d in dict.fromkeys(
        [*met_before, *met_after]) if met_before.get(d, False) != met_after.get(d, False)]
    parts.append(_tag("h4", _("Dimensions met")))
    if met_changes:
        parts.append("<ul>" + "".join(
            f"<li>{esc(_dimension_title(d, cat_after, cat_before))}: "
            + esc(_("now met") if now else _("no longer met")) + "</li>" for d, _was, now in met_changes) + "</ul>")
    else:
        parts.append(_tag("p", _("The same dimensions are met in both.")))
    changes = diff_answers(_codes(before.answers), _codes(after.answers))
    parts.append(_tag("h4", _("Answers that changed ({n})").format(n=len(changes))))
    if changes:
        answer_rows = [_row([_bold(_("Indicator")), _bold(earlier), _bold(later)])]
        answer_rows += [_row([esc(_text_of(c.indicator_id, cat_after, cat_before)), esc(label("answer", c.before)),
                              f"<b>{esc(label('answer', c.after))}</b>"]) for c in changes]
        parts.append(f"<table>{''.join(answer_rows)}</table>")
    else:
        parts.append(_tag("p", _("No answer changed.")))
    return "".join(parts)


class CompareAssessmentsDialog(QDialog):
    """Compare two of the child's assessments (`first_id` earlier, `second_id` later; by default the two newest)."""

    def __init__(self, us, child_id: int, first_id: int | None = None, second_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.us, self.child_id = us, child_id
        self._wanted = (first_id, second_id)
        self.data = Compared([], {})
        self.setWindowTitle(_("Compare assessments"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.before_combo = QComboBox(self)
        self.after_combo = QComboBox(self)
        for combo in (self.before_combo, self.after_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(20)
            combo.currentIndexChanged.connect(lambda _i: self._compare())
        form.addRow(_("Earlier"), self.before_combo)
        form.addRow(_("Later"), self.after_combo)
        layout.addLayout(form)
        self.text = QTextBrowser(self)
        self.text.setObjectName("comparison_text")
        layout.addWidget(self.text, 1)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        room = available_size(self)
        self.resize(min(820, room.width()), min(640, room.height() - 40))
        self.task = self.refresh()

    def refresh(self) -> Task:
        us, cid = self.us, self.child_id
        return Task(self, lambda: load_compared(us, cid)).success(self._loaded).failure(
            lambda exc: show_label_error(self.error_label, exc)).run()

    def _loaded(self, data: Compared) -> None:
        self.data = data
        found = data.assessments
        first, second = self._wanted
        ids = [a.id for a in found]
        # Newest first in the service: by default the later is the newest, the earlier the one before it.
        later = ids.index(second) if second in ids else 0
        earlier = ids.index(first) if first in ids else min(1, len(ids) - 1)
        for combo, index in ((self.before_combo, earlier), (self.after_combo, later)):
            combo.blockSignals(True)
            combo.clear()
            for a in found:
                combo.addItem(assessment_title(a), a.id)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self._compare()

    def chosen(self) -> tuple:
        by_id = {a.id: a for a in self.data.assessments}
        return by_id.get(self.before_combo.currentData()), by_id.get(self.after_combo.currentData())

    def _compare(self) -> None:
        before, after = self.chosen()
        if before is None or after is None or len(self.data.assessments) < 2:
            self.text.setHtml("<p>" + html.escape(_("The child needs at least two assessments to compare.")) + "</p>")
            return
        if before.id == after.id:
            self.text.setHtml("<p>" + html.escape(_("Choose two different assessments.")) + "</p>")
            return
        cats = self.data.catalogues
        self.text.setHtml(comparison_html(before, after, cats[before.catalogue_pk], cats[after.catalogue_pk]))
