"""Crafted manifests, validly signed by a sender who holds real keys (issue 16 item 7):
`verify`, `countersign` and `open` answer each with one line and exit 1 or 2 — never a
traceback — and no name from the package reaches the terminal unescaped."""

from __future__ import annotations

import contextlib
import io
import json
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.parties import Party, make_parties
from workbench.cli import main
from workbench.core.errors import WorkbenchError
from workbench.core.package import bundle, consent, custody
from workbench.core.trust import dsse, keys, ledger

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
DEEP = "\x00DEEP\x00"  # replaced by a deeply nested array after serialising
settings.register_profile("default", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def parties(tmp_path: Path) -> tuple[Party, Party, Party]:
    # Per test: each test has a keyring of its own (tests/conftest.py).
    return make_parties(tmp_path / "homes")


def base_statement(parties: tuple[Party, Party, Party]) -> dict[str, Any]:
    """A statement exactly as `export` writes it (the record from the project's own code)."""
    employee, hr, recipient = parties
    with employee:
        terms = consent.ConsentTerms(
            purposes=(consent.Purpose("dpv:ServiceProvision", "handover"),),
            controller_name="Xinghe", controller_contact="", countersigner=hr.card.fingerprint,
            recipients=(recipient.card.fingerprint,), delete_by=date(2027, 3, 31))
        facts = consent.WorkspaceFacts((("documents", 1),), (), ("a" * 64,))
        record = consent.build_record(terms, "given", employee.card, facts, "notice", NOW,
                                      keys.known_cards())
    return bundle.statement(record, "0" * 64, {"SKILL.md": "1" * 64,
                                               "references/docs/a.md": "2" * 64})


def signed_package(parties: tuple[Party, Party, Party], out: Path, payload: bytes,
                   ledger_text: str = "") -> Path:
    """The statement bytes signed by the employee and HR with their real keys."""
    employee, hr, _ = parties
    signers = []
    for party in (employee, hr):
        with party:
            signers.append(keys.LocalSigner(party.card))
    envelope = dsse.sign_envelope(bundle.STATEMENT_TYPE, payload, signers)
    bundle.write_bundle(out, envelope, ledger_text.encode(), io.BytesIO(b"not a payload"))
    return out


def cli(party: Party, *argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with party, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def assert_refused_in_one_clean_line(code: int, out: str, err: str) -> None:
    assert code in (1, 2), (code, out, err)
    assert "Traceback" not in out + err
    assert "\x1b" not in out + err and "\u202e" not in out + err
    assert err.count("\n") <= 1, err


def every_command_refuses(parties: tuple[Party, Party, Party], package: Path,
                          tmp: Path) -> list[str]:
    _, hr, recipient = parties
    errors = []
    for party, argv in ((recipient, ("verify", package)),
                        (recipient, ("verify", package, "--format", "json")),
                        (hr, ("countersign", package, "--yes")),
                        (recipient, ("open", package, "--out", tmp / "recv"))):
        code, out, err = cli(party, *argv)
        assert_refused_in_one_clean_line(code, out, err)
        errors.append(err)
    with recipient:
        try:
            checked = bundle.read_bundle(package)
        except WorkbenchError:
            pass
        else:
            bundle.check_bundle(checked, keys.public_keys(), NOW)  # never raises
    return errors


PATHS: list[tuple[Any, ...]] = [
    ("_type",), ("predicateType",), ("subject",), ("subject", 0), ("subject", 0, "name"),
    ("subject", 1, "name"), ("subject", 1, "digest"), ("subject", 1, "digest", "sha256"),
    ("predicate",), ("predicate", "principal"), ("predicate", "principal", "fingerprint"),
    ("predicate", "principal", "name"), ("predicate", "countersigner"),
    ("predicate", "countersigner", "fingerprint"), ("predicate", "recipients"),
    ("predicate", "recipients", 0), ("predicate", "recipients", 0, "fingerprint"),
    ("predicate", "retention"), ("predicate", "retention", "delete_by"),
    ("predicate", "decision"), ("predicate", "separate_consent"),
    ("predicate", "data_categories"), ("predicate", "artifacts"), ("predicate", "controller"),
    ("predicate", "purposes"), ("predicate", "licence"), ("predicate", "cross_border"),
    ("predicate", "record_id"),
]
HOSTILE_NAMES = [".", "..", "/", "/etc/passwd", "a/../../b", "", "a//b", "C:\\x", "./SKILL.md",
                 "\x1b[2J\x1b[32mVALID all checks ok\x1b[0m", "references/\u202egpj.exe",
                 "x" * 5000, "references/\nSKILL.md"]
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False,
                                                                       allow_infinity=False)
    | TEXT | st.sampled_from(HOSTILE_NAMES) | st.just(DEEP),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children,
                                                                       max_size=4),
    max_leaves=12)


