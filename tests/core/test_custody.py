"""The recipient's custody against a malicious sender who holds valid keys, against its own
second copy, against any other contact, and against a killed process (issue 16)."""

from __future__ import annotations

import bz2
import gzip
import hashlib
import io
import json
import lzma
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest
import rfc8785

from tests.core import test_bundle
from tests.core.parties import Party, home
from tests.core.test_bundle import MARKER, NOW, Flow
from workbench.cli import main
from workbench.core.errors import BadInputError, RefusedError
from workbench.core.package import bundle, consent, custody, deadlines
from workbench.core.trust import dsse, keys, ledger
from workbench.core.workspace import workspace_ledger


@pytest.fixture
def flow(tmp_path: Path, fixtures: Path):
    """Employee, HR and recipient with a reviewed workspace and consent (as test_bundle)."""
    yield from test_bundle.flow.__wrapped__(tmp_path, fixtures)


def custody_ledger_lines(flow: Flow, package: str) -> int:
    path = flow.recipient.home / "data/custody" / f"{package[7:]}.ledger.jsonl"
    return len(path.read_text().splitlines()) if path.exists() else 0


def ready(flow: Flow) -> None:
    flow.export()
    flow.countersign()


def signed_package(flow: Flow, tar_bytes: bytes, files: dict[str, str], out: Path) -> Path:
    """A package whose payload is `tar_bytes`, built and signed the way `export` does it —
    the employee's real keys, the workspace's real ledger, HR's real countersignature: the
    sender is malicious, not an impostor."""
    import pyrage

    with flow.employee:
        record = consent.record_of(flow.ws.consent_envelopes()[-1], keys.public_keys())
        recipients = [r["age"] for r in record["recipients"]] + [flow.employee.card.age]
        payload = pyrage.encrypt(tar_bytes, [pyrage.x25519.Recipient.from_str(r)
                                             for r in recipients])
        sha = hashlib.sha256(payload).hexdigest()
        signer = keys.LocalSigner(flow.employee.card)
        manifest = dsse.sign_envelope(bundle.STATEMENT_TYPE,
                                      rfc8785.dumps(bundle.statement(record, sha, files)),
                                      [signer])
        workspace_ledger.record_now(flow.ws, signer, "export.created", {
            "package": "sha256:" + sha, "record_id": record["record_id"],
            "recipients": [r["fingerprint"] for r in record["recipients"]],
            "files": len(files), "delete_by": record["retention"]["delete_by"]})
        bundle.write_bundle(out, manifest, flow.ws.ledger_path.read_bytes(),
                            io.BytesIO(payload))
    with flow.hr:
        bundle.countersign(out, flow.hr.card, NOW)
    return out


def tar_of(members: list[tuple[str, bytes | None]], compression: str = "") -> bytes:
    """A tar (optionally compressed) of (name, data) members; data None makes a folder."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            if data is None:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    raw = buffer.getvalue()
    return {"": lambda b: b, "bz2": bz2.compress, "gz": gzip.compress,
            "xz": lzma.compress}[compression](raw)


def written_bytes() -> int:
    """Bytes this process has written so far (Linux /proc accounting)."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("wchar:"):
            return int(line.split()[1])
    raise AssertionError("no wchar in /proc/self/io")


# -- item 2 and 10: every copy, purge of all of them, purged stays purged -----------------------


