"""The receiving team's task: verify a package, open it into custody, take in the employee's
revocations, purge what is held with a signed receipt, and (employee side) take in receipts.

Which refusal the user sees first (`first_refusal`, the order `open` refuses in) is decided
here once, for the command line and the app alike; which identity acts, in `identities`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench.core import clock
from workbench.core.display import visible
from workbench.core.errors import BadInputError, coded
from workbench.core.messages import Joined, Message, label_message, t
from workbench.core.package import bundle, custody, deadlines
from workbench.core.package.bundle import Check
from workbench.core.package.custody import OpenResult, PurgeResult
from workbench.core.progress import CancelToken, ProgressCallback, no_progress
from workbench.core.services.identities import choose_identity
from workbench.core.trust import keys
from workbench.core.trust.keys import IdentityCard

__all__ = [
    "Check",
    "HeldPackage",
    "IdentityCard",
    "OpenResult",
    "PackageTerms",
    "PurgeResult",
    "ReceiptImported",
    "ReceivedPackage",
    "RevocationImported",
    "check_open_folder",
    "first_refusal",
    "held_packages",
    "import_receipt",
    "import_revocation",
    "open_package",
    "package_named",
    "purge",
    "purge_due",
    "short_package",
    "still_due",
    "verify_package",
    "verify_skill",
]


# -- who acts --------------------------------------------------------------------------------


# -- what a package says -----------------------------------------------------------------------


@dataclass(frozen=True)
class PackageTerms:
    """Every field of the signed consent record a person reads before acting on a package:
    terms, parties with fingerprints, counts — never content. `summary` is
    `bundle.terms_summary`; `countersigner` the party the record names (may be empty)."""

    summary: dict[str, Any]
    countersigner: dict[str, Any]

    @property
    def delete_by(self) -> str:
        return str(self.summary["delete_by"])

    @property
    def recipient_names(self) -> list[str]:
        return [str(r["name"]) for r in self.summary["recipients"]]

    def lines(self) -> list[str]:
        """The terms as sentences in the reader's language, for a terminal: who consented,
        to whom, for what, until when, which kinds of data and how many items — what HR
        confirms by countersigning."""
        summary = self.summary
        employee = summary["employee"]
        controller = summary.get("controller") or {}
        names = Joined(tuple(visible(r["name"]) for r in summary["recipients"]), "items")
        kinds = Joined(tuple(
            Message("consent.category-count", values={
                "label": label_message("sensitive" if c["sensitive"] else "data",
                                       c["category"], mid_sentence=False),
                "count": c["count"]})
            for c in summary["categories"]))
        shared = Joined(tuple(label_message("sensitive", c)
                              for c in summary["separate_consent"]), "items")
        lines = [
            t("terms.employee", name=visible(employee["name"]),
              fingerprint=str(employee["fingerprint"])[:16]),
            t("terms.recipients", names=names),
            t("terms.purposes", purposes=Joined(tuple(visible(p) for p in summary["purposes"]))),
            t("terms.delete-by", date=summary["delete_by"]),
            t("terms.controller", name=visible(controller.get("name", "")),
              contact=visible(controller.get("contact", "")) or "—"),
            t("terms.storage", where=visible(summary.get("storage_location") or "—"),
              border=Message("terms.cross-border" if summary.get("cross_border")
                             else "terms.in-country")),
            t("terms.jurisdiction", law=visible(summary.get("jurisdiction") or "—")),
            t("terms.data", kinds=kinds),
            t("terms.separate", kinds=shared) if summary["separate_consent"]
            else t("terms.separate-none"),
            t("terms.size", items=summary["artifacts"], files=summary["files"]),
        ]
        licence = summary.get("licence")
        if licence:
            lines.append(t("terms.licence", terms=visible(licence.get("terms", "")),
                           until=licence.get("until") or summary["delete_by"]))
        return lines

    @classmethod
    def of(cls, checked: bundle.Bundle) -> PackageTerms:
        return cls(bundle.terms_summary(checked),
                   dict(checked.record.get("countersigner") or {}))


def short_package(package: str) -> str:
    """The first 12 hex digits of a package id, as lists show it."""
    return package.removeprefix("sha256:")[:12]


def first_refusal(checks: list[Check] | tuple[Check, ...]) -> Check | None:
    """The refusal `open` reports for these checks: the most fundamental failed check first
    (custody.REFUSAL_ORDER), so what the user is shown before opening is what opening says."""
    return custody.first_refused(list(checks))


# -- verifying and opening ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReceivedPackage:
    """A package checked for this home's recipient: every check, the terms, and the one
    refusal that stops it from being opened (None: it may be opened)."""

    path: Path
    package: str
    checks: tuple[Check, ...]
    terms: PackageTerms
    refusal: Check | None
    recipient: IdentityCard | None

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def openable(self) -> bool:
        return self.refusal is None and self.recipient is not None

    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]


def verify_package(path: Path, now: datetime, identity: str | None = None) -> ReceivedPackage:
    """Every check `open` makes, without decrypting or writing anything. Checked for this
    home's recipient identity when there is one (`identity` names one of several; several
    without a name are refused)."""
    recipient = choose_identity(keys.Role.RECIPIENT.value, identity, required=False)
    checked = custody.verify_for_recipient(Path(path), now, recipient)
    return ReceivedPackage(Path(path), checked.package, tuple(checked.checks),
                           PackageTerms.of(checked), first_refusal(checked.checks), recipient)


def verify_skill(folder: Path, now: datetime) -> list[Check]:
    """A skill folder built from an opened package: its seal and files (custody.verify_skill)."""
    return list(custody.verify_skill(Path(folder), now))


def check_open_folder(out: Path) -> Path:
    """Where `open_package` may unpack, refused before any work: a folder that may be new,
    but whose parent exists (a mistyped path is never made into folders), and not a file."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise BadInputError(t("error.not_a_folder", path=out))
    parent = out.parent if str(out.parent) else Path(".")
    if not out.exists() and not parent.is_dir():
        raise coded(BadInputError, "error.folder-missing", out, parent)
    return out


