"""The Qt binding keeps Python's reference counts right (PySide6 6.12.0 on Python 3.11 lost a
reference to None on every call that returns nothing, and the app aborted after a while)."""

import sys

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel


def test_qt_calls_do_not_leak_references_to_none(qapp):
    label, obj = QLabel(), QObject()
    before = sys.getrefcount(None)
    for _ in range(5000):
        label.setText("x")
        obj.setObjectName("y")
    assert before - sys.getrefcount(None) < 100
