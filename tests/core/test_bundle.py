"""The package across three parties: export, countersign, open, withdraw, purge, receipt —
and every way a package must be refused."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.core.parties import Party, make_parties
from workbench.core.errors import RefusedError
from workbench.core.package import bundle, consent, custody
from workbench.core.package.deadlines import deadlines
from workbench.core.pii.profile import SelfProfile
from workbench.core.review import decisions as review
from workbench.core.review import scan
from workbench.core.trust import keys
from workbench.core.workspace import Workspace

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
DELETE_BY = "2027-03-31"
MARKER = "灰度比例先按"  # a phrase that appears in the skill's chat reference


@pytest.fixture
def flow(tmp_path: Path, fixtures: Path):
    employee, hr, recipient = make_parties(tmp_path / "homes")
    with employee:
        ws = Workspace.create(tmp_path / "ws", SelfProfile.from_file(fixtures / "self.json"),
                              "Asia/Shanghai")
        ws.import_paths([fixtures / "feishu/chat_export.json", fixtures / "email/handover.eml"])
        scan.scan_workspace(ws)
        review.auto_review(ws)
        give(ws, employee, hr, recipient)
    yield Flow(tmp_path, ws, employee, hr, recipient)
    ws.close()


def give(ws, employee: Party, hr: Party, recipient: Party, **changes) -> dict:
    terms = consent.terms_from_mapping(
        {"purposes": [{"dpv": "dpv:ServiceProvision", "text": "release knowledge"}],
         "controller": {"name": "Xinghe Tech", "contact": "privacy@xinghe.example.com"}},
        countersigner=hr.card.fingerprint, recipients=[recipient.card.fingerprint],
        delete_by=DELETE_BY, **changes)
    record, _ = consent.record_decision(ws, terms, changes.pop("decision", "given"),
                                        employee.card, NOW)
    return record


class Flow:
    def __init__(self, root: Path, ws, employee: Party, hr: Party, recipient: Party) -> None:
        self.root, self.ws = root, ws
        self.employee, self.hr, self.recipient = employee, hr, recipient
        self.package = root / "out" / "skill.cwpkg"
        self.package.parent.mkdir(exist_ok=True)

    def export(self, now: datetime = NOW) -> bundle.ExportResult:
        with self.employee:
            return bundle.export(self.ws, self.package, self.employee.card, now)

    def countersign(self) -> None:
        with self.hr:
            bundle.countersign(self.package, self.hr.card, NOW)

    def open(self, now: datetime = NOW, path: Path | None = None) -> custody.OpenResult:
        with self.recipient:
            return custody.open_package(path or self.package, self.root / "received",
                                        self.recipient.card, now)


def test_whole_three_party_flow(flow: Flow):
    result = flow.export()
    assert result.package.startswith("sha256:") and result.files >= 4
    with zipfile.ZipFile(flow.package) as archive:
        assert sorted(archive.namelist()) == sorted(bundle.MEMBERS)
        assert {i.compress_type for i in archive.infolist()} == {zipfile.ZIP_STORED}
    flow.countersign()
    with flow.recipient:
        checked = custody.verify_for_recipient(flow.package, NOW, flow.recipient.card)
        assert not checked.failed(), checked.failed()
        statement = checked.statement
        assert statement["_type"] == "https://in-toto.io/Statement/v1"
        assert statement["predicate"]["record_id"] == result.record_id
        assert any(s["name"].startswith("references/") for s in statement["subject"])
    opened = flow.open()
    folder = opened.folder
    assert MARKER in "".join(p.read_text() for p in folder.rglob("*.md"))
    ledger_lines = (folder / "consent/ledger.jsonl").read_text().splitlines()
    types = [json.loads(__import__("base64").b64decode(json.loads(line)["payload"]))["type"]
             for line in ledger_lines]
    assert types[-3:] == ["export.created", "consent.countersigned", "package.opened"]
    with flow.recipient:
        assert all(c.ok for c in custody.verify_skill(folder, NOW))
        (row,) = deadlines(NOW)
        assert (row.side, row.status, row.delete_by) == ("custody", "active", DELETE_BY)
        assert deadlines(datetime(2027, 3, 20, tzinfo=UTC))[0].status == "due soon"
        assert deadlines(datetime(2027, 4, 1, tzinfo=UTC))[0].status == "overdue"
        purged = custody.purge(opened.package, NOW, flow.root / "receipt.json")
    assert not folder.exists() and not flow.package.exists()
    with flow.employee:
        assert deadlines(NOW)[0].status == "active"
        body = custody.import_receipt(purged.receipt).body
        assert body["package"] == opened.package
        assert deadlines(NOW)[0].status == "deleted ✓"


def test_after_purge_no_payload_bytes_remain(flow: Flow):
    flow.export()
    flow.countersign()
    opened = flow.open()
    with flow.recipient:
        home = flow.recipient.home
        stored = next((home / "data/custody").glob("*.tar.age")).read_bytes()
        custody.purge(opened.package, NOW)
        leftovers = []
        for path in [*home.rglob("*"), *(flow.root / "received").rglob("*"),
                     *(flow.root / "out").rglob("*")]:
            if path.is_file():
                data = path.read_bytes()
                if MARKER.encode() in data or stored[200:264] in data:
                    leftovers.append(path)
        assert not leftovers
        assert custody.secret_store().get(f"custody:{opened.package[7:]}") is None


@pytest.mark.skipif(shutil.which("age") is None, reason="the stock `age` tool is not installed "
                    "(Debian package `age`; .ci/run installs it)")
def test_stock_age_tool_decrypts_the_payload(flow: Flow, tmp_path: Path):
    flow.export()
    with zipfile.ZipFile(flow.package) as archive:
        (tmp_path / "payload.age").write_bytes(archive.read("payload.age"))
    with flow.recipient:
        identity = tmp_path / "recipient.key"
        identity.write_text(str(keys.age_identity(flow.recipient.card)) + "\n")
        identity.chmod(0o600)
    result = subprocess.run(["age", "--decrypt", "-i", str(identity), "-o",
                             str(tmp_path / "payload.tar"), str(tmp_path / "payload.age")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    import tarfile

    with tarfile.open(tmp_path / "payload.tar") as tar:
        assert any(n.endswith("SKILL.md") for n in tar.getnames())


@pytest.mark.parametrize("member", bundle.MEMBERS)
def test_a_flipped_byte_in_any_member_is_refused(flow: Flow, member: str):
    flow.export()
    flow.countersign()
    raw = bytearray(flow.package.read_bytes())
    with zipfile.ZipFile(flow.package) as archive:
        info = archive.getinfo(member)
    # The local header's own name and extra lengths (zip64 adds an extra field there).
    name_length = int.from_bytes(raw[info.header_offset + 26:info.header_offset + 28], "little")
    extra_length = int.from_bytes(raw[info.header_offset + 28:info.header_offset + 30], "little")
    data_start = info.header_offset + 30 + name_length + extra_length
    for offset in (0, info.compress_size // 2, info.compress_size - 1):
        tampered = bytearray(raw)
        tampered[data_start + offset] ^= 0x01
        path = flow.root / f"tampered-{offset}.cwpkg"
        path.write_bytes(bytes(tampered))
        with pytest.raises(RefusedError):
            flow.open(path=path)


@pytest.mark.parametrize("member", bundle.MEMBERS)
def test_a_rewritten_member_with_valid_zip_structure_is_refused(flow: Flow, member: str):
    """The attacker also fixes the zip's checksums: signatures and digests must catch it."""
    flow.export()
    flow.countersign()
    with zipfile.ZipFile(flow.package) as archive:
        contents = {n: archive.read(n) for n in archive.namelist()}
    data = bytearray(contents[member])
    data[len(data) // 2] ^= 0x01
    contents[member] = bytes(data)
    path = flow.root / "rewritten.cwpkg"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, content in contents.items():
            archive.writestr(name, content)
    with pytest.raises(RefusedError):
        flow.open(path=path)


def test_open_refusals_each_with_its_own_message(flow: Flow, tmp_path: Path):
    flow.export()
    with pytest.raises(RefusedError, match="HR countersignature: missing"):
        flow.open()
    flow.countersign()
    with pytest.raises(RefusedError, match="delete-by date: expired"):
        flow.open(now=datetime(2027, 4, 1, tzinfo=UTC))
    # Someone who is not a recipient.
    outsider_home = tmp_path / "outsider"
    from tests.core.parties import home

    with home(outsider_home):
        outsider = keys.create_identity(keys.Role.RECIPIENT, "Outsider")
        for party in (flow.employee, flow.hr):
            card = outsider_home / f"{party.card.fingerprint}.wbid.json"
            card.write_bytes(keys.card_bytes(party.card))
            keys.import_contact(card)
        with pytest.raises(RefusedError, match="recipient: Outsider is not among"):
            custody.open_package(flow.package, tmp_path / "x", outsider, NOW)
    # A truncated ledger (the countersignature line cut off).
    with zipfile.ZipFile(flow.package) as archive:
        contents = {n: archive.read(n) for n in archive.namelist()}
    contents["ledger.jsonl"] = b"\n".join(contents["ledger.jsonl"].splitlines()[:-1]) + b"\n"
    cut = tmp_path / "cut.cwpkg"
    bundle.write_bundle(cut, json.loads(contents["manifest.dsse.json"]), contents["ledger.jsonl"],
                        __import__("io").BytesIO(contents["payload.age"]))
    with pytest.raises(RefusedError, match="ledger records the countersignature"):
        flow.open(path=cut)
    contents["ledger.jsonl"] = b"\n".join(contents["ledger.jsonl"].splitlines()[:-1]) + b"\n"
    bundle.write_bundle(cut, json.loads(contents["manifest.dsse.json"]), contents["ledger.jsonl"],
                        __import__("io").BytesIO(contents["payload.age"]))
    with pytest.raises(RefusedError, match="ledger records this export"):
        flow.open(path=cut)
    # A revocation blocks open and makes an opened copy due now.
    with flow.employee:
        revocation = custody.withdraw(flow.package, tmp_path / "w.revocation", flow.employee.card,
                                      NOW).path
    with flow.recipient:
        custody.import_revocation(revocation)
    with pytest.raises(RefusedError, match="李娜 withdrew consent for this package"):
        flow.open()


def test_export_refusals_name_what_blocks(flow: Flow, fixtures: Path):
    with flow.employee:
        flow.ws.import_paths([fixtures / "docs/handover_notes.md"])
        with pytest.raises(RefusedError, match="pending review"):
            bundle.export(flow.ws, flow.package, flow.employee.card, NOW)
        scan.scan_workspace(flow.ws)
        review.auto_review(flow.ws)
        with pytest.raises(RefusedError, match="were not part of the material"):
            bundle.export(flow.ws, flow.package, flow.employee.card, NOW)
        give(flow.ws, flow.employee, flow.hr, flow.recipient, decision="declined")
        with pytest.raises(RefusedError, match="declines consent"):
            bundle.export(flow.ws, flow.package, flow.employee.card, NOW)
        health = [f for f in flow.ws.findings() if f.entity == "SENSITIVE_HEALTH"]
        if not health:  # the handover notes carry no health remark; use the chat's
            health = [f for f in flow.ws.findings() if f.entity.startswith("SENSITIVE_")]
        review.decide(flow.ws, health[0].id, review.Decision.KEEP)
        # A changed decision voids the approval: the artifact is reviewed again.
        with pytest.raises(RefusedError, match="pending review"):
            bundle.export(flow.ws, flow.package, flow.employee.card, NOW)
        review.approve(flow.ws, health[0].artifact_id)
        give(flow.ws, flow.employee, flow.hr, flow.recipient)
        category = health[0].entity.removeprefix("SENSITIVE_").lower()
        with pytest.raises(RefusedError, match=f"without separate consent: {category}"):
            bundle.export(flow.ws, flow.package, flow.employee.card, NOW)
        give(flow.ws, flow.employee, flow.hr, flow.recipient,
             separate_consent={category: True})
        assert bundle.export(flow.ws, flow.package, flow.employee.card, NOW).files > 0
    assert not list(flow.package.parent.glob(".cwpkg-*"))  # no temp files left behind


def test_countersign_never_decrypts_and_checks_the_countersigner(flow: Flow, monkeypatch):
    flow.export()
    import pyrage

    def no_decrypt(*args, **kwargs):
        raise AssertionError("countersigning decrypted the payload")

    monkeypatch.setattr(pyrage, "decrypt_io", no_decrypt)
    monkeypatch.setattr(pyrage, "decrypt", no_decrypt)
    with flow.recipient, pytest.raises(RefusedError, match="not Payments"):
        bundle.countersign(flow.package, flow.recipient.card, NOW)
    flow.countersign()
    with flow.hr:
        checked = bundle.check_bundle(bundle.read_bundle(flow.package), keys.public_keys(), NOW)
    assert not checked.failed()


def test_seal_skill_built_elsewhere_and_verify_skill_catches_unapproved_files(flow: Flow):
    flow.export()
    flow.countersign()
    opened = flow.open()
    team_skill = flow.root / "team-skill"
    (team_skill / "references").mkdir(parents=True)
    (team_skill / "SKILL.md").write_text("---\nname: team-skill\ndescription: \"x\"\n---\nBody\n")
    chat = next((opened.folder / "references/chats").glob("*.md"))
    shutil.copy(chat, team_skill / "references" / chat.name)
    with flow.recipient:
        checks = custody.seal_skill(team_skill, flow.package, NOW)
        assert all(c.ok for c in checks), checks
        assert "delete-by: \"2027-03-31\"" in (team_skill / "SKILL.md").read_text()
        (team_skill / "references" / "extra.md").write_text("not approved")
        failing = [c for c in custody.verify_skill(team_skill, NOW) if not c.ok]
        assert [c.name for c in failing] == ["files", "references approved"]
        assert "added: references/extra.md" in failing[0].detail
        expired = [c for c in custody.verify_skill(opened.folder,
                                                   datetime(2027, 5, 1, tzinfo=UTC)) if not c.ok]
        assert [c.name for c in expired] == ["deadline"]


def test_employee_deadlines_show_withdrawn(flow: Flow, tmp_path: Path):
    flow.export()
    with flow.employee:
        custody.withdraw(flow.package, tmp_path / "w.revocation", flow.employee.card, NOW)
        assert deadlines(NOW)[0].status == "withdrawn (due now)"
        entries = __import__("workbench.core.trust.ledger", fromlist=["x"]).read_entries(
            flow.ws.ledger_path.read_text())
        assert entries[-1].type == "consent.withdrawn"



def test_export_signed_by_an_identity_that_never_consented_is_refused(flow: Flow):
    """Two employee identities of one name: consent given with one, export asked with the
    other. The recipient's check would refuse the package; the export refuses it first,
    naming both, and signs and writes nothing."""
    with flow.employee:
        other = keys.create_identity(keys.Role.EMPLOYEE, "李娜", another=True)
        (blocker,) = [b for b in bundle.export_blockers(flow.ws, NOW, other)
                      if b.code == "wrong-signer"]
        assert not [b for b in bundle.export_blockers(flow.ws, NOW, flow.employee.card)
                    if b.code == "wrong-signer"]
        lines = flow.ws.ledger_path.read_text().count("\n")
        with pytest.raises(RefusedError) as refused:
            bundle.export(flow.ws, flow.package, other, NOW)
    message = str(refused.value)
    assert other.fingerprint[:16] in message and flow.employee.card.fingerprint[:16] in message
    assert "\n" not in message and refused.value.exit_code == 1
    assert str(blocker) in message
    assert not flow.package.exists()
    assert flow.ws.ledger_path.read_text().count("\n") == lines


def test_the_delete_by_date_is_the_users_local_date_around_midnight(flow: Flow, zone):
    """RT9: in Beijing at 00:30 on 1 April the delete-by date 31 March has passed, though
    it is still 31 March in UTC; in New York at 22:00 on 31 March it has not, though it is
    already 1 April in UTC."""
    from workbench.core.services import receiving

    flow.export()
    flow.countersign()
    opened = flow.open()
    beijing_half_past_midnight = datetime(2027, 3, 31, 16, 30, tzinfo=UTC)
    new_york_ten_pm = datetime(2027, 4, 1, 2, 0, tzinfo=UTC)
    with flow.recipient:
        zone("CST-8")
        (row,) = deadlines(beijing_half_past_midnight)
        assert (row.status, row.days_left) == ("overdue", -1)
        (held,) = receiving.held_packages(beijing_half_past_midnight)
        assert held.status == "overdue"
        checked = custody.verify_for_recipient(flow.package, beijing_half_past_midnight)
        assert [c.name for c in checked.failed()] == ["deadline"]
        assert [c.name for c in custody.verify_skill(opened.folder, beijing_half_past_midnight)
                if not c.ok] == ["deadline"]
        zone("EST+5")
        (row,) = deadlines(new_york_ten_pm)
        assert (row.status, row.days_left) == ("due soon", 0)
        assert not custody.verify_for_recipient(flow.package, new_york_ten_pm).failed()
    with flow.employee:
        zone("CST-8")
        # Nothing leaves on the delete-by day itself: 00:30 on 31 March in Beijing.
        assert "expired" in [b.code for b in bundle.export_blockers(
            flow.ws, beijing_half_past_midnight - timedelta(days=1))]
        zone("EST+5")
        assert "expired" not in [b.code for b in bundle.export_blockers(
            flow.ws, new_york_ten_pm - timedelta(days=1))]
# -- RT5: the package's clear intermediate files never sit beside the output ---------------------


def test_export_builds_in_a_private_scratch_folder_never_beside_the_output(
        flow: Flow, monkeypatch: pytest.MonkeyPatch):
    from workbench.core.package import skill

    beside = flow.package.parent
    (beside / "someone-elses.txt").write_text("kept")
    seen: list[tuple[Path, int, list[str]]] = []
    real_build = skill.build_skill

    def watched(ws, parent, name=None):  # type: ignore[no-untyped-def]
        folder = real_build(ws, parent, name)
        seen.append((Path(parent), Path(parent).stat().st_mode & 0o777,
                     sorted(p.name for p in beside.iterdir())))
        return folder

    monkeypatch.setattr(skill, "build_skill", watched)
    flow.export()
    ((parent, mode, listing),) = seen
    data = flow.employee.home / "data"
    assert parent.parent == data / "exporting" and parent.name.startswith(".export-")
    assert mode == 0o700 and (parent.parent.stat().st_mode & 0o777) == 0o700
    assert listing == ["someone-elses.txt"]  # nothing of the package beside it while built
    assert sorted(p.name for p in beside.iterdir()) == ["skill.cwpkg", "someone-elses.txt"]
    assert not list((data / "exporting").iterdir())
    assert (flow.package.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize("failing", ["build", "encrypt", "sign"])
def test_a_failing_export_leaves_nothing_beside_the_output_or_in_scratch(
        flow: Flow, monkeypatch: pytest.MonkeyPatch, failing: str):
    from workbench.core.package import skill
    from workbench.core.trust import dsse

    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        if failing == "build":  # the clear folder is half written
            real_build(*args, **kwargs)
        raise OSError(28, "No space left on device")

    real_build = skill.build_skill
    target = {"build": (skill, "build_skill"), "encrypt": (bundle, "_stream_encrypted_tar"),
              "sign": (dsse, "sign_envelope")}[failing]
    monkeypatch.setattr(*target, boom)
    with pytest.raises(Exception):  # noqa: B017 - whichever refusal: nothing is left
        flow.export()
    assert list(flow.package.parent.iterdir()) == []
    assert not list((flow.employee.home / "data" / "exporting").iterdir())
    for path in flow.employee.home.rglob("*"):
        if path.is_file() and "ws" not in path.parts:
            assert MARKER.encode() not in path.read_bytes(), path


def test_a_killed_exports_scratch_folder_is_swept_by_the_next_export(flow: Flow):
    from filelock import FileLock

    scratch = flow.employee.home / "data" / "exporting"
    stale = scratch / ".export-killed"
    (stale / "lina-li-work" / "references").mkdir(parents=True)
    (stale / "lina-li-work" / "references" / "chat.md").write_text(MARKER)
    running = scratch / ".export-running"  # another export, alive: left alone
    running.mkdir()
    lock = FileLock(running / ".lock")
    lock.acquire()
    try:
        flow.export()
        assert not stale.exists()
        assert running.exists()
    finally:
        lock.release()


def test_an_output_on_another_file_system_gets_the_whole_package_or_nothing(
        flow: Flow, monkeypatch: pytest.MonkeyPatch):
    """The data folder and the output may be on different file systems: a rename fails
    there (EXDEV), the package is then copied beside the output and renamed into place."""
    import errno
    import os

    from workbench.core.package import scratch

    real_replace = os.replace
    failed: list[str] = []

    def across(src, dst):  # type: ignore[no-untyped-def]
        if "exporting" in str(src) and "exporting" not in str(dst):
            failed.append(str(src))
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_replace(src, dst)

    monkeypatch.setattr(scratch.os, "replace", across)
    result = flow.export()
    assert failed and result.package == bundle.read_bundle(flow.package).package
    assert [p.name for p in flow.package.parent.iterdir()] == ["skill.cwpkg"]
    assert (flow.package.stat().st_mode & 0o777) == 0o600
def test_a_package_declares_the_sensitive_categories_consented_to_and_no_other(flow: Flow):
    """The package says what sensitive information it may carry: the category consented to
    and kept, not the others found (redacted) nor one consented to but never in it."""
    with flow.employee:
        found = [f for f in flow.ws.findings() if f.entity.startswith("SENSITIVE_")]
        kept = found[0]
        category = kept.entity.removeprefix("SENSITIVE_").lower()
        others = {f.entity.removeprefix("SENSITIVE_").lower() for f in found} - {category}
        absent = next(c for c in consent.SENSITIVE_CATEGORIES if c not in others | {category})
        review.decide(flow.ws, kept.id, review.Decision.KEEP)
        review.approve(flow.ws, kept.artifact_id)
        give(flow.ws, flow.employee, flow.hr, flow.recipient,
             separate_consent={category: True, absent: True, **{c: False for c in others}})
    flow.export()
    with flow.recipient:
        checked = custody.verify_for_recipient(flow.package, NOW, flow.recipient.card)
    declared = {c["category"] for c in checked.statement["predicate"]["data_categories"]
                if c["sensitive"]}
    assert declared == {category}
