"""What the child page lets a user do to placements and disappearances, and when each button is enabled.

The services decide (scope, roles, the rules); the buttons only spare the user a refusal, and follow the same
table (`core.roles.PLACEMENT_RULES`): facility staff record arrivals, departures and disappearances in their
own facility and see no Transfer, Extend or Delete; an administrator reading through the break glass changes
nothing.
"""

from __future__ import annotations

from ospod_desktop.core import placement_rules as PR
from ospod_desktop.core.i18n import _
from ospod_desktop.core.roles import PlacementAct, Role, may
from ospod_desktop.services import missing, placements
from ospod_desktop.ui.changes import Changes, Kind
from ospod_desktop.ui.format import format_date
from ospod_desktop.ui.pages.child_missing import add_report_button, episode_html, newest_first, update_report_button
from ospod_desktop.ui.pages.child_placements import open_episode


class ChildActions:
    """Mixed into `ChildPage` (which provides `ui`, `us`, `view`, `child_id` and `display_name`). The dialogs
    announce what they changed (`ui.changes`); the page reloads from that, like every other page."""

    def _setup_actions(self) -> None:
        ui, role = self.ui, self.us.actor.role
        self.missing_writer = may(role, PlacementAct.MISSING)
        ui.report_missing_button.clicked.connect(self.report_missing)
        ui.end_placement_button.clicked.connect(self.end_placement)
        ui.place_button.clicked.connect(self.place)
        ui.transfer_button.clicked.connect(self.transfer)
        ui.extend_button.clicked.connect(self.extend)
        ui.diagnostics_button.clicked.connect(self.complete_diagnostics)
        ui.informed_button.clicked.connect(self.record_informed)
        ui.return_button.clicked.connect(self.record_return)
        ui.correct_placement_button.clicked.connect(self.correct_placement)
        ui.delete_placement_button.clicked.connect(self.delete_placement)
        ui.correct_report_button.clicked.connect(self.correct_report)
        ui.correct_return_button.clicked.connect(self.correct_return)
        ui.close_episode_button.clicked.connect(self.close_episode)
        ui.reopen_episode_button.clicked.connect(self.reopen_episode)
        ui.delete_episode_button.clicked.connect(self.delete_episode)
        ui.placements_table.itemSelectionChanged.connect(self._placement_buttons)
        ui.episodes_table.itemSelectionChanged.connect(self._episode_selected)
        acts = {ui.place_button: PlacementAct.ARRIVAL, ui.end_placement_button: PlacementAct.DEPARTURE,
                ui.transfer_button: PlacementAct.TRANSFER, ui.extend_button: PlacementAct.EXTEND,
                ui.diagnostics_button: PlacementAct.CORRECT,
                ui.correct_placement_button: PlacementAct.CORRECT, ui.delete_placement_button: PlacementAct.DELETE,
                ui.report_missing_button: PlacementAct.MISSING, ui.correct_report_button: PlacementAct.MISSING,
                ui.correct_return_button: PlacementAct.MISSING, ui.close_episode_button: PlacementAct.MISSING,
                ui.reopen_episode_button: PlacementAct.MISSING, ui.delete_episode_button: PlacementAct.MISSING_DELETE}
        for button, act in acts.items():
            button.setVisible(may(role, act))
            button.setEnabled(False)
        ui.informed_button.hide()  # shown while the child is missing
        ui.return_button.hide()
        add_report_button(self)

    def _own(self, placement) -> bool:
        """Facility staff act only on placements in their own facility (the services refuse more)."""
        if placement is None or placement.withheld:
            return False
        return self.us.actor.role is not Role.FACILITY_STAFF or placement.facility_id == self.us.actor.facility_id

    def _missing_writer(self) -> bool:
        """Facility staff act on disappearances only while the child is placed with them (the services refuse
        more); others who write, always."""
        if not self.missing_writer or self.view is None:
            return False
        return self.us.actor.role is not Role.FACILITY_STAFF or self._own(self.view.current_placement)

    def _update_actions(self, view) -> None:
        ui = self.ui
        active = view.merged_into_id is None
        episode = open_episode(view)
        current = view.current_placement
        ui.report_missing_button.setEnabled(active and episode is None and self._missing_writer())
        ui.report_missing_button.setVisible(self.missing_writer and episode is None)
        for button in (ui.informed_button, ui.return_button):
            button.setVisible(self.missing_writer and episode is not None)
            button.setEnabled(self._missing_writer())
        own, role = active and self._own(current), self.us.actor.role
        ui.place_button.setEnabled(active and current is None and may(role, PlacementAct.ARRIVAL))
        ui.transfer_button.setEnabled(own and may(role, PlacementAct.TRANSFER))
        ui.end_placement_button.setEnabled(own and may(role, PlacementAct.DEPARTURE))
        ui.extend_button.setEnabled(own and may(role, PlacementAct.EXTEND) and current.legal_basis in PR.EXTENDABLE_BASES)
        diagnostic = own and current.is_diagnostic_stay  # shown while the stay's clock runs
        ui.diagnostics_button.setVisible(bool(diagnostic) and current.diagnostics_completed_on is None
                                         and may(role, PlacementAct.CORRECT))
        ui.diagnostics_button.setEnabled(bool(diagnostic))
        if view.placements and not ui.placements_table.selectedItems():
            ui.placements_table.selectRow(0)
        self._placement_buttons()
        self._episode_selected()

    # --- selection -------------------------------------------------------------------------------

    def selected_placement(self):
        rows = list(reversed(self.view.placements)) if self.view else []
        selected = self.ui.placements_table.selectionModel().selectedRows()
        index = selected[0].row() if selected else -1
        return rows[index] if 0 <= index < len(rows) else None

    def selected_episode(self):
        episodes = newest_first(self.view) if self.view else []
        selected = self.ui.episodes_table.selectionModel().selectedRows()
        index = selected[0].row() if selected else -1
        return episodes[index] if 0 <= index < len(episodes) else None

    def _placement_buttons(self) -> None:
        p = self.selected_placement()
        active = self.view is not None and self.view.merged_into_id is None
        self.ui.correct_placement_button.setEnabled(active and self._own(p))
        self.ui.delete_placement_button.setEnabled(active and p is not None and may(self.us.actor.role, PlacementAct.DELETE))

    def _episode_selected(self) -> None:
        ui, e = self.ui, self.selected_episode()
        episodes = newest_first(self.view) if self.view else []
        if e is not None:
            ui.episode_text.setHtml(episode_html(e))
        active = self.view is not None and self.view.merged_into_id is None and e is not None
        writer = active and self._missing_writer()
        ui.correct_report_button.setEnabled(writer)
        ui.correct_return_button.setEnabled(writer and e.returned_at is not None)
        ui.close_episode_button.setEnabled(writer and e.open)
        ui.reopen_episode_button.setEnabled(writer and not e.open and e is episodes[0])
        ui.delete_episode_button.setEnabled(active and may(self.us.actor.role, PlacementAct.MISSING_DELETE))
        update_report_button(self, e)

    # --- dialogs ---------------------------------------------------------------------------------

    def _open(self, dialog):
        self.dialog = dialog
        dialog.open()
        return dialog

    def report_missing(self):
        from ospod_desktop.ui.dialogs.placement_actions import MissingDialog

        if self.view is None:
            return None
        return self._open(MissingDialog(self.us, self.child_id, self.display_name(), parent=self))

    def record_informed(self):
        from ospod_desktop.ui.dialogs.placement_actions import InformedDialog

        episode = open_episode(self.view) if self.view is not None else None
        return self._open(InformedDialog(self.us, episode, parent=self)) if episode else None

    def record_return(self):
        from ospod_desktop.ui.dialogs.placement_actions import MissingReturnDialog

        episode = open_episode(self.view) if self.view is not None else None
        return self._open(MissingReturnDialog(self.us, episode, parent=self)) if episode else None

    def place(self):
        return self._placement_dialog(transfer=False)

    def transfer(self):
        return self._placement_dialog(transfer=True)

    def _placement_dialog(self, transfer: bool, correcting=None):
        from ospod_desktop.ui.dialogs.placement_dialog import PlacementDialog

        if self.view is None:
            return None
        return self._open(PlacementDialog(self.us, self.child_id, transfer, parent=self, correcting=correcting))

    def extend(self):
        from ospod_desktop.ui.dialogs.placement_actions import ExtendDialog

        if self.view is None or self.view.current_placement is None:
            return None
        return self._open(ExtendDialog(self.us, self.view.current_placement, parent=self))

    def complete_diagnostics(self):
        from ospod_desktop.ui.dialogs.placement_actions import DiagnosticsDialog

        current = self.view.current_placement if self.view is not None else None
        if current is None or not current.is_diagnostic_stay or current.diagnostics_completed_on is not None:
            return None
        return self._open(DiagnosticsDialog(self.us, current, parent=self))

    def end_placement(self):
        from ospod_desktop.ui.dialogs.placement_actions import EndPlacementDialog

        if self.view is None or self.view.current_placement is None:
            return None
        return self._open(EndPlacementDialog(self.us, self.view.current_placement, parent=self))

    def correct_placement(self):
        p = self.selected_placement() if self.view is not None else None
        return self._placement_dialog(False, correcting=p) if p is not None else None

    def _ask_reason(self, title: str, intro: str, button: str, action, changes: Changes):
        """A deletion or reopening: the reason first, then `action(reason)` on a worker."""
        from ospod_desktop.ui.dialogs.correction_dialogs import ReasonDialog

        return self._open(ReasonDialog(title, intro, button, action, self, changes))

    def delete_placement(self):
        p = self.selected_placement() if self.view is not None else None
        if p is None:
            return None
        us, pid = self.us, p.id
        intro = _("Delete the placement {place} from {start}? Do this only for a placement recorded in error. "
                  "Everything recorded of it stays in the child's history with your reason. If it was a transfer, "
                  "the placement the child came from continues.").format(place=p.place, start=format_date(p.start_date))
        return self._ask_reason(_("Delete the placement"), intro, _("Delete"),
                                lambda reason: placements.delete_placement(us, pid, reason),
                                Changes.of(Kind.PLACEMENT, Kind.FACILITY, child=self.child_id))

    def correct_report(self):
        from ospod_desktop.ui.dialogs.placement_actions import MissingDialog

        e = self.selected_episode()
        if e is None:
            return None
        return self._open(MissingDialog(self.us, self.child_id, parent=self, episode=e))

    def correct_return(self):
        from ospod_desktop.ui.dialogs.placement_actions import MissingReturnDialog

        e = self.selected_episode()
        if e is None or e.returned_at is None:
            return None
        return self._open(MissingReturnDialog(self.us, e, parent=self, correcting=True))

    def close_episode(self):
        from ospod_desktop.ui.dialogs.correction_dialogs import CloseEpisodeDialog

        e = self.selected_episode()
        return self._open(CloseEpisodeDialog(self.us, e, parent=self)) if e is not None and e.open else None

    def reopen_episode(self):
        e = self.selected_episode()
        if e is None or e.open:
            return None
        us, eid = self.us, e.id
        intro = _("Was the return or the closing recorded by mistake? Reopening shows the child as missing again "
                  "from the time last seen; what was recorded stays in the history.")
        return self._ask_reason(_("Reopen the missing episode"), intro, _("Reopen"),
                                lambda reason: missing.reopen_episode(us, eid, reason),
                                Changes.of(Kind.MISSING, child=self.child_id))

    def delete_episode(self):
        e = self.selected_episode()
        if e is None:
            return None
        us, eid = self.us, e.id
        intro = _("Delete this missing episode? Do this only for an episode recorded in error. Everything recorded "
                  "of it stays in the child's history with your reason.")
        return self._ask_reason(_("Delete the missing episode"), intro, _("Delete"),
                                lambda reason: missing.delete_episode(us, eid, reason),
                                Changes.of(Kind.MISSING, child=self.child_id))
