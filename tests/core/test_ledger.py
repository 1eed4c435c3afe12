"""The ledger: DSSE lines, hash chain, and every kind of tampering named at its line."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
import rfc8785

from tests.core.parties import make_parties
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
