"""GUI tests run offscreen unless a screen is asked for (WORKBENCH_TEST_SCREEN=1)."""

import os

if not os.environ.get("WORKBENCH_TEST_SCREEN"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest


@pytest.fixture(autouse=True)
def no_unexpected_modal_dialog(monkeypatch: pytest.MonkeyPatch):
    """Offscreen, a modal message box waits forever for a click: a test that meets one it did
    not expect would hang the run. Each one fails the test instead, with its text. Tests that
    expect a dialog patch QMessageBox themselves (their patch comes later and wins)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def record(kind: str):  # type: ignore[no-untyped-def]
        def dialog(*args, **_kwargs):  # type: ignore[no-untyped-def]
            text = str(args[2]) if len(args) > 2 else repr(args)
            shown.append(f"{kind}: {text}")
            return QMessageBox.StandardButton.Cancel
        return dialog

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    yield shown
    assert not shown, f"an unexpected dialog was shown: {shown}"


@pytest.fixture(scope="session", autouse=True)
def english_as_the_app_shows_it(qapp):  # type: ignore[no-untyped-def]
    """The app installs its English translation (counted words: "1 item", "2 items") at start;
    so do the tests, which then read what a user reads."""
    from PySide6.QtCore import QLocale

    from workbench.gui.app import install_translators, remove_translators

    translators = install_translators(qapp, QLocale(QLocale.Language.English))
    yield
    remove_translators(qapp, translators)