def test_second_open_is_refused_every_copy_is_purged_and_a_purged_package_stays_closed(
        flow: Flow, tmp_path: Path):
    ready(flow)
    kept = tmp_path / "kept.cwpkg"
    shutil.copy(flow.package, kept)
    spare = tmp_path / "spare.cwpkg"
    shutil.copy(flow.package, spare)
    first = flow.open()
    lines = custody_ledger_lines(flow, first.package)
    with flow.recipient:
        with pytest.raises(RefusedError, match=r"already open in .*received"):
            custody.open_package(kept, tmp_path / "out2", flow.recipient.card, NOW)
        assert custody_ledger_lines(flow, first.package) == lines  # "already": no new line
        assert not (tmp_path / "out2").exists()
        # The first copy is deleted by hand; opening a kept copy is then recorded as a
        # second copy of the same package, from a second package file.
        shutil.rmtree(first.folder)
        second = custody.open_package(kept, tmp_path / "out2", flow.recipient.card, NOW)
        (entry,) = deadlines.load(custody.custody_path())
        assert [c["folder"] for c in entry["copies"]] == [str(first.folder.resolve()),
                                                          str(second.folder.resolve())]
        names = {f["name"] for f in entry["copies"][1]["files"]}
        assert "SKILL.md" in names and "consent/ledger.jsonl" in names
        assert len(entry["bundles"]) == 2
        result = custody.purge(first.package, NOW, tmp_path / "receipt.json")
        assert not second.folder.exists() and not kept.exists() and not flow.package.exists()
        receipt = json.loads(dsse.decode_payload(json.loads(
            (tmp_path / "receipt.json").read_text())))
        listed = {(r["item"], r["path"], r["state"]) for r in receipt["removed"]}
        assert ("opened copy", str(first.folder.resolve()), "already gone") in listed
        assert ("opened copy", str(second.folder.resolve()), "deleted") in listed
        assert ("package file", str(kept.resolve()), "deleted") in listed
        assert len(result.removed) == 5  # two copies, the custody copy, two package files
        # A third copy of the .cwpkg kept elsewhere cannot bring it back.
        with pytest.raises(RefusedError, match="purged on 2026-11-28"):
            custody.open_package(spare, tmp_path / "out3", flow.recipient.card, NOW)
        (entry,) = deadlines.load(custody.custody_path())
        assert entry["deleted_at"].startswith("2026-11-28")
        # Even with the register edited to forget it, the custody ledger remembers.
        deadlines.write_json(custody.custody_path(), [])
        with pytest.raises(RefusedError, match="purged on"):
            custody.open_package(spare, tmp_path / "out3", flow.recipient.card, NOW)
        with pytest.raises(RefusedError, match="already purged"):
            deadlines.write_json(custody.custody_path(), [entry])
            custody.purge(first.package, NOW)
    assert not (tmp_path / "out3").exists()


def test_purge_signs_no_receipt_while_a_copy_remains(flow: Flow, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch):
    ready(flow)
    opened = flow.open()
    real_shred = custody.shred
    monkeypatch.setattr(custody, "shred", lambda path: None if Path(path) == opened.folder
                        .resolve() else real_shred(path))
    with flow.recipient:
        with pytest.raises(RefusedError, match="no receipt was signed"):
            custody.purge(opened.package, NOW, tmp_path / "receipt.json")
        assert not (tmp_path / "receipt.json").exists()
        (entry,) = deadlines.load(custody.custody_path())
        assert not entry.get("deleted_at")
        ledger_text = (flow.recipient.home / "data/custody"
                       / f"{opened.package[7:]}.ledger.jsonl").read_text()
        assert "package.deleted" not in {e.type for e in ledger.read_entries(ledger_text)}
        monkeypatch.setattr(custody, "shred", real_shred)
        custody.purge(opened.package, NOW, tmp_path / "receipt.json")
    assert not opened.folder.exists()


# -- item 3: only the package's principal can revoke ---------------------------------------------


def forged_revocation(party: Party, package: str, out: Path, principal: keys.IdentityCard) -> Path:
    """A revocation made with the project's own signing code by `party`, naming `principal`."""
    body = {"schema": custody.REVOCATION_SCHEMA, "package": package,
            "record_id": "00000000-0000-4000-8000-000000000000",
            "principal": {"name": principal.name, "fingerprint": principal.fingerprint},
            "withdrawn_at": "2026-11-28T09:00:00Z"}
    with party:
        envelope = dsse.sign_envelope(custody.REVOCATION_TYPE, rfc8785.dumps(body),
                                      [keys.LocalSigner(party.card)])
    out.write_text(json.dumps(envelope))
    return out


def test_only_the_packages_principal_can_revoke(flow: Flow, tmp_path: Path):
    ready(flow)
    with flow.employee:
        package = bundle.read_bundle(flow.package).package
    # Before the package arrives: HR naming itself as principal is refused outright.
    hr_says = forged_revocation(flow.hr, package, tmp_path / "hr.revocation", flow.hr.card)
    with flow.recipient, pytest.raises(RefusedError, match="not an employee"):
        custody.import_revocation(hr_says)
    # Another employee the recipient knows may sign a revocation naming herself: it is kept,
    # but the package's own statement names 李娜, so it does not stop the package.
    other_home = tmp_path / "other"
    with home(other_home):
        other = Party(other_home, keys.create_identity(keys.Role.EMPLOYEE, "王芳"))
        card = other_home / "other.wbid.json"
        card.write_bytes(keys.card_bytes(other.card))
    with flow.recipient:
        keys.import_contact(card)
        kept = custody.import_revocation(
            forged_revocation(other, package, tmp_path / "other.revocation", other.card))
        assert (kept.held, kept.already) == (False, False)
    opened = flow.open()
    with flow.recipient:
        (entry,) = deadlines.load(custody.custody_path())
        assert not entry.get("revoked_at")
        # Once held, anyone but the principal is refused, naming who signed.
        with pytest.raises(RefusedError, match="not signed by the package's principal 李娜"):
            custody.import_revocation(hr_says)
        with pytest.raises(RefusedError, match="not signed by the package's principal"):
            custody.import_revocation(tmp_path / "other.revocation")
        # HR naming the employee as principal: the signature is HR's, not hers.
        with pytest.raises(RefusedError, match="not signed by the package's principal"):
            custody.import_revocation(forged_revocation(
                flow.hr, package, tmp_path / "hr2.revocation", flow.employee.card))
        assert deadlines.due(NOW) == []
        # A stranger's revocation: named as such.
        stranger_home = tmp_path / "stranger"
        with home(stranger_home):
            stranger = Party(stranger_home, keys.create_identity(keys.Role.EMPLOYEE, "Eve"))
    with pytest.raises(RefusedError, match="someone you don't know"), flow.recipient:
        custody.import_revocation(forged_revocation(
            stranger, package, tmp_path / "eve.revocation", stranger.card))
    # The real one counts, once; a second import says so and changes nothing.
    with flow.employee:
        real = custody.withdraw(flow.package, tmp_path / "real.revocation",
                                flow.employee.card, NOW)
    with flow.recipient:
        first = custody.import_revocation(real.path)
        assert (first.held, first.already) == (True, False)
        again = custody.import_revocation(real.path)
        assert again.already
        assert [e["package"] for e in deadlines.due(NOW)] == [opened.package]


