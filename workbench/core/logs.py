"""The app's log: one rotating file in the data folder that holds no personal data.

What a line may carry: event codes ("scan.done"), counts, durations, ids (artifact, package,
record), error class names and error codes, enum values (kinds, roles, decisions). What it
never carries: message text, names, addresses, numbers, titles, file names or paths inside
the user's material, passphrases, and exception messages.

Exception messages are withheld rather than redacted. The app's own errors are written for
the user and quote what they are about ("Cannot import 张伟的周报.docx …"), and errors from
libraries quote their input (a JSON parser shows the text it choked on, an OSError the path);
no pattern can tell a name from any other word, so a redacting filter would leak. A logged
exception keeps what a maintainer needs and nothing of the user's: its class, its error code
(`WorkbenchError.code`) or errno, and the frames it passed through (file, line and function,
with paths cut to the package, so the user's home folder does not show either).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import logging.handlers
import os
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from io import TextIOWrapper
from pathlib import Path
from types import TracebackType

from workbench.core.paths import data_dir

LOGGER = "workbench"
FILE_NAME = "workbench.log"
# Small: the log is for the last few sessions, and it is what "Copy diagnostics" reads.
MAX_BYTES = 1_000_000
BACKUPS = 2
FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"

# Marks the handlers `setup` installs, so a second call (tests, the demo) replaces them.
_OURS = "_workbench_handler"
_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def log_dir() -> Path:
    path = data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def log_file() -> Path:
    return log_dir() / FILE_NAME


def setup(verbose: bool = False, *, stderr: bool = False) -> Path | None:
    """Send the app's log lines (the `workbench` loggers only: libraries log what they read)
    to the rotating file; with `verbose`, debug lines too, and with `stderr` a copy there.
    Returns the file, or None when it cannot be written (the app runs on without a log)."""
    close()
    logger = logging.getLogger(LOGGER)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False
    formatter = SafeFormatter(FORMAT)
    handlers: list[logging.Handler] = []
    path: Path | None = None
    try:
        path = log_file()
        handlers.append(PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES,
                                                   backupCount=BACKUPS, encoding="utf-8"))
    except OSError as exc:
        path = None
        if stderr:
            from workbench.core.messages import t

            print(t("logs.no-file", errno.errorcode.get(exc.errno or 0, "error")),
                  file=sys.stderr)
    if stderr:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        setattr(handler, _OURS, True)
        logger.addHandler(handler)
    return path


def close() -> None:
    """Detach and close the handlers `setup` installed (at the end of a command run in
    someone else's process, e.g. a test: its later lines must not land in this file)."""
    logger = logging.getLogger(LOGGER)
    for handler in [h for h in logger.handlers if getattr(h, _OURS, False)]:
        logger.removeHandler(handler)
        handler.close()


def log_uncaught() -> None:
    """Log exceptions nothing caught (on the UI thread or any other) before Python's own
    handling of them, which the app leaves in place."""
    log = logging.getLogger(f"{LOGGER}.uncaught")
    previous_hook = sys.excepthook
    previous_thread_hook = threading.excepthook

    def hook(kind: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        log.error("uncaught", exc_info=(kind, exc, tb))
        previous_hook(kind, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            log.error("uncaught.thread", exc_info=(args.exc_type, args.exc_value,
                                                   args.exc_traceback))
        previous_thread_hook(args)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def tail(lines: int = 60) -> list[str]:
    """The last lines of the log file ([] when there is none)."""
    try:
        with log_file().open(encoding="utf-8", errors="replace") as handle:
            return [line.rstrip("\n") for line in deque(handle, maxlen=lines)]
    except OSError:
        return []


def counts(by_name: Mapping[str, int]) -> str:
    """`{"chat": 3, "email": 1}` as `chat:3,email:1` (names are codes: kinds, formats,
    entity types, never values); `-` for none."""
    return ",".join(f"{name.replace(' ', '-')}:{n}"
                    for name, n in sorted(by_name.items())) or "-"


def codes(items: Iterable[str]) -> str:
    """Codes (error codes, check names set in code) as one log word: `a,b-c`."""
    return ",".join(sorted({item.replace(" ", "-") for item in items})) or "-"


def elapsed_ms(started: float) -> int:
    """Milliseconds since `started` (a `time.monotonic()` reading)."""
    return int((time.monotonic() - started) * 1000)


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates the log file (and each new one after a rotation) readable by its owner only,
    whatever the process's umask."""

    def _open(self) -> TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with contextlib.suppress(OSError, AttributeError):  # no fchmod on Windows
            os.fchmod(fd, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


class SafeFormatter(logging.Formatter):
    """Times in UTC; exceptions as `safe_traceback` (never their messages); no stack dumps."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = datetime.fromtimestamp(record.created, UTC)
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def format(self, record: logging.LogRecord) -> str:
        # Not the base class's format: it caches the standard traceback (with the
        # exception's message) on the record, where another handler could pick it up.
        record.message = record.getMessage()
        record.asctime = self.formatTime(record)
        text = self.formatMessage(record)
        if record.exc_info and record.exc_info[1] is not None:
            text += "\n" + safe_traceback(record.exc_info[1])
        return text

    def formatException(self, ei: object) -> str:
        exc = ei[1] if isinstance(ei, tuple) and len(ei) == 3 else None
        return safe_traceback(exc) if isinstance(exc, BaseException) else ""

    def formatStack(self, stack_info: str) -> str:
        return "(stack withheld)"


def safe_traceback(exc: BaseException) -> str:
    """A traceback without anything the user wrote: each exception of the chain by class,
    error code or errno, and frames; its message is left out."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__
                                        else current.__context__)
    out: list[str] = []
    for position, item in enumerate(reversed(chain)):
        if position:
            out.append("which led to:")
        out.append("Traceback (most recent call last):")
        for frame in traceback.extract_tb(item.__traceback__):
            out.append(f'  File "{code_path(frame.filename)}", line {frame.lineno}, '
                       f"in {frame.name}")
        out.append(f"{describe(item)} (message withheld)")
    return "\n".join(out)


def describe(exc: BaseException) -> str:
    """An exception as the log names it: class, and its error code or errno if it has one."""
    kind = type(exc)
    name = kind.__qualname__ if kind.__module__ == "builtins" \
        else f"{kind.__module__}.{kind.__qualname__}"
    from workbench.core.errors import WorkbenchError

    # Only the app's own codes are known to be codes; a library's `code` could be anything.
    if isinstance(exc, WorkbenchError) and exc.code:
        return f"{name} code={exc.code}"
    if isinstance(exc, OSError) and exc.errno is not None:
        return f"{name} errno={errno.errorcode.get(exc.errno, exc.errno)}"
    return name


def code_path(filename: str) -> str:
    """A code file's path from its package on (`workbench/core/review/scan.py`,
    `site-packages/presidio_analyzer/…`): the folders above it name the user."""
    path = Path(filename)
    with contextlib.suppress(ValueError):
        return path.resolve().relative_to(_PACKAGE_ROOT).as_posix()
    parts = path.parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts:
            return "/".join(parts[parts.index(marker):])
    for prefix in {sys.base_prefix, sys.prefix}:
        with contextlib.suppress(ValueError):
            return "python/" + path.relative_to(prefix).as_posix().split("/", 2)[-1]
    return path.name
