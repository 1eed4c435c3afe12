"""Every failure a user can meet, one class each, with a message written for that user."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar


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

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"Cannot import {self.path.name} ({self.path}): {problem}",
                         code="error.import-failed", params=(self.path.name, str(self.path),
                                                             problem))


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
