"""Workspaces: create, open, hold and let go of the employee's encrypted workspace, its profile.

A front end never opens the store itself: it asks here for a workspace handle (`Workspace`,
re-exported as the type a front end may hold), for the lists and counts it shows, and for the
per-process hold the app keeps on the workspace it shows (`hold` / `let_go`), so a second
window or a command line cannot write to it meanwhile.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from workbench.core.ingest.artifacts import ArtifactKind, ArtifactState
from workbench.core.pii.profile import SelfProfile
from workbench.core.trust import secrets_store
from workbench.core.workspace import (
    ArtifactRow,
    ArtifactSummary,
    Workspace,
    WorkspaceStatus,
    lock,
)
from workbench.core.workspace.workspace_ledger import try_flush

__all__ = [
    "ArtifactKind",
    "ArtifactList",
    "ArtifactRow",
    "ArtifactState",
    "ArtifactSummary",
    "CreatedWorkspace",
    "ReviewCounts",
    "SelfProfile",
    "Workspace",
    "WorkspaceStatus",
    "artifact_list",
    "create_workspace",
    "hold",
    "let_go",
    "make_profile",
    "open_workspace",
    "profile_from_file",
    "review_counts",
    "search",
    "sign_pending_events",
    "status",
]


# -- the employee's profile ----------------------------------------------------------------------

def make_profile(name: str, aliases: Iterable[str] = (), emails: Iterable[str] = (),
                 phones: Iterable[str] = (), ids: Iterable[str] = ()) -> SelfProfile:
    """Who "you" are in the workspace, so your own data is told apart from colleagues'
    (refused without a name)."""
    return SelfProfile.from_json({"name": name, "aliases": [a for a in aliases if a.strip()],
                                  "emails": [e for e in emails if e.strip()],
                                  "phones": [p for p in phones if p.strip()],
                                  "ids": [i for i in ids if i.strip()]})


def profile_from_file(path: Path) -> SelfProfile:
    return SelfProfile.from_file(Path(path))


# -- create, open, hold ----------------------------------------------------------------------------

@dataclass(frozen=True)
class CreatedWorkspace:
    root: Path
    name: str
    timezone: str
    key_store: str  # where its key is kept, e.g. "system keyring (…)"


def create_workspace(root: Path, profile: SelfProfile, timezone: str | None = None, *,
                     sign_events: bool = False) -> CreatedWorkspace:
    """A new encrypted workspace at `root` (refused if one is there), its key in the key
    store. With `sign_events`, its first ledger event is signed now if the employee's key is
    at hand (the command line; the app signs at its next signing step, off the UI thread)."""
    with Workspace.create(Path(root), profile, timezone) as ws:
        if sign_events:
            try_flush(ws)
        return CreatedWorkspace(ws.root, ws.profile.name, ws.setting("timezone") or "",
                                secrets_store.secret_store().description)


def open_workspace(root: Path) -> Workspace:
    """The workspace at `root`, unlocked (its key may be in the passphrase file), for use in
    a `with` block; refused while another process holds it."""
    return Workspace.open(Path(root))


def hold(root: Path) -> Workspace:
    """Open the workspace the app shows and hold it for this process until `let_go`, beyond
    the connection returned (which the caller closes when it is done with it)."""
    opened = Workspace.open(Path(root))
    try:
        lock.acquire(Path(root))
    except BaseException:
        opened.close()
        raise
    return opened


def let_go(root: Path) -> None:
    """Give up the hold `hold` took, and drop the decrypted values cached for redacting."""
    # Imported here: redacting loads the imaging libraries, which opening a window need not.
    from workbench.core.review.redact import forget_contexts

    lock.release(Path(root))
    forget_contexts()


def sign_pending_events(ws: Workspace) -> bool:
    """Sign the workspace's queued ledger events now if the employee's key can be reached;
    otherwise they wait for the next signing step. True when none are left waiting."""
    return try_flush(ws)


# -- what the screens show -------------------------------------------------------------------------

def status(root: Path) -> WorkspaceStatus:
    with Workspace.open(Path(root)) as ws:
        return ws.status()


@dataclass(frozen=True)
class ReviewCounts:
    total: int
    approved: int
    excluded: int

    @property
    def reviewed(self) -> int:
        return self.approved + self.excluded

    @property
    def pending(self) -> int:
        return self.total - self.reviewed


def review_counts(root: Path) -> ReviewCounts:
    """How far the review is: nothing decrypted, cheap at any size."""
    with Workspace.open(Path(root)) as ws:
        states = Counter(state.value for _id, state in ws.artifact_states())
    return ReviewCounts(sum(states.values()), states[ArtifactState.APPROVED.value],
                        states[ArtifactState.EXCLUDED.value])


@dataclass(frozen=True)
class ArtifactList:
    name: str  # the workspace's
    rows: list[ArtifactSummary]


def artifact_list(root: Path) -> ArtifactList:
    """Every artifact's summary (kind, title, state, finding count; no text)."""
    with Workspace.open(Path(root)) as ws:
        return ArtifactList(ws.name, ws.artifact_summaries())


def search(root: Path, needle: str) -> set[str]:
    """Ids of the artifacts whose title or text contains `needle`."""
    with Workspace.open(Path(root)) as ws:
        return ws.search(needle)
