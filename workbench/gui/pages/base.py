"""The page contract: a widget with a key, a translated title, and `refresh()`."""

from __future__ import annotations

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
