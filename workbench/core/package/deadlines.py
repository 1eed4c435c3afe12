"""Deletion deadlines on both sides: the employee's exports and the recipient's custody,
and the status each is in (active, due soon, overdue, withdrawn, deleted ✓)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from workbench.core import clock
from workbench.core.atomic import read_json, write_json
from workbench.core.display import visible
from workbench.core.errors import BadInputError, coded
from workbench.core.messages import Message
from workbench.core.paths import data_dir

DUE_SOON_DAYS = 14


def exports_path() -> Path:
    return data_dir() / "exports.json"


def custody_path() -> Path:
    return data_dir() / "custody" / "register.json"


def load(path: Path) -> list[dict[str, Any]]:
    data = read_json(path, [])
    if not isinstance(data, list):
        raise coded(BadInputError, "deadlines.not-register", path)
    return data


def upsert(path: Path, entry: dict[str, Any]) -> None:
    """Add or replace the entry for entry["package"]."""
    entries = [e for e in load(path) if e.get("package") != entry["package"]]
    entries.append(entry)
    write_json(path, sorted(entries, key=lambda e: (e.get("delete_by", ""), e["package"])))


def find(path: Path, package: str) -> dict[str, Any]:
    """By package id (sha256 of the payload) or a prefix of it of at least 8 hex digits, in
    either case: a shorter or non-hex one, one no entry starts with, or one several do, is
    bad input naming it."""
    prefix = package.strip().removeprefix("sha256:").lower()
    if len(prefix) < 8 or not all(c in "0123456789abcdef" for c in prefix):
        raise coded(BadInputError, "deadlines.bad-prefix", visible(package.strip())[:80])
    matches = [e for e in load(path)
               if str(e.get("package", "")).removeprefix("sha256:").startswith(prefix)]
    if not matches:
        raise coded(BadInputError, "deadlines.no-match", prefix[:64])
    if len(matches) > 1:
        raise coded(BadInputError, "deadlines.ambiguous", prefix[:64], len(matches))
    return matches[0]


def status_of(entry: dict[str, Any], today: date) -> str:
    if entry.get("deleted_at"):
        return "deleted ✓"
    if entry.get("revoked_at") or entry.get("withdrawn_at"):
        return "withdrawn (due now)"
    delete_by = date.fromisoformat(entry["delete_by"])
    if delete_by < today:
        return "overdue"
    if (delete_by - today).days <= DUE_SOON_DAYS:
        return "due soon"
    return "active"


_STATUS_CODES = {"deleted ✓": "deadline.deleted", "withdrawn (due now)": "deadline.withdrawn",
                 "overdue": "deadline.overdue", "due soon": "deadline.due-soon",
                 "active": "deadline.active"}


def status_message(status: str) -> Message:
    """A status from `status_of` in words, for the reader's language."""
    return Message(_STATUS_CODES.get(status, "deadline.other"))


@dataclass(frozen=True)
class DeadlineRow:
    side: str  # "export" (employee) or "custody" (recipient)
    package: str
    counterpart: str
    delete_by: str
    status: str
    days_left: int

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def deadlines(now: datetime) -> list[DeadlineRow]:
    """Every package this home exported or holds, soonest deadline first; days and status
    counted from the local date at `now`."""
    today = clock.local_date(now)
    rows = []
    for side, path, who in (("export", exports_path(), "recipients"),
                            ("custody", custody_path(), "principal")):
        entries = load(path)
        if side == "export":
            # Consent is withdrawn per record: every export under a withdrawn one is withdrawn
            # (a withdrawal made before this was known marked only the package it named).
            ended = {e["record_id"]: e["withdrawn_at"] for e in entries
                     if e.get("withdrawn_at") and e.get("record_id")}
            entries = [{**e, "withdrawn_at": ended[e["record_id"]]}
                       if not e.get("withdrawn_at") and e.get("record_id") in ended else e
                       for e in entries]
        for entry in entries:
            counterpart = entry.get(who)
            if isinstance(counterpart, list):
                counterpart = ", ".join(c["name"] for c in counterpart)
            elif isinstance(counterpart, dict):
                counterpart = counterpart.get("name", "")
            rows.append(DeadlineRow(side, entry["package"], str(counterpart or ""),
                                    entry["delete_by"], status_of(entry, today),
                                    (date.fromisoformat(entry["delete_by"]) - today).days))
    return sorted(rows, key=lambda r: (r.delete_by, r.package))


def due(now: datetime) -> list[dict[str, Any]]:
    """Custody entries that must be purged now: overdue or withdrawn, not yet deleted."""
    today = clock.local_date(now)
    return [e for e in load(custody_path())
            if status_of(e, today) in ("overdue", "withdrawn (due now)")]
