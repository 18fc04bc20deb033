"""The Statistics page's bar chart (Qt Charts: horizontal bars, one for each row of the chosen table).

Qt Charts comes with the PySide6-Addons wheel and costs ~60 ms to import: only the Statistics page imports this
module, the first time it is shown. Qt Charts cuts a category label that is wider than its share of the chart
("Returned after 24 h…"); here labels are never cut: each is wrapped onto lines (`<br>`, the axis draws rich
text) to fit a third of the chart's width, and the chart grows taller with the number of bars and lines — its
scroll area scrolls when they do not fit."""

from __future__ import annotations

import html
import math
import textwrap

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from ospod_desktop.ui.stats_rows import Bar

LABEL_SHARE = 0.34  # of the chart's width, for the category labels
MIN_LABEL_CHARS = 12
BAR_COLOR = "#1565c0"
MIN_HEIGHT = 180
STEPS = (1, 2, 5)  # the value axis ticks at 1, 2, 5, 10, 20, 50… so every tick is a whole number


def nice_step(maximum: int, ticks: int = 6) -> int:
    """The smallest step of 1, 2, 5 × 10^k with at most `ticks` steps up to `maximum`."""
    magnitude = 1
    while True:
        for step in STEPS:
            if step * magnitude * ticks >= maximum:
                return step * magnitude
        magnitude *= 10


def wrap_label(text: str, chars: int) -> list[str]:
    """A label as lines of at most `chars` characters (a longer word stays whole)."""
    return textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False) or [""]


class StatsChart(QScrollArea):
    """`show_bars(bars)` draws them, first at the top. The series, its bar set and the axes are attributes
    (`bar_set.at(i)` is the i-th bar's value)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().hide()
        self.chart.setMargins(QMargins(4, 4, 12, 4))
        self.chart.setBackgroundRoundness(0)
        self.view = QChartView(self.chart, self)
        self.view.setObjectName("stats_chart_view")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setWidget(self.view)
        self.bars: list[Bar] = []
        self.bar_set = QBarSet("")
        self.bar_set.setColor(QColor(BAR_COLOR))
        self.bar_set.setBorderColor(QColor(BAR_COLOR))
        self.bar_set.setLabelColor(QColor("black"))
        self.series = QHorizontalBarSeries()
        self.series.append(self.bar_set)
        self.series.setLabelsVisible(True)
        self.series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        self.series.setBarWidth(0.6)
        self.chart.addSeries(self.series)
        self.category_axis = QBarCategoryAxis()
        self.category_axis.setTruncateLabels(False)  # wrapped here instead
        self.value_axis = QValueAxis()
        self.value_axis.setLabelFormat("%d")
        self.value_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.value_axis.setTickAnchor(0)
        self.chart.addAxis(self.category_axis, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(self.value_axis, Qt.AlignmentFlag.AlignBottom)
        self.series.attachAxis(self.category_axis)
        self.series.attachAxis(self.value_axis)
        self._chars = 0

    def show_bars(self, bars: list[Bar]) -> None:
        self.bars = list(bars)
        self.bar_set.remove(0, self.bar_set.count())
        # Qt draws the first category at the bottom: reversed, the chart reads top-down in the table's order.
        self.bar_set.append([float(b.value) for b in reversed(self.bars)])
        maximum = max((b.value for b in self.bars), default=0)
        step = nice_step(maximum)
        # Room to the right of the longest bar for its value label.
        top = max(step, math.ceil(maximum * 1.12 / step) * step)
        self.value_axis.setTickInterval(step)
        self.value_axis.setRange(0, top)
        self._chars = 0
        self._relabel()

    def values(self) -> list[float]:
        """The bars' values, top-down (in the table's order)."""
        return [self.bar_set.at(i) for i in reversed(range(self.bar_set.count()))]

    def labels(self) -> list[str]:
        """The bars' labels as the axis shows them, top-down, lines joined by a space."""
        return [html.unescape(c.replace("<br>", " ")) for c in reversed(self.category_axis.categories())]

    def _label_chars(self) -> int:
        width = max(self.viewport().width(), 200)
        return max(MIN_LABEL_CHARS, int(width * LABEL_SHARE / max(1, self.fontMetrics().averageCharWidth())))

    def _relabel(self) -> None:
        """Wrap the labels to the chart's width, and make it tall enough for every bar and label line."""
        chars = self._label_chars()
        if chars == self._chars and self.category_axis.count() == len(self.bars):
            return
        self._chars = chars
        wrapped = [wrap_label(b.label, chars) for b in self.bars]
        categories = []
        for lines in reversed(wrapped):
            text = "<br>".join(html.escape(line) for line in lines)
            while text in categories:  # the axis needs distinct categories
                text += "\u200b"
            categories.append(text)
        self.category_axis.clear()
        self.category_axis.append(categories)
        line = self.fontMetrics().lineSpacing()
        # Every bar gets the same slot: tall enough for the longest label (Qt Charts hides a category label
        # that is taller than its slot: the bar would be drawn without it).
        tallest = max((len(w) for w in wrapped), default=1)
        self.view.setMinimumHeight(max(MIN_HEIGHT, len(wrapped) * (tallest * line + 10) + 4 * line))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.bars:
            self._relabel()
