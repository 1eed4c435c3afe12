"""GUI tests run offscreen unless a screen is asked for (WORKBENCH_TEST_SCREEN=1)."""

import os

if not os.environ.get("WORKBENCH_TEST_SCREEN"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