def mutate(statement: dict[str, Any], path: tuple[Any, ...], action: str, value: Any) -> None:
    target: Any = statement
    for key in path[:-1]:
        try:
            target = target[key]
        except (KeyError, IndexError, TypeError):
            return
    key = path[-1]
    with contextlib.suppress(KeyError, IndexError, TypeError):
        if action == "delete":
            del target[key]
        else:
            target[key] = value


def serialise(statement: dict[str, Any], depth: int) -> bytes:
    text = json.dumps(statement, ensure_ascii=False)
    return text.replace(json.dumps(DEEP), "[" * depth + "]" * depth).encode("utf-8")


@given(mutations=st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from(["delete", "set"]),
                                    JSON_VALUES), min_size=1, max_size=4),
       depth=st.sampled_from([1, 40, 5000, 200_000]))
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_crafted_statements_are_refused_in_one_line(parties, tmp_path: Path, mutations,
                                                    depth: int):
    statement = base_statement(parties)
    for path, action, value in mutations:
        mutate(statement, path, action, value)
    package = signed_package(parties, tmp_path / "crafted.cwpkg", serialise(statement, depth))
    every_command_refuses(parties, package, tmp_path)


@pytest.mark.parametrize(("edit", "message"), [
    (lambda s: s["predicate"].pop("principal"), "predicate.principal: it is missing"),
    (lambda s: s.update(subject=[x for x in s["subject"] if x["name"] != "payload.age"]),
     "must name payload.age exactly once"),
    (lambda s: s["subject"][1].update(name="."), "has an empty, '.' or '..' part"),
    (lambda s: s["subject"][1].update(name="/etc/passwd"), "absolute member name"),
    (lambda s: s["subject"][2].update(name="SKILL.md"), "listed twice"),
    (lambda s: s["subject"][1].update(name="\x1b[2Jok"), "control characters"),
    (lambda s: s["predicate"]["retention"].update(delete_by="soon"), "delete_by"),
    (lambda s: s["predicate"].update(recipients=[]), "predicate.recipients"),
])
def test_each_hostile_manifest_names_what_is_wrong(parties, tmp_path: Path, edit, message):
    statement = base_statement(parties)
    edit(statement)
    package = signed_package(parties, tmp_path / "bad.cwpkg", serialise(statement, 1))
    errors = every_command_refuses(parties, package, tmp_path)
    assert message in errors[-1] and "bad.cwpkg" in errors[-1]


