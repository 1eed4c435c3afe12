"""What travels in clear cannot confirm a guess of a package's content (red team): the signed
statement is readable without any key, so it lists each file by a digest keyed with a random
key that travels only inside the encrypted payload; the recipient still checks every file."""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import json
import tarfile
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyrage
import pytest
import rfc8785

from tests.core import test_bundle
from tests.core.test_bundle import NOW, Flow
from workbench.core.errors import RefusedError
from workbench.core.package import bundle, custody
from workbench.core.trust import dsse, keys
from workbench.core.workspace import workspace_ledger

flow = test_bundle.flow  # the three-party fixture, shared


def clear_text(package: Path) -> str:
    """Everything anyone holding the package reads without a key: the manifest, the ledger,
    and the signed statement and ledger bodies they carry base64-encoded."""
    with zipfile.ZipFile(package) as archive:
        manifest = archive.read(bundle.MANIFEST).decode()
        ledger_text = archive.read(bundle.LEDGER).decode()
    parts = [manifest, ledger_text,
             base64.b64decode(json.loads(manifest)["payload"]).decode()]
    parts += [base64.b64decode(json.loads(line)["payload"]).decode()
              for line in ledger_text.splitlines() if line.strip()]
    return "\n".join(parts)


def test_no_file_of_the_package_is_confirmable_from_what_travels_in_clear(flow: Flow):
    flow.export()
    flow.countersign()
    opened = flow.open()
    # The attacker's correct guess of each file, as the exporter wrote it. (The consent
    # notice is rendered from the record's own terms and counts, which travel in clear, and
    # the record signs its hash on purpose: it is what the employee was shown.)
    guesses = {p.relative_to(opened.folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
               for p in opened.folder.rglob("*") if p.is_file()
               and p.relative_to(opened.folder).as_posix() not in (
                   bundle.DIGEST_KEY, "consent/manifest.dsse.json", "consent/ledger.jsonl",
                   "consent/notice.md")}
    assert any(name.startswith("references/") for name in guesses)
    clear = clear_text(flow.package)
    assert [name for name, digest in guesses.items() if digest in clear] == []
    # The recipient, who holds the key, still checks every file of the opened folder.
    with flow.recipient:
        assert all(c.ok for c in custody.verify_skill(opened.folder, NOW))
        reference = next((opened.folder / "references").rglob("*.md"))
        reference.write_text(reference.read_text() + "\nedited", encoding="utf-8")
        failed = [c for c in custody.verify_skill(opened.folder, NOW) if not c.ok]
    assert [c.name for c in failed] == ["files"] and "changed" in failed[0].detail


def test_a_replaced_digest_key_does_not_make_edited_files_pass(flow: Flow):
    flow.export()
    flow.countersign()
    opened = flow.open()
    reference = next((opened.folder / "references").rglob("*.md"))
    reference.write_text("another text", encoding="utf-8")
    # The editor re-keys: a fresh key of their own beside the edited file.
    (opened.folder / bundle.DIGEST_KEY).write_text("ab" * 32 + "\n", encoding="ascii")
    with flow.recipient:
        failed = [c for c in custody.verify_skill(opened.folder, NOW) if not c.ok]
    assert [c.name for c in failed] == ["files"]
    assert bundle.DIGEST_KEY in failed[0].detail


def resigned(flow: Flow, out: Path, tar_edit: Callable[[bytes], bytes] = lambda tar: tar,
             statement_edit: Callable[[dict[str, Any], bytes], None] = lambda s, tar: None,
             ) -> Path:
    """The exported package with its tar edited, re-encrypted to the same readers, its
    statement edited, signed and recorded in the ledger by the employee as an export is."""
    with flow.employee:
        exported = bundle.read_bundle(flow.package)
        with zipfile.ZipFile(flow.package) as archive:
            tar = tar_edit(pyrage.decrypt(archive.read(bundle.PAYLOAD),
                                          [keys.age_identity(flow.employee.card)]))
        record = exported.record
        readers = [r["age"] for r in record["recipients"]] + [flow.employee.card.age]
        payload = pyrage.encrypt(tar, [pyrage.x25519.Recipient.from_str(r) for r in readers])
        sha = hashlib.sha256(payload).hexdigest()
        statement = copy.deepcopy(exported.statement)
        statement["subject"][0] = {"name": bundle.PAYLOAD, "digest": {"sha256": sha}}
        statement_edit(statement, tar)
        signer = keys.LocalSigner(flow.employee.card)
        envelope = dsse.sign_envelope(bundle.STATEMENT_TYPE, rfc8785.dumps(statement), [signer])
        workspace_ledger.record_now(flow.ws, signer, "export.created", {
            "package": "sha256:" + sha, "record_id": record["record_id"],
            "recipients": [r["fingerprint"] for r in record["recipients"]],
            "files": len(exported.files), "delete_by": record["retention"]["delete_by"]})
        bundle.write_bundle(out, envelope, flow.ws.ledger_path.read_bytes(),
                            io.BytesIO(payload))
    return out


def tar_files(tar: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        return {m.name.split("/", 1)[1]: archive.extractfile(m).read()  # type: ignore[union-attr]
                for m in archive.getmembers() if m.isfile()}


def plain_digests(statement: dict[str, Any], tar: bytes) -> None:
    """A statement as packages from before keyed digests signed it: every file by its sha256."""
    files = tar_files(tar)
    statement["subject"][1:] = [{"name": s["name"],
                                 "digest": {"sha256": hashlib.sha256(files[s["name"]]).hexdigest()}}
                                for s in statement["subject"][1:]]


def test_a_package_with_plain_digests_from_before_still_verifies_opens_and_checks(
        flow: Flow, tmp_path: Path):
    flow.export()
    flow.package = resigned(flow, tmp_path / "old.cwpkg", statement_edit=plain_digests)
    assert not bundle.read_bundle(flow.package).keyed_names
    flow.countersign()
    opened = flow.open()
    with flow.recipient:
        assert all(c.ok for c in custody.verify_skill(opened.folder, NOW))
        reference = next((opened.folder / "references").rglob("*.md"))
        reference.write_text("edited", encoding="utf-8")
        failed = [c for c in custody.verify_skill(opened.folder, NOW) if not c.ok]
    assert [c.name for c in failed] == ["files"]


def test_open_refuses_a_file_that_differs_from_its_keyed_digest(flow: Flow, tmp_path: Path):
    """The sender swaps a reference's text inside the payload but keeps the signed list."""
    def swap(tar: bytes) -> bytes:
        out = io.BytesIO()
        with tarfile.open(fileobj=io.BytesIO(tar)) as source, \
                tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as target:
            for member in source.getmembers():
                data = source.extractfile(member).read() if member.isfile() else None
                if member.name.endswith(".md") and "/references/" in member.name:
                    data = b"not what the employee approved"
                    member.size = len(data)
                target.addfile(member, io.BytesIO(data) if data is not None else None)
        return out.getvalue()

    flow.export()
    flow.package = resigned(flow, tmp_path / "swapped.cwpkg", tar_edit=swap)
    flow.countersign()  # HR never decrypts: the swap is the recipient's to catch
    with pytest.raises(RefusedError) as refused:
        flow.open()
    assert refused.value.code == "custody.file-changed"
    assert not (flow.root / "received").exists() or not any((flow.root / "received").iterdir())


def test_keyed_digests_without_a_digest_key_are_refused(flow: Flow, tmp_path: Path):
    flow.export()

    def drop_key(statement: dict[str, Any], tar: bytes) -> None:
        statement["subject"] = [s for s in statement["subject"] if s["name"] != bundle.DIGEST_KEY]

    out = resigned(flow, tmp_path / "nokey.cwpkg", statement_edit=drop_key)
    with flow.recipient, pytest.raises(bundle.BundleError, match=r"digest\.key"):
        bundle.read_bundle(out)


def test_a_sealed_skill_gets_the_digest_key_and_still_catches_unapproved_references(
        flow: Flow):
    flow.export()
    flow.countersign()
    opened = flow.open()
    team = flow.root / "team-skill"
    (team / "references").mkdir(parents=True)
    (team / "SKILL.md").write_text("---\nname: team-skill\ndescription: \"x\"\n---\nBody\n")
    chat = next((opened.folder / "references/chats").glob("*.md"))
    (team / "references" / chat.name).write_bytes(chat.read_bytes())
    with flow.recipient:
        assert all(c.ok for c in custody.seal_skill(team, flow.package, NOW))
        assert (team / bundle.DIGEST_KEY).read_bytes() == \
            (opened.folder / bundle.DIGEST_KEY).read_bytes()
        (team / "references" / chat.name).write_text("rewritten", encoding="utf-8")
        custody.seal_skill(team, flow.package, datetime(2026, 11, 29, tzinfo=UTC))
        failed = [c.name for c in custody.verify_skill(team, NOW) if not c.ok]
    assert failed == ["references approved"]
