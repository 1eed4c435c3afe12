"""Shared test set-up: every test gets its own WORKBENCH_HOME and the sample fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    return home


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def workspace(tmp_path: Path):
    from workbench.core.profile import SelfProfile
    from workbench.core.workspace import Workspace

    profile = SelfProfile.from_file(FIXTURES / "self.json")
    ws = Workspace.create(tmp_path / "ws", profile, "Asia/Shanghai")
    yield ws
    ws.close()
