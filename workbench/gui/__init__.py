"""The PySide6 desktop app: draws and dispatches; all logic lives in `workbench.core`."""
