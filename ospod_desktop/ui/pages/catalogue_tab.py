"""The trafficking-indicator catalogue (a tab of Administration): the version in use (id, version, sources, notice,
counts), every version imported, "Import new version…", and a read-only browse of its dimensions and indicators
with their guidance.

An import is checked first (`core.indicators.check_catalogue_text`): an invalid file lists every problem, each
naming its JSON path or id, and nothing changes; a valid one asks for a reason, then `services.trafficking.
import_catalogue` (which checks again and audits) makes it the version in use. Earlier assessments keep theirs."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ospod_desktop.core.i18n import _, ngettext
from ospod_desktop.core.indicators import FILE_MAX, Localized, check_catalogue_text, parse_catalogue
from ospod_desktop.core.indicators.codes import label
from ospod_desktop.services import trafficking
from ospod_desktop.ui.changes import Changes, Kind, RefreshOnChange
from ospod_desktop.ui.errors import show_label_error
from ospod_desktop.ui.format import format_datetime
from ospod_desktop.ui.tables import fill_table
from ospod_desktop.ui.tasks import Task
from ospod_desktop.ui.widgets import enlarge

OK_STYLE = "color: #1b5e20;"


def _load(us):
    """On a worker: the catalogue in use and the versions."""
    return trafficking.catalogue_in_use(us), trafficking.catalogue_versions(us)


def rule_count(catalogue) -> int:
    rules = catalogue.data.get("rules", {})
    overrides = rules.get("dimension_overrides", {}) or {}
    return len(rules.get("dimension_met", ())) + sum(len(v) for v in overrides.values()) + len(rules.get("outcomes", ()))


def counts_text(catalogue) -> str:
    dims = ngettext("{n} dimension", "{n} dimensions", len(catalogue.dimensions)).format(n=len(catalogue.dimensions))
    inds = ngettext("{n} indicator", "{n} indicators", len(catalogue.indicators)).format(n=len(catalogue.indicators))
    rules = ngettext("{n} rule", "{n} rules", rule_count(catalogue)).format(n=rule_count(catalogue))
    return ", ".join((dims, inds, rules))


def used_for(source: dict) -> str:
    """What a source was used for, in the app's language (a catalogue may also give one text for both)."""
    value = source.get("used_for") or ""
    return Localized.of(value).get() if isinstance(value, dict) else str(value)


def summary_html(catalogue, version) -> str:
    """The version in use: what it is, where it comes from, its notice, its sources."""
    esc = html.escape
    if version is None or version.imported_at is None or version.by is None:
        origin = _("shipped with the program")
    else:
        origin = _("imported {when} by {who}").format(when=format_datetime(version.imported_at), who=version.by)
    head = _("In use: {title} ({id}), version {version}; {origin}.").format(
        title=catalogue.title.get(), id=catalogue.id, version=catalogue.version, origin=origin)
    sources = "".join(
        "<li>" + esc(s.get("title", "")) + (f' — <span style="color:#555;">{esc(used_for(s))}</span>'
                                           if s.get("used_for") else "")
        + (f' <span style="color:#555;">({esc(s["url"])})</span>' if s.get("url") else "") + "</li>"
        for s in catalogue.sources)
    notice = catalogue.notice.get() if catalogue.notice is not None else ""
    heading = _("Sources")
    return (f"<p><b>{esc(head)}</b><br>{esc(counts_text(catalogue))}</p>"
            + (f'<p style="background:#fff3cd; color:#5d4200;">{esc(notice)}</p>' if notice else "")
            + f"<p><b>{esc(heading)}</b></p><ul>{sources}</ul>")


def problems_text(problems) -> str:
    """Every problem of a refused file, one per line, each naming its JSON path or id."""
    head = ngettext("The file was not imported: {n} problem.", "The file was not imported: {n} problems.",
                    len(problems)).format(n=len(problems))
    return head + "\n" + "\n".join(f"• {p.path}: {p.message}" for p in problems)


