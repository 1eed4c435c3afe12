"""The window is on screen within two seconds of starting the app (models load later)."""

import subprocess
import sys

SCRIPT = """
import time
t0 = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import workbench.gui.app as app_module
from workbench.gui import main_window

def shown(self, event, _orig=main_window.MainWindow.showEvent):
    print(f"{time.perf_counter() - t0:.3f}", flush=True)
    QTimer.singleShot(50, QApplication.instance().quit)
    return _orig(self, event)

main_window.MainWindow.showEvent = shown
app_module.main([])
"""


def test_window_is_visible_within_two_seconds(tmp_path):
    env = {"QT_QPA_PLATFORM": "offscreen", "WORKBENCH_HOME": str(tmp_path), "PATH": "/usr/bin",
           "HOME": str(tmp_path)}
    # Warm the bytecode cache once, as an installed app would have it.
    subprocess.run([sys.executable, "-c", "import workbench.gui.main_window"], env=env,
                   check=True, timeout=120)
    started = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                             text=True, timeout=120)
    seconds = float(started.stdout.strip().splitlines()[0])
    assert seconds < 2.0, started.stderr
    assert "spacy" not in started.stderr
