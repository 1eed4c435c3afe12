from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from workbench.gui.main_window import MainWindow


def test_window_lists_the_artifacts_of_a_workspace(qtbot, workspace, fixtures: Path):
    workspace.import_paths([fixtures / "email/handover.eml", fixtures / "slack"])
    window = MainWindow()
    qtbot.addWidget(window)
    window.load_workspace(workspace.root)
    page = window.pages["artifacts"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)  # read off the UI thread
    titles = {page.model.row_at(i).title for i in range(3)}
    assert "发布步骤.txt" in titles and "#release · 2024-03-04" in titles
    # Counted off the UI thread.
    qtbot.waitUntil(lambda: "0 of 3 reviewed" in window.counts.text(), timeout=10_000)


def test_demo_is_prepared_in_the_background_then_opened_ready_to_review(qtbot, tmp_path,
                                                                        monkeypatch):
    for name, value in (("WORKBENCH_HOME", str(tmp_path / "home")),
                        ("WORKBENCH_KEYRING", ""), ("WORKBENCH_PASSPHRASE", "")):
        monkeypatch.setenv(name, value)  # the demo changes them; restore them afterwards
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_demo(tmp_path / "demo")
    assert window.progress.isVisibleTo(window)  # progress shows while the pool works
    page = window.pages["artifacts"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 20, timeout=90_000)
    qtbot.waitUntil(lambda: "0 of 20 reviewed" in window.counts.text(), timeout=10_000)
    assert sum(page.model.findings.values()) > 40  # scanned, ready to review


def test_opening_a_folder_that_is_not_a_workspace_shows_a_dialog(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    window = MainWindow()
    qtbot.addWidget(window)
    window.load_workspace(tmp_path)
    assert len(shown) == 1 and "not a Consent Workbench workspace" in shown[0]
    assert window.ctx.workspace_path is None


def test_failed_background_work_shows_the_error(qtbot, monkeypatch):
    from workbench.core.errors import ImportFailed

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    window = MainWindow()
    qtbot.addWidget(window)

    def work(progress, cancel):
        raise ImportFailed(Path("x.json"), "it is not valid JSON")

    window.run_task(work, "working", lambda _r: None)
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    assert "x.json" in shown[0]
    qtbot.waitUntil(lambda: not window.progress.isVisibleTo(window), timeout=5_000)


def test_every_page_has_a_title_in_the_navigation(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles and all(titles)
    for key in window.pages:
        window.show_page(key)
        assert window.current_page().key == key


def test_each_role_lands_on_its_own_pages_and_sees_no_other_roles(qtbot):
    from workbench.core.trust import keys

    def shown(window) -> set[str]:
        return {window.nav.item(r).data(Qt.ItemDataRole.UserRole)
                for r in range(window.nav.count()) if not window.nav.item(r).isHidden()}

    keys.create_identity(keys.Role.HR, "陈静")
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.current_page().key == "countersign"
    assert shown(window) == {"countersign", "keys"}
    keys.create_identity(keys.Role.RECIPIENT, "Payments AI team")
    window.ctx.identities_changed.emit()
    assert shown(window) == {"countersign", "receive", "deadlines", "keys"}
    assert window.current_page().key == "countersign"  # where they were stays
    keys.create_identity(keys.Role.EMPLOYEE, "李娜")
    window.ctx.identities_changed.emit()
    assert {"artifacts", "review", "consent", "export"} <= shown(window)


def test_every_page_module_is_in_the_window():
    """Pages are imported by name: a page module left out of PAGES would never be shown."""
    import importlib
    import pkgutil

    from workbench.gui import pages
    from workbench.gui.main_window import PAGES
    from workbench.gui.pages.base import Page

    found = set()
    for module in pkgutil.iter_modules(pages.__path__):
        loaded = importlib.import_module(f"{pages.__name__}.{module.name}")
        found |= {value for value in vars(loaded).values()
                  if isinstance(value, type) and issubclass(value, Page) and value is not Page
                  and value.__module__ == loaded.__name__}
    assert found == set(PAGES)
    assert len({page.key for page in PAGES}) == len(PAGES)


def test_a_page_that_fails_to_import_stops_the_start(tmp_path):
    import os
    import subprocess
    import sys

    # None in sys.modules makes `import workbench.gui.pages.deadlines` raise ImportError.
    script = ("import sys; sys.modules['workbench.gui.pages.deadlines'] = None\n"
              "from workbench.cli import main\n"
              "raise SystemExit(main([]))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WORKBENCH_HOME": str(tmp_path),
           "WORKBENCH_LANG": "en"}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "The desktop app cannot start" in result.stderr
    assert "workbench.gui.pages.deadlines" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_copies_diagnostics_to_the_clipboard_off_the_ui_thread(qtbot):
    from PySide6.QtGui import QGuiApplication

    from workbench.core import logs

    logs.setup()
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        QGuiApplication.clipboard().clear()
        help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
        (action,) = [a for a in help_menu.actions() if a.text() == "Copy &diagnostics"]
        action.trigger()
        qtbot.waitUntil(lambda: QGuiApplication.clipboard().text().startswith(
            "Consent Workbench "), timeout=10_000)
        text = QGuiApplication.clipboard().text()
        assert "qt: " in text and "key store: " in text and "pyside6: " in text
        assert "Diagnostics copied" in window.statusBar().currentMessage()
        qtbot.waitUntil(lambda: "diagnostics.copied" in "\n".join(logs.tail(5)))
    finally:
        logs.close()
