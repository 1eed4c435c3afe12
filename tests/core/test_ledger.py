"""The ledger: DSSE lines, hash chain, and every kind of tampering named at its line."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
import rfc8785

from tests.core.parties import make_parties
from workbench.core.services import consenting
from workbench.core.trust import keys, ledger
from workbench.core.trust.dsse import pae, sign_envelope


@pytest.fixture
def signer():
    card = keys.create_identity(keys.Role.EMPLOYEE, "李娜")
    return keys.LocalSigner(card)


def write_ledger(path: Path, signer, events: int = 4) -> list[str]:
    for i in range(events):
        ledger.append(path, "artifact.imported", signer, {"artifacts": i})
    return path.read_text().splitlines()


def check(lines: list[str], text_end: str = "\n"):
    return ledger.verify("\n".join(lines) + text_end, keys.public_keys())


def test_round_trip_and_pae_format(tmp_path: Path, signer):
    lines = write_ledger(tmp_path / "l.jsonl", signer)
    result = check(lines)
    assert result.ok and result.entries == 4 and result.actors == (signer.keyid,)
    envelope = json.loads(lines[0])
    assert envelope["payloadType"] == "application/vnd.consent-workbench.ledger+json"
    payload = base64.b64decode(envelope["payload"])
    event = json.loads(payload)
    assert event["seq"] == 0 and event["prev"] == "sha256:" + "0" * 64
    assert rfc8785.dumps(event) == payload
    assert pae("t", b"ab") == b"DSSEv1 1 t 2 ab"
    second = json.loads(base64.b64decode(json.loads(lines[1])["payload"]))
    import hashlib

    assert second["prev"] == "sha256:" + hashlib.sha256(payload).hexdigest()


def test_bad_signature(tmp_path: Path, signer):
    lines = write_ledger(tmp_path / "l.jsonl", signer)
    envelope = json.loads(lines[2])
    sig = bytearray(base64.b64decode(envelope["signatures"][0]["sig"]))
    sig[0] ^= 1
    envelope["signatures"][0]["sig"] = base64.b64encode(bytes(sig)).decode()
    lines[2] = json.dumps(envelope)
    result = check(lines)
    assert (result.bad_line, result.ok) == (3, False) and "bad signature" in result.reason


def test_unknown_key(tmp_path: Path, signer):
    lines = write_ledger(tmp_path / "l.jsonl", signer)
    result = ledger.verify("\n".join(lines) + "\n", {})
    assert result.bad_line == 1 and "unknown key" in result.reason


def _resign(line: str, signer, **changes) -> str:
    envelope = json.loads(line)
    event = json.loads(base64.b64decode(envelope["payload"]))
    event.update(changes)
    payload = rfc8785.dumps(event)
    return json.dumps(sign_envelope(ledger.PAYLOAD_TYPE, payload, [signer]))


def test_broken_prev(tmp_path: Path, signer):
    lines = write_ledger(tmp_path / "l.jsonl", signer)
    lines[2] = _resign(lines[2], signer, prev="sha256:" + "1" * 64)
    result = check(lines)
    assert result.bad_line == 3 and "broken chain" in result.reason


def test_seq_gap(tmp_path: Path, signer):
    lines = write_ledger(tmp_path / "l.jsonl", signer)
    del lines[1]
    result = check(lines)
    assert result.bad_line == 2 and "seq gap" in result.reason


def test_reordered_lines(tmp_path: Path, signer):
    lines = write_ledger(tmp_path / "l.jsonl", signer)
    lines[1], lines[2] = lines[2], lines[1]
    result = check(lines)
    assert result.bad_line == 2 and "reordered" in result.reason
    lines = write_ledger(tmp_path / "m.jsonl", signer)
    lines.append(lines[1])
    assert "reordered" in check(lines).reason


def test_truncated_tail(tmp_path: Path, signer):
    text = "\n".join(write_ledger(tmp_path / "l.jsonl", signer)) + "\n"
    result = ledger.verify(text[:-40], keys.public_keys())
    assert result.bad_line == 4 and "truncated" in result.reason
    result = ledger.verify(text[:-1], keys.public_keys())
    assert result.bad_line == 4 and "truncated" in result.reason


def test_non_canonical_payload(tmp_path: Path, signer):
    lines = write_ledger(tmp_path / "l.jsonl", signer)
    event = json.loads(base64.b64decode(json.loads(lines[3])["payload"]))
    payload = json.dumps(event, indent=1).encode()
    lines[3] = json.dumps(sign_envelope(ledger.PAYLOAD_TYPE, payload, [signer]))
    result = check(lines)
    assert result.bad_line == 4 and "non-canonical" in result.reason


def test_unknown_event_type(tmp_path: Path, signer):
    lines = write_ledger(tmp_path / "l.jsonl", signer)
    lines[1] = _resign(lines[1], signer, type="artifact.stolen")
    result = check(lines)
    assert result.bad_line == 2 and "unknown event type" in result.reason
    with pytest.raises(ledger.LedgerError):
        ledger.append(tmp_path / "l.jsonl", "artifact.stolen", signer, {})


def test_verifies_under_another_home_with_only_public_cards(tmp_path: Path):
    employee, _hr, recipient = make_parties(tmp_path)
    path = tmp_path / "ledger.jsonl"
    with employee:
        write_ledger(path, keys.LocalSigner(employee.card))
    with recipient:
        assert ledger.verify(path.read_text(), keys.public_keys()).ok
        assert keys.contacts()  # only public cards of the employee here
    outsider = tmp_path / "outsider"
    from tests.core.parties import home

    with home(outsider):
        result = ledger.verify(path.read_text(), keys.public_keys())
        assert not result.ok and "unknown key" in result.reason


# -- RT8: a line is what ends in "\n", nothing else ------------------------------------------------


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85", "\r"])
def test_a_line_break_other_than_newline_inside_a_line_neither_splits_nor_hides_it(
        tmp_path: Path, signer, brk: str):
    """A sender adds an unsigned envelope field holding U+2028 (or NEL, CR): JSON allows it
    raw inside a string, so the signed line still verifies; reading the events must see the
    same lines verification saw, not fragments of one."""
    lines = write_ledger(tmp_path / "l.jsonl", signer)
    envelope = json.loads(lines[1])
    envelope["note"] = f"a{brk}b"
    lines[1] = json.dumps(envelope, ensure_ascii=False)
    if brk == "\r":  # escaped inside a string, but JSON whitespace between two fields
        lines[1] = lines[1].replace(", ", ",\r", 1)
    assert brk in lines[1]
    text = "\n".join(lines) + "\n"
    assert ledger.verify(text, keys.public_keys()).ok
    entries = ledger.read_entries(text)
    assert [e.seq for e in entries] == [0, 1, 2, 3]
    assert [e.body for e in entries] == [{"artifacts": i} for i in range(4)]
    # A ledger with such a line still takes the next event after its last one.
    path = tmp_path / "crafted.jsonl"
    path.write_bytes(text.encode("utf-8"))
    assert consenting.check_ledger(path).entries == 4  # as verify-ledger reads the file
    assert ledger.append(path, "artifact.imported", signer, {"artifacts": 4}).seq == 4
    assert consenting.check_ledger(path).entries == 5


def test_an_event_field_holding_u2028_round_trips_signed_and_verified(tmp_path: Path, signer):
    path = tmp_path / "l.jsonl"
    ledger.append(path, "artifact.imported", signer, {"title": "report\u2028seq 9\x0b\x1c"})
    ledger.append(path, "artifact.imported", signer, {"title": "next"})
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") == 2
    assert ledger.verify(text, keys.public_keys()).entries == 2
    assert [e.body["title"] for e in ledger.read_entries(text)] == ["report\u2028seq 9\x0b\x1c",
                                                                  "next"]


@pytest.mark.parametrize("bad", ["{not json", '{"payload": "%%%"}', '["a list"]',
                                 '{"payload": "e30="}'])
def test_an_unreadable_line_is_one_coded_sentence_naming_its_line(tmp_path: Path, signer,
                                                                  bad: str):
    lines = write_ledger(tmp_path / "l.jsonl", signer, events=2)
    text = "\n".join([lines[0], bad, lines[1]]) + "\n"
    with pytest.raises(ledger.LedgerError) as caught:
        ledger.read_entries(text)
    assert caught.value.code == "ledger.unreadable-line"
    assert "Line 2 " in str(caught.value) and "\n" not in str(caught.value)
    # Callers that treat a damaged ledger as a ValueError (fail closed) still catch it.
    assert isinstance(caught.value, ValueError)
