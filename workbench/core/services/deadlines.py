"""Deletion deadlines on both sides: every package this home exported or holds, its delete-by
date and status, and the employee's withdrawal of consent for one of their exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from workbench.core.messages import Message
from workbench.core.package import custody
from workbench.core.package import deadlines as register
from workbench.core.package.deadlines import DeadlineRow, status_message
from workbench.core.services.identities import choose_identity

__all__ = [
    "DUE_NOW",
    "FINISHED",
    "DeadlineRow",
    "ExportToWithdraw",
    "Withdrawn",
    "deadlines",
    "export_to_withdraw",
    "side_message",
    "status_message",
    "withdraw",
]

# Statuses after which nothing more is owed by the employee (withdrawal is done or pointless).
FINISHED = ("deleted ✓", "withdrawn (due now)")
# Statuses of a held package that must be purged now.
DUE_NOW = ("overdue", "withdrawn (due now)")


def deadlines(now: datetime) -> list[DeadlineRow]:
    """Every package this home exported (side "export") or holds (side "custody"), soonest
    deadline first, with its status today and the days left (negative when overdue)."""
    return register.deadlines(now)


def side_message(side: str) -> Message:
    """A row's side ("export" or "custody") in words, for the reader's language."""
    return Message(f"deadline.side.{side}")


@dataclass(frozen=True)
class ExportToWithdraw:
    """One of the employee's exports, found in the register: where its package file was
    written (it may have been moved since: `present` says whether it is still there)."""

    package: str
    bundle: Path

    @property
    def present(self) -> bool:
        return self.bundle.is_file()


def export_to_withdraw(package: str) -> ExportToWithdraw:
    """The export a withdrawal is about, by package id (or a prefix of 8+ hex digits); the
    employee identity must exist before anything is asked of the user."""
    choose_identity("employee")
    entry = register.find(register.exports_path(), package)
    return ExportToWithdraw(str(entry["package"]), Path(str(entry.get("bundle", ""))))


@dataclass(frozen=True)
class Withdrawn:
    path: Path  # the signed revocation, to send to the recipients
    package: str
    withdrawn_at: str
    already: bool  # withdrawn before: the same revocation written again, nothing recorded
    # What it ends, in words: the consent record and every package exported under it.
    scope: Message | None = None


def withdraw(bundle_path: Path, out: Path, now: datetime, identity: str | None = None,
             force: bool = False, package: str | None = None) -> Withdrawn:
    """The employee's signed revocation for a package they exported (only the employee the
    package names may sign it: custody.withdraw refuses anyone else). `package`: the export
    the user chose (a row of `deadlines`); a file holding another package is refused."""
    employee = choose_identity("employee", identity)
    assert employee is not None  # required
    result = custody.withdraw(Path(bundle_path), Path(out), employee, now, force, package)
    return Withdrawn(result.path, result.package, result.withdrawn_at, result.already,
                     result.scope_message())
