"""Where an export builds a package: the skill folder in clear and the package being written,
in a private folder under the app's data folder (`<data>/exporting/.export-*`, 0700), never
beside the output, where others may read it and a killed export would leave it. Only the
finished, encrypted package is moved to the output. A folder left by a killed export is
shredded by the next export (ARCHITECTURE.md §8, as custody's `.open-*` folders are)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock

from workbench.core.paths import data_dir

PREFIX = ".export-"
LOCK_NAME = ".lock"


def scratch_root() -> Path:
    """`<data>/exporting`, private to this user."""
    root = data_dir() / "exporting"
    root.mkdir(mode=0o700, exist_ok=True)
    os.chmod(root, 0o700)
    return root


def sweep() -> list[Path]:
    """Shred every `.export-*` folder no live export holds (its exporter was killed)."""
    from workbench.core.package.custody import sweep_leftovers

    return sweep_leftovers(scratch_root(), PREFIX)


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A new locked 0700 `.export-*` folder (earlier exports' leftovers swept first),
    shredded whatever happens."""
    from workbench.core.package.custody import shred

    sweep()
    work = Path(tempfile.mkdtemp(prefix=PREFIX, dir=scratch_root()))  # mkdtemp: 0700
    lock = FileLock(work / LOCK_NAME)
    lock.acquire()
    try:
        yield work
    finally:
        shred(work)
        lock.release()


def move_into_place(built: Path, out: Path) -> None:
    """Put the finished package at `out` atomically: a rename when both are on one file
    system; else a copy beside `out` (the package is encrypted), synced, then renamed over
    it. Either way `out` is the old file or the whole new one."""
    built, out = Path(built), Path(out)
    os.chmod(built, 0o600)
    try:
        os.replace(built, out)
        return
    except OSError as exc:
        import errno

        if exc.errno != errno.EXDEV:
            raise
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".cwpkg-")
    try:
        with os.fdopen(fd, "wb") as target, open(built, "rb") as source:
            while chunk := source.read(1 << 20):
                target.write(chunk)
            target.flush()
            os.fsync(target.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
