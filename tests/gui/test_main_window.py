from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from workbench.gui.main_window import MainWindow


def test_window_lists_the_artifacts_of_a_workspace(qtbot, workspace, fixtures: Path):
    workspace.import_paths([fixtures / "email/handover.eml", fixtures / "slack"])
    window = MainWindow()
    qtbot.addWidget(window)
    window.load_workspace(workspace.root)
    assert window.model.rowCount() == 3
    titles = {window.model.row_at(i).title for i in range(3)}
    assert "发布步骤.txt" in titles and "#release · 2024-03-04" in titles
    assert window.stack.currentWidget() is window.table
    assert "3 artifacts · 3 pending review" in window.statusBar().currentMessage()


def test_demo_is_built_in_the_background_then_shown(qtbot, tmp_path: Path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_demo(tmp_path / "demo")
    # While the pool works the window shows progress, not a frozen screen.
    assert window.stack.currentIndex() == 1
    qtbot.waitUntil(lambda: window.model.rowCount() == 20, timeout=60_000)
    assert window.stack.currentWidget() is window.table


def test_opening_a_folder_that_is_not_a_workspace_shows_a_dialog(qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    window = MainWindow()
    qtbot.addWidget(window)
    window.load_workspace(tmp_path)
    assert len(shown) == 1 and "not a Consent Workbench workspace" in shown[0]
    assert window.model.rowCount() == 0


def test_failed_background_work_shows_the_error(qtbot, monkeypatch):
    from workbench.core.errors import ImportFailed

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    window = MainWindow()
    qtbot.addWidget(window)

    def work(progress, cancel):
        raise ImportFailed(Path("x.json"), "it is not valid JSON")

    window.run_task(work, "working", lambda _r: None)
    # The dialog is connected before the task starts, so waiting for it cannot miss it.
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    assert "x.json" in shown[0]
    assert window.stack.currentIndex() == 0
