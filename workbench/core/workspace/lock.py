"""One process at a time per workspace: an exclusive lock file, shared by that process's threads.

The app opens a workspace on several threads at once (the window, background tasks), each with
its own connection; those share the process's hold. Another process (a second window, a
command line, a second `make run`) is refused with a clear message. The lock is an OS file
lock (`filelock`: flock on Unix, msvcrt on Windows), so a killed process never leaves a
stale lock behind.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.errors import NotAWorkspace, WorkspaceInUse

if TYPE_CHECKING:
    from filelock import BaseFileLock

LOCK_NAME = "workspace.lock"


class _Hold:
    def __init__(self, lock: BaseFileLock | None) -> None:
        self.lock = lock  # None: held for us by the parent process (the scan's child)
        self.count = 0


_holds: dict[str, _Hold] = {}
_guard = threading.Lock()


def _key(root: Path) -> str:
    return str(Path(root).resolve())


def acquire(root: Path) -> None:
    """Hold the workspace for this process (counted: each acquire needs a release)."""
    import filelock

    key = _key(root)
    with _guard:
        hold = _holds.get(key)
        if hold is None:
            if not Path(root).is_dir():
                raise NotAWorkspace(Path(root))
            lock = filelock.FileLock(Path(root) / LOCK_NAME, timeout=0, mode=0o600,
                                     thread_local=False)
            try:
                lock.acquire(timeout=0)
            except filelock.Timeout:
                raise WorkspaceInUse(Path(root)) from None
            except OSError as exc:
                raise WorkspaceInUse(Path(root), exc) from exc
            hold = _holds[key] = _Hold(lock)
        hold.count += 1


def release(root: Path) -> None:
    key = _key(root)
    with _guard:
        hold = _holds.get(key)
        if hold is None:
            return
        hold.count -= 1
        if hold.count <= 0:
            del _holds[key]
            if hold.lock is not None:
                hold.lock.release()


@contextlib.contextmanager
def holding(root: Path) -> Iterator[None]:
    """Hold the workspace for the duration of the block (e.g. while a child process works
    in it, or while the app shows it)."""
    acquire(root)
    try:
        yield
    finally:
        release(root)


def held_by_parent(root: Path) -> None:
    """In a child process that works for a parent which holds the workspace: open it without
    taking the lock (the parent keeps it until the child is done)."""
    with _guard:
        _holds.setdefault(_key(root), _Hold(None)).count += 1
