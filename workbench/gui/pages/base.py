"""The page contract: a widget with a key, a translated title, and `refresh()`."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from workbench.gui.context import AppContext


class Page(QWidget):
    """Subclasses set `key`, implement `title()` (through self.tr) and `refresh()`, and
    reach the rest of the app only through `self.ctx` (see AppContext)."""

    key = ""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload what the page shows (called when it becomes visible or data changed)."""

    # Pages that read a lot leave data changes for when they are on screen, so a finished
    # import or scan does not stall the window for a page nobody is looking at.
    stale = False

    def refresh_if_visible(self) -> None:
        """Refresh now if on screen; the main window refreshes a page when it is shown."""
        if self.isVisible():
            self.refresh()

    def refresh_when_shown(self) -> None:
        """Refresh now if on screen, else the next time the page is shown however it is."""
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: Any) -> None:
        if self.stale:
            self.refresh()
        super().showEvent(event)