class CatalogueTab(RefreshOnChange, QWidget):
    """Loads when first shown and after an import (`Kind.ASSESSMENT` announced)."""

    def __init__(self, us, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.us = us
        self.catalogue = None
        self.versions: list = []
        self.dialog = None
        layout = QVBoxLayout(self)
        title = QLabel(_("Indicator catalogue"), self)
        enlarge(title, 1.2)
        layout.addWidget(title)
        buttons = QHBoxLayout()
        intro = QLabel(_("The indicators of child trafficking the officers' assessments use, and the rules that give "
                         "the outcome. A new version applies to new assessments; earlier ones keep theirs."), self)
        intro.setWordWrap(True)
        buttons.addWidget(intro, 1)
        self.import_button = QPushButton(_("Import new version…"), self)
        self.import_button.clicked.connect(self._choose_import)
        buttons.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(buttons)
        self.status_label = QLabel(self)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # problems quote the refused file
        self.status_label.setObjectName("status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.hide()
        layout.addWidget(self.status_label)
        self.tabs = QTabWidget(self)
        self.summary = QTextBrowser(self)
        self.summary.setObjectName("catalogue_summary")
        self.summary.setOpenExternalLinks(False)
        self.tabs.addTab(self.summary, _("In use"))
        self.tabs.addTab(self._browse(), _("Indicators"))
        self.versions_table = QTableWidget(0, 5, self)
        self.versions_table.setObjectName("versions_table")
        self.versions_table.setHorizontalHeaderLabels(
            [_("Version"), _("Catalogue"), _("Imported"), _("By"), _("In use")])
        self.versions_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions_table.verticalHeader().hide()
        header = self.versions_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tabs.addTab(self.versions_table, _("Versions"))
        layout.addWidget(self.tabs, 1)
        self.follow_changes()

    def _browse(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.tree = QTreeWidget(splitter)
        self.tree.setObjectName("indicator_tree")
        self.tree.setHeaderLabels([_("Dimension or indicator"), _("Strength")])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda item, _old: self._show_guidance(item))
        self.guidance = QTextBrowser(splitter)
        self.guidance.setObjectName("guidance_text")
        splitter.addWidget(self.tree)
        splitter.addWidget(self.guidance)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        return splitter

    def wants(self, changes: Changes) -> bool:
        return changes.has(Kind.ASSESSMENT) and not changes.ids_of(Kind.CHILD)

    # --- reading -----------------------------------------------------------------------------------

    def refresh(self) -> Task:
        us = self.us
        self.import_button.setEnabled(False)
        return Task(self, lambda: _load(us)).success(self._show).failure(self._failed).run()

    def _show(self, result) -> None:
        in_use, self.versions = result
        self.catalogue = in_use.catalogue
        version = next((v for v in self.versions if v.pk == in_use.pk), None)
        self.summary.setHtml(summary_html(self.catalogue, version))
        fill_table(self.versions_table, [
            [v.version, v.catalogue_id, format_datetime(v.imported_at, "—"), v.by or _("shipped with the program"),
             _("yes") if v.in_use else ""] for v in self.versions])
        self._fill_tree()
        self.import_button.setEnabled(True)

    def _fill_tree(self) -> None:
        cat = self.catalogue
        self.tree.clear()
        for dimension in cat.dimensions:
            top = QTreeWidgetItem([f"{dimension.title.get()} ({label('element', dimension.element)})", ""])
            top.setData(0, Qt.ItemDataRole.UserRole, ("dimension", dimension.id))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            for indicator in cat.indicators_of(dimension.id):
                item = QTreeWidgetItem([indicator.text.get(), label("strength", indicator.strength)])
                item.setToolTip(0, indicator.text.get())
                item.setData(0, Qt.ItemDataRole.UserRole, ("indicator", indicator.id))
                top.addChild(item)
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        self.guidance.setHtml("<p style='color:#555;'>" + html.escape(
            _("Choose an indicator to read its guidance.")) + "</p>")

    def _show_guidance(self, item: QTreeWidgetItem | None) -> None:
        if item is None or self.catalogue is None:
            return
        kind, key = item.data(0, Qt.ItemDataRole.UserRole)
        esc = html.escape
        if kind == "dimension":
            d = self.catalogue.dimension(key)
            text = f"<p><b>{esc(d.title.get())}</b> — {esc(label('element', d.element))}</p>"
            if d.description is not None:
                text += f"<p>{esc(d.description.get())}</p>"
        else:
            i = self.catalogue.indicator(key)
            forms = ", ".join(label("form", f) for f in i.forms)
            guidance, suggests = _("Guidance"), _("Suggests")
            text = (f"<p><b>{esc(i.text.get())}</b> ({esc(label('strength', i.strength))})</p>"
                    f"<p><b>{esc(guidance)}:</b> {esc(i.guidance.get())}</p>"
                    + (f"<p><b>{esc(suggests)}:</b> {esc(forms)}</p>" if forms else "")
                    + f'<p style="color:#777;">{esc(i.id)}</p>')
        self.guidance.setHtml(text)

    def _failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        show_label_error(self.status_label, exc)

    # --- importing ---------------------------------------------------------------------------------

    def _choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import an indicator catalogue"), "",
                                                    _("Catalogue files (*.json)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str):
        """Check the file; list its problems, or ask for a reason and import it. Returns the reason dialog or None."""
        try:
            with open(path, "rb") as f:
                data = f.read(FILE_MAX + 1)  # the check refuses a larger file: no need to read more of it
        except OSError:
            show_label_error(self.status_label, _("The file could not be read: {path}").format(path=path))
            return None
        problems = check_catalogue_text(data)
        if problems:
            show_label_error(self.status_label, problems_text(problems))
            return None
        show_label_error(self.status_label, "")
        return self._ask_reason(data)

    def _ask_reason(self, data: bytes):
        from ospod_desktop.ui.dialogs.correction_dialogs import ReasonDialog

        cat = parse_catalogue(data)
        us = self.us
        intro = _("The file is valid: {title} ({id}), version {version}; {counts}. It becomes the catalogue in use "
                  "for new assessments. Why is it imported?").format(
            title=cat.title.get(), id=cat.id, version=cat.version, counts=counts_text(cat))
        self.dialog = ReasonDialog(_("Import the indicator catalogue"), intro, _("Import"),
                                   lambda reason: trafficking.import_catalogue(us, data, reason), parent=self,
                                   changes=Changes.of(Kind.ASSESSMENT))
        self.dialog.saved.connect(lambda _id: self._imported(cat))
        self.dialog.open()
        return self.dialog

    def _imported(self, cat) -> None:
        self.status_label.setText(_("Version {version} of {id} was imported; it is in use now.").format(
            version=cat.version, id=cat.id))
        self.status_label.setStyleSheet(OK_STYLE)
        self.status_label.show()