def open_package(path: Path, out: Path, now: datetime, identity: str | None = None,
                 progress: ProgressCallback = no_progress,
                 cancel: CancelToken | None = None) -> OpenResult:
    """Verify everything again, then decrypt and unpack into `out` and register the copy
    with its delete-by. Any failed check refuses (the first refusal, as `verify_package`
    shows it) and nothing is written. Cancel is honoured only before the work starts: a
    copy half taken into custody would escape its deadline. `out` is checked first
    (`check_open_folder`)."""
    out = check_open_folder(out)
    recipient = choose_identity(keys.Role.RECIPIENT.value, identity)
    assert recipient is not None  # required=True
    if cancel is not None:
        cancel.check("Opening the package")
    progress(0, 1, "open")
    result = custody.open_package(Path(path), Path(out), recipient, now)
    progress(1, 1, "open")
    return result


# -- revocations, purge, receipts ----------------------------------------------------------------


@dataclass(frozen=True)
class RevocationImported:
    package: str
    employee: str  # the employee who withdrew, safe to show
    held: bool  # the package is held here: it must be purged now
    already: bool  # imported before: nothing changed
    # Other packages of the same consent record held here: due for deletion now as well.
    others: tuple[str, ...] = ()
    record_id: str = ""  # the consent record the revocation withdraws

    def others_message(self) -> Message | None:
        """The other held packages of the withdrawn consent record, in words; None if none."""
        if not self.others:
            return None
        return Message("revocation.whole-record", (
            custody.shown(self.record_id), len(self.others),
            Joined(tuple(short_package(p) for p in self.others), "items")))


def import_revocation(path: Path) -> RevocationImported:
    """Keep the employee's signed revocation (custody.import_revocation says whose counts)."""
    result = custody.import_revocation(Path(path))
    employee = custody.shown(result.body.get("principal", {}).get("name", ""))
    return RevocationImported(result.package, employee, result.held, result.already,
                              result.others, str(result.body.get("record_id", "")))


@dataclass(frozen=True)
class HeldPackage:
    """One package in this home's custody register, as the recipient's list shows it."""

    package: str
    employee: str
    delete_by: str
    status: str
    folders: tuple[str, ...]
    deleted_at: str
    receipt: str

    @property
    def purgeable(self) -> bool:
        """Still held (whatever its deadline): purge deletes it and signs a receipt."""
        return not self.deleted_at


def held_packages(now: datetime) -> list[HeldPackage]:
    """Every package opened here, soonest deadline first, with its status today."""
    today = clock.local_date(now)
    held = []
    for entry in deadlines.load(deadlines.custody_path()):
        held.append(HeldPackage(
            str(entry["package"]), custody.shown(entry.get("principal", {}).get("name", "")),
            str(entry["delete_by"]), deadlines.status_of(entry, today),
            tuple(str(c["folder"]) for c in custody.copies_of(entry)),
            str(entry.get("deleted_at") or ""), str(entry.get("receipt") or "")))
    return held


def package_named(ref: str) -> str:
    """The package a purge names: a package file, the path it was opened from, or an id."""
    return custody.package_named(ref)


def purge(package: str, now: datetime, receipt_out: Path | None = None,
          progress: ProgressCallback = no_progress, force: bool = False) -> PurgeResult:
    """Shred every copy of one held package, destroy its key, sign the deletion receipt.
    A package already purged is refused (code custody.already-purged); an existing receipt
    file is replaced only with `force`."""
    progress(0, 1, "purge")
    result = custody.purge(package_named(package), now, receipt_out, force=force)
    progress(1, 1, "purge")
    return result


def purge_due(now: datetime, receipt_out: Path | None = None,
              progress: ProgressCallback = no_progress,
              cancel: CancelToken | None = None, force: bool = False) -> list[PurgeResult]:
    """Purge every overdue or withdrawn package, each whole; `cancel` stops between them."""
    total = len(deadlines.due(now))
    progress(0, total, "purge")
    results = custody.purge_due(now, receipt_out, cancel, force)
    progress(len(results), total, "purge")
    return results


def still_due(now: datetime) -> int:
    """How many held packages are overdue or withdrawn and not yet purged."""
    return len(deadlines.due(now))


@dataclass(frozen=True)
class ReceiptImported:
    package: str
    recipient: str  # who signed the receipt, safe to show
    deleted_at: str
    already: bool  # imported before: nothing changed


def import_receipt(path: Path) -> ReceiptImported:
    """The employee checks a recipient's deletion receipt; the export becomes deleted ✓ once
    every recipient's receipt is in."""
    result = custody.import_receipt(Path(path))
    body = result.body
    return ReceiptImported(str(body["package"]),
                           custody.shown(body["recipient"].get("name", "")),
                           custody.shown(body["deleted_at"]), result.already)