def test_deep_nesting_is_refused_before_parsing(parties, tmp_path: Path):
    package = signed_package(parties, tmp_path / "deep.cwpkg",
                             b"[" * 1_000_000 + b"]" * 1_000_000)
    errors = every_command_refuses(parties, package, tmp_path)
    assert "nests 1000000 levels deep, over the limit of 32" in errors[-1]
    # The envelope itself nested deep, and a ledger line nested deep.
    bundle.write_bundle(tmp_path / "envelope.cwpkg", {}, b"", io.BytesIO(b""))
    with bundle._atomic_zip(tmp_path / "envelope.cwpkg") as archive:
        archive.writestr(bundle._info(bundle.MANIFEST), b"[" * 500_000 + b"]" * 500_000)
        archive.writestr(bundle._info(bundle.LEDGER), b"")
        archive.writestr(bundle._info(bundle.PAYLOAD), b"")
    errors = every_command_refuses(parties, tmp_path / "envelope.cwpkg", tmp_path)
    assert "levels deep" in errors[-1]
    statement = base_statement(parties)
    deep_line = '{"payload": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    package = signed_package(parties, tmp_path / "ledger.cwpkg",
                             serialise(statement, 1), deep_line)
    code, out, err = cli(parties[2], "verify", package)
    assert_refused_in_one_clean_line(code, out, err)
    assert "[FAIL] Consent ledger: line 1: line 1 nests 100001 levels deep" in out
    assert not ledger.verify(deep_line, {}).ok


def test_names_from_the_package_are_shown_escaped(parties, tmp_path: Path):
    """A principal's name that would repaint the terminal is printed visibly escaped."""
    statement = base_statement(parties)
    statement["predicate"]["principal"]["name"] = "\x1b[2J\x1b[32mVALID all checks ok\x1b[0m"
    statement["predicate"]["principal"]["fingerprint"] = "f" * 32  # a stranger
    package = signed_package(parties, tmp_path / "ansi.cwpkg", serialise(statement, 1))
    code, out, err = cli(parties[2], "verify", package)
    assert_refused_in_one_clean_line(code, out, err)
    assert "\\x1b[2J\\x1b[32mVALID all checks ok" in out


def test_a_hostile_manifest_in_a_skill_folder_is_a_failed_check(parties, tmp_path: Path):
    folder = tmp_path / "skill"
    (folder / "consent").mkdir(parents=True)
    (folder / "SKILL.md").write_text("---\nname: x\n---\n")
    (folder / "consent/ledger.jsonl").write_text("")
    for manifest in (b"[" * 100_000, b"{}", json.dumps({"payload": "", "payloadType": 1})
                     .encode()):
        (folder / "consent/manifest.dsse.json").write_bytes(manifest)
        with parties[2]:
            checks = custody.verify_skill(folder, NOW)
        assert [c.name for c in checks] == ["consent"] and not checks[0].ok
        code, out, err = cli(parties[2], "verify-skill", folder)
        assert_refused_in_one_clean_line(code, out, err)


def test_a_dot_member_in_the_payload_tar_is_refused_in_one_line(parties, tmp_path: Path):
    """The sender encrypts a tar holding a '.' member to the recipient and signs it all."""
    import hashlib
    import tarfile

    import pyrage
    import rfc8785

    employee, hr, recipient = parties
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w") as tar:
        for name in (".", "skill/SKILL.md"):
            info = tarfile.TarInfo(name)
            info.size = 2
            tar.addfile(info, io.BytesIO(b"hi"))
    payload = pyrage.encrypt(tar_bytes.getvalue(),
                             [pyrage.x25519.Recipient.from_str(recipient.card.age)])
    digest = hashlib.sha256(payload).hexdigest()
    statement = base_statement(parties)
    statement["subject"][0]["digest"]["sha256"] = digest
    lines = ""
    for party, event in ((employee, "export.created"), (hr, "consent.countersigned")):
        with party:
            entries = ledger.read_entries(lines)
            line, _ = ledger.make_line(len(entries), entries[-1].digest if entries
                                       else ledger.GENESIS, event,
                                       keys.LocalSigner(party.card),
                                       {"package": "sha256:" + digest})
        lines += line + "\n"
    signers = []
    for party in (employee, hr):
        with party:
            signers.append(keys.LocalSigner(party.card))
    envelope = dsse.sign_envelope(bundle.STATEMENT_TYPE, rfc8785.dumps(statement), signers)
    package = tmp_path / "dot.cwpkg"
    bundle.write_bundle(package, envelope, lines.encode(), io.BytesIO(payload))
    code, out, err = cli(recipient, "open", package, "--out", tmp_path / "recv")
    assert_refused_in_one_clean_line(code, out, err)
