"""Fail closed (issue 15): the one gate, tested the way an attacker would try to get around it —
approving before detection, editing the database without the key, copying sealed values
between rows, withdrawing and exporting anyway, failing half-way."""

from __future__ import annotations

import base64
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.core.parties import make_parties
from tests.core.test_bundle import give
from workbench.core.errors import BadInputError, RefusedError, WorkspaceDamaged
from workbench.core.package import bundle, consent, custody
from workbench.core.package.skill import build_skill
from workbench.core.pii import detector as detector_module
from workbench.core.pii import version
from workbench.core.pii.findings import Finding
from workbench.core.pii.profile import SelfProfile
from workbench.core.review import decisions as review
from workbench.core.review import gate, scan
from workbench.core.trust import keys
from workbench.core.workspace import Workspace

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
RESIDENT_ID = "110105199003071239"


@pytest.fixture
def parties(tmp_path: Path):
    return make_parties(tmp_path / "homes")


@pytest.fixture
def ws(tmp_path: Path, fixtures: Path, parties):
    employee = parties[0]
    with employee:
        workspace = Workspace.create(tmp_path / "ws", SelfProfile.from_file(fixtures / "self.json"),
                                     "Asia/Shanghai")
        workspace.import_paths([fixtures / "feishu/chat_export.json",
                                fixtures / "collector/messages.txt"])
        yield workspace
    workspace.close()


def _db(ws: Workspace) -> sqlite3.Connection:
    """The attacker's view: the database file, without the key."""
    return sqlite3.connect(ws.root / "workspace.sqlite", isolation_level=None)


def _export(ws: Workspace, parties, tmp_path: Path, name: str = "p.cwpkg"):
    employee = parties[0]
    with employee:
        return bundle.export(ws, tmp_path / name, employee.card, NOW)


# -- door 1: approval before detection -----------------------------------------------------------


def test_nothing_unscanned_can_be_approved_or_exported(ws: Workspace, parties, tmp_path: Path):
    with parties[0]:
        summary = review.auto_review(ws, scan=False)
        assert summary.approved == 0
        target = ws.artifact_states()[0][0]
        with pytest.raises(review.NotApprovable, match="not scanned yet") as refused:
            review.approve(ws, target)
        assert refused.value.blockers[0].rule is gate.Rule.UNSCANNED
        assert all("not scanned yet" in " ".join(u.reasons) for u in review.unresolved(ws))
        # Consent's notice would say what was found: before a scan it is refused too.
        with pytest.raises(RefusedError, match="not scanned yet"):
            give(ws, *parties)
        with pytest.raises(RefusedError, match="pending review"):
            _export(ws, parties, tmp_path)


def test_review_auto_scans_first_and_ships_no_secret(ws: Workspace, parties, tmp_path: Path):
    with parties[0]:
        summary = review.auto_review(ws)  # no scan before: it scans itself
        assert summary.scanned == len(ws.artifact_states()) and summary.approved > 0
        assert {f.entity for f in ws.findings()} >= {"SECRET", "CN_RESIDENT_ID"}
        out = build_skill(ws, tmp_path / "skill")
    text = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.md"))
    assert AWS_KEY not in text and RESIDENT_ID not in text


def test_an_upgraded_detector_makes_old_scans_stale(ws: Workspace, parties, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch):
    with parties[0]:
        review.auto_review(ws)
        give(ws, *parties)
        monkeypatch.setattr(version, "DETECTOR_VERSION", "999-upgraded")
        pending = [a for a, s in ws.artifact_states() if s.value == "pending"]
        if pending:
            with pytest.raises(review.NotApprovable, match="older detector"):
                review.approve(ws, pending[0])
        with pytest.raises(RefusedError, match="older detector"):
            _export(ws, parties, tmp_path)


