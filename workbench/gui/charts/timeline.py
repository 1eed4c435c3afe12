"""The deadlines timeline: a date axis from today on, one bar per package ending at its
delete-by date, coloured by status, with today marked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

# Keyed by the core's status words (workbench.core.package.deadlines.status_of); the table on the
# Deadlines page uses the same colours so the chart and the list read as one.
STATUS_COLOURS: dict[str, QColor] = {
    "active": QColor("#2e7d32"),
    "due soon": QColor("#e08e0b"),
    "overdue": QColor("#c62828"),
    "withdrawn (due now)": QColor("#8e24aa"),
    "deleted ✓": QColor("#9e9e9e"),
}
ROW_HEIGHT = 26
BAR_HEIGHT = 14
AXIS_HEIGHT = 40
MARGIN = 12
LEGEND_HEIGHT = 28


@dataclass(frozen=True)
class TimelineBar:
    label: str
    end: date
    status: str
    tooltip: str = ""


class TimelineChart(QWidget):
    """Call `set_bars(bars, today)`; the widget grows with the number of bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[TimelineBar] = []
        self.today = date.today()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.empty_text = self.tr("No deadlines to show yet.")
        self.today_text = self.tr("Today")

    def set_bars(self, bars: list[TimelineBar], today: date) -> None:
        self.bars = list(bars)
        self.today = today
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        rows = max(len(self.bars), 1)
        return QSize(600, AXIS_HEIGHT + rows * ROW_HEIGHT + LEGEND_HEIGHT + MARGIN)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, self.sizeHint().height())

    # -- geometry ---------------------------------------------------------------------------

    def date_range(self) -> tuple[date, date]:
        """From today (or the earliest overdue deadline) to the latest delete-by."""
        ends = [b.end for b in self.bars] or [self.today]
        start = min(min(ends), self.today)
        end = max(max(ends), self.today + timedelta(days=7))
        # A little room on both sides so bars and the today line never touch the edges.
        pad = max((end - start).days // 30, 1)
        return start - timedelta(days=pad), end + timedelta(days=pad)

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(b.label) for b in self.bars), default=0)
        return min(max(widest + 16, 90), max(self.width() // 3, 90))

    def _plot(self) -> QRectF:
        left = MARGIN + self._label_width()
        return QRectF(left, AXIS_HEIGHT, max(self.width() - left - MARGIN * 2, 10),
                      len(self.bars) * ROW_HEIGHT)

    def x_of(self, day: date) -> float:
        start, end = self.date_range()
        plot = self._plot()
        span = max((end - start).days, 1)
        return plot.left() + plot.width() * (day - start).days / span

    def _ticks(self) -> list[tuple[date, str]]:
        start, end = self.date_range()
        span = (end - start).days
        if span > 75:
            months = max(1, round(span / 30 / 6))  # about six labels across
            ticks: list[tuple[date, str]] = []
            year, month = start.year, start.month + 1
            while True:
                if month > 12:
                    year, month = year + 1, month - 12
                day = date(year, month, 1)
                if day > end:
                    return ticks
                ticks.append((day, day.strftime("%Y-%m")))
                month += months
        step = max(1, span // 6)
        return [(start + timedelta(days=d), (start + timedelta(days=d)).strftime("%m-%d"))
                for d in range(step, span, step)]

    # -- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        if not self.bars:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        plot = self._plot()
        grid = QColor(text)
        grid.setAlpha(40)
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() * 0.85, 7))
        painter.setFont(small)
        for day, label in self._ticks():
            x = self.x_of(day)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, AXIS_HEIGHT - 4), QPointF(x, plot.bottom()))
            painter.setPen(text)
            painter.drawText(QRectF(x - 40, AXIS_HEIGHT - 22, 80, 16),
                             Qt.AlignmentFlag.AlignCenter, label)
        painter.setFont(self.font())
        for row, bar in enumerate(self.bars):
            top = plot.top() + row * ROW_HEIGHT
            painter.setPen(text)
            painter.drawText(QRectF(MARGIN, top, self._label_width() - 8, ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             self.fontMetrics().elidedText(bar.label, Qt.TextElideMode.ElideRight,
                                                           self._label_width() - 8))
            colour = STATUS_COLOURS.get(bar.status, QColor("#607d8b"))
            end_x = self.x_of(bar.end)
            rect = QRectF(plot.left(), top + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                          max(end_x - plot.left(), 3), BAR_HEIGHT)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(rect, 3, 3)
        # Today: a line across every row, labelled at the top.
        accent = palette.color(QPalette.ColorRole.Highlight)
        x = self.x_of(self.today)
        painter.setPen(QPen(accent, 2))
        painter.drawLine(QPointF(x, AXIS_HEIGHT - 6), QPointF(x, plot.bottom() + 4))
        painter.setFont(small)
        painter.drawText(QRectF(x - 50, 2, 100, 16), Qt.AlignmentFlag.AlignCenter,
                         self.today_text)
        self._paint_legend(painter, plot.bottom() + 12, text)
        painter.end()

    def _paint_legend(self, painter: QPainter, top: float, text: QColor) -> None:
        """One swatch per status present, so the colours need no explaining."""
        x = float(self._plot().left())
        metrics = painter.fontMetrics()
        seen = [s for s in STATUS_COLOURS if any(b.status == s for b in self.bars)]
        for status in seen:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(STATUS_COLOURS[status])
            painter.drawRoundedRect(QRectF(x, top + 3, 12, 10), 2, 2)
            painter.setPen(text)
            label = status_label(status)
            painter.drawText(QRectF(x + 16, top, metrics.horizontalAdvance(label) + 4, 16),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)
            x += 16 + metrics.horizontalAdvance(label) + 18

    def bar_at(self, y: float) -> TimelineBar | None:
        row = int((y - AXIS_HEIGHT) // ROW_HEIGHT)
        return self.bars[row] if y >= AXIS_HEIGHT and 0 <= row < len(self.bars) else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(event.y())
            if bar is not None and bar.tooltip:
                QToolTip.showText(event.globalPos(), bar.tooltip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


def status_label(status: str) -> str:
    """The core's status word, said in the user's language."""
    labels = {
        "active": QCoreApplication.translate("Deadlines", "active"),
        "due soon": QCoreApplication.translate("Deadlines", "due soon"),
        "overdue": QCoreApplication.translate("Deadlines", "overdue"),
        "withdrawn (due now)": QCoreApplication.translate("Deadlines", "withdrawn (due now)"),
        "deleted ✓": QCoreApplication.translate("Deadlines", "deleted ✓"),
    }
    return labels.get(status, status)
