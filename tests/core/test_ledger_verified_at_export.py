"""Export trusts what the workspace's ledger says only once it verifies. Red team 2: export
read the ledger without checking its chain or signatures, and the ledger-head copy pins only the
LAST line: after a withdrawal and any later signed line, a user cleared the database mark and
rewrote the consent.withdrawn line in place, and export no longer saw the withdrawal."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from tests.core.test_bundle import NOW
from tests.core.test_gate import _db, _export, consented, parties, ws  # noqa: F401
from workbench.core.errors import RefusedError
from workbench.core.package import custody
from workbench.core.review import decisions as review
from workbench.core.trust import keys
from workbench.core.workspace import Workspace, workspace_ledger


def test_withdrawal_is_undone_by_editing_a_ledger_line_behind_the_head(
        consented: Workspace, parties, tmp_path: Path):  # noqa: F811
    employee = parties[0]
    result = _export(consented, parties, tmp_path)
    with employee:
        custody.withdraw(result.path, tmp_path / "w.revocation", employee.card, NOW)
        # Ordinary later work signs more lines: the head moves past the withdrawal.
        approved = next(a for a, s in consented.artifact_states() if s.value == "approved")
        review.exclude(consented, approved)
        review.approve(consented, approved)
        workspace_ledger.flush(consented, keys.LocalSigner(employee.card))
    # The attacker: the database mark cleared, the withdrawal line's record id rewritten.
    with _db(consented) as db:
        db.execute("UPDATE consents SET withdrawn_at = NULL")
    path = consented.ledger_path
    lines = path.read_bytes().decode().split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        envelope = json.loads(line)
        event = json.loads(base64.b64decode(envelope["payload"]))
        if event["type"] == "consent.withdrawn":
            event["body"]["record_id"] = "nothing"
            envelope["payload"] = base64.b64encode(
                json.dumps(event, separators=(",", ":"), sort_keys=True).encode()).decode()
            lines[i] = json.dumps(envelope, separators=(",", ":"), sort_keys=True)
    assert lines != path.read_bytes().decode().split("\n")
    path.write_bytes("\n".join(lines).encode())
    with pytest.raises(RefusedError, match="does not verify"):
        _export(consented, parties, tmp_path, "again.cwpkg")
