"""Review decisions: default policy, secrets never kept, manual redaction, all occurrences,
undo, approval rules and the ledger events they queue."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import RefusedError
from workbench.core.ingest.artifacts import ArtifactKind, ArtifactState
from workbench.core.review import decisions as review
from workbench.core.review import scan
from workbench.core.review.decisions import Decision, default_decision
from workbench.core.workspace import Workspace


@pytest.fixture
def scanned(workspace: Workspace, fixtures: Path) -> Workspace:
    workspace.import_paths([fixtures / "feishu/chat_export.json", fixtures / "collector",
                            fixtures / "email/handover.eml", fixtures / "images"])
    scan.scan_workspace(workspace)
    return workspace


def by_value(ws: Workspace, value: str):
    return [f for f in ws.findings() if f.value == value]


@pytest.mark.parametrize(
    ("entity", "party", "expected"),
    [("SECRET", "none", "redact"), ("PERSON", "third_party", "pseudonymise"),
     ("EMAIL_ADDRESS", "third_party", "pseudonymise"), ("PHONE_NUMBER", "third_party",
                                                          "pseudonymise"),
     ("PERSON", "self", "keep"), ("PHONE_NUMBER", "self", "redact"),
     ("CN_RESIDENT_ID", "self", "redact"), ("BANK_CARD", "self", "redact"),
     ("ADDRESS", "self", "redact"), ("SENSITIVE_HEALTH", "none", "redact"),
     ("LOCATION", "none", "keep")],
)
def test_default_policy(entity: str, party: str, expected: str):
    assert default_decision(entity, party) == expected


def test_policy_applies_to_pending_findings_only(scanned: Workspace):
    secret = by_value(scanned, "AKIAIOSFODNN7EXAMPLE")[0]
    zhang = by_value(scanned, "张伟")[0]
    review.decide(scanned, zhang.id, Decision.REDACT)
    review.apply_default_policy(scanned)
    assert scanned.finding(secret.id).decision == "redact"
    assert scanned.finding(zhang.id).decision == "redact"  # the employee's choice stands
    assert all(f.decision != "pending" for f in scanned.findings())


def test_secrets_can_never_be_kept(scanned: Workspace):
    secret = by_value(scanned, "AKIAIOSFODNN7EXAMPLE")[0]
    with pytest.raises(RefusedError, match="cannot be kept"):
        review.decide(scanned, secret.id, Decision.KEEP)
    assert scanned.finding(secret.id).decision == "pending"


def test_apply_to_all_occurrences_and_undo(scanned: Workspace):
    phones = by_value(scanned, "13812345678")
    assert len(phones) >= 3
    assert review.decide(scanned, phones[0].id, Decision.KEEP, all_occurrences=True) \
        == len(phones)
    assert {scanned.finding(f.id).decision for f in phones} == {"keep"}
    assert review.undo(scanned).decisions == len(phones)
    assert {scanned.finding(f.id).decision for f in phones} == {"pending"}


def test_manual_redaction_of_any_span_everywhere(scanned: Workspace):
    chat = next(a for a in scanned.artifacts() if a.kind is ArtifactKind.CHAT)
    start = chat.text.index("回滚脚本")
    ids = review.redact_span(scanned, chat.id, start, start + 4, all_occurrences=True)
    manual = [scanned.finding(i) for i in ids]
    assert {f.value for f in manual} == {"回滚脚本"}
    assert all(f.detector == "manual" and f.decision == "redact" for f in manual)
    review.undo(scanned)
    assert not [f for f in scanned.findings() if f.detector == "manual"]


def test_approval_needs_every_finding_decided_and_queues_a_ledger_event(scanned: Workspace):
    chat = next(a for a in scanned.artifacts() if a.kind is ArtifactKind.CHAT)
    with pytest.raises(RefusedError, match="still need a decision"):
        review.approve(scanned, chat.id)
    review.apply_default_policy(scanned)
    digest = review.approve(scanned, chat.id)
    assert scanned.artifact(chat.id).state is ArtifactState.APPROVED
    _, _, event, body = scanned.pending_events()[-1]
    assert event == "artifact.reviewed"
    assert body["artifact"] == chat.id and body["digest_out"] == digest
    assert body["decision"] == "approved" and body["counts"]["redact"]["SECRET"] == 1
    review.undo(scanned)
    assert scanned.artifact(chat.id).state is ArtifactState.PENDING
    assert scanned.pending_events()[-1][3]["decision"] == "reopened:pending"


def test_auto_review_approves_what_it_can_and_lists_the_rest(scanned: Workspace):
    summary = review.auto_review(scanned)
    left = review.unresolved(scanned)
    assert summary.approved == len(scanned.artifacts()) - 2
    assert {u.kind for u in left} == {"image"}
    assert all("by hand" in u.reasons[0] for u in left)


def test_decisions_are_committed_as_they_are_made(scanned: Workspace):
    phone = by_value(scanned, "13812345678")[0]
    review.decide(scanned, phone.id, Decision.REDACT)
    # Another connection (another process after a crash) sees it at once.
    other = Workspace.open(scanned.root)
    try:
        assert other.finding(phone.id).decision == "redact"
    finally:
        other.close()


def test_approve_ready_approves_what_has_nothing_left_in_one_undo_step(
        scanned: Workspace, fixtures: Path):
    artifacts = scanned.artifacts()
    first_finding = scanned.findings()[0]
    review.apply_default_policy(scanned)
    # One finding left to decide keeps its item out; an image is never approved unseen.
    scanned.set_decisions([(first_finding.id, "pending")])
    # An item imported after the scan has no findings yet, and is not ready either.
    scanned.import_paths([fixtures / "docs/handover_notes.md"])
    unscanned = {a.id for a in scanned.artifacts()} - {a.id for a in artifacts}
    ready = set(review.ready_to_approve(scanned))
    assert ready == {a.id for a in artifacts if a.kind is not ArtifactKind.IMAGE
                     and a.id != first_finding.artifact_id}
    assert not ready & unscanned
    events_before = len(scanned.pending_events())
    assert review.approve_ready(scanned) == len(ready)
    states = dict(scanned.artifact_states())
    assert {i for i, s in states.items() if s is ArtifactState.APPROVED} == ready
    approvals = [body for _id, _t, kind, body in scanned.pending_events()[events_before:]
                 if kind == "artifact.reviewed"]
    assert sorted(b["artifact"] for b in approvals) == sorted(ready)
    assert all(b["digest_out"].startswith("sha256:") for b in approvals)
    # The same digest a single approval records.
    one = next(iter(ready))
    review.undo(scanned)
    assert all(s is ArtifactState.PENDING for s in dict(scanned.artifact_states()).values())
    assert review.approve(scanned, one) == next(b["digest_out"] for b in approvals
                                                if b["artifact"] == one)


def test_approving_one_item_after_another_reads_no_workspace_wide_digest(
        scanned: Workspace, monkeypatch: pytest.MonkeyPatch):
    """An approval changes no finding, alias or person: the redaction context of the last
    one still holds, and knowing so costs one small query, not a digest of every finding
    (which grew with the workspace and held up the window at scale)."""
    review.apply_default_policy(scanned)
    pending = [a.id for a in scanned.artifacts() if a.state is ArtifactState.PENDING
               and a.kind is not ArtifactKind.IMAGE]
    assert len(pending) >= 3
    review.approve(scanned, pending[0])
    digests: list[str] = []
    fingerprint = Workspace.review_fingerprint

    def counted(ws: Workspace) -> str:
        digests.append(ws.root.name)
        return fingerprint(ws)

    monkeypatch.setattr(Workspace, "review_fingerprint", counted)
    for artifact_id in pending[1:]:
        review.approve(scanned, artifact_id)
    assert digests == []
    assert all(scanned.artifact(a).state is ArtifactState.APPROVED for a in pending)
