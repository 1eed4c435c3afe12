"""Small hand-painted charts (QPainter only, no chart library)."""

from workbench.gui.charts.timeline import STATUS_COLOURS, TimelineBar, TimelineChart

__all__ = ["STATUS_COLOURS", "TimelineBar", "TimelineChart"]
