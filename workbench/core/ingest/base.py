"""What every importer returns, the context (time zone) it imports in, and reading input."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

from workbench.core.errors import ImportFailed, os_reason
from workbench.core.ingest.artifacts import Artifact, Person
from workbench.core.ingest.decode import DecodedText, NotText, decode_text
from workbench.core.ingest.lines import TEXT_HINT, line_problem
from workbench.core.messages import Message


@dataclass(frozen=True)
class ImportContext:
    """Settings an import runs under: the workspace's zone decides which day a message is on."""

    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    # Long files report how far through them the importer is (0..1); this is also where a
    # cancelled import stops inside one file.
    within_file: Callable[[float], None] = field(default=lambda fraction: None, compare=False)

    def local_time(self, epoch_seconds: float) -> datetime:
        return datetime.fromtimestamp(epoch_seconds, tz=self.timezone)


@dataclass(frozen=True)
class ImportedSource:
    """One file or folder the user gave, fully extracted and not yet stored."""

    path: Path
    source_format: str
    originals: tuple[Path, ...]
    artifacts: tuple[Artifact, ...]
    people: tuple[Person, ...] = ()
    # What was left out of an otherwise good file and why (a damaged message in a mailbox),
    # one line each, for the import summary.
    notes: tuple[str, ...] = ()


Importer = Callable[[Path, ImportContext], ImportedSource]


# One file at a time is read into memory; larger ones are refused rather than risk the
# laptop's memory (a chat export of this size should be split by date first).
MAX_FILE_BYTES = 512 * 1024 * 1024


@contextmanager
def open_input(path: Path) -> Iterator[BinaryIO]:
    """The file opened for reading once it passes the size limit; read errors are refused
    with what went wrong, also those met while reading it."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFailed(path, Message("ingest.too-large", (
                size // (1 << 20), MAX_FILE_BYTES // (1 << 20))))
        with path.open("rb") as file:
            yield file
    except PermissionError as exc:
        raise ImportFailed(path, Message("ingest.no-permission")) from exc
    except OSError as exc:
        raise ImportFailed(path, Message("ingest.unreadable", (os_reason(exc),))) \
            from exc


def read_bytes(path: Path) -> bytes:
    with open_input(path) as file:
        return file.read()


def read_text(path: Path, *, long_lines: bool = False) -> DecodedText:
    """The file decoded; refused before decoding if a line is past MAX_LINE_BYTES, unless
    `long_lines` (JSON, which may hold a whole export on one line)."""
    data = read_bytes(path)
    if not long_lines and (problem := line_problem(data, TEXT_HINT)):
        raise ImportFailed(path, problem)
    try:
        return decode_text(data)
    except NotText as exc:
        raise ImportFailed(path, exc.message) from exc