def test_a_revocation_imported_before_the_package_arrives_stops_it(flow: Flow,
                                                                   tmp_path: Path):
    ready(flow)
    with flow.employee:
        revocation = custody.withdraw(flow.package, tmp_path / "w.revocation",
                                      flow.employee.card, NOW)
    with flow.recipient:
        assert not custody.import_revocation(revocation.path).held
    with pytest.raises(RefusedError, match=r"李娜 withdrew consent for this package on "
                       r"\d{4}-\d\d-\d\d; it may not be opened") as refused:
        flow.open()
    assert refused.value.code == "custody.withdrawn-open"
    assert "purge" not in str(refused.value)  # nothing is held here to purge


def test_opening_a_withdrawn_package_that_is_held_says_to_purge_it(flow: Flow,
                                                                   tmp_path: Path):
    """A recipient who opens the package again after the employee withdrew consent is told
    why, and that the copies held must be purged — not "already open, use that copy"."""
    ready(flow)
    kept = tmp_path / "kept.cwpkg"
    shutil.copy(flow.package, kept)
    opened = flow.open()
    with flow.employee:
        revocation = custody.withdraw(flow.package, tmp_path / "w.revocation",
                                      flow.employee.card, NOW)
    with flow.recipient:
        custody.import_revocation(revocation.path)
        for attempt in (kept, tmp_path / "copy.cwpkg"):
            if not attempt.exists():
                shutil.rmtree(opened.folder)  # the opened copy deleted by hand: still held
                shutil.copy(kept, attempt)
            with pytest.raises(RefusedError) as refused:
                custody.open_package(attempt, tmp_path / "again", flow.recipient.card, NOW)
            message = str(refused.value)
            assert refused.value.code == "custody.withdrawn-held", message
            assert refused.value.exit_code == 1
            assert "李娜 withdrew consent" in message and len(message.splitlines()) == 1
            assert f"workbench purge {opened.package[7:19]}" in message
    assert not (tmp_path / "again").exists()


# -- item 4: package ids become paths only once validated ---------------------------------------


@pytest.mark.parametrize("package", ["sha256:../../../../x/pwn", "sha256:" + "A" * 64,
                                     "sha256:" + "0" * 63 + "/", "../" + "0" * 64, 7])
def test_a_revocation_with_a_hostile_package_id_is_refused_before_any_path(
        flow: Flow, tmp_path: Path, package: object):
    ready(flow)
    with flow.employee:
        body = {"schema": custody.REVOCATION_SCHEMA, "package": package,
                "record_id": "x", "withdrawn_at": "2026-11-28T09:00:00Z",
                "principal": {"name": flow.employee.card.name,
                              "fingerprint": flow.employee.card.fingerprint}}
        envelope = dsse.sign_envelope(custody.REVOCATION_TYPE, rfc8785.dumps(body),
                                      [keys.LocalSigner(flow.employee.card)])
    path = tmp_path / "evil.revocation"
    path.write_text(json.dumps(envelope))
    before = {p for p in tmp_path.rglob("*")}
    with flow.recipient:
        with pytest.raises(BadInputError, match="is not a package id"):
            custody.import_revocation(path)
        err = io.StringIO()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys, "stderr", err)
            assert main(["revocation", "import", str(path)]) == 2
        assert len(err.getvalue().strip().splitlines()) == 1
    created = {p for p in tmp_path.rglob("*")} - before
    assert not [p for p in created if "pwn" in p.name or "revocation" in p.name]
    assert not (tmp_path.parent / "x").exists()


