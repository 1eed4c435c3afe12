"""Workspaces made once per test module and copied into each test, with their keys."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

from workbench.core.paths import using_home
from workbench.core.trust import sealing, secrets_store
from workbench.core.workspace import Workspace

WorkspaceKey = tuple[str, str]


@contextlib.contextmanager
def template_home(home: Path) -> Iterator[None]:
    """Module fixtures run before a test's own keyring exists: their keys go to a passphrase
    file in `home`, never to the machine's real key store."""
    secrets_store.forget_stores()
    with using_home(home, WORKBENCH_KEYRING="file",
                    WORKBENCH_PASSPHRASE="ochre walrus juggles seventeen lanterns",
                    WORKBENCH_TEST_SCRYPT_LOG_N="10"):
        yield
    secrets_store.forget_stores()


def template_key(ws: Workspace) -> WorkspaceKey:
    return ws.key_for_child_process()


def copy_workspace(template: Path, key: WorkspaceKey, target: Path) -> Path:
    """A copy of the template that this process can open: it shares the template's key."""
    shutil.copytree(template, target)
    sealing.remember_key(*key)
    return target
