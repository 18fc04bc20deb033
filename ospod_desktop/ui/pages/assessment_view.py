"""One trafficking-indicator assessment, read-only: who made it with which catalogue version, the engine's outcome
with its reasons, the officer's conclusion (forms of exploitation, reasoning, countries), the supervisor's review,
and every answer grouped by dimension (present ones first). The approvals page and the child's assessments tab
both show it (`AssessmentPanel.show_assessment(view, catalogue)`).

Everything shown is escaped: notes and reasoning are free text an officer typed."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtWidgets import QTextBrowser, QWidget

from ospod_desktop.core.countries import country_name
from ospod_desktop.core.i18n import _, pgettext
from ospod_desktop.core.indicators.codes import label
from ospod_desktop.ui.format import format_datetime
from ospod_desktop.ui.indicator_text import outcome_badge
from ospod_desktop.ui.pages.child_text import facts_html

ANSWER_ORDER = {"present": 0, "unknown": 1, "absent": 2}
ANSWER_COLOURS = {"present": "#7f0000", "unknown": "#5d4200", "absent": "#555555"}
H3 = '<h3 style="margin:10px 0 2px 0;">'


def status_text(view) -> str:
    """The assessment's state in words, with who reviewed it when it was."""
    text = label("status", view.status)
    if view.status in ("approved", "returned") and view.reviewed_at is not None:
        text = _("{status} ({when}, {who})").format(status=text, when=format_datetime(view.reviewed_at),
                                                    who=view.reviewed_by_name or "—")
    return text


def _facts(view, catalogue) -> list[tuple[str, str | None]]:
    rows: list[tuple[str, str | None]] = [
        (pgettext("assessment", "Status"), status_text(view)),
        (_("Indicator catalogue"), _("{title}, version {version}").format(
            title=catalogue.title.get(), version=view.catalogue_version)),
        (_("Started"), f"{format_datetime(view.created_at, '—')}, {view.created_by_name or '—'}"),
    ]
    if view.finished_at is not None:
        rows.append((_("Finished"), f"{format_datetime(view.finished_at)}, {view.finished_by_name or '—'}"))
    return rows


def _conclusion(view) -> list[tuple[str, str | None]]:
    forms = ", ".join(label("form", f) for f in view.forms)
    countries = [c for c in (view.exploitation_countries or "").split(",") if c] \
        if isinstance(view.exploitation_countries, str) else list(view.exploitation_countries or ())
    rows: list[tuple[str, str | None]] = [
        (_("Officer's conclusion"), label("conclusion", view.conclusion) or _("not yet concluded")),
        (_("Forms of exploitation suspected"), forms or "—"),
        (_("Reasoning"), view.reasoning or "—"),
    ]
    if countries:
        rows.append((_("Countries of exploitation"), ", ".join(country_name(c) for c in countries)))
    if view.review_comment:
        rows.append((_("Supervisor's comment"), view.review_comment))
    return rows


def _answers_html(view, catalogue, result) -> str:
    answers: Mapping = view.answers
    met = {d.id: d for d in result.dimensions}
    parts = []
    for dimension in catalogue.dimensions:
        indicators = sorted(catalogue.indicators_of(dimension.id),
                            key=lambda i: ANSWER_ORDER.get(_answer(answers, i.id), 1))
        d = met.get(dimension.id)
        state = _("met") if d is not None and d.met else _("not met")
        colour = "#7f0000" if d is not None and d.met else "#555555"
        parts.append(f'<h4 style="margin:10px 0 2px 0;">{html.escape(dimension.title.get())} '
                     f'<span style="color:#555; font-weight:normal;">({html.escape(label("element", dimension.element))}'
                     f')</span> — <span style="color:{colour};">{html.escape(state)}</span></h4>')
        rows = []
        for indicator in indicators:
            code = _answer(answers, indicator.id)
            given = answers.get(indicator.id)
            extra = []
            if given is not None and getattr(given, "source", ""):
                extra.append(html.escape(label("source", given.source)))
            if given is not None and getattr(given, "note", ""):
                extra.append("<i>" + html.escape(given.note) + "</i>")
            rows.append(
                f'<tr><td style="padding:2px 10px 2px 0; color:{ANSWER_COLOURS.get(code, "#555")}; '
                f'white-space:nowrap;">{html.escape(label("answer", code))}</td>'
                f'<td style="padding:2px 10px 2px 0;">{html.escape(indicator.text.get())}'
                f'<span style="color:#777;"> · {html.escape(label("strength", indicator.strength))}</span>'
                + (f'<br>{" · ".join(extra)}' if extra else "") + "</td></tr>")
        parts.append(f"<table>{''.join(rows)}</table>")
    return "".join(parts)


def _answer(answers: Mapping, indicator_id: str) -> str:
    given = answers.get(indicator_id)
    return given.answer if given is not None else "unknown"


def assessment_html(view, catalogue) -> str:
    """The whole assessment as HTML (`view`: services.trafficking's AssessmentView; `catalogue`: the version it was
    made with)."""
    result = view.result(catalogue)
    reasons = "".join(f"<li>{html.escape(r)}</li>" for r in result.reasons())
    outcome, conclusion, answers = _("Outcome of the indicators"), _("Conclusion"), _("Answers by dimension")
    return (
        facts_html(_facts(view, catalogue))
        + f"{H3}{html.escape(outcome)}: " + outcome_badge(result.outcome) + "</h3>"
        + (f'<ul style="margin-top:2px;">{reasons}</ul>' if reasons else "")
        + f"{H3}{html.escape(conclusion)}</h3>" + facts_html(_conclusion(view))
        + f"{H3}{html.escape(answers)}</h3>" + _answers_html(view, catalogue, result)
    )


class AssessmentPanel(QTextBrowser):
    """A read-only view of one assessment; empty with a hint until `show_assessment`."""

    def __init__(self, parent: QWidget | None = None, empty: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("assessment_panel")
        self.setOpenLinks(False)
        self.empty_text = empty or _("Choose an assessment to see it here.")
        self.view = None
        self.clear_assessment()

    def clear_assessment(self) -> None:
        self.view = None
        self.setHtml(f'<p style="color:#555;">{html.escape(self.empty_text)}</p>')

    def show_assessment(self, view, catalogue) -> None:
        self.view = view
        self.setHtml(assessment_html(view, catalogue))