def test_a_rescan_that_finds_more_sends_an_approved_item_back(ws: Workspace, parties,
                                                              monkeypatch: pytest.MonkeyPatch):
    with parties[0]:
        review.auto_review(ws)
        approved = [a for a, s in ws.artifact_states() if s.value == "approved"]
        target = ws.artifact(approved[0])

        class FindsOneMore:
            """The new detector finds a name the old one missed in the first line."""

            def __init__(self, real: object) -> None:
                self.real = real

            def analyze_many(self, texts, lang="auto", progress=None, cancel=None,
                             processes=1):
                found = self.real.analyze_many(texts)
                first = texts.index(scan.segment_spans(target)[0][1])
                extra = Finding("IP_ADDRESS", 0, 1, 0.9, texts[first][:1], "NewRecognizer")
                found[first] = [*found[first], extra]
                return found

        real = detector_module.Detector(scan.known_people(ws))
        monkeypatch.setattr(version, "DETECTOR_VERSION", "4.0-test")
        scan.scan_workspace(ws, make_detector=lambda _people: FindsOneMore(real))
        assert dict(ws.artifact_states())[target.id].value == "pending"
        (reasons,) = [u.reasons for u in review.unresolved(ws) if u.artifact_id == target.id]
        assert reasons == ("1 finding still needs a decision",)


# -- door 2: trusting the database ----------------------------------------------------------------


@pytest.fixture
def consented(ws: Workspace, parties, tmp_path: Path):
    with parties[0]:
        review.auto_review(ws)
        for artifact_id, state in ws.artifact_states():
            if state.value == "pending":
                review.exclude(ws, artifact_id)
        give(ws, *parties)
    return ws


def test_a_decision_flipped_to_keep_in_the_database_is_refused(consented: Workspace, parties,
                                                               tmp_path: Path):
    with _db(consented) as db:
        changed = db.execute("UPDATE findings SET decision = 'keep' WHERE entity IN "
                             "('SECRET', 'CN_RESIDENT_ID', 'BANK_CARD')").rowcount
    assert changed >= 2
    with pytest.raises(RefusedError, match="edited outside the app") as refused:
        _export(consented, parties, tmp_path)
    assert "支付网关发布群" in str(refused.value) or "messages" in str(refused.value)
    assert not (tmp_path / "p.cwpkg").exists()


def test_an_edited_decision_of_another_class_voids_the_approval(consented: Workspace, parties,
                                                                tmp_path: Path):
    with _db(consented) as db:
        db.execute("UPDATE findings SET decision = 'keep' WHERE entity = 'PHONE_NUMBER'")
    with pytest.raises(RefusedError, match="not the ones the app recorded"):
        _export(consented, parties, tmp_path)


def test_a_state_set_to_approved_in_the_database_is_refused(consented: Workspace, parties,
                                                            tmp_path: Path):
    with _db(consented) as db:
        db.execute("UPDATE artifacts SET state = 'approved'")
        db.execute("DELETE FROM approvals WHERE rowid = (SELECT MIN(rowid) FROM approvals)")
    with pytest.raises(RefusedError, match="changed after it was approved"):
        _export(consented, parties, tmp_path)


def test_a_deleted_finding_is_refused(consented: Workspace, parties, tmp_path: Path):
    with _db(consented) as db:
        db.execute("DELETE FROM findings WHERE entity = 'SECRET'")
    with pytest.raises(RefusedError, match="edited outside the app"):
        _export(consented, parties, tmp_path)


def test_a_forged_scan_record_is_refused(ws: Workspace, parties):
    with parties[0]:
        scan.scan_workspace(ws)
        target = ws.artifact_states()[0][0]
    with _db(ws) as db:
        db.execute("DELETE FROM findings WHERE artifact_id = ?", (target,))
    with parties[0], pytest.raises(review.NotApprovable, match="edited outside the app"):
        review.approve(ws, target)


def test_a_sealed_value_copied_to_another_row_does_not_open(consented: Workspace):
    with _db(consented) as db:
        (first, second) = db.execute("SELECT id, title FROM artifacts LIMIT 2").fetchall()
        db.execute("UPDATE artifacts SET title = ? WHERE id = ?", (second[1], first[0]))
        values = db.execute("SELECT id, value FROM findings ORDER BY id LIMIT 2").fetchall()
        db.execute("UPDATE findings SET value = ? WHERE id = ?", (values[1][1], values[0][0]))
    with pytest.raises(WorkspaceDamaged, match=first[0]):
        consented.artifact(first[0])
    with pytest.raises(WorkspaceDamaged, match=r"findings\.value"):
        consented.finding(values[0][0])


def test_an_edited_finding_class_does_not_open(consented: Workspace):
    with _db(consented) as db:
        (finding_id,) = db.execute("SELECT id FROM findings WHERE entity = 'SECRET'").fetchone()
        db.execute("UPDATE findings SET entity = 'LOCATION' WHERE id = ?", (finding_id,))
    with pytest.raises(WorkspaceDamaged):
        consented.finding(finding_id)


