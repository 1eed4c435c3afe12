"""Importing an employee's revocation (from the Receive and Deadlines pages): pick the file,
check and keep it off the UI thread, and say what it changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from workbench.core.services import receiving
from workbench.gui.pages.base import Page


def import_revocation_dialog(page: Page, done: Callable[[], None]) -> None:
    """Pick a .revocation file from the employee and import it."""
    path, _ = QFileDialog.getOpenFileName(
        page, QCoreApplication.translate("Revocations", "Import a revocation"), str(Path.home()),
        QCoreApplication.translate("Revocations",
                                   "Revocations (*.revocation *.json);;All files (*)"))
    if not path:
        return

    def imported(result: receiving.RevocationImported) -> None:
        short = receiving.short_package(result.package)
        if result.already:
            text = QCoreApplication.translate(
                "Revocations", "This revocation by {0} for package {1} was already imported; "
                "nothing was changed.")
        elif result.held:
            text = QCoreApplication.translate(
                "Revocations", "Revocation imported: {0} withdrew consent for package {1}. It "
                "can no longer be opened, and every opened copy must be purged now.")
        else:
            text = QCoreApplication.translate(
                "Revocations", "Revocation kept: {0} withdrew consent for package {1}, which "
                "you have not opened. It will be refused if it arrives from {0}.")
        others = result.others_message()
        text = text.format(result.employee, short)
        if others is not None and not result.already:
            text += "\n\n" + others.text()
        page.ctx.show_info(text)
        page.ctx.data_changed.emit()
        done()

    page.ctx.run_task(lambda progress, cancel: receiving.import_revocation(Path(path)),
                      QCoreApplication.translate("Revocations", "Importing the revocation"),
                      imported)
