"""Rules of the layout: the core never imports Qt."""

import subprocess
import sys

CHECK = """
import importlib, pkgutil, sys
import workbench.core as core
for module in pkgutil.walk_packages(core.__path__, "workbench.core."):
    importlib.import_module(module.name)
qt = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"})
print(len([m for m in sys.modules if m.startswith("workbench.core")]))
raise SystemExit(f"Qt imported: {qt}" if qt else 0)
"""


def test_importing_every_core_module_does_not_import_qt():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr + result.stdout
    assert int(result.stdout.strip()) >= 15  # it really walked the core
