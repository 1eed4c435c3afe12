"""The workspace's ledger: signing queued events with the employee's key, in order."""

from __future__ import annotations

import json

from workbench.core.trust import ledger
from workbench.core.trust.dsse import Signer
from workbench.core.workspace import Workspace


def flush(ws: Workspace, signer: Signer) -> int:
    """Sign and append every queued event; returns how many were written. An event already
    in the ledger (a crash between writing it and dropping it from the queue) is not
    written twice."""
    path = ws.ledger_path
    existing = ledger.read_entries(ledger.read_file(path))
    seen = {(e.type, e.time, json.dumps(e.body, sort_keys=True)) for e in existing}
    written = 0
    for event_id, time, event_type, body in ws.pending_events():
        if (event_type, time, json.dumps(body, sort_keys=True)) not in seen:
            remember_head(ws, ledger.append(path, event_type, signer, body, time))
            written += 1
        ws.forget_pending_event(event_id)
    return written


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
