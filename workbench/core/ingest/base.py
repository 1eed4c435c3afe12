"""What every importer returns, and the context (time zone) it imports in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from workbench.core.artifacts import Artifact, Person
from workbench.core.errors import ImportFailed
from workbench.core.ingest.decode import DecodedText, NotText, decode_text


@dataclass(frozen=True)
class ImportContext:
    """Settings an import runs under: the workspace's zone decides which day a message is on."""

    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))

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


Importer = Callable[[Path, ImportContext], ImportedSource]


# One file at a time is read into memory; larger ones are refused rather than risk the
# laptop's memory (a chat export of this size should be split by date first).
MAX_FILE_BYTES = 512 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFailed(path, f"it is {size // (1 << 20)} MB; the workbench imports files "
                               f"up to {MAX_FILE_BYTES // (1 << 20)} MB. Split it (for example "
                               "by month) and import the parts.")
        return path.read_bytes()
    except PermissionError as exc:
        raise ImportFailed(path, "you don't have permission to read it") from exc
    except OSError as exc:
        raise ImportFailed(path, f"it could not be read ({exc.strerror or exc})") from exc


def read_text(path: Path) -> DecodedText:
    data = read_bytes(path)
    try:
        return decode_text(data)
    except NotText as exc:
        raise ImportFailed(path, str(exc)) from exc