def test_secrets_and_identifiers_can_never_be_kept(ws: Workspace, parties):
    with parties[0]:
        scan.scan_workspace(ws)
        for finding in ws.findings():
            if finding.entity in gate.NEVER_KEPT:
                with pytest.raises(review.SecretCannotBeKept):
                    review.decide(ws, finding.id, review.Decision.KEEP)


# -- door 3: withdrawal ---------------------------------------------------------------------------


def test_withdrawal_ends_the_consent_until_a_new_decision(consented: Workspace, parties,
                                                          tmp_path: Path):
    employee = parties[0]
    result = _export(consented, parties, tmp_path)
    with employee:
        custody.withdraw(result.path, tmp_path / "w.revocation", employee.card, NOW)
        record = consent.current_record(consented)
        assert consent.withdrawn_at(consented, record["record_id"])
        with pytest.raises(RefusedError, match="consent was withdrawn on 2026-11-28"):
            bundle.export(consented, tmp_path / "again.cwpkg", employee.card, NOW)
        # Withdrawing again changes nothing and adds no ledger line.
        lines = consented.ledger_path.read_text().count("\n")
        assert not consent.mark_withdrawn(consented, record["record_id"], "2026-12-01",
                                          keys.LocalSigner(employee.card))
        assert consented.ledger_path.read_text().count("\n") == lines
        give(consented, *parties)  # a new decision, a new record
        assert bundle.export(consented, tmp_path / "again.cwpkg", employee.card, NOW).files


def test_withdrawal_survives_clearing_the_database_mark(consented: Workspace, parties,
                                                        tmp_path: Path):
    employee = parties[0]
    result = _export(consented, parties, tmp_path)
    with employee:
        custody.withdraw(result.path, tmp_path / "w.revocation", employee.card, NOW)
    with _db(consented) as db:
        db.execute("UPDATE consents SET withdrawn_at = NULL")
    with pytest.raises(RefusedError, match="withdrawn"):
        _export(consented, parties, tmp_path, "again.cwpkg")


# -- material changes -----------------------------------------------------------------------------


def test_new_material_after_consent_needs_a_new_consent(consented: Workspace, parties,
                                                        tmp_path: Path, fixtures: Path):
    with parties[0]:
        consented.import_paths([fixtures / "docs/handover_notes.md"])
        review.auto_review(consented)
        with pytest.raises(RefusedError, match="material changed after consent") as refused:
            _export(consented, parties, tmp_path)
        assert "a new kind of material: documents" in str(refused.value)
        give(consented, *parties)
        assert _export(consented, parties, tmp_path).files


def test_a_category_redacted_everywhere_needs_no_separate_consent(consented: Workspace):
    facts = consent.workspace_facts(consented)
    redacted = {f.entity.removeprefix("SENSITIVE_").lower() for f in consented.findings()
                if f.entity.startswith("SENSITIVE_") and f.decision == "redact"}
    assert redacted, "the samples carry a sensitive remark"
    assert not redacted & {name for name, _count in facts.sensitive}


# -- failed work signs nothing --------------------------------------------------------------------


@pytest.mark.parametrize("where", ["folder", "missing-parent", "existing"])
def test_a_failed_export_signs_nothing(consented: Workspace, parties, tmp_path: Path,
                                       where: str):
    out = {"folder": tmp_path, "missing-parent": tmp_path / "nope" / "p.cwpkg",
           "existing": tmp_path / "old.cwpkg"}[where]
    if where == "existing":
        out.write_bytes(b"keep me")
    before = consented.ledger_path.read_text()
    with parties[0], pytest.raises(BadInputError):
        bundle.export(consented, out, parties[0].card, NOW)
    assert "export.created" not in consented.ledger_path.read_text()[len(before):]
    if where == "existing":
        assert out.read_bytes() == b"keep me"
        with parties[0]:
            assert bundle.export(consented, out, parties[0].card, NOW, force=True).files


def test_export_created_is_written_after_the_package(consented: Workspace, parties,
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch):
    def broken_replace(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bundle.os, "replace", broken_replace)
    with parties[0], pytest.raises(BadInputError, match="the disk is full"):
        bundle.export(consented, tmp_path / "p.cwpkg", parties[0].card, NOW)
    assert "export.created" not in consented.ledger_path.read_text()
    assert not list(tmp_path.glob(".cwpkg-*")) and not (tmp_path / "p.cwpkg").exists()


