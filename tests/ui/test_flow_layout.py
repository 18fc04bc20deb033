"""The wrapping button row: a narrow width moves buttons to the next line instead of cutting their text."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ospod_desktop.ui.flow_layout import wrap_row

LABELS = ["Opravit oznámení…", "Opravit návrat…", "Uzavřít bez návratu…", "Znovu otevřít…", "Smazat…"]


def test_a_narrow_row_wraps_and_no_button_is_cut(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    row = QHBoxLayout(host)
    buttons = [QPushButton(text) for text in LABELS]
    for button in buttons:
        row.addWidget(button)
    flow = wrap_row(row, keep_right=1)
    one_line = flow.layout().heightForWidth(2000)
    assert flow.layout().heightForWidth(300) > one_line  # wraps onto more lines
    host.resize(420, 200)
    host.show()
    qtbot.waitExposed(host)
    placed = buttons[:-1]
    assert len({b.geometry().top() for b in placed}) > 1
    for button in placed:  # every button gets its full width, inside the row
        assert button.width() >= button.sizeHint().width() and button.geometry().right() <= flow.width()
    assert buttons[-1].parent() is host and buttons[-1].isVisible()  # the delete button stays apart, on the right
