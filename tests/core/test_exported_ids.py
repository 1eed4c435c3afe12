"""Ids that leave the machine are keyed: a package's ledger, consent record and manifest name
items by `hmac-sha256:` under the workspace's key, never by a digest of their content (which
anyone holding a guess of an item's text could confirm by hashing it)."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from tests.core.parties import make_parties
from tests.core.test_bundle import NOW, Flow, give
from workbench.core import clock
from workbench.core.ingest.artifacts import ArtifactKind, ArtifactState
from workbench.core.package import bundle, custody
from workbench.core.pii.profile import SelfProfile
from workbench.core.review import decisions as review
from workbench.core.review import scan
from workbench.core.services import countersigning
from workbench.core.trust import keys, ledger, sealing
from workbench.core.workspace import Workspace, workspace_ledger

SOURCES = ("feishu/chat_export.json", "email/handover.eml")


def _workspace(root: Path, fixtures: Path, sources: tuple[str, ...] = SOURCES) -> Workspace:
    ws = Workspace.create(root, SelfProfile.from_file(fixtures / "self.json"), "Asia/Shanghai")
    ws.import_paths([fixtures / s for s in sources])
    scan.scan_workspace(ws)
    review.auto_review(ws)
    return ws


@pytest.fixture
def flow(tmp_path: Path, fixtures: Path):
    """A workspace whose email the employee withheld (excluded) before consenting."""
    employee, hr, recipient = make_parties(tmp_path / "homes")
    with employee:
        ws = _workspace(tmp_path / "ws", fixtures)
        email = next(a for a in ws.artifacts() if a.kind is ArtifactKind.EMAIL)
        review.exclude(ws, email.id)
        give(ws, employee, hr, recipient)
    yield Flow(tmp_path, ws, employee, hr, recipient)
    ws.close()


def _metadata(package: Path) -> str:
    """Everything a package says outside its encrypted payload, decoded: the manifest (its
    statement, with the consent record) and every ledger line's payload, as they are stored
    and as they read once base64 is taken off."""
    with zipfile.ZipFile(package) as archive:
        manifest = archive.read(bundle.MANIFEST).decode()
        ledger_text = archive.read(bundle.LEDGER).decode()
    decoded = [base64.b64decode(json.loads(manifest)["payload"]).decode()]
    decoded += [base64.b64decode(json.loads(line)["payload"]).decode()
                for line in ledger_text.splitlines() if line.strip()]
    return "\n".join([manifest, ledger_text, *decoded])


def _read(package: Path) -> tuple[dict, list[ledger.LedgerEntry]]:
    checked = bundle.read_bundle(package)
    return checked.record, ledger.read_entries(checked.ledger_text)


def _ids_in(package: Path) -> tuple[set[str], set[str]]:
    """The item ids of a package: its consent record's, and its ledger's imports'."""
    record, entries = _read(package)
    imported = {d for e in entries if e.type == "artifact.imported" for d in e.body["digests"]}
    return set(record["artifacts"]["digests"]), imported


def test_a_guess_of_an_items_text_cannot_be_confirmed_from_the_package(flow: Flow):
    """The attacker knows an item's exact text (one withheld, or one whose redacted parts
    they suspect) and hashes it every way the app could have: as its content id, as its
    text, as the original file's bytes. None of it is anywhere in what the package shows."""
    flow.export()
    ws = flow.ws
    withheld = next(a for a in ws.artifacts() if a.state is ArtifactState.EXCLUDED)
    guesses: dict[str, str] = {}
    for artifact in ws.artifacts():
        guesses[f"id of {artifact.title}"] = artifact.id.removeprefix("sha256:")
        guesses[f"text of {artifact.title}"] = hashlib.sha256(
            artifact.text.encode("utf-8")).hexdigest()
    originals = [p for p in (ws.root / "blobs").rglob("*") if p.is_file()]
    assert originals
    for blob in originals:
        assert len(blob.name) == 64  # an original is named by the digest of its bytes
        guesses[f"original {blob.name[:12]}"] = blob.name
    assert withheld.id.removeprefix("sha256:") in guesses.values()
    shown = _metadata(flow.package)
    confirmed = [what for what, digest in guesses.items() if digest in shown.lower()]
    assert not confirmed
    # The package still names every item, by its keyed id.
    record, imported = _ids_in(flow.package)
    assert ws.exported_id(withheld.id) in imported
    assert ws.exported_id(withheld.id) not in record
    assert all(i.startswith("hmac-sha256:") for i in record | imported)
    _, entries = _read(flow.package)
    reviewed = [e.body for e in entries if e.type == "artifact.reviewed"]
    assert reviewed and all(b["artifact"].startswith("hmac-sha256:") for b in reviewed)
    assert all(b["digest_out"].startswith("hmac-sha256:") for b in reviewed if "digest_out" in b)


def test_an_item_keeps_its_id_across_exports_and_has_another_in_another_workspace(
        flow: Flow, fixtures: Path):
    first = flow.export()
    again = flow.root / "out" / "again.cwpkg"
    with flow.employee:
        bundle.export(flow.ws, again, flow.employee.card, NOW)
    covered, imported = _ids_in(flow.package)
    assert (covered, imported) == _ids_in(again) and covered
    # The same email, imported into a second workspace of the same employee.
    with flow.employee:
        other = _workspace(flow.root / "other", fixtures, ("email/handover.eml",))
        try:
            give(other, flow.employee, flow.hr, flow.recipient)
            elsewhere = flow.root / "out" / "other.cwpkg"
            bundle.export(other, elsewhere, flow.employee.card, NOW)
            shared = {a.id for a in other.artifacts()} & {a.id for a in flow.ws.artifacts()}
        finally:
            other.close()
    assert shared, "both workspaces hold the email"
    other_covered, other_imported = _ids_in(elsewhere)
    assert {flow.ws.exported_id(i) for i in shared} <= imported
    assert not (other_covered | other_imported) & (covered | imported)
    assert first.record_id != bundle.read_bundle(elsewhere).record["record_id"]