# -- red-team regressions (each was a way out before it was closed) ------------------------------


def test_text_written_into_an_approved_row_through_a_schema_downgrade_is_refused(
        consented: Workspace):
    """F1: claim an older schema so the app would seal plaintext put into a row."""
    root = consented.root
    consented.close()
    with _db_at(root) as db:
        db.execute("PRAGMA user_version = 4")
    with pytest.raises(WorkspaceDamaged, match="edited outside the app"):
        Workspace.open(root)


@pytest.mark.parametrize("column, value", [("started_at", "../../../Z"),
                                           ("kind", "image"),
                                           ("image_blob", "0" * 64)])
def test_a_plain_column_edited_on_an_approved_row_voids_its_approval(
        consented: Workspace, parties, tmp_path: Path, column: str, value: str):
    """F2, F8: what an artifact shows is bound to its approval, plain columns included."""
    with _db(consented) as db:
        db.execute("PRAGMA foreign_keys = OFF")
        target = db.execute("SELECT id FROM artifacts WHERE state = 'approved'").fetchone()[0]
        db.execute(f"UPDATE artifacts SET {column} = ? WHERE id = ?", (value, target))
    with pytest.raises(RefusedError, match="changed after it was approved"):
        _export(consented, parties, tmp_path)


def test_an_excluded_item_cannot_be_brought_back_by_a_state_edit(consented: Workspace, parties,
                                                                 tmp_path: Path):
    """F3: an approval row outlived the approval."""
    with parties[0]:
        target = next(a for a, s in consented.artifact_states() if s.value == "approved")
        review.exclude(consented, target)
    with _db(consented) as db:
        db.execute("UPDATE artifacts SET state = 'approved' WHERE id = ?", (target,))
    with pytest.raises(RefusedError, match="changed after it was approved"):
        _export(consented, parties, tmp_path)


def test_undo_of_an_exclusion_does_not_restore_an_approval(consented: Workspace, parties):
    with parties[0]:
        target = next(a for a, s in consented.artifact_states() if s.value == "approved")
        review.exclude(consented, target)
        review.undo(consented)
    assert dict(consented.artifact_states())[target].value == "pending"


def test_a_ledger_event_written_outside_the_app_is_never_signed(consented: Workspace, parties,
                                                                tmp_path: Path):
    """F6: the employee's key signed whatever waited in pending_events."""
    with _db(consented) as db:
        db.execute("INSERT INTO pending_events(time, type, body) VALUES "
                   "('2026-01-01T00:00:00Z', 'artifact.reviewed', '{\"phone\": \"13812345678\"}')")
    before = consented.ledger_path.read_text()
    with pytest.raises(WorkspaceDamaged, match="not written by this app"):
        _export(consented, parties, tmp_path)
    assert consented.ledger_path.read_text() == before


def test_a_redaction_deleted_before_approval_is_caught(ws: Workspace, parties):
    """F7: decisions were only protected once approved."""
    with parties[0]:
        scan.scan_workspace(ws)
        review.apply_default_policy(ws)
        target = ws.artifact_states()[0][0]
        review.redact_span(ws, target, 0, 4)
    with _db(ws) as db:
        db.execute("DELETE FROM findings WHERE detector = 'manual'")
    with parties[0], pytest.raises(review.NotApprovable, match="not the ones the app recorded"):
        review.approve(ws, target)


def test_a_decision_flipped_before_approval_is_caught(ws: Workspace, parties):
    with parties[0]:
        scan.scan_workspace(ws)
        review.apply_default_policy(ws)
        finding = next(f for f in ws.findings() if f.entity == "PHONE_NUMBER")
    with _db(ws) as db:
        db.execute("UPDATE findings SET decision = 'keep' WHERE id = ?", (finding.id,))
    with parties[0], pytest.raises(review.NotApprovable, match="not the ones the app recorded"):
        review.approve(ws, finding.artifact_id)


