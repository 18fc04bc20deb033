"""What the document dialog offers once a document is issued: after a police notice, to record the report itself
(the victim event "reported to the police", which resolves the `police_report` clock, prefilled with today, the
recipient as the police unit and how it was sent); after a missing-child report, to record on the episode that the
police were informed (the disappearance's own "Record informing" dialog, the police chosen)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from ospod_desktop.core.i18n import _
from ospod_desktop.services import missing
from ospod_desktop.ui.tasks import Task


class FollowUps:
    """Mixed into `DocumentDialog` (which provides `us`, `child_id`, `episode_id`, `recipient`, `_failed`)."""

    question: QMessageBox | None = None
    follow_up: QDialog | None = None

    def _offer_follow_up(self, rendered, channel: str) -> None:
        kind = rendered.request.kind
        if kind == "police":
            text = _("Record now that the suspicion was reported to the police? The record, not the document, "
                     "resolves the deadline for the report.")
            self._ask(_("Report to the police"), text, lambda: self.record_police_report(rendered, channel))
        elif kind == "missing":
            text = _("Record now that the police were informed of the disappearance?")
            self._ask(_("Missing-child report"), text, lambda: self.record_police_informed(rendered))

    def _ask(self, title: str, text: str, then) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        box.setObjectName("follow_up_question")
        yes = box.addButton(_("Record it"), QMessageBox.ButtonRole.YesRole)
        box.addButton(_("Not now"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(yes)
        box.buttonClicked.connect(lambda button: then() if button is yes else None)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.question = box
        box.open()
        return box

    def record_police_report(self, rendered, channel: str):
        """The victim event "reported to the police", prefilled: today, the recipient, how it was sent."""
        from ospod_desktop.ui.dialogs.victim_event_dialog import VictimEventDialog

        how = _("printed, sent on paper") if channel == "printed" else _("electronically (PDF)")
        how += " — " + _("č.j. {reference}").format(reference=rendered.reference)
        dialog = VictimEventDialog(self.us, self.child_id, "police_report", parent=self,
                                   body=rendered.request.recipient or self.recipient.text(), channel=how,
                                   on=date.today())
        return self._open_follow_up(dialog)

    def record_police_informed(self, rendered) -> Task:
        """The disappearance's "who was informed" dialog with the police chosen (the episode is loaded first)."""
        us, cid = self.us, self.child_id
        wanted = rendered.request.episode_id or self.episode_id
        return Task(self, lambda: missing.child_episodes(us, cid)) \
            .success(lambda episodes: self._informed_dialog(episodes, wanted)).failure(self._failed).run()

    def _informed_dialog(self, episodes, wanted: int | None):
        from ospod_desktop.ui.dialogs.placement_actions import InformedDialog

        episode = next((e for e in episodes if e.id == wanted), None) \
            or next((e for e in reversed(episodes) if e.open), None)
        if episode is None:
            return None
        dialog = InformedDialog(self.us, episode, parent=self)
        index = dialog.ui.party.findData("police")
        if index >= 0:
            dialog.ui.party.setCurrentIndex(index)
        return self._open_follow_up(dialog)

    def _open_follow_up(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.follow_up = dialog
        dialog.open()
        return dialog
