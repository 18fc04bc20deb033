"""Fitting small screens: a page whose content is taller than the window scrolls instead of squeezing it."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget


class _Content(QWidget):
    """The scrolled content of a page laid out top to bottom (a vertical box layout).

    A scroll area keeps its widget at least as tall as the widget's height for the viewport's width. Here that
    is the least the content needs at that width: wrapped labels at their wrapped height, and a tab widget at
    its minimum (its tables' fewest rows), not the preferred height Qt would ask of it, so the page scrolls only
    when the window is really too small."""

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        layout = self.layout()
        if layout is None:
            return super().heightForWidth(width)
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        heights = []
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item is None or item.isEmpty():
                continue
            if isinstance(item.widget(), QTabWidget):
                heights.append(item.minimumSize().height())
            elif item.hasHeightForWidth():
                heights.append(item.minimumHeightForWidth(inner))
            else:
                heights.append(item.minimumSize().height())
        return margins.top() + margins.bottom() + sum(heights) + layout.spacing() * max(len(heights) - 1, 0)


def scroll_page(page: QWidget) -> QScrollArea:
    """Move `page`'s layout (a vertical box) and its widgets into a vertical scroll area that fills the page.

    Below the content's minimum height (headers, banners, the fewest rows of its tables) the page scrolls, so
    wrapped labels never overlap and tables never shrink to a sliver; above it nothing changes. The widgets keep
    their names (`page.ui.*` still reaches them)."""
    content = _Content()
    content.setObjectName(f"{page.objectName()}_content")
    content.setLayout(page.layout())  # takes the layout and its widgets from `page`
    area = QScrollArea(page)
    area.setObjectName(f"{page.objectName()}_scroll")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(area)
    return area
