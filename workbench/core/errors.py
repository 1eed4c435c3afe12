"""Every failure a user can meet, one class each, with a message written for that user."""

from __future__ import annotations

import errno
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
    message stays one, so it too is shown in the reader's language)."""
    from workbench.core.messages import Joined, Message, t

    values = tuple(p if isinstance(p, Message | Joined) else str(p) for p in params)
    return kind(t(code, *values, lang="en"), code=code, params=values)


class Problem(ValueError):
    """Why a reader gave up on some input, by catalogue code: raised deep inside a parser and
    wrapped by its caller into a user-facing error, so its reason stays a message that is
    shown in the reader's language (`str()` renders it; `message` is that Message)."""

    def __init__(self, code: str | Message, *params: object) -> None:
        from workbench.core.messages import Joined, Message

        values = tuple(p if isinstance(p, Message | Joined) else str(p) for p in params)
        self.message = code if isinstance(code, Message) else Message(code, values)
        super().__init__(self.message.text("en"))

    def __str__(self) -> str:
        return self.message.text()


def reason_of(exc: BaseException) -> object:
    """What an exception says, as a value for another message: a coded error or a Problem
    stays a message (rendered in the reader's language when shown), anything else (an
    OSError's strerror, a library's complaint) is its own text, made visible (it may quote
    a hostile file)."""
    from workbench.core.display import visible
    from workbench.core.messages import Message

    if isinstance(exc, Problem):
        return exc.message
    if isinstance(exc, WorkbenchError) and exc.code:
        return Message(exc.code, exc.params)
    if isinstance(exc, OSError):
        return os_reason(exc)
    return visible(exc)


# The operating system's reasons a person meets, in words of their language (strerror is
# English whatever the locale).
_OS_REASONS = {
    errno.ENOENT: "os.no-such-path", errno.EISDIR: "os.is-a-folder",
    errno.ENOTDIR: "os.not-a-folder", errno.EACCES: "os.no-permission",
    errno.EPERM: "os.no-permission", errno.ENOSPC: "os.disk-full", errno.EROFS: "os.read-only",
    errno.EEXIST: "os.exists", errno.ENAMETOOLONG: "os.name-too-long",
}


def os_reason(exc: OSError) -> object:
    """Why the system refused, as a message in the reader's language when it is a common
    reason, else the system's own words."""
    from workbench.core.display import visible
    from workbench.core.messages import Message

    code = _OS_REASONS.get(exc.errno or 0)
    return Message(code) if code else visible(exc.strerror or exc)


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

    def __init__(self, path: Path, detail: str = "") -> None:
        self.path = path
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"The workspace {path} is in use by another window or process{extra}: close it "
            "there (or wait for that command to finish) and try again.",
            code="workspace.in-use", params=(str(path), extra))