# -- item 5: a plain tar, streamed, bounded, checked before writing ------------------------------


@pytest.mark.parametrize("compression", ["bz2", "gz", "xz"])
def test_a_compressed_tar_bomb_in_a_validly_signed_payload_writes_almost_nothing(
        flow: Flow, tmp_path: Path, compression: str):
    flow.export()
    big = bytes(48 << 20)  # 48 MB of zeros: a few KB compressed
    files = {"SKILL.md": hashlib.sha256(b"x").hexdigest(),
             "references/big.md": hashlib.sha256(big).hexdigest()}
    bomb = tar_of([("evil-skill", None), ("evil-skill/SKILL.md", b"x"),
                   ("evil-skill/references/big.md", big)], compression)
    assert len(bomb) < 64 << 10
    package = signed_package(flow, bomb, files, tmp_path / "bomb.cwpkg")
    with flow.recipient:
        assert not custody.verify_for_recipient(package, NOW, flow.recipient.card).failed()
        before = written_bytes()
        with pytest.raises(RefusedError, match="not a plain tar"):
            custody.open_package(package, tmp_path / "out", flow.recipient.card, NOW)
        assert written_bytes() - before < 2 << 20
    assert not list((flow.recipient.home / "data/custody").glob(".open-*"))
    assert not (tmp_path / "out" / "evil-skill").exists()


