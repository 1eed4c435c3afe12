"""Writing files so a crash leaves the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def atomic_write(target: Path, data: bytes, mode: int = 0o600) -> None:
    """Write to a temporary file beside `target`, fsync, then rename over it."""
    with atomic_file(target, mode) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_file(target: Path, mode: int = 0o600) -> Iterator[BinaryIO]:
    """A file handle whose contents replace `target` only if the block finishes."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path, default: object) -> object:
    """A JSON file this app wrote, or `default` when it does not exist yet."""
    import json

    from workbench.core.errors import BadInputError, coded

    if not path.exists():
        return default
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise coded(BadInputError, "error.json-damaged", path, exc) from exc


def write_json(path: Path, data: object) -> None:
    import json

    atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
                 .encode("utf-8"))
