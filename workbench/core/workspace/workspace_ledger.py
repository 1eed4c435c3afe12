"""The workspace's ledger: signing queued events with the employee's key, in order."""

from __future__ import annotations

import logging
from typing import Any

from workbench.core.trust import ledger
from workbench.core.trust.dsse import Signer
from workbench.core.workspace import Workspace

log = logging.getLogger(__name__)


def flush(ws: Workspace, signer: Signer) -> int:
    """Sign and append every queued event; returns how many were written. Artifacts are named
    by their keyed ids (`exported_body`): the ledger leaves with every package.

    Only the first queued event can already be in the ledger, as its last line (a crash
    between writing it and dropping it from the queue): that one is not written twice. No
    other event is compared, so the same event made twice within a second (an approval, its
    undo, the approval again) is kept both times."""
    appender = ledger.Appender(ws.ledger_path)
    last = appender.last
    written = 0
    for number, (event_id, time, event_type, body) in enumerate(ws.pending_events()):
        signed = exported_body(ws, event_type, body)
        # An event queued and written by an older version named artifacts by their digests.
        already = number == 0 and last is not None and last.type == event_type \
            and last.time == time and last.body in (signed, body)
        if not already:
            remember_head(ws, appender.append(event_type, signer, signed, time), copy=False)
            written += 1
        ws.forget_pending_event(event_id)
    if written:
        _store_copy(ws, ws.setting(HEAD) or "")  # once a flush: the key store is slow to write
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


def head_secret(ws: Workspace) -> str:
    """The key store's name for the copy of a workspace's ledger head (outside its database:
    deleting or rolling back the database leaves it)."""
    from workbench.core.trust.secrets_store import NOT_KEYS

    return f"{NOT_KEYS[0]}{ws.id}"


def remember_head(ws: Workspace, entry: ledger.LedgerEntry,
                  copy: bool = True) -> ledger.LedgerEntry:
    """The last line written, sealed in the workspace and (with `copy`) copied to the key
    store: a ledger cut back (to drop a withdrawal or a declined consent) no longer reaches
    it."""
    head = f"{entry.seq}|{entry.digest}"
    ws.set_setting(HEAD, head)
    if copy:
        _store_copy(ws, head)
    return entry


def _store_copy(ws: Workspace, head: str) -> None:
    """Best effort: a copy that lags behind still marks a beginning of the ledger (ledgers
    only grow), so a key store that cannot be written now weakens nothing else."""
    from workbench.core.errors import WorkbenchError
    from workbench.core.trust.secrets_store import secret_store

    try:
        secret_store().set(head_secret(ws), head.encode())
    except (WorkbenchError, OSError) as exc:
        log.warning("ledger.head-copy-failed workspace=%s error=%s", ws.id,
                    type(exc).__name__)


def _stored_copy(ws: Workspace) -> str | None:
    from workbench.core.errors import WorkbenchError
    from workbench.core.trust.secrets_store import secret_store

    try:
        raw = secret_store().get(head_secret(ws))
    except (WorkbenchError, OSError):
        return None  # signing needs the key store too: an export stops there
    return raw.decode("utf-8", "replace") if raw is not None else None


def head_missing(ws: Workspace) -> bool:
    """The workspace has signed something (its ledger holds a line, or it holds a consent
    record, which is always signed into it) but no longer says where its ledger ends: the
    setting was deleted outside the app, and with it the proof that the ledger is whole."""
    if ws.setting(HEAD):
        return False
    return bool(ledger.read_entries(ledger.read_file(ws.ledger_path))) \
        or bool(ws.consent_envelopes()) or _stored_copy(ws) is not None


def cut_short(ws: Workspace) -> bool:
    """The ledger no longer holds the last line this workspace wrote to it, as its sealed
    setting or the key store's copy of it says (a database rolled back to an older copy still
    has a head the ledger reaches; the key store's copy does not go back with it)."""
    entries = ledger.read_entries(ledger.read_file(ws.ledger_path))
    for head in (ws.setting(HEAD), _stored_copy(ws)):
        if not head:
            continue
        seq, _, digest = head.partition("|")
        if not seq.isdigit() or len(entries) <= int(seq) \
                or entries[int(seq)].digest != digest:
            return True
    return False


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
