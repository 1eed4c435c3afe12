"""DSSE envelopes (secure-systems-lab/dsse v1): PAE, Ed25519 signing and verification."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from workbench.core.errors import RefusedError, coded
from workbench.core.messages import Message


def pae(payload_type: str, payload: bytes) -> bytes:
    """Pre-Authentication Encoding, exactly as the DSSE spec defines it:
    "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in ASCII decimal bytes."""
    type_bytes = payload_type.encode("utf-8")
    return b"DSSEv1 %d %b %d %b" % (len(type_bytes), type_bytes, len(payload), payload)


class Signer:
    """Anything that can sign bytes with Ed25519 and names its key (the fingerprint)."""

    keyid: str

    def sign(self, message: bytes) -> bytes:
        raise NotImplementedError


class EnvelopeError(RefusedError):
    """An envelope is malformed or a signature does not verify."""


# The codes of what verify_envelope finds wrong with a signature (callers tell them apart).
NO_SIGNATURE = "dsse.no-signature"
UNKNOWN_KEY = "dsse.unknown-key"
BAD_SIGNATURE = "dsse.bad-signature"
# What makes a file no envelope of the kind asked for (another kind of file, not a damaged one).
NOT_ENVELOPE = "dsse.not-envelope"
WRONG_TYPE = "dsse.wrong-type"


def sign_envelope(payload_type: str, payload: bytes, signers: list[Signer]) -> dict[str, Any]:
    message = pae(payload_type, payload)
    return {
        "payloadType": payload_type,
        "payload": base64.b64encode(payload).decode("ascii"),
        "signatures": [{"keyid": s.keyid, "sig": base64.b64encode(s.sign(message)).decode()}
                       for s in signers],
    }


def add_signature(envelope: dict[str, Any], signer: Signer) -> dict[str, Any]:
    payload = decode_payload(envelope)
    message = pae(envelope["payloadType"], payload)
    signatures = [s for s in envelope.get("signatures", []) if s.get("keyid") != signer.keyid]
    signatures.append({"keyid": signer.keyid, "sig": base64.b64encode(signer.sign(message))
                       .decode()})
    return {**envelope, "signatures": signatures}


def decode_payload(envelope: object) -> bytes:
    """The payload of an envelope read from a file: its shape is checked, not assumed."""
    if not isinstance(envelope, Mapping) or not isinstance(envelope.get("payload"), str) \
            or not isinstance(envelope.get("payloadType"), str):
        raise coded(EnvelopeError, NOT_ENVELOPE)
    try:
        return base64.b64decode(envelope["payload"], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise coded(EnvelopeError, "dsse.not-base64") from exc


@dataclass(frozen=True)
class VerifiedSignature:
    keyid: str


def verify_envelope(
    envelope: Mapping[str, Any],
    expected_type: str,
    keys: Mapping[str, Ed25519PublicKey],
) -> tuple[bytes, list[VerifiedSignature], list[Message]]:
    """The payload, the signatures that verify with a known key, and the problems found
    (unknown key ids, bad signatures; by code, the key id their first value). A wrong
    payload type raises."""
    payload = decode_payload(envelope)
    if envelope["payloadType"] != expected_type:
        raise coded(EnvelopeError, WRONG_TYPE, repr(envelope["payloadType"]),
                    repr(expected_type))
    message = pae(expected_type, payload)
    good: list[VerifiedSignature] = []
    problems: list[Message] = []
    signatures = envelope.get("signatures")
    if not isinstance(signatures, list) or not signatures:
        return payload, good, [Message(NO_SIGNATURE)]
    for entry in signatures:
        keyid = str(entry.get("keyid", "")) if isinstance(entry, Mapping) else ""
        key = keys.get(keyid)
        if key is None:
            problems.append(Message(UNKNOWN_KEY, (keyid or "-",)))
            continue
        try:
            key.verify(base64.b64decode(str(entry.get("sig", "")), validate=True), message)
        except (InvalidSignature, binascii.Error, ValueError):
            problems.append(Message(BAD_SIGNATURE, (keyid,)))
            continue
        good.append(VerifiedSignature(keyid))
    return payload, good, problems
