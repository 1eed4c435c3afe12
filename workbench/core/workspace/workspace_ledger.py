"""The workspace's ledger: signing queued events with the employee's key, in order."""

from __future__ import annotations

from typing import Any

from workbench.core.trust import ledger
from workbench.core.trust.dsse import Signer
from workbench.core.workspace import Workspace


def flush(ws: Workspace, signer: Signer) -> int:
    """Sign and append every queued event; returns how many were written. Artifacts are named
    by their keyed ids (`exported_body`): the ledger leaves with every package.

    Only the first queued event can already be in the ledger, as its last line (a crash
    between writing it and dropping it from the queue): that one is not written twice. No
    other event is compared, so the same event made twice within a second (an approval, its
    undo, the approval again) is kept both times."""
    path = ws.ledger_path
    existing = ledger.read_entries(ledger.read_file(path))
    last = existing[-1] if existing else None
    written = 0
    for number, (event_id, time, event_type, body) in enumerate(ws.pending_events()):
        signed = exported_body(ws, event_type, body)
        # An event queued and written by an older version named artifacts by their digests.
        already = number == 0 and last is not None and last.type == event_type \
            and last.time == time and last.body in (signed, body)
        if not already:
            remember_head(ws, ledger.append(path, event_type, signer, signed, time))
            written += 1
        ws.forget_pending_event(event_id)
    return written


# Where an event's body names an artifact by a digest of its content (the artifact's id, or
# what its review let out): one value, or a list of them.
_DIGEST_FIELDS = ("artifact", "digest_out")
_DIGEST_LISTS = ("digests",)


def exported_body(ws: Workspace, event_type: str, body: dict[str, Any]) -> dict[str, Any]:
    """The body as the ledger signs it: every artifact digest replaced by the workspace's
    keyed id for it. A plain digest would let anyone holding the package confirm a guess of
    an item's text, including one redacted or never exported."""
    if not event_type.startswith("artifact."):
        return body
    out = dict(body)
    for name in _DIGEST_FIELDS:
        if isinstance(out.get(name), str):
            out[name] = ws.exported_id(out[name])
    for name in _DIGEST_LISTS:
        if isinstance(out.get(name), list):
            out[name] = [ws.exported_id(str(d)) for d in out[name]]
    return out


def record_now(ws: Workspace, signer: Signer, event_type: str,
               body: dict[str, object]) -> ledger.LedgerEntry:
    """Append an event signed now, after anything still queued."""
    flush(ws, signer)
    return remember_head(ws, ledger.append(ws.ledger_path, event_type, signer, body))


HEAD = "ledger_head"


def remember_head(ws: Workspace, entry: ledger.LedgerEntry) -> ledger.LedgerEntry:
    """The last line written, sealed in the workspace: a ledger cut back (to drop a
    withdrawal or a declined consent) no longer reaches it."""
    ws.set_setting(HEAD, f"{entry.seq}|{entry.digest}")
    return entry


def cut_short(ws: Workspace) -> bool:
    """The ledger no longer holds the last line this workspace wrote to it."""
    head = ws.setting(HEAD)
    if not head:
        return False
    seq, _, digest = head.partition("|")
    path = ws.ledger_path
    entries = ledger.read_entries(ledger.read_file(path))
    return len(entries) <= int(seq) or entries[int(seq)].digest != digest


def try_flush(ws: Workspace) -> bool:
    """Sign queued events now if this home has exactly one employee identity whose key can
    be reached without asking; otherwise they stay queued for the next signing step."""
    from workbench.core.errors import WorkbenchError
    from workbench.core.trust import keys

    if not ws.pending_events():
        return True
    try:
        employee = keys.my_identity(keys.Role.EMPLOYEE)
        flush(ws, keys.LocalSigner(employee))
    except WorkbenchError:
        return False
    return True
