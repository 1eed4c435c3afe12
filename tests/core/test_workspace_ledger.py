"""The workspace's signed ledger decides whether its consent was withdrawn. Where the ledger
ends is sealed in the database (`ledger_head`) and copied to the key store, so a withdrawal
is not undone without the key: not by deleting that setting and cutting the ledger, not by
deleting the ledger with it, not by putting back a copy of the workspace from before."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.core import test_bundle
from tests.core.test_bundle import NOW, Flow
from workbench.core.errors import RefusedError
from workbench.core.package import bundle, consent, custody
from workbench.core.workspace import Workspace, workspace_ledger


@pytest.fixture
def flow(tmp_path: Path, fixtures: Path):
    yield from test_bundle.flow.__wrapped__(tmp_path, fixtures)


def _withdraw(flow: Flow, tmp_path: Path) -> None:
    flow.export()
    with flow.employee:
        custody.withdraw(flow.package, tmp_path / "w.revocation", flow.employee.card, NOW)


def _forget_withdrawal_in_database(flow: Flow) -> None:
    """The attacker's view: the database file, no key. The mark cleared, the head deleted."""
    db = sqlite3.connect(flow.ws.root / "workspace.sqlite", isolation_level=None)
    db.execute("UPDATE consents SET withdrawn_at = NULL")
    assert db.execute("DELETE FROM settings WHERE key = 'ledger_head'").rowcount == 1
    db.close()


def _refused_export(flow: Flow, tmp_path: Path) -> RefusedError:
    with flow.employee, pytest.raises(RefusedError) as refused:
        bundle.export(flow.ws, tmp_path / "again.cwpkg", flow.employee.card, NOW)
    assert refused.value.exit_code == 1 and len(str(refused.value).splitlines()) == 1
    return refused.value


def test_a_withdrawal_is_not_undone_by_deleting_the_ledger_head_and_cutting_the_ledger(
        flow: Flow, tmp_path: Path) -> None:
    """The red team's case: the mark cleared, the `ledger_head` row deleted and the
    withdrawal line cut off the ledger file — all without the key."""
    _withdraw(flow, tmp_path)
    ledger_path = flow.ws.ledger_path
    lines = ledger_path.read_text(encoding="utf-8").splitlines(keepends=True)
    _forget_withdrawal_in_database(flow)
    ledger_path.write_text("".join(lines[:-1]), encoding="utf-8")  # the withdrawal line
    with flow.employee:
        record = consent.current_record(flow.ws)
        assert record is not None and not consent.withdrawn_at(flow.ws, record["record_id"])
        codes = [b.code for b in bundle.export_blockers(flow.ws, NOW, flow.employee.card)]
        assert codes == ["ledger-head-missing"]
        blocker = bundle.export_blockers(flow.ws, NOW)[0]
        assert str(flow.ws.root) in blocker.text("zh") and "备份" in blocker.text("zh")
    message = str(_refused_export(flow, tmp_path))
    assert str(flow.ws.root) in message
    assert "no longer records where its signed ledger ends" in message
    assert "restore the workspace folder from a backup" in message


def test_deleting_the_whole_ledger_with_its_head_is_refused(flow: Flow, tmp_path: Path) -> None:
    _withdraw(flow, tmp_path)
    _forget_withdrawal_in_database(flow)
    flow.ws.ledger_path.unlink()
    assert "no longer records where its signed ledger ends" in str(
        _refused_export(flow, tmp_path))


def test_a_workspace_put_back_as_it_was_before_the_withdrawal_is_refused(
        flow: Flow, tmp_path: Path) -> None:
    """Database and ledger copied back together from before the withdrawal agree with each
    other; the key store's copy of the head does not go back with them."""
    flow.export()
    root = flow.ws.root
    flow.ws.close()
    backup = tmp_path / "backup"
    shutil.copytree(root, backup)
    with flow.employee:
        flow.ws = Workspace.open(root)
        custody.withdraw(flow.package, tmp_path / "w.revocation", flow.employee.card, NOW)
        flow.ws.close()
        shutil.rmtree(root)
        shutil.copytree(backup, root)
        flow.ws = Workspace.open(root)
        assert not workspace_ledger.head_missing(flow.ws)
    assert "ledger is shorter than the app left it" in str(_refused_export(flow, tmp_path))
    flow.ws.close()


def test_a_withdrawal_in_the_signed_ledger_counts_whatever_the_database_says(
        flow: Flow, tmp_path: Path) -> None:
    """The consent in force is read again from the signed ledger: the mark in the database
    cleared (the head left alone) changes nothing."""
    _withdraw(flow, tmp_path)
    db = sqlite3.connect(flow.ws.root / "workspace.sqlite", isolation_level=None)
    db.execute("UPDATE consents SET withdrawn_at = NULL")
    db.close()
    with flow.employee:
        record = consent.current_record(flow.ws)
        assert record is not None
        assert consent.withdrawn_at(flow.ws, record["record_id"])
    assert "consent was withdrawn on " in str(_refused_export(flow, tmp_path))


def test_an_untouched_workspace_exports_again_after_a_new_decision(flow: Flow,
                                                                   tmp_path: Path) -> None:
    """The head and its copy follow every line the app writes: no false alarm."""
    _withdraw(flow, tmp_path)
    with flow.employee:
        assert not workspace_ledger.head_missing(flow.ws)
        assert not workspace_ledger.cut_short(flow.ws)
        test_bundle.give(flow.ws, flow.employee, flow.hr, flow.recipient)
        assert bundle.export(flow.ws, tmp_path / "again.cwpkg", flow.employee.card, NOW).files
