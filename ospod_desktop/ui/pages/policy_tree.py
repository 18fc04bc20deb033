"""The deadline policy as an editable tree: a row per number (label, value, unit, basis, kind), the visit steps
per setting, the flag, the date and the diagnostic-stay settings.

The tree edits a policy document (`core.policy.policy_to_data`) in place: every widget writes its value into
the dict it stands for, so the document sent to `services.due_policy.save_policy` is always what is shown. The
core validates it (ranges are deliberately wider here: a 0 is refused with a message naming the field, not
silently clamped). `focus_key` takes the JSON path of an error to the widget that holds it."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ospod_desktop.core.i18n import N_, _
from ospod_desktop.core.placement_rules import FACILITY_TYPES, label
from ospod_desktop.core.policy_fields import (
    ASYLUM_FROM,
    DATE_LABELS,
    DIAGNOSTIC_SETTINGS,
    FLAG_LABELS,
    GROUPS,
    MONTHS,
    NUMBERS,
    PLAIN_LABELS,
    SUM_EARLIER_STAYS,
    VISITS_DEFAULT,
    number_label,
    visits_label,
)
from ospod_desktop.ui.dialogs.child_fields import date_format

LABEL, VALUE, BASIS, KIND = range(4)
KINDS = {"law": N_("law"), "practice": N_("office practice")}
SPIN_MAX = 999
NONE = -1  # an optional number (a party not to inform) shows as "—"
PATH = Qt.ItemDataRole.UserRole  # a row's JSON path; a visits row's setting path at UserRole + 1
SETTING = Qt.ItemDataRole.UserRole + 1


def node_at(doc: dict[str, Any], path: str) -> Any:
    for part in path.split("."):
        doc = doc[part]
    return doc


def _group_of(path: str) -> str:
    return path.split(".", 1)[0] if "." in path else ""


class PolicyTree:
    """Fills `tree` from a policy document and keeps the document in step with the widgets."""

    def __init__(self, tree: QTreeWidget) -> None:
        self.tree = tree
        self.data: dict[str, Any] = {}
        self.fields: dict[str, QWidget] = {}  # error key ("zdvop.total_stay_months.value") -> widget
        self.rows: dict[str, QTreeWidgetItem] = {}
        self.groups: dict[str, QTreeWidgetItem] = {}
        self.row_height = max(QSpinBox().sizeHint().height(), QComboBox().sizeHint().height())

    # --- building ----------------------------------------------------------------------------------

    def show(self, data: dict[str, Any]) -> None:
        self.data = data
        self.fields.clear()
        self.rows.clear()
        self.groups.clear()
        self.tree.clear()
        for n in NUMBERS:
            node = node_at(data, n.path)
            row = self._row(self._group(_group_of(n.path)), number_label(n), n.path)
            self._spin(row, n.path + ".value", node, "value", n.optional, n.unit)
            self._basis(row, n.path, node)
            if n.path == "zdvop.total_stay_months":
                self._flag(SUM_EARLIER_STAYS)
            elif n.path == "diagnostic_stay.weeks":
                self._settings()
            elif n.path == "guardian.asylum_representative_working_days":
                self._date()
        visits = self._group("visits")
        self._visits(visits, VISITS_DEFAULT, None)
        for setting in data["visits"]["by_setting"]:
            self._visits(visits, f"visits.by_setting.{setting}", setting)
        self.tree.expandAll()

    def _group(self, key: str) -> QTreeWidgetItem:
        if key not in self.groups:
            item = QTreeWidgetItem(self.tree, [_(GROUPS[key])])
            item.setSizeHint(LABEL, QSize(0, self.row_height))  # the rows are as high as their spin boxes
            font = item.font(LABEL)
            font.setBold(True)
            item.setFont(LABEL, font)
            item.setFirstColumnSpanned(True)
            self.groups[key] = item
        return self.groups[key]

    def _row(self, parent: QTreeWidgetItem, text: str, path: str) -> QTreeWidgetItem:
        row = QTreeWidgetItem(parent, [text])
        row.setSizeHint(LABEL, QSize(0, self.row_height))
        row.setToolTip(LABEL, f"{text}\n{path}")
        row.setData(LABEL, PATH, path)
        self.rows[path] = row
        return row

    def _put(self, row: QTreeWidgetItem, column: int, key: str, widget: QWidget) -> None:
        widget.setObjectName(re.sub(r"\W+", "_", key))
        widget.setProperty("policy_key", key)
        self.tree.setItemWidget(row, column, widget)
        self.fields[key] = widget

    def _spin(self, row: QTreeWidgetItem, key: str, node: dict[str, Any], name: str, optional: bool = False,
              unit: str = "") -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(NONE if optional else 0, SPIN_MAX)
        if unit:
            spin.setSuffix(" " + _(unit))
        if optional:
            spin.setSpecialValueText(_("none"))
        value = node.get(name)
        spin.setValue(NONE if value is None else int(value))

        def changed(v: int) -> None:
            node[name] = None if v == NONE else v

        spin.valueChanged.connect(changed)
        self._put(row, VALUE, key, spin)
        return spin

    def _basis(self, row: QTreeWidgetItem, path: str, node: dict[str, Any]) -> None:
        edit = QLineEdit(node.get("basis", ""))
        edit.setMaxLength(200)
        edit.setToolTip(_("The provision of law the number follows, or “office practice”"))
        edit.textChanged.connect(lambda text: node.__setitem__("basis", text))
        self._put(row, BASIS, path + ".basis", edit)
        combo = QComboBox()
        for code, msgid in KINDS.items():
            combo.addItem(_(msgid), code)
        combo.setCurrentIndex(max(0, combo.findData(node.get("kind"))))
        combo.currentIndexChanged.connect(lambda _i: node.__setitem__("kind", combo.currentData()))
        self._put(row, KIND, path + ".kind", combo)

    def _flag(self, path: str) -> None:
        node = node_at(self.data, path)
        row = self._row(self._group(_group_of(path)), _(FLAG_LABELS[path]), path)
        box = QCheckBox(_("yes"))
        box.setChecked(bool(node.get("value")))
        box.toggled.connect(lambda on: node.__setitem__("value", on))
        self._put(row, VALUE, path + ".value", box)
        self._basis(row, path, node)

    def _date(self) -> None:
        group, key = ASYLUM_FROM.rsplit(".", 1)
        parent = node_at(self.data, group)
        row = self._row(self._group(group), _(DATE_LABELS[ASYLUM_FROM]), ASYLUM_FROM)
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_format())
        edit.setDate(QDate.fromString(str(parent.get(key, "")), Qt.DateFormat.ISODate))
        edit.dateChanged.connect(lambda d: parent.__setitem__(key, d.toString(Qt.DateFormat.ISODate)))
        self._put(row, VALUE, ASYLUM_FROM, edit)

    def _settings(self) -> None:
        chosen: list[str] = node_at(self.data, DIAGNOSTIC_SETTINGS)
        row = self._row(self._group("diagnostic_stay"), _(PLAIN_LABELS[DIAGNOSTIC_SETTINGS]), DIAGNOSTIC_SETTINGS)
        for i, (code, msgid) in enumerate(FACILITY_TYPES.items()):
            child = QTreeWidgetItem(row, [""])
            child.setSizeHint(LABEL, QSize(0, self.row_height))
            box = QCheckBox(_(msgid))
            box.setChecked(code in chosen)

            def toggled(on: bool, code: str = code) -> None:
                if on and code not in chosen:
                    chosen.append(code)
                elif not on and code in chosen:
                    chosen.remove(code)
                chosen.sort(key=list(FACILITY_TYPES).index)

            box.toggled.connect(toggled)
            self.tree.setItemWidget(child, LABEL, box)
            child.setFirstColumnSpanned(True)
            box.setObjectName(f"diagnostic_setting_{code}")
            if i == 0:
                self.fields[DIAGNOSTIC_SETTINGS] = box

    def _visits(self, parent: QTreeWidgetItem, path: str, setting: str | None) -> None:
        node = node_at(self.data, path)
        name = label(FACILITY_TYPES, setting) if setting else _("Any other setting")
        row = self._row(parent, name, path)
        row.setToolTip(LABEL, f"{visits_label(setting)}\n{path}")
        row.setData(LABEL, SETTING, path)
        self._basis(row, path, node)
        self._steps(row, path)

    def _steps(self, row: QTreeWidgetItem, path: str) -> None:
        steps = node_at(self.data, path)["steps"]
        for i, step in enumerate(steps):
            where = f"{path}.steps[{i}]"
            last, n = i == len(steps) - 1, i + 1
            if not last:
                until = self._row(row, _("Step {n}: ends at month of the placement").format(n=n),
                                  f"{where}.until_month")
                until.setData(LABEL, SETTING, path)
                self._spin(until, f"{where}.until_month", step, "until_month")
            text = (_("Visit every") if len(steps) == 1 else
                     _("Step {n} (from then on): visit every").format(n=n) if last else
                     _("Step {n}: visit every").format(n=n))
            every = self._row(row, text, f"{where}.every_months")
            every.setData(LABEL, SETTING, path)
            self._spin(every, f"{where}.every_months", step, "every_months", unit=MONTHS)

    # --- the visit steps ---------------------------------------------------------------------------

    def selected_setting(self) -> str | None:
        """The visits setting (its JSON path) of the selected row, if it is one of the visits rows."""
        item = self.tree.currentItem()
        return item.data(LABEL, SETTING) if item is not None else None

    def add_step(self, path: str) -> None:
        """A new last step: the last one so far ends 6 months after the step before it ends."""
        steps = node_at(self.data, path)["steps"]
        start = steps[-2]["until_month"] if len(steps) > 1 else 0
        steps[-1]["until_month"] = start + 6
        steps.append({"every_months": steps[-1]["every_months"]})
        self._rebuild_steps(path)

    def remove_step(self, path: str) -> None:
        steps = node_at(self.data, path)["steps"]
        if len(steps) > 1:
            steps.pop()
            steps[-1].pop("until_month", None)
            self._rebuild_steps(path)

    def _rebuild_steps(self, path: str) -> None:
        row = self.rows[path]
        for key in [k for k in self.fields if k.startswith(path + ".steps")]:
            del self.fields[key]
        for key in [k for k in self.rows if k.startswith(path + ".steps")]:
            del self.rows[key]
        row.takeChildren()
        self._steps(row, path)
        row.setExpanded(True)
        self.tree.setCurrentItem(row)

    # --- errors ------------------------------------------------------------------------------------

    def widget_for(self, key: str) -> QWidget | None:
        """The widget an error's JSON path is about (a relation between numbers: the first number's value)."""
        if key in self.fields:
            return self.fields[key]
        return next((w for k, w in self.fields.items() if k.startswith(key + ".") or k.startswith(key + "[")),
                    None)

    def focus_key(self, key: str) -> QWidget | None:
        widget = self.widget_for(key)
        if widget is None:
            return None
        for item in self._items():
            for column in (LABEL, VALUE, BASIS, KIND):
                if self.tree.itemWidget(item, column) is widget:
                    self.tree.setCurrentItem(item)
                    self.tree.scrollToItem(item)
        widget.setFocus()
        return widget

    def _items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            out.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return out