def test_withdraw_marks_the_workspace_whatever_the_exports_register_says(
        consented: Workspace, parties, tmp_path: Path):
    """F5: an edited exports.json made withdraw skip the workspace."""
    from workbench.core.package.deadlines import exports_path

    result = _export(consented, parties, tmp_path)
    with parties[0]:
        path = exports_path()
        entries = json.loads(path.read_text())
        for entry in entries if isinstance(entries, list) else entries.values():
            entry["withdrawn_at"] = "2026-11-01T00:00:00Z"
        path.write_text(json.dumps(entries))
        custody.withdraw(result.path, tmp_path / "w.revocation", parties[0].card, NOW)
        with pytest.raises(RefusedError, match="withdrawn"):
            bundle.export(consented, tmp_path / "again.cwpkg", parties[0].card, NOW)


def _db_at(root: Path) -> sqlite3.Connection:
    return sqlite3.connect(root / "workspace.sqlite", isolation_level=None)


def test_a_declined_consent_removed_from_the_database_still_counts(consented: Workspace, parties,
                                                                   tmp_path: Path):
    """F4: deleting the newest record brought an older, wider consent back in force."""
    give(consented, *parties, decision="declined")
    with _db(consented) as db:
        db.execute("DELETE FROM consents WHERE decision = 'declined'")
    with pytest.raises(RefusedError, match="not the latest decision in the signed ledger"):
        _export(consented, parties, tmp_path)


def test_a_ledger_cut_back_to_drop_a_withdrawal_is_refused(consented: Workspace, parties,
                                                           tmp_path: Path):
    """F4: clearing the mark and cutting the ledger's tail undid a withdrawal."""
    result = _export(consented, parties, tmp_path)
    with parties[0]:
        custody.withdraw(result.path, tmp_path / "w.revocation", parties[0].card, NOW)
    lines = consented.ledger_path.read_text().splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines)
               if "consent.withdrawn" in base64.b64decode(json.loads(line)["payload"]).decode())
    consented.ledger_path.write_text("".join(lines[:cut]))
    with _db(consented) as db:
        db.execute("UPDATE consents SET withdrawn_at = NULL")
    with pytest.raises(RefusedError, match="ledger is shorter than the app left it"):
        _export(consented, parties, tmp_path, "again.cwpkg")


def test_people_deleted_outside_the_app_are_refused_not_scanned_without(ws: Workspace, parties,
                                                                       fixtures: Path):
    """Red team: deleting rows of `people` made the rescan (which `review --auto` runs) forget
    those people, so a name found only through them left in clear."""
    with parties[0]:
        scan.scan_workspace(ws)
        assert ws.people() and ws.people_hold()
    with _db(ws) as db:
        db.execute("DELETE FROM people WHERE id = (SELECT MAX(id) FROM people)")
    assert not ws.people_hold()
    with parties[0]:
        with pytest.raises(WorkspaceDamaged, match="people this workspace knows was changed"):
            scan.scan_workspace(ws)
        with pytest.raises(WorkspaceDamaged, match="people this workspace knows was changed"):
            review.auto_review(ws)
        # An import would seal the shortened list as the app's own: refused too.
        with pytest.raises(WorkspaceDamaged, match="people this workspace knows was changed"):
            ws.import_paths([fixtures / "docs/handover_notes.md"])


def test_a_schema_number_set_back_to_trust_a_shortened_people_list_again_is_refused(
        ws: Workspace, parties):
    root = ws.root
    ws.close()
    with _db_at(root) as db:
        db.execute("DELETE FROM people")
        db.execute("DELETE FROM settings WHERE key = 'people_mac'")
        db.execute("PRAGMA user_version = 7")
    with parties[0], pytest.raises(WorkspaceDamaged, match="says it is schema 7"):
        Workspace.open(root)


def test_a_workspace_from_schema_7_gets_its_people_sealed_once_on_upgrade(ws: Workspace, parties):
    from workbench.core.workspace.base import KEY_CHECK

    root = ws.root
    with ws._conn:  # what schema 7 left: the old key check, no people MAC
        ws._conn.execute("UPDATE settings SET value = ? WHERE key = 'key_check'",
                         (ws._seal(KEY_CHECK, "settings.key_check", "key_check"),))
        ws._conn.execute("DELETE FROM settings WHERE key = 'people_mac'")
        ws._conn.execute("PRAGMA user_version = 7")
    ws.close()
    with parties[0], Workspace.open(root) as upgraded:
        assert upgraded.people_hold() and upgraded.people()
    with parties[0], Workspace.open(root) as again:  # and it opens as schema 8 from then on
        assert again.people_hold()


def _db_at(root: Path) -> sqlite3.Connection:
    return sqlite3.connect(root / "workspace.sqlite", isolation_level=None)
