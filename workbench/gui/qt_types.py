"""Typed access to Qt calls whose stubs allow None where the app's own widgets never give it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLayout, QWidget


def layout_of(widget: QWidget) -> QLayout:
    """The layout a widget was built with (every page and panel sets one in __init__)."""
    layout = widget.layout()
    if layout is None:
        raise RuntimeError(f"{type(widget).__name__} has no layout")
    return layout


def python_date(value: QDate) -> date:
    """A QDate as a `date` (`QDate.toPython()` is typed as returning object)."""
    return date(value.year(), value.month(), value.day())


def clear_layout(layout: QLayout) -> None:
    """Remove every item of `layout`, deleting the widgets it held."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
