"""The export task through its service: what blocks an export names the page and the items
that fix it, an export refuses while anything blocks, and cancelling stops only while
nothing is recorded yet."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.core.parties import Party
from tests.core.services.helpers import NOW, reviewed_and_consented
from workbench.core.errors import BadInputError, Cancelled, RefusedError
from workbench.core.progress import CancelToken
from workbench.core.review import decisions
from workbench.core.services import exporting
from workbench.core.trust.ledger import read_entries
from workbench.core.workspace import Workspace


def test_every_blocker_names_the_page_that_fixes_it_and_the_items_it_is_about(root: Path):
    """A fresh workspace, no identity, nothing reviewed, no consent: each reason comes with
    its page, and the pending one with the very items still pending."""
    with Workspace.open(root) as ws:
        ids = sorted(a.id for a in ws.artifacts())
    check = exporting.check_export(root, NOW)
    assert not check.ready and check.signer is None and check.consent is None
    by_code = {b.code: b for b in check.blockers}
    assert {"pending", "no-approved", "no-consent", "no-identity"} <= set(by_code)
    for blocker in check.blockers:
        assert blocker.pages and set(blocker.pages) <= set(exporting.PAGES), blocker
        assert blocker.text() and blocker.text("zh") != blocker.text("en")
    assert by_code["pending"].pages == ("review",)
    assert sorted(by_code["pending"].items) == ids and by_code["pending"].item in ids
    assert by_code["no-consent"].pages == ("consent",) and not by_code["no-consent"].items
    assert by_code["no-identity"].pages == ("keys",)


def test_an_export_with_an_unapproved_item_is_refused_with_a_blocker_naming_it(
        root: Path, parties: tuple[Party, Party, Party], tmp_path: Path):
    reviewed_and_consented(root, parties)
    assert exporting.check_export(root, NOW).ready
    with Workspace.open(root) as ws:
        finding = next(f for f in ws.findings() if f.entity == "PERSON"
                       and f.decision == "pseudonymise")
        decisions.decide(ws, finding.id, decisions.Decision.REDACT)  # leaves `approved`
        states = dict(ws.artifact_states())
    assert states[finding.artifact_id].value == "pending"
    check = exporting.check_export(root, NOW)
    [pending] = [b for b in check.blockers if b.code == "pending"]
    assert pending.items == (finding.artifact_id,) and pending.pages == ("review",)
    out = tmp_path / "out.cwpkg"
    with pytest.raises(RefusedError) as refused:
        exporting.export(root, out, NOW)
    assert "pending review" in str(refused.value)
    assert not out.exists() and not list(tmp_path.glob(".export-*"))


def test_an_item_changed_behind_the_apps_back_is_named_by_id(
        root: Path, parties: tuple[Party, Party, Party]):
    import sqlite3

    reviewed_and_consented(root, parties)
    with Workspace.open(root) as ws:
        phones = {f.artifact_id for f in ws.findings() if f.entity == "PHONE_NUMBER"}
    assert phones
    with sqlite3.connect(root / "workspace.sqlite") as db:
        db.execute("UPDATE findings SET decision = 'keep' WHERE entity = 'PHONE_NUMBER'")
    check = exporting.check_export(root, NOW)
    [changed] = [b for b in check.blockers if b.code == "artifact"]
    assert set(changed.items) == phones and changed.pages == ("review",)
    assert "edited outside the app" in changed.text()


def test_a_ready_export_says_what_it_sends_and_writes_the_package(
        root: Path, parties: tuple[Party, Party, Party], tmp_path: Path):
    employee, hr, recipient = parties
    reviewed_and_consented(root, parties)
    with Workspace.open(root) as ws:
        approved = [i for i, state in ws.artifact_states() if state.value == "approved"]
    check = exporting.check_export(root, NOW)
    assert check.ready and check.signer == employee.card
    assert approved and check.approved == len(approved)
    assert check.consent is not None and check.consent.in_force
    assert [r.fingerprint for r in check.consent.recipients] == [recipient.card.fingerprint]
    assert check.consent.countersigner.fingerprint == hr.card.fingerprint
    assert check.days_left == (datetime(2027, 3, 31, tzinfo=UTC) - NOW).days + 1
    steps: list[int] = []
    result = exporting.export(root, tmp_path / "out.cwpkg", NOW,
                              progress=lambda done, total, label: steps.append(done))
    assert result.path.is_file() and result.record_id == check.consent.record_id
    assert steps == [0, 1, 2, 3, 4]
    with zipfile.ZipFile(result.path) as archive:
        assert "payload.age" in archive.namelist()


def test_cancel_stops_an_export_only_before_anything_is_recorded(
        root: Path, parties: tuple[Party, Party, Party], tmp_path: Path):
    reviewed_and_consented(root, parties)
    def exports_recorded() -> int:
        text = (root / "ledger.jsonl").read_text(encoding="utf-8")
        return sum(1 for e in read_entries(text) if e.type == "export.created")

    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        exporting.export(root, tmp_path / "early.cwpkg", NOW, cancel=token)
    assert not (tmp_path / "early.cwpkg").exists() and exports_recorded() == 0

    late = CancelToken()

    def cancel_while_writing(done: int, total: int, label: str) -> None:
        if done > exporting.LAST_CANCELLABLE_STEP:
            late.cancel()  # the ledger line is prepared: too late to stop halfway

    result = exporting.export(root, tmp_path / "late.cwpkg", NOW, progress=cancel_while_writing,
                              cancel=late)
    assert late.cancelled and result.path.is_file()
    assert exports_recorded() == 1


def test_the_build_skill_folder_is_checked_before_the_workspace_is_opened(tmp_path: Path):
    from workbench.core.errors import BadInputError

    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(BadInputError, match="is a file"):
        exporting.build_skill(tmp_path / "no-workspace", a_file)
    with pytest.raises(BadInputError, match="does not exist"):
        exporting.build_skill(tmp_path / "no-workspace", tmp_path / "missing" / "skill")


def test_build_skill_refuses_items_whose_approval_no_longer_holds(
        root: Path, parties: tuple[Party, Party, Party], tmp_path: Path):
    import sqlite3

    reviewed_and_consented(root, parties)
    folder = exporting.build_skill(root, tmp_path / "skills")
    assert (folder / "SKILL.md").is_file()
    with sqlite3.connect(root / "workspace.sqlite") as db:
        db.execute("UPDATE findings SET decision = 'keep' WHERE entity = 'PHONE_NUMBER'")
    with pytest.raises(RefusedError):
        exporting.build_skill(root, tmp_path / "again")
    assert not (tmp_path / "again").exists() or not any((tmp_path / "again").iterdir())


def test_build_skill_never_deletes_a_folder_of_the_users_that_has_the_skills_name(
        root: Path, parties: tuple[Party, Party, Party], tmp_path: Path):
    """Red team: `build-skill --out ~/projects --name website` deleted ~/projects/website
    whole, whatever it held. Only a folder an earlier build wrote is replaced."""
    reviewed_and_consented(root, parties)
    parent = tmp_path / "projects"
    theirs = parent / "website"
    theirs.mkdir(parents=True)
    (theirs / "important.txt").write_text("my own work")
    with pytest.raises(BadInputError) as taken:
        exporting.build_skill(root, parent, "website")
    assert taken.value.code == "skill.target-taken"
    assert (theirs / "important.txt").read_text() == "my own work"
    # Not even a folder that looks like a skill but was not built here.
    (theirs / "important.txt").unlink()
    (theirs / "SKILL.md").write_text("---\nname: website\n---\n")
    with pytest.raises(BadInputError):
        exporting.build_skill(root, parent, "website")
    assert (theirs / "SKILL.md").read_text() == "---\nname: website\n---\n"
    # An earlier build is replaced by the new one, but not once the user added to it.
    built = exporting.build_skill(root, parent, "handover")
    assert exporting.build_skill(root, parent, "handover") == built
    (built / "notes.md").write_text("mine")
    with pytest.raises(BadInputError):
        exporting.build_skill(root, parent, "handover")
    assert (built / "notes.md").read_text() == "mine"
