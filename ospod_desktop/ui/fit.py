"""Fitting small screens: a page or a tab whose content is taller than its window scrolls instead of squeezing
it, and a window never grows beyond its screen."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
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


TITLE_BAR = 32  # what a window manager's title bar takes above a window (not part of the window's size)


def available_size(widget: QWidget) -> QSize:
    """The room a window has on its screen: the screen without its taskbars, less a title bar."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() - QSize(0, TITLE_BAR)


def resize_within_screen(window: QWidget, wanted: QSize) -> None:
    """Resize `window` to `wanted`, never beyond its screen: a dialog grown taller than the screen pushes its
    buttons off it."""
    window.resize(wanted.boundedTo(available_size(window)).expandedTo(window.minimumSize()))


def scroll_tabs(tabs: QTabWidget) -> list[QScrollArea]:
    """Put each page of `tabs` in a vertical scroll area, so a tall form scrolls inside its tab instead of
    making its window taller than a small screen. Tab titles (and their Alt letters) stay."""
    areas = []
    current = tabs.currentIndex()
    for index in range(tabs.count()):
        page, title, tip = tabs.widget(index), tabs.tabText(index), tabs.tabToolTip(index)
        tabs.removeTab(index)
        area = QScrollArea()
        area.setObjectName(f"{page.objectName()}_scroll")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setWidget(page)
        tabs.insertTab(index, area, title)
        tabs.setTabToolTip(index, tip)
        areas.append(area)
    tabs.setCurrentIndex(current)
    return areas
