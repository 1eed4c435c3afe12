"""A scanned workspace per module, copied into each test, the three parties, and the
three-party package fixture of tests/core/test_bundle.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core import test_bundle
from tests.core.parties import Party, make_parties
from tests.core.services.helpers import FIXTURES
from tests.templates import WorkspaceKey, copy_workspace, template_home, template_key
from workbench.core.pii.profile import SelfProfile
from workbench.core.review import scan
from workbench.core.workspace import Workspace


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, WorkspaceKey]:
    """One scanned workspace per module (scanning is the slow part); tests copy it."""
    root = tmp_path_factory.mktemp("scanned")
    with template_home(root / "home"), \
            Workspace.create(root / "ws", SelfProfile.from_file(FIXTURES / "self.json"),
                             "Asia/Shanghai") as ws:
        ws.import_paths([FIXTURES / "feishu/chat_export.json",
                         FIXTURES / "email/handover.eml"])
        scan.scan_workspace(ws)
        return root / "ws", template_key(ws)


@pytest.fixture
def parties(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Party, Party, Party]:
    employee, hr, recipient = make_parties(tmp_path / "homes")
    monkeypatch.setenv("WORKBENCH_HOME", str(employee.home))
    return employee, hr, recipient


@pytest.fixture
def root(scanned: tuple[Path, WorkspaceKey], tmp_path: Path) -> Path:
    return copy_workspace(*scanned, tmp_path / "ws")


flow = test_bundle.flow
