"""Crafted and mutated payload tars into the custody extractor: it writes only the signed
files, inside its folder, or refuses with the project's own error — never a traceback, never
a byte outside the target, never a link."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.test_hostile_inputs import mutated
from workbench.core.package.bundle import BundleError
from workbench.core.package.custody import extract_checked

HOSTILE_NAMES = ["skill/../../escape.md", "/etc/skill.md", "skill/./SKILL.md", ".",
                 "skill//SKILL.md", "skill/\x1b[32mok\x1b[0m.md", "skill/" + "a" * 300,
                 "skill\\..\\x.md", "other/SKILL.md", "Skill/SKILL.md", "skill/SKILL.md",
                 "skill/references/a.md", "skill/references", "skill", "..", ""]
TYPES = [tarfile.REGTYPE, tarfile.AREGTYPE, tarfile.DIRTYPE, tarfile.SYMTYPE, tarfile.LNKTYPE,
         tarfile.CHRTYPE, tarfile.FIFOTYPE, tarfile.CONTTYPE]

names = st.one_of(
    st.sampled_from(HOSTILE_NAMES),
    st.lists(st.one_of(st.sampled_from(["skill", "references", "..", ".", "", "SKILL.md"]),
                       st.text(min_size=0, max_size=12)), min_size=1, max_size=4)
    .map("/".join))
members = st.lists(st.tuples(names, st.sampled_from(TYPES), st.binary(max_size=64),
                             st.sampled_from(["", "../../outside", "/etc/passwd", "SKILL.md"])),
                   min_size=0, max_size=8)


def build_tar(entries: list[tuple[str, bytes, bytes, str]]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, kind, data, link in entries:
            info = tarfile.TarInfo(name)
            info.type = kind
            info.linkname = link
            if info.isreg():
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            else:
                tar.addfile(info)
    return buffer.getvalue()


def check(tar_bytes: bytes, expected: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as sandbox:
        root = Path(sandbox)
        tar_path = root / "payload.tar"
        tar_path.write_bytes(tar_bytes)
        target = root / "extracted"
        try:
            top, written = extract_checked(tar_path, target, expected)
        except BundleError as exc:
            assert "\x1b" not in str(exc) and "\n" not in str(exc)
        else:
            files = {p.relative_to(target / top).as_posix(): hashlib.sha256(p.read_bytes())
                     .hexdigest() for p in (target / top).rglob("*") if p.is_file()}
            assert files == expected
            assert {w["name"]: w["sha256"] for w in written} == expected
        # Nothing outside the target, and nothing in it that is not a plain file or folder.
        assert {p.name for p in root.iterdir()} <= {"payload.tar", "extracted"}
        for path in target.rglob("*") if target.exists() else []:
            assert not path.is_symlink() and (path.is_file() or path.is_dir()), path
        for directory, _dirs, _files in os.walk(root):
            assert Path(directory).resolve().is_relative_to(root.resolve())


@given(members, st.data())
def test_crafted_tars_write_only_the_signed_files_or_are_refused(entries, data):
    tar_bytes = build_tar(entries)
    regular = {name.split("/", 1)[1]: hashlib.sha256(body).hexdigest()
               for name, kind, body, _ in entries
               if kind in (tarfile.REGTYPE, tarfile.AREGTYPE) and name.count("/") >= 1}
    chosen = data.draw(st.lists(st.sampled_from(sorted(regular)), unique=True)) if regular \
        else []
    expected = {name: regular[name] for name in chosen}
    if data.draw(st.booleans()):
        expected["SKILL.md"] = hashlib.sha256(b"---\n").hexdigest()
    check(tar_bytes, expected)


SKILL = {"SKILL.md": b"---\nname: skill\n---\n", "references/chat.md": b"hello " * 200,
         "references/notes/a.md": b"notes"}
GOOD = build_tar([("skill", tarfile.DIRTYPE, b"", ""), ("skill/assets", tarfile.DIRTYPE, b"", "")]
                 + [(f"skill/{n}", tarfile.REGTYPE, body, "") for n, body in SKILL.items()])
EXPECTED = {n: hashlib.sha256(body).hexdigest() for n, body in SKILL.items()}


def test_the_unmutated_tar_opens():
    check(GOOD, EXPECTED)
    with tempfile.TemporaryDirectory() as sandbox:
        (Path(sandbox) / "p.tar").write_bytes(GOOD)
        top, _ = extract_checked(Path(sandbox) / "p.tar", Path(sandbox) / "x", EXPECTED)
        assert top == "skill"


@given(mutated(GOOD))
def test_mutated_tars_open_exactly_or_are_refused(tar_bytes):
    check(tar_bytes, EXPECTED)


# -- signed revocations and receipts with any JSON inside ---------------------------------------

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(2 ** 53) + 1, 2 ** 53 - 1),
              st.text(max_size=20),
              st.sampled_from(["sha256:" + "0" * 64, "sha256:../../x/pwn",
                               "consent-workbench/revocation/v1",
                               "consent-workbench/receipt/v1"])),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.sampled_from(
                                   ["schema", "package", "principal", "fingerprint", "name",
                                    "withdrawn_at", "recipient", "deleted_at", "ledger",
                                    "record_id"]), children, max_size=6)),
    max_leaves=20)


def test_validly_signed_revocations_and_receipts_with_any_body_fail_cleanly(tmp_path: Path):
    import json

    import rfc8785

    from tests.core.parties import make_parties
    from workbench.core.errors import WorkbenchError
    from workbench.core.package import custody
    from workbench.core.trust import dsse, keys

    employee, _hr, recipient = make_parties(tmp_path / "homes")

    @given(json_values, st.sampled_from(["revocation", "receipt"]))
    def check_one(body: object, kind: str) -> None:
        signer, reader = (employee, recipient) if kind == "revocation" \
            else (recipient, employee)
        payload_type = custody.REVOCATION_TYPE if kind == "revocation" \
            else custody.RECEIPT_TYPE
        with signer:
            envelope = dsse.sign_envelope(payload_type, rfc8785.dumps(body),
                                          [keys.LocalSigner(signer.card)])
        path = tmp_path / f"x.{kind}"
        path.write_text(json.dumps(envelope))
        with reader:
            try:
                if kind == "revocation":
                    custody.import_revocation(path)
                else:
                    custody.import_receipt(path)
            except WorkbenchError as exc:
                assert "\n" not in str(exc)
        assert not list(tmp_path.parent.rglob("*pwn*"))

    check_one()