def test_a_package_with_keyed_ids_verifies_opens_and_shows_hr_its_redactions(flow: Flow):
    flow.export()
    with flow.hr:
        hr_review = countersigning.review_package(flow.package, NOW)
    assert hr_review.ledger_verified and not [c for c in hr_review.checks if not c.ok
                                              and c.name != "countersignature"]
    # HR's counts join the ledger's reviews with the record's items: both keyed alike.
    assert hr_review.redactions
    flow.countersign()
    with flow.recipient:
        checked = custody.verify_for_recipient(flow.package, NOW, flow.recipient.card)
        assert not checked.failed(), checked.failed()
    opened = flow.open()
    with flow.recipient:
        assert all(c.ok for c in custody.verify_skill(opened.folder, NOW))


def test_a_package_made_before_ids_were_keyed_still_verifies_and_opens(
        tmp_path: Path, fixtures: Path, monkeypatch: pytest.MonkeyPatch):
    """An older version signed plain content digests into the record and the ledger."""
    employee, hr, recipient = make_parties(tmp_path / "old-homes")
    with monkeypatch.context() as old_version:
        old_version.setattr(sealing.Sealer, "exported_id", lambda self, digest: digest)
        with employee:
            ws = _workspace(tmp_path / "old-ws", fixtures)
            give(ws, employee, hr, recipient)
    old = Flow(tmp_path, ws, employee, hr, recipient)
    try:
        # The consent given then still covers the items now: no "material changed" refusal.
        result = old.export()
        record, entries = _read(old.package)
        assert record["artifacts"]["digests"]
        assert all(d.startswith("sha256:") for d in record["artifacts"]["digests"])
        imports = [e for e in entries if e.type == "artifact.imported"]
        assert all(d.startswith("sha256:") for e in imports for d in e.body["digests"])
        with hr:
            assert countersigning.review_package(old.package, NOW).redactions
        old.countersign()
        with recipient:
            checked = custody.verify_for_recipient(old.package, NOW, recipient.card)
            assert not checked.failed(), checked.failed()
        assert old.open().package == result.package
    finally:
        ws.close()


def test_the_same_event_twice_within_a_second_is_signed_both_times(
        flow: Flow, monkeypatch: pytest.MonkeyPatch):
    """Withhold an item, undo, withhold it again, all in one second: the second exclusion is
    history, not a repeat of the first, and the ledger must say the item ended withheld."""
    ws = flow.ws
    monkeypatch.setattr(clock, "iso", lambda moment=None: "2026-11-28T09:00:00Z")
    item = next(a.id for a in ws.artifacts() if a.state is ArtifactState.APPROVED)
    with flow.employee:
        signer = keys.LocalSigner(flow.employee.card)
        for step in (review.exclude, lambda ws, _item: review.undo(ws), review.exclude):
            step(ws, item)
            workspace_ledger.flush(ws, signer)
    decisions = [e.body["decision"] for e in ledger.read_entries(ws.ledger_path.read_text())
                 if e.type == "artifact.reviewed" and e.body["artifact"] == ws.exported_id(item)]
    assert decisions[-3:] == ["excluded", "reopened:approved", "excluded"]
    assert ws.artifact(item).state is ArtifactState.EXCLUDED


def test_an_event_written_before_a_crash_is_not_signed_twice(flow: Flow):
    ws = flow.ws
    item = next(a.id for a in ws.artifacts() if a.state is ArtifactState.APPROVED)
    review.exclude(ws, item)
    (_id, time, event_type, body), = ws.pending_events()
    with flow.employee:
        signer = keys.LocalSigner(flow.employee.card)
        # The crash: the line is in the ledger, the event still queued.
        ledger.append(ws.ledger_path, event_type, signer,
                      workspace_ledger.exported_body(ws, event_type, body), time)
        lines = len(ws.ledger_path.read_text().splitlines())
        assert workspace_ledger.flush(ws, signer) == 0
    assert len(ws.ledger_path.read_text().splitlines()) == lines and not ws.pending_events()


def test_a_flush_of_many_events_reads_the_ledger_once_and_copies_its_head_once(
        flow: Flow, monkeypatch: pytest.MonkeyPatch):
    """Cost per event must not grow with the ledger: a flush used to read and parse the whole
    ledger twice for every event it wrote (seconds for a few hundred decisions)."""
    from workbench.core.trust import secrets_store

    ws = flow.ws
    items = [a.id for a in ws.artifacts() if a.state is ArtifactState.APPROVED]
    for _ in range(10):
        for item in items:
            review.exclude(ws, item)
            review.undo(ws)
    queued = len(ws.pending_events())
    assert queued >= 20
    reads: list[Path] = []
    real_read = ledger.read_file
    monkeypatch.setattr(ledger, "read_file", lambda path: reads.append(path) or real_read(path))
    copies: list[str] = []
    store = secrets_store.secret_store()
    real_set = type(store).set
    monkeypatch.setattr(type(store), "set", lambda self, name, value: (
        copies.append(name) if name.startswith("ledger-head:") else None,
        real_set(self, name, value))[1])
    with flow.employee:
        signer = keys.LocalSigner(flow.employee.card)
        assert workspace_ledger.flush(ws, signer) == queued
        assert len(reads) == 1 and len(copies) == 1
        check = ledger.verify(real_read(ws.ledger_path), keys.public_keys())
    assert check.ok and not workspace_ledger.cut_short(ws)
