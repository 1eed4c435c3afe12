"""The user task "export": what blocks an export (each reason with its code, the pages that
fix it and the items it is about), the skill folder, the encrypted package, where they go.

This is the fail-closed gate both front ends go through: `check_export` asks the same
questions `export` asks again at the moment of writing (the gate for every approved item,
the consent in force, the identity that would sign), and `export` writes nothing unless
every answer is yes. A front end shows the blockers; it never decides what may leave.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from workbench.core import clock
from workbench.core.errors import BadInputError, WorkbenchError
from workbench.core.ingest.artifacts import ArtifactState
from workbench.core.messages import Message, t
from workbench.core.package import bundle, custody, skill
from workbench.core.package.bundle import Check, ExportResult, check_output
from workbench.core.progress import CancelToken, ProgressCallback, no_progress
from workbench.core.services._opening import WorkspaceRef, opened
from workbench.core.services.consenting import CurrentConsent, current_record
from workbench.core.trust import keys
from workbench.core.trust.keys import IdentityCard, Role

log = logging.getLogger(__name__)

__all__ = [
    "LAST_CANCELLABLE_STEP", "PAGES", "Blocker", "Check", "ExportCheck", "ExportResult",
    "build_skill", "check_export", "check_output", "export", "seal_skill",
]

# The pages (screens, or for the command line the commands) that fix a blocker.
PAGES = ("review", "consent", "keys")
# The export's steps after which cancelling would leave a ledger entry for a package that
# was never written: export.created is prepared while signing (step 2) and kept once the
# package is in place, so from step 3 on the export runs to its end.
LAST_CANCELLABLE_STEP = 2


@dataclass(frozen=True)
class Blocker:
    """One reason an export is refused: a stable code, the sentence (rendered in the reader's
    language when shown), the pages that fix it and the items (artifact ids) it is about,
    the first of which is the one to open."""

    code: str
    message: Message
    pages: tuple[str, ...]
    items: tuple[str, ...] = ()

    @property
    def item(self) -> str | None:
        return self.items[0] if self.items else None

    def text(self, lang: str | None = None) -> str:
        return self.message.text(lang)

    def __str__(self) -> str:
        return self.text()

    @classmethod
    def of(cls, blocker: bundle.ExportBlocker) -> Blocker:
        return cls(blocker.code, blocker.as_message(), tuple(blocker.fix), blocker.items)


def _problem(code: str, exc: WorkbenchError, pages: tuple[str, ...]) -> Blocker:
    """A refusal met while checking, kept as a blocker that says why (by the error's own
    catalogue code when it has one, so it too is shown in the reader's language)."""
    reason: object = Message(exc.code, exc.params) if exc.code else exc.message
    return Blocker(code, Message(f"export.{code}", values={"reason": reason}), pages)


@dataclass(frozen=True)
class ExportCheck:
    """Everything an export would be refused for, and what it would send when nothing is."""

    blockers: tuple[Blocker, ...]
    consent: CurrentConsent | None
    approved: int  # items approved to leave
    signer: IdentityCard | None  # the employee identity that would sign
    days_left: int  # until the consent's delete-by date (0 without a consent)

    @property
    def ready(self) -> bool:
        return not self.blockers


def _signer(identity: str | None) -> tuple[IdentityCard | None, Blocker | None]:
    try:
        return keys.my_identity(Role.EMPLOYEE, identity), None
    except WorkbenchError as exc:
        mine = [c for c in keys.own_identities() if c.role == Role.EMPLOYEE]
        if not mine:
            return None, Blocker("no-identity", Message("export.no-identity"), ("keys",))
        return None, _problem("identity", exc, ("keys",))


def check_export(workspace: WorkspaceRef, now: datetime,
                 identity: str | None = None) -> ExportCheck:
    """What stops an export of this workspace now, read from the stored decisions, records
    and keys whatever a screen showed: the gate for every item, the consent in force, and
    the employee identity that would sign (`identity` names one when there are several)."""
    signer, no_signer = _signer(identity)
    found: list[Blocker] = []
    current: CurrentConsent | None = None
    with opened(workspace) as ws:
        found += [Blocker.of(b) for b in bundle.export_blockers(ws, now, signer)]
        # A record whose signature fails is among the blockers already (consent-unreadable).
        with contextlib.suppress(WorkbenchError):
            current = current_record(ws)
        approved = sum(1 for _id, state in ws.artifact_states()
                       if state == ArtifactState.APPROVED)
    if no_signer is not None:
        found.append(no_signer)
    days = (date.fromisoformat(current.delete_by) - clock.local_date(now)).days \
        if current else 0
    return ExportCheck(tuple(found), current, approved, signer, days)


def export(workspace: WorkspaceRef, out: Path, now: datetime, identity: str | None = None,
           progress: ProgressCallback = no_progress, cancel: CancelToken | None = None,
           force: bool = False) -> ExportResult:
    """Check everything again, then build, encrypt, sign and write the package to `out`
    (replacing a file there only with `force`). Refused with every blocker at once when any
    stands. Cancelling stops it only while nothing is recorded yet (LAST_CANCELLABLE_STEP);
    after that it finishes, so the ledger never names a package that was not written."""
    employee = keys.my_identity(Role.EMPLOYEE, identity)

    def step(done: int, total: int, label: str) -> None:
        if cancel is not None and done <= LAST_CANCELLABLE_STEP:
            cancel.check()
        progress(done, total, label)

    with opened(workspace) as ws:
        return bundle.export(ws, out, employee, now, step, force=force)


def build_skill(workspace: WorkspaceRef, parent: Path, name: str | None = None) -> Path:
    """The redacted skill folder of the approved items, written under `parent` (made when
    missing, its own parent must exist): the gate is asked again for every item first."""
    parent = Path(parent)
    if parent.exists() and not parent.is_dir():
        raise BadInputError(t("error.not_a_folder", path=parent))
    above = parent.parent if str(parent.parent) else Path(".")
    if not parent.exists() and not above.is_dir():
        raise BadInputError(t("error.folder-missing", parent, above))
    with opened(workspace) as ws:
        return skill.build_skill(ws, parent, name)


def seal_skill(folder: Path, package: Path, now: datetime,
               identity: str | None = None) -> list[Check]:
    """Attach a package's consent to a skill folder the recipient built from its references,
    and sign (as that recipient) the list of every file the sealed folder holds."""
    for path in (folder, package):
        if not Path(path).exists():
            raise BadInputError(t("error.no_such_path", path=path))
    sealer = keys.my_identity(Role.RECIPIENT, identity)
    checks: list[Check] = custody.seal_skill(folder, package, now, sealer)
    return checks
