"""HR's countersignature vouches for whom a package is readable by (red team: an extra age
recipient). A sender with valid keys encrypts the payload to one more key than the signed
record lists, re-signs and records the export: HR must refuse to countersign."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import pyrage
import pytest
import rfc8785

from tests.core import test_bundle
from tests.core.test_bundle import NOW, Flow
from workbench.core.errors import Problem, WorkbenchError
from workbench.core.messages import Message
from workbench.core.package import age_header, bundle
from workbench.core.trust import dsse, keys
from workbench.core.workspace import workspace_ledger

flow = test_bundle.flow  # the three-party fixture, shared


def reencrypted(flow: Flow, out: Path, extra: list[object],
                recipients_twice: bool = False) -> Path:
    """The exported package's own tar, encrypted to the record's recipients, the employee
    and `extra`, signed and recorded in the ledger by the employee as an export would be
    (with `recipients_twice`, the signed record lists each recipient twice)."""
    with flow.employee:
        with zipfile.ZipFile(flow.package) as archive:
            tar = pyrage.decrypt(archive.read(bundle.PAYLOAD),
                                 [keys.age_identity(flow.employee.card)])
        exported = bundle.read_bundle(flow.package)
        record = exported.record
        honest = [pyrage.x25519.Recipient.from_str(r["age"]) for r in record["recipients"]]
        honest.append(pyrage.x25519.Recipient.from_str(flow.employee.card.age))
        payload = pyrage.encrypt(tar, [*honest, *extra])
        statement = copy.deepcopy(exported.statement)
        if recipients_twice:
            record = statement["predicate"]
            record["recipients"] = record["recipients"] * 2
        sha = bundle.hashlib.sha256(payload).hexdigest()
        for subject in statement["subject"]:
            if subject["name"] == bundle.PAYLOAD:
                subject["digest"] = {"sha256": sha}
        signer = keys.LocalSigner(flow.employee.card)
        envelope = dsse.sign_envelope(bundle.STATEMENT_TYPE, rfc8785.dumps(statement), [signer])
        workspace_ledger.record_now(flow.ws, signer, "export.created", {
            "package": "sha256:" + sha, "record_id": record["record_id"],
            "recipients": [r["fingerprint"] for r in record["recipients"]],
            "files": len(exported.files), "delete_by": record["retention"]["delete_by"]})
        bundle.write_bundle(out, envelope, flow.ws.ledger_path.read_bytes(),
                            io.BytesIO(payload))
    return out


def test_countersign_refuses_a_payload_an_unnamed_key_can_read(flow: Flow, tmp_path: Path):
    flow.export()
    outsider = pyrage.x25519.Identity.generate()  # nobody the record names
    out = reencrypted(flow, tmp_path / "extra.cwpkg", [outsider.to_public()])
    with zipfile.ZipFile(out) as archive:
        assert pyrage.decrypt(archive.read(bundle.PAYLOAD), [outsider])  # the leak HR must see
    with flow.hr:
        # Every signature, the ledger and the payload digest check out: only the header tells.
        assert not bundle.check_bundle(bundle.read_bundle(out), keys.public_keys(), NOW,
                                       require_countersignature=False).failed()
        before = out.read_bytes()
        with pytest.raises(bundle.BundleError) as refused:
            bundle.countersign(out, flow.hr.card, NOW)
    assert refused.value.code == "countersign.extra-readers" and refused.value.exit_code == 1
    assert "extra.cwpkg" in refused.value.message and "more keys" in refused.value.message
    zh = Message(refused.value.code, refused.value.params).text("zh")
    assert "extra.cwpkg" in zh and "拒绝会签" in zh
    assert out.read_bytes() == before  # nothing was signed


def test_countersign_refuses_a_payload_also_open_to_another_kind_of_key(flow: Flow,
                                                                        tmp_path: Path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    flow.export()
    ssh = Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
    out = reencrypted(flow, tmp_path / "ssh.cwpkg", [pyrage.ssh.Recipient.from_str(ssh)])
    with flow.hr, pytest.raises(bundle.BundleError) as refused:
        bundle.countersign(out, flow.hr.card, NOW)
    assert refused.value.code == "countersign.other-readers"
    assert "ssh-ed25519" in refused.value.message


def test_an_honest_export_has_one_stanza_per_named_reader_and_is_countersigned(flow: Flow):
    flow.export()
    record = bundle.read_bundle(flow.package).record
    with zipfile.ZipFile(flow.package) as archive, archive.open(bundle.PAYLOAD) as payload:
        types = age_header.stanza_types(payload)
    assert types[age_header.X25519] == len(record["recipients"]) + 1
    assert age_header.extra_types(types) == []
    flow.countersign()


@pytest.mark.parametrize("header", [
    b"-----BEGIN AGE ENCRYPTED FILE-----\n",  # armored: not what packages carry
    b"age-encryption.org/v2\n-> X25519 a\nb\n--- c\n",
    b"age-encryption.org/v1\n",  # cut short
    b"age-encryption.org/v1\n--- " + b"A" * 43 + b"\n",  # no stanza at all
    b"age-encryption.org/v1\n-> X25519\n" + b"A" * 43 + b"\n--- " + b"A" * 43 + b"\n",
    b"age-encryption.org/v1\n-> X25519 " + b"A" * 43 + b"\n" + b"A" * 64 + b"\n--- "
    + b"A" * 43 + b"\n",  # an X25519 body that is not 32 bytes
    b"age-encryption.org/v1\n-> X25519  " + b"A" * 43 + b"\n",  # two spaces
    b"age-encryption.org/v1\n" + (b"-> X25519 " + b"A" * 43 + b"\n" + b"A" * 43 + b"\n")
    * 700 + b"--- " + b"A" * 43 + b"\n",  # far more stanzas than any package needs
    b"age-encryption.org/v1\n-> " + b"x" * 2000 + b"\n",  # an endless line
])
def test_a_header_the_app_does_not_write_is_refused(header: bytes):
    with pytest.raises(Problem):
        age_header.stanza_types(io.BytesIO(header + b"\x00" * 32))


def test_grease_is_allowed_once_other_types_are_not():
    from collections import Counter

    assert age_header.extra_types(Counter({"X25519": 2, "a}B-grease": 1})) == []
    assert age_header.extra_types(Counter({"X25519": 2, "a-grease": 1, "b-grease": 1}))
    assert age_header.extra_types(Counter({"X25519": 2, "scrypt": 1})) == ["scrypt"]
    # A plugin's stanza dressed as grease is longer than any grease rage writes.
    assert age_header.extra_types(Counter({"X25519": 2, "my-plugin-grease": 1}))
    assert age_header.extra_types(Counter({"X25519": 1, "ssh-ed25519": 1})) == ["ssh-ed25519"]


def test_hr_is_told_before_confirming_in_the_app_and_on_the_command_line(
        flow: Flow, tmp_path: Path, monkeypatch, capsys):
    from tests.core.test_package_trust import as_
    from workbench.core.errors import RefusedError
    from workbench.core.services import countersigning

    flow.export()
    out = reencrypted(flow, tmp_path / "extra.cwpkg",
                      [pyrage.x25519.Identity.generate().to_public()])
    with flow.hr:
        review = countersigning.review_package(out, NOW)
        assert review.verified and not review.can_countersign  # every check passes, but
        refusal = review.readers_refusal()  # the page's banner and confirm say this
        assert refusal is not None and refusal.code == "countersign.extra-readers"
        with pytest.raises(RefusedError, match="more keys than the consent names"):
            countersigning.check_may_countersign(review)
    before = out.read_bytes()
    code, printed, err = as_(flow.hr, monkeypatch, capsys, "countersign", out, "--yes")
    assert code == 1 and "Traceback" not in err
    assert "extra.cwpkg" in printed + err and "more keys" in printed + err
    assert out.read_bytes() == before


def test_a_recipient_listed_twice_buys_no_stanza_for_an_outsider(flow: Flow, tmp_path: Path):
    """Red team 2: HR counted the record's list as it was; a reader named twice left room
    for one more stanza, an outsider's."""
    flow.export()
    outsider = pyrage.x25519.Identity.generate()
    out = reencrypted(flow, tmp_path / "dup.cwpkg", [outsider.to_public()],
                      recipients_twice=True)
    with zipfile.ZipFile(out) as archive:
        assert pyrage.decrypt(archive.read(bundle.PAYLOAD), [outsider])  # the leak
    before = out.read_bytes()
    with flow.hr, pytest.raises(WorkbenchError):
        bundle.countersign(out, flow.hr.card, NOW)
    assert out.read_bytes() == before
