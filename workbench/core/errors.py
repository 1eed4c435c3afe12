"""Every failure a user can meet, one class each, with a message written for that user."""

from __future__ import annotations

import errno
import json
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from workbench.core.messages import Message


class WorkbenchError(Exception):
    """Base class: `str(err)` is the sentence shown to the user; `exit_code` for the CLI."""

    exit_code = 2

    def __init__(self, message: str, *, code: str = "", params: tuple[object, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        # A message with a code is in the catalogue (workbench/core/messages.py): it is shown
        # in the language of whoever reads it, the template for `code` filled with `params`;
        # `message` is the English sentence.
        self.code = code
        self.params = params

    def __str__(self) -> str:
        if self.code:
            from workbench.core.messages import t

            return t(self.code, *self.params)
        return self.message


E = TypeVar("E", bound="WorkbenchError")


def coded(kind: type[E], code: str, *params: object) -> E:
    """An error of `kind` from the catalogue: `code` and its values (a value that is itself a
    message stays one, so it too is shown in the reader's language; an exception becomes
    its reason, `reason_of`)."""
    from workbench.core.messages import t

    values = _values(params)
    return kind(t(code, *values, lang="en"), code=code, params=values)


def _values(params: tuple[object, ...]) -> tuple[object, ...]:
    """A message's values: messages stay messages, exceptions become their reason in words
    (never a library's English text), anything else its text."""
    from workbench.core.messages import Joined, Message

    return tuple(p if isinstance(p, Message | Joined) else reason_of(p)
                 if isinstance(p, BaseException) else str(p) for p in params)


class Problem(ValueError):
    """Why a reader gave up on some input, by catalogue code: raised deep inside a parser and
    wrapped by its caller into a user-facing error, so its reason stays a message that is
    shown in the reader's language (`str()` renders it; `message` is that Message)."""

    def __init__(self, code: str | Message, *params: object) -> None:
        from workbench.core.messages import Message

        values = _values(params)
        self.message = code if isinstance(code, Message) else Message(code, values)
        super().__init__(self.message.text("en"))

    def __str__(self) -> str:
        return self.message.text()


def reason_of(exc: BaseException) -> Message | str:
    """What went wrong, as a reason for another message, always in the reader's language: a
    coded error or a Problem stays its message (an error without a code, its sentence, which
    the catalogue made in the reader's language); a library's or the system's complaint (an
    OSError's strerror, json, zipfile, pyrage, cryptography, Pillow: English whatever the
    locale, and able to quote a hostile file) becomes the catalogue's words for it; anything
    else is a general reason naming only the exception's class."""
    from workbench.core.display import visible
    from workbench.core.messages import Message

    if isinstance(exc, Problem):
        return exc.message
    if isinstance(exc, WorkbenchError):
        return Message(exc.code, exc.params) if exc.code else visible(exc.message)
    if isinstance(exc, OSError) and not _library_error(exc):
        return os_reason(exc)
    if isinstance(exc, json.JSONDecodeError):
        return Message("reason.json", (json_at(exc),))
    if isinstance(exc, UnicodeDecodeError):
        return Message("reason.not-utf8")
    if _is_a(exc, "zipfile.BadZipFile") and str(exc).startswith("Bad CRC"):
        return Message("reason.bad-crc")
    for name, code in _LIBRARY_REASONS:
        if _is_a(exc, name):
            return Message(code)
    return Message("reason.other", (type(exc).__name__,))


# Library exceptions by qualified class name (module.Class, any base class counts), so this
# module imports none of those libraries: the first that matches names the reason.
_LIBRARY_REASONS = (
    ("zipfile.BadZipFile", "reason.bad-zip"),
    ("zipfile.LargeZipFile", "reason.bad-zip"),
    ("zlib.error", "reason.compressed-damaged"),
    ("tarfile.TarError", "reason.bad-tar"),
    ("PIL.Image.DecompressionBombError", "reason.image-too-large"),
    ("PIL.UnidentifiedImageError", "reason.image-unreadable"),
    ("pyrage.DecryptError", "reason.decrypt-failed"),
    ("cryptography.exceptions.InvalidTag", "reason.decrypt-failed"),
    ("cryptography.exceptions.InvalidSignature", "reason.bad-signature"),
    ("binascii.Error", "reason.bad-encoding"),
    ("_csv.Error", "reason.csv-row"),
    ("sqlite3.DatabaseError", "reason.database-damaged"),
    ("pypdf.errors.FileNotDecryptedError", "reason.pdf-password"),
    ("pypdf.errors.PyPdfError", "reason.pdf-damaged"),
    ("EOFError", "reason.ends-early"),
    ("RecursionError", "reason.too-deep"),
    ("MemoryError", "reason.too-large"),
)


def _is_a(exc: BaseException, qualified: str) -> bool:
    return any(f"{k.__module__}.{k.__qualname__}" == qualified
               or (k.__module__ == "builtins" and k.__qualname__ == qualified)
               for k in type(exc).__mro__)


def _library_error(exc: OSError) -> bool:
    """An OSError that is really a library's complaint (Pillow's unidentified image)."""
    return any(_is_a(exc, name) for name, _ in _LIBRARY_REASONS)


# What the json module says (its `msg`, English), in words of the reader's language.
_JSON_PROBLEMS = (
    ("Expecting value", "reason.json-value"),
    ("Expecting property name", "reason.json-name"),
    ("Expecting ',' delimiter", "reason.json-comma"),
    ("Expecting ':' delimiter", "reason.json-colon"),
    ("Extra data", "reason.json-extra"),
    ("Unterminated string", "reason.json-unterminated"),
    ("Invalid control character", "reason.json-control"),
    ("Invalid \\", "reason.json-escape"),
)


def unexpected_reason(exc: BaseException) -> object:
    """What to put in "Unexpected error (…)": the reason in words when there is one, else
    only the exception's class (its text may quote a file; the log has the rest)."""
    from workbench.core.messages import Message

    reason = reason_of(exc)
    return type(exc).__name__ if isinstance(reason, Message) and reason.code == "reason.other" \
        else reason


def json_at(exc: json.JSONDecodeError) -> Message:
    """Where and how JSON breaks, in words ("a comma is missing at line 3, column 7"), for a
    sentence that already says the text is not valid JSON."""
    from workbench.core.messages import Message

    return Message("reason.json-at", (json_problem(exc.msg), exc.lineno, exc.colno))


def json_problem(msg: str) -> Message:
    from workbench.core.messages import Message

    return Message(next((code for start, code in _JSON_PROBLEMS if msg.startswith(start)),
                        "reason.json-syntax"))


# The operating system's reasons a person meets, in words of their language (strerror is
# English whatever the locale).
_OS_REASONS = {
    errno.ENOENT: "os.no-such-path", errno.EISDIR: "os.is-a-folder",
    errno.ENOTDIR: "os.not-a-folder", errno.EACCES: "os.no-permission",
    errno.EPERM: "os.no-permission", errno.ENOSPC: "os.disk-full", errno.EROFS: "os.read-only",
    errno.EEXIST: "os.exists", errno.ENAMETOOLONG: "os.name-too-long",
    errno.EIO: "os.io-error", errno.EBUSY: "os.busy", errno.EDQUOT: "os.disk-full",
}
# The same reasons by class, for an OSError raised without an errno.
_OS_CLASSES: tuple[tuple[type[OSError], str], ...] = (
    (FileNotFoundError, "os.no-such-path"), (IsADirectoryError, "os.is-a-folder"),
    (NotADirectoryError, "os.not-a-folder"), (PermissionError, "os.no-permission"),
    (FileExistsError, "os.exists"),
)


def os_reason(exc: OSError) -> Message:
    """Why the system refused, in the reader's language: a common reason in words, else the
    system's error name (its errno, e.g. EXDEV), never its English strerror."""
    from workbench.core.messages import Message

    code = _OS_REASONS.get(exc.errno or 0) or next(
        (code for kind, code in _OS_CLASSES if isinstance(exc, kind)), "")
    if code:
        return Message(code)
    name = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
    return Message("os.other", (name,))


class BadInputError(WorkbenchError):
    """Input the user gave cannot be used (exit code 2)."""


class RefusedError(WorkbenchError):
    """A check refused to go on: verification, consent or deadline (exit code 1)."""

    exit_code = 1


class Cancelled(WorkbenchError):
    """The user cancelled a long operation; nothing was changed."""

    def __init__(self, what: str = "The operation") -> None:
        super().__init__(f"{what} was cancelled; nothing was changed.", code="error.cancelled")


class ImportFailed(BadInputError):
    """One input file could not be imported; names the file and what is wrong with it."""

    def __init__(self, path: Path | str, problem: object) -> None:
        # `problem` is a Message (or Joined) by its code when the reason is the workbench's
        # own words, so it is shown in the reader's language; text only when it quotes a
        # library or the system.
        from workbench.core.messages import Joined, Message

        self.path = Path(path)
        if isinstance(problem, BaseException):
            problem = reason_of(problem)
        self.reason: Message | Joined | str = problem if isinstance(
            problem, Message | Joined) else str(problem)
        english = self.reason.text("en") if isinstance(self.reason, Message | Joined) \
            else self.reason
        super().__init__(f"Cannot import {self.path.name} ({self.path}): {english}",
                         code="error.import-failed", params=(self.path.name, str(self.path),
                                                             self.reason))

    @property
    def problem(self) -> str:
        """What is wrong with the file, in the reader's language."""
        return str(self.reason)


class UnsupportedFormat(ImportFailed):
    """The file's format is not one the workbench can import."""


class WorkspaceError(BadInputError):
    """The workspace folder is missing, not a workspace, or from a newer version."""


class WorkspaceExists(WorkspaceError):
    """`init` was pointed at a folder that already holds a workspace."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already holds a workspace; open it instead of creating one.",
                         code="workspace.exists", params=(str(path),))


class NotAWorkspace(WorkspaceError):
    """The folder does not hold a workspace."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is not a Consent Workbench workspace (no workspace.sqlite). "
            "Create one with `workbench init`.", code="workspace.not-a-workspace",
            params=(str(path),))


class WorkspaceLocked(WorkspaceError):
    """The key that unlocks the workspace is missing from the key store or does not fit."""


class WorkspaceDamaged(WorkspaceError):
    """A sealed value or original does not decrypt: the workspace was altered or damaged."""


class WorkspaceTooNew(WorkspaceError):
    """The workspace was written by a newer version of the app."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"{path} was written by a newer Consent Workbench (schema {found}; "
            f"this version knows up to {supported}). Update the app to open it.",
            code="workspace.too-new", params=(str(path), str(found), str(supported)))


class Interrupted(WorkbenchError):
    """Ctrl-C stopped a command; the message says exactly what was kept (exit code 130)."""

    exit_code = 130

class WorkspaceInUse(WorkspaceError):
    """Another window or process has the workspace open (its lock file is held)."""

    exit_code = 1

    def __init__(self, path: Path, detail: BaseException | None = None) -> None:
        from workbench.core.messages import Message

        self.path = path
        # Why the lock could not be taken (the system's reason, in the reader's language).
        extra: object = Message("workspace.in-use-why", (reason_of(detail),)) if detail else ""
        super().__init__(
            f"The workspace {path} is in use by another window or process"
            f"{extra.text('en') if isinstance(extra, Message) else ''}: close it there (or "
            "wait for that command to finish) and try again.",
            code="workspace.in-use", params=(str(path), extra))