def test_each_member_is_checked_against_the_signed_list_before_it_is_written(
        flow: Flow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    flow.export()
    skill = b"---\nname: evil-skill\n---\n"
    files = {"SKILL.md": hashlib.sha256(skill).hexdigest()}
    payload = tar_of([("evil-skill/SKILL.md", skill),
                      ("evil-skill/notes/raw.md", b"13812345678 " + MARKER.encode())])
    package = signed_package(flow, payload, files, tmp_path / "extra.cwpkg")
    writes: list[str] = []
    real = custody._write_member
    monkeypatch.setattr(custody, "_write_member",
                        lambda tar, member, dest: writes.append(member.name)
                        or real(tar, member, dest))
    with flow.recipient, pytest.raises(RefusedError, match=r"not in the signed list: "
                                       r"evil-skill/notes/raw\.md"):
        custody.open_package(package, tmp_path / "out", flow.recipient.card, NOW)
    assert writes == ["evil-skill/SKILL.md"]


def test_a_hostile_member_name_is_shown_escaped(flow: Flow, tmp_path: Path):
    flow.export()
    files = {"SKILL.md": hashlib.sha256(b"x").hexdigest()}
    name = "evil-skill/\x1b[2K\x1b[1A\x1b[32mall checks ok\x1b[0m.md"
    package = signed_package(flow, tar_of([("evil-skill/SKILL.md", b"x"), (name, b"y")]),
                             files, tmp_path / "ansi.cwpkg")
    err = io.StringIO()
    with flow.recipient, pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stderr", err)
        assert main(["open", str(package), "--out", str(tmp_path / "out")]) == 1
    message = err.getvalue()
    assert "\x1b" not in message and "\\x1b[32m" in message
    assert len(message.strip().splitlines()) == 1


# -- item 6: a killed open leaves nothing in clear for long --------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
@pytest.mark.usefixtures("shared_key_store")
def test_open_killed_mid_extraction_is_shredded_by_the_next_custody_command(
        flow: Flow, tmp_path: Path):
    ready(flow)
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from datetime import datetime
        from pathlib import Path
        from workbench.core.package import custody
        from workbench.core.trust import keys

        real = custody._write_member
        def slow(tar, member, dest):
            digest = real(tar, member, dest)
            if dest.name.endswith(".md") and "references" in str(dest):
                print("written", flush=True)
                time.sleep(600)
            return digest
        custody._write_member = slow
        card = keys.my_identity(keys.Role.RECIPIENT)
        custody.open_package(Path({str(flow.package)!r}), Path({str(tmp_path / "opened")!r}),
                             card, datetime.fromisoformat({NOW.isoformat()!r}))
    """)], env={**os.environ, "WORKBENCH_HOME": str(flow.recipient.home)},
        stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "written"
        custody_area = flow.recipient.home / "data/custody"
        (work,) = custody_area.glob(".open-*")
        # While the opener lives, another command leaves its folder alone.
        with flow.recipient:
            custody.verify_for_recipient(flow.package, NOW, flow.recipient.card)
        assert work.exists()
        clear = [p for p in work.rglob("*.md") if p.is_file()]
        assert clear and any(p.stat().st_size for p in clear)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert work.exists()  # a kill runs no clean-up: the folder is left behind
    with flow.recipient:
        custody.verify_for_recipient(flow.package, NOW, flow.recipient.card)
    assert not work.exists()
    for path in flow.recipient.home.rglob("*"):
        if path.is_file():
            assert MARKER.encode() not in path.read_bytes(), path
    assert not (tmp_path / "opened").exists() or not any((tmp_path / "opened").iterdir())
    opened = flow.open()  # nothing was registered by the killed open
    assert opened.folder.exists()


def test_a_failed_open_leaves_no_work_folder(flow: Flow, tmp_path: Path):
    flow.export()
    files = {"SKILL.md": hashlib.sha256(b"signed").hexdigest()}
    package = signed_package(flow, tar_of([("evil-skill/SKILL.md", b"changed")]), files,
                             tmp_path / "changed.cwpkg")
    with flow.recipient, pytest.raises(RefusedError, match=r"SKILL\.md does not match"):
        custody.open_package(package, tmp_path / "out", flow.recipient.card, NOW)
    assert not list((flow.recipient.home / "data/custody").glob(".open-*"))
    assert not list((flow.recipient.home / "data/custody").glob("*.tar.age"))
    assert deadlines.load(custody.custody_path()) == []


# -- item 10: repeated withdraw and receipt import say "already" ---------------------------------


def test_withdrawing_twice_and_importing_a_receipt_twice_say_already(flow: Flow,
                                                                     tmp_path: Path):
    ready(flow)
    opened = flow.open()
    with flow.employee:
        first = custody.withdraw(flow.package, tmp_path / "a.revocation", flow.employee.card,
                                 NOW)
        lines = flow.ws.ledger_path.read_text().count("\n")
        second = custody.withdraw(flow.package, tmp_path / "b.revocation",
                                  flow.employee.card, NOW.replace(hour=12))
        assert (first.already, second.already) == (False, True)
        assert second.withdrawn_at == first.withdrawn_at
        assert flow.ws.ledger_path.read_text().count("\n") == lines
        assert (tmp_path / "a.revocation").read_bytes() == (tmp_path / "b.revocation") \
            .read_bytes()
        out = io.StringIO()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys, "stdout", out)
            assert main(["withdraw", str(flow.package), "--out",
                         str(tmp_path / "c.revocation")]) == 0
        assert "already withdrawn" in out.getvalue()
        assert flow.ws.ledger_path.read_text().count("\n") == lines
    with flow.recipient:
        custody.import_revocation(first.path)
        purged = custody.purge(opened.package, NOW, tmp_path / "receipt.json")
    with flow.employee:
        assert not custody.import_receipt(purged.receipt).already
        receipts = (flow.employee.home / "data/receipts.json").read_bytes()
        exports = (flow.employee.home / "data/exports.json").read_bytes()
        out = io.StringIO()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(sys, "stdout", out)
            assert main(["receipt", "import", str(purged.receipt)]) == 0
        assert "already imported" in out.getvalue()
        assert (flow.employee.home / "data/receipts.json").read_bytes() == receipts
        assert (flow.employee.home / "data/exports.json").read_bytes() == exports


def test_shred_zeroes_what_it_deletes_but_never_through_a_link(tmp_path: Path):
    folder = tmp_path / "copy"
    (folder / "references").mkdir(parents=True)
    secret = folder / "references" / "chat.md"
    secret.write_bytes(MARKER.encode() * 100)
    outside = tmp_path / "mine.txt"
    outside.write_text("the recipient's own file")
    (folder / "link").symlink_to(outside)
    os.link(outside, folder / "hardlink")
    with open(secret, "rb") as handle:  # an open handle still sees the bytes once unlinked
        custody.shred(folder)
        assert not folder.exists()
        assert handle.read() == bytes(len(MARKER.encode()) * 100)  # zeroed before deletion
    assert outside.read_text() == "the recipient's own file"


def receipt_body(path: Path) -> dict:
    return json.loads(dsse.decode_payload(json.loads(path.read_text())))


def test_purging_by_name_after_a_valid_revocation_records_withdrawn(flow: Flow,
                                                                    tmp_path: Path):
    """`purge ID` and `purge --due` give the same reason once a revocation is held."""
    ready(flow)
    opened = flow.open()
    with flow.employee:
        revocation = custody.withdraw(flow.package, tmp_path / "x.revocation",
                                      flow.employee.card, NOW).path
    with flow.recipient:
        custody.import_revocation(revocation)
        purged = custody.purge(opened.package, NOW, tmp_path / "receipt.json")
    assert receipt_body(purged.receipt)["reason"] == "withdrawn"


def test_purge_without_a_revocation_is_requested(flow: Flow, tmp_path: Path):
    ready(flow)
    opened = flow.open()
    with flow.recipient:
        purged = custody.purge(opened.package, NOW, tmp_path / "receipt.json")
    assert receipt_body(purged.receipt)["reason"] == "requested"


def test_purge_due_writes_one_receipt_to_the_file_named_never_a_folder(flow: Flow,
                                                                        tmp_path: Path):
    ready(flow)
    flow.open()
    later = NOW.replace(year=2028)  # past the delete-by date: due
    with flow.recipient:
        (result,) = custody.purge_due(later, tmp_path / "r3.json")
    receipt = tmp_path / "r3.json"
    assert result.receipt == receipt and receipt.is_file()
    assert receipt_body(receipt)["reason"] == "deadline"
    with flow.employee:
        assert not custody.import_receipt(receipt).already


def test_purge_due_of_several_needs_an_existing_folder_and_deletes_nothing_without(
        flow: Flow, tmp_path: Path, monkeypatch):
    ready(flow)
    flow.open()
    with flow.recipient:
        (entry,) = deadlines.load(custody.custody_path())
        monkeypatch.setattr(custody, "due", lambda now: [entry, {**entry, "package": "x"}])
        with pytest.raises(BadInputError, match=r"2 packages are due.*existing folder"):
            custody.purge_due(NOW, tmp_path / "r.json")
        assert not (tmp_path / "r.json").exists()
        assert not deadlines.load(custody.custody_path())[0].get("deleted_at")


def test_withdraw_refuses_a_missing_folder_and_another_file_like_export(flow: Flow,
                                                                       tmp_path: Path):
    ready(flow)
    with flow.employee:
        with pytest.raises(BadInputError, match="does not exist"):
            custody.withdraw(flow.package, tmp_path / "nonexistent/x.rev",
                             flow.employee.card, NOW)
        assert not (tmp_path / "nonexistent").exists()
        other = tmp_path / "notes.txt"
        other.write_text("mine")
        with pytest.raises(BadInputError, match=r"already exists.*--force"):
            custody.withdraw(flow.package, other, flow.employee.card, NOW)
        assert other.read_text() == "mine"
        first = custody.withdraw(flow.package, tmp_path / "x.rev", flow.employee.card, NOW)
        # The same revocation again (to resend it) may replace itself; --force anything.
        custody.withdraw(flow.package, first.path, flow.employee.card, NOW)
        custody.withdraw(flow.package, other, flow.employee.card, NOW, force=True)
        assert other.read_bytes() == first.path.read_bytes()


def test_another_employees_revocation_of_her_package_neither_stops_opening_nor_the_skill(
        flow: Flow, tmp_path: Path):
    """RT6: 王芳, an employee the recipient also knows, signs a revocation of 李娜's package
    (naming herself, as import requires) before it arrives. Opening it and verifying the
    skill built from it still pass; only 李娜's own revocation stops them."""
    from workbench.core.services import receiving

    ready(flow)
    with flow.employee:
        package = bundle.read_bundle(flow.package).package
    other_home = tmp_path / "other"
    with home(other_home):
        other = Party(other_home, keys.create_identity(keys.Role.EMPLOYEE, "王芳"))
        card = other_home / "other.wbid.json"
        card.write_bytes(keys.card_bytes(other.card))
    with flow.recipient:
        keys.import_contact(card)
        kept = custody.import_revocation(
            forged_revocation(other, package, tmp_path / "other.revocation", other.card))
        assert not kept.held
        assert custody.revocation_by(package, other.card.fingerprint) is not None
        assert not custody.is_revoked(package, flow.employee.card.fingerprint)
        checked = custody.verify_for_recipient(flow.package, NOW, flow.recipient.card)
        assert not checked.failed(), checked.failed()
    opened = flow.open()
    with flow.recipient:
        assert all(c.ok for c in receiving.verify_skill(opened.folder, NOW))
    with flow.employee:
        real = custody.withdraw(flow.package, tmp_path / "real.revocation",
                                flow.employee.card, NOW)
    with flow.recipient:
        assert custody.import_revocation(real.path).held
        failed = [c for c in receiving.verify_skill(opened.folder, NOW) if not c.ok]
        assert [c.name for c in failed] == ["revocation"], failed
        checked = custody.verify_for_recipient(flow.package, NOW, flow.recipient.card)
        assert [c.name for c in checked.failed()] == ["revocation"]
# -- RT3: a killed open leaves no copy that purge does not see -----------------------------------


def _open_killed_at_the_move(flow: Flow, tmp_path: Path, halfway: bool) -> Path:
    """Open in a child process killed at the move into place (after it, or halfway through a
    copy across file systems): no clean-up runs. Returns where the copy was going."""
    child = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        import os, shutil
        from datetime import datetime
        from pathlib import Path
        from workbench.core.package import custody
        from workbench.core.trust import keys

        real = shutil.move
        def killed(src, dst, *args, **kwargs):
            if {halfway!r}:
                Path(dst).mkdir(parents=True)
                first = sorted(p for p in Path(src).rglob("*.md") if p.is_file())[0]
                shutil.copy(first, Path(dst) / first.name)
            else:
                real(src, dst, *args, **kwargs)
            os._exit(9)
        custody.shutil.move = killed
        card = keys.my_identity(keys.Role.RECIPIENT)
        custody.open_package(Path({str(flow.package)!r}), Path({str(tmp_path / "opened")!r}),
                             card, datetime.fromisoformat({NOW.isoformat()!r}))
    """)], env={**os.environ, "WORKBENCH_HOME": str(flow.recipient.home)},
        capture_output=True, text=True, timeout=120)
    assert child.returncode == 9, child.stderr
    (dest,) = (tmp_path / "opened").iterdir()
    assert any(p.is_file() for p in dest.rglob("*"))  # clear bytes were left there
    return dest


@pytest.mark.skipif(os.name != "posix", reason="os._exit is how a kill is simulated")
@pytest.mark.usefixtures("shared_key_store")
@pytest.mark.parametrize("halfway", [False, True])
def test_open_killed_at_the_move_is_still_purged_before_any_receipt(
        flow: Flow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, halfway: bool):
    ready(flow)
    dest = _open_killed_at_the_move(flow, tmp_path, halfway)
    receipt = tmp_path / "receipt.json"
    with flow.recipient:
        (entry,) = deadlines.load(custody.custody_path())
        assert str(dest.resolve()) in [c["folder"] for c in entry["copies"]]
        # A purge that cannot delete the killed copy signs nothing.
        real_shred = custody.shred
        monkeypatch.setattr(custody, "shred", lambda path: None if Path(path).resolve()
                            == dest.resolve() else real_shred(path))
        with pytest.raises(RefusedError, match="no receipt was signed"):
            custody.purge(entry["package"], NOW, receipt)
        assert not receipt.exists()
        monkeypatch.setattr(custody, "shred", real_shred)
        result = custody.purge(entry["package"], NOW, receipt)
    assert not dest.exists()
    assert ("opened copy", str(dest.resolve()), "deleted") in {
        (r["item"], r["path"], r["state"]) for r in result.removed}
    assert receipt.is_file()
    for path in [*flow.recipient.home.rglob("*"), *(tmp_path / "opened").rglob("*")]:
        if path.is_file() and path != receipt:
            assert MARKER.encode() not in path.read_bytes(), path


@pytest.mark.skipif(os.name != "posix", reason="os._exit is how a kill is simulated")
@pytest.mark.usefixtures("shared_key_store")
def test_the_due_sweep_purges_an_open_killed_at_the_move(flow: Flow, tmp_path: Path):
    ready(flow)
    dest = _open_killed_at_the_move(flow, tmp_path, halfway=False)
    later = NOW.replace(year=NOW.year + 10)
    with flow.recipient:
        (result,) = custody.purge_due(later, tmp_path)
    assert not dest.exists() and result.receipt.is_file()


def test_purge_during_an_open_of_the_same_package_is_refused(
        flow: Flow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    ready(flow)
    refusals: list[Exception] = []
    real_move = shutil.move
    real_decrypt = custody._decrypt

    def purge_now() -> None:
        try:
            custody.purge(package, NOW)
        except (RefusedError, BadInputError) as exc:
            refusals.append(exc)

    def decrypt_then_purge(*args, **kwargs):  # type: ignore[no-untyped-def]
        real_decrypt(*args, **kwargs)
        purge_now()

    def purge_then_move(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        purge_now()
        return real_move(src, dst, *args, **kwargs)

    with flow.recipient:
        package = bundle.read_bundle(flow.package).package
        monkeypatch.setattr(custody, "_decrypt", decrypt_then_purge)
        monkeypatch.setattr(custody.shutil, "move", purge_then_move)
        opened = custody.open_package(flow.package, tmp_path / "out", flow.recipient.card, NOW)
        monkeypatch.setattr(custody.shutil, "move", real_move)
    assert [getattr(e, "code", None) for e in refusals] == ["custody.opening-now"] * 2, refusals
    assert "being opened" in str(refusals[-1]) and len(str(refusals[-1]).splitlines()) == 1
    assert opened.folder.exists() and flow.package.exists()
    with flow.recipient:
        (entry,) = deadlines.load(custody.custody_path())
        assert not entry.get("deleted_at")
        assert [c.get("pending") for c in entry["copies"]] == [None]
        custody.purge(package, NOW)  # once the open is done, purge runs
    assert not opened.folder.exists()


# -- withdrawal is per consent record, not per package ------------------------------------------


def _two_exports_under_one_record(flow: Flow, tmp_path: Path) -> tuple[Path, Path, str, str]:
    """Two packages exported under the one consent record (the first file re-sent, say),
    both countersigned: (first file, second file, first id, second id)."""
    first = flow.export()
    flow.countersign()
    one = tmp_path / "one.cwpkg"
    shutil.move(flow.package, one)
    second = flow.export()
    flow.countersign()
    assert first.record_id == second.record_id and first.package != second.package
    return one, flow.package, first.package, second.package


def test_withdrawing_one_package_stops_every_package_of_its_consent_record(
        flow: Flow, tmp_path: Path) -> None:
    """The red team's case: the employee withdraws the package she picks; the recipient
    imports the revocation and must not open the other package made under that consent."""
    one, two, first, second = _two_exports_under_one_record(flow, tmp_path)
    with flow.employee:
        withdrawn = custody.withdraw(one, tmp_path / "w.revocation", flow.employee.card, NOW)
        assert set(withdrawn.packages) == {first, second}
        said = withdrawn.scope_message()
        assert "every package you exported under it (2 packages)" in said.text("en")
        assert "2" in said.text("zh") and said.text("zh") != said.text("en")
        # The employee's list shows both withdrawn, not only the one she picked.
        assert {r.package: r.status for r in deadlines.deadlines(NOW)} == {
            first: "withdrawn (due now)", second: "withdrawn (due now)"}
        # Withdrawing the other one too says it was already withdrawn, records nothing new.
        lines = len(flow.ws.ledger_path.read_text(encoding="utf-8").splitlines())
        again = custody.withdraw(two, tmp_path / "w2.revocation", flow.employee.card, NOW)
        assert again.already and again.withdrawn_at == withdrawn.withdrawn_at
        assert len(flow.ws.ledger_path.read_text(encoding="utf-8").splitlines()) == lines
    with flow.recipient:
        assert not custody.import_revocation(withdrawn.path).held
        checked = custody.verify_for_recipient(two, NOW, flow.recipient.card)
        assert [c.name for c in checked.failed()] == ["revocation"]
    with pytest.raises(RefusedError, match="李娜 withdrew consent") as refused:
        flow.open(path=two)
    assert refused.value.code == "custody.withdrawn-open"


def test_a_revocation_makes_every_held_package_of_its_record_due_now(flow: Flow,
                                                                     tmp_path: Path) -> None:
    one, two, first, second = _two_exports_under_one_record(flow, tmp_path)
    with flow.recipient:
        for number, package in enumerate((one, two)):
            custody.open_package(package, tmp_path / f"received{number}", flow.recipient.card,
                                 NOW)
        assert deadlines.due(NOW) == []
    with flow.employee:
        revocation = custody.withdraw(one, tmp_path / "w.revocation", flow.employee.card, NOW)
    out = io.StringIO()
    with flow.recipient, pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "stdout", out)
        assert main(["revocation", "import", str(revocation.path)]) == 0
        assert sorted(e["package"] for e in deadlines.due(NOW)) == sorted([first, second])
        # Each is purged as withdrawn, whichever one the revocation named.
        assert receipt_body(custody.purge(second, NOW).receipt)["reason"] == "withdrawn"
    assert f"({second[7:19]})" in out.getvalue() and "workbench purge --due" in out.getvalue()


def test_another_employees_revocation_naming_the_record_stops_nothing(flow: Flow,
                                                                      tmp_path: Path) -> None:
    """Only the package's own principal withdraws its record: 王芳 signing a revocation of
    some package of hers that names 李娜's record id ends nothing of 李娜's."""
    _, two, _, _ = _two_exports_under_one_record(flow, tmp_path)
    record_id = bundle.read_bundle(two).record["record_id"]
    other_home = tmp_path / "other"
    with home(other_home):
        other = Party(other_home, keys.create_identity(keys.Role.EMPLOYEE, "王芳"))
        card = other_home / "other.wbid.json"
        card.write_bytes(keys.card_bytes(other.card))
    body = {"schema": custody.REVOCATION_SCHEMA, "package": "sha256:" + "ab" * 32,
            "record_id": record_id,
            "principal": {"name": other.card.name, "fingerprint": other.card.fingerprint},
            "withdrawn_at": "2026-11-28T09:00:00Z"}
    with other:
        envelope = dsse.sign_envelope(custody.REVOCATION_TYPE, rfc8785.dumps(body),
                                      [keys.LocalSigner(other.card)])
    (tmp_path / "other.revocation").write_text(json.dumps(envelope))
    with flow.recipient:
        keys.import_contact(card)
        assert custody.import_revocation(tmp_path / "other.revocation").others == ()
        assert not custody.verify_for_recipient(two, NOW, flow.recipient.card).failed()
    flow.open(path=two)
