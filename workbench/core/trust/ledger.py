"""The consent ledger: one signed DSSE envelope per line, hash-chained (ARCHITECTURE.md §7)."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from workbench.core import clock
from workbench.core.errors import RefusedError, coded
from workbench.core.messages import Joined, Message
from workbench.core.trust.dsse import Signer, sign_envelope, verify_envelope
from workbench.core.trust.manifest import ManifestError, loads

PAYLOAD_TYPE = "application/vnd.consent-workbench.ledger+json"
GENESIS = "sha256:" + "0" * 64
EVENT_TYPES = frozenset({
    "workspace.created", "artifact.imported", "artifact.reviewed", "consent.requested",
    "consent.given", "consent.declined", "consent.countersigned", "export.created",
    "consent.withdrawn", "package.opened", "package.deleted",
})
_EVENT_KEYS = {"seq", "prev", "time", "type", "actor", "body"}
# One event is a few hundred bytes; a far larger line is damaged or hostile.
MAX_LINE_BYTES = 1 << 20


class LedgerError(RefusedError):
    """The ledger cannot be extended or does not verify."""


class UnreadableLine(LedgerError, ValueError):
    """A line of a ledger read for its events is not a signed event (a ValueError too, so
    a caller that takes a damaged ledger for one still does)."""


@dataclass(frozen=True)
class LedgerEntry:
    seq: int
    prev: str
    time: str
    type: str
    actor: str
    body: dict[str, Any]
    payload: bytes = field(repr=False, compare=False, default=b"")

    @property
    def digest(self) -> str:
        return "sha256:" + hashlib.sha256(self.payload).hexdigest()


def make_line(seq: int, prev: str, event_type: str, signer: Signer, body: Mapping[str, Any],
              time: str | None = None) -> tuple[str, LedgerEntry]:
    """One ledger line (a compact DSSE envelope) for an event, signed by `signer`."""
    if event_type not in EVENT_TYPES:
        raise coded(LedgerError, "ledger.unknown-event", repr(event_type))
    event: dict[str, Any] = {"seq": seq, "prev": prev, "time": time or clock.iso(),
                             "type": event_type, "actor": signer.keyid, "body": dict(body)}
    payload = rfc8785.dumps(event)
    envelope = sign_envelope(PAYLOAD_TYPE, payload, [signer])
    line = json.dumps(envelope, separators=(",", ":"), sort_keys=True)
    return line, LedgerEntry(**event, payload=payload)


def read_entries(text: str) -> list[LedgerEntry]:
    """Entries of a ledger known to be good (verify first when it came from elsewhere). Lines
    end in "\n" only, as `verify` reads them: U+2028, NEL or CR inside a line (JSON allows
    them in a string) split nothing. A line that is no event raises UnreadableLine naming it."""
    entries = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            payload = base64.b64decode(json.loads(line)["payload"], validate=True)
            entries.append(LedgerEntry(**json.loads(payload), payload=payload))
        except (ValueError, KeyError, TypeError, RecursionError) as exc:
            raise coded(UnreadableLine, "ledger.unreadable-line", number) from exc
    return entries


def read_file(path: Path) -> str:
    """A ledger file's text exactly as written ("" when there is none yet): not read as text,
    which would turn a CR inside a line into a line break `verify` never saw."""
    path = Path(path)
    return path.read_bytes().decode("utf-8") if path.exists() else ""


def append(path: Path, event_type: str, signer: Signer, body: Mapping[str, Any],
           time: str | None = None) -> LedgerEntry:
    """Add an event to the ledger file at `path`, chained to its last line."""
    line, _whole = next_line(path, event_type, signer, body, time)
    append_line(path, line)
    return read_entries(line)[0]


def next_line(path: Path, event_type: str, signer: Signer, body: Mapping[str, Any],
              time: str | None = None) -> tuple[str, bytes]:
    """The line that would extend the ledger at `path`, and the whole ledger with it, without
    writing anything: for a package that carries its own `export.created` line, appended to
    the workspace's ledger only once the package is in place."""
    text = read_file(path)
    entries = read_entries(text)
    prev = entries[-1].digest if entries else GENESIS
    line, _entry = make_line(len(entries), prev, event_type, signer, body, time)
    if text and not text.endswith("\n"):
        text += "\n"
    return line, (text + line + "\n").encode("utf-8")


def append_line(path: Path, line: str) -> None:
    """Append a line made by `next_line` (the ledger must not have changed in between)."""
    text = read_file(path)
    with open(path, "a", encoding="utf-8", newline="") as handle:
        if text and not text.endswith("\n"):
            handle.write("\n")
        handle.write(line + "\n")
        handle.flush()
    path.chmod(0o600)


class Appender:
    """Appends events chained to a ledger's last line, reading the file once: a flush of many
    events costs the same per event however long the ledger already is."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        text = read_file(self.path)
        entries = read_entries(text)
        self.last: LedgerEntry | None = entries[-1] if entries else None
        self._count = len(entries)
        self._newline = bool(text) and not text.endswith("\n")

    def append(self, event_type: str, signer: Signer, body: Mapping[str, Any],
               time: str | None = None) -> LedgerEntry:
        """Write one event after the last one (on disk before this returns)."""
        prev = self.last.digest if self.last is not None else GENESIS
        line, entry = make_line(self._count, prev, event_type, signer, body, time)
        with open(self.path, "a", encoding="utf-8", newline="") as handle:
            handle.write(("\n" if self._newline else "") + line + "\n")
            handle.flush()
        self.path.chmod(0o600)
        self._newline = False
        self._count += 1
        self.last = entry
        return entry


@dataclass(frozen=True)
class LedgerCheck:
    ok: bool
    entries: int
    bad_line: int | None = None
    why: Message | None = None
    actors: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        """Why the first bad line is bad, in the reader's language ("" when all is well)."""
        return self.why.text() if self.why else ""

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "entries": self.entries, "bad_line": self.bad_line,
                "reason": self.why.text("en") if self.why else "",
                "actors": list(self.actors)}


def verify(text: str, keys: Mapping[str, Ed25519PublicKey]) -> LedgerCheck:
    """Check every line; report the first bad one (1-based) and why."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    elif lines:
        # A file that does not end in a newline was cut off mid-write.
        return _bad(len(lines), len(lines) - 1, Message("ledger.truncated"))
    expected_prev = GENESIS
    actors: list[str] = []
    for number, line in enumerate(lines, start=1):
        try:
            envelope = loads(line, Message("ledger.line", (str(number),)), MAX_LINE_BYTES)
        except ManifestError as exc:
            return _bad(number, number - 1, Message("ledger.not-json-line")
                        if exc.message.code == "manifest.not-json" else exc.message)
        try:
            payload, good, problems = verify_envelope(envelope, PAYLOAD_TYPE, keys)
        except RefusedError as exc:
            return _bad(number, number - 1, Message(exc.code, exc.params) if exc.code
                        else Message("ledger.not-json-line"))
        try:
            event = loads(payload, Message("ledger.line-payload", (str(number),)),
                          MAX_LINE_BYTES)
        except ManifestError:
            return _bad(number, number - 1, Message("ledger.payload-not-json"))
        if not isinstance(event, dict) or set(event) != _EVENT_KEYS:
            return _bad(number, number - 1, Message("ledger.not-event"))
        if rfc8785.dumps(event) != payload:
            return _bad(number, number - 1, Message("ledger.non-canonical"))
        if event["type"] not in EVENT_TYPES:
            return _bad(number, number - 1,
                        Message("ledger.bad-event-type", (repr(event["type"]),)))
        seq = event["seq"]
        if seq != number - 1:
            later = _seqs(lines[number:])
            reordered = (isinstance(seq, int) and seq < number - 1) or (number - 1) in later
            return _bad(number, number - 1, Message(
                "ledger.reordered" if reordered else "ledger.seq-gap", (str(seq),
                                                                        str(number - 1))))
        if event["prev"] != expected_prev:
            return _bad(number, number - 1, Message("ledger.broken-chain"))
        actor = event["actor"]
        if actor not in keys:
            return _bad(number, number - 1, Message("ledger.unknown-actor", (str(actor),)))
        if not any(s.keyid == actor for s in good):
            return _bad(number, number - 1, Message(
                "ledger.bad-signature-why", (str(actor), Joined(tuple(problems))))
                if problems else Message("ledger.bad-signature", (str(actor),)))
        expected_prev = "sha256:" + hashlib.sha256(payload).hexdigest()
        actors.append(actor)
    return LedgerCheck(True, len(lines), actors=tuple(dict.fromkeys(actors)))


def holds_entries(text: str) -> bool:
    """Whether any line of `text` is a ledger entry's envelope (signed or not, valid or not):
    a damaged ledger still has one; a file of another kind has none."""
    for line in text.split("\n"):
        try:
            envelope = json.loads(line)
        except ValueError:
            continue
        if isinstance(envelope, dict) and envelope.get("payloadType") == PAYLOAD_TYPE:
            return True
    return False


def _seqs(lines: list[str]) -> set[object]:
    """Sequence numbers of later lines, read without verifying (to tell reorder from gap)."""
    found: set[object] = set()
    for line in lines:
        try:
            found.add(json.loads(base64.b64decode(json.loads(line)["payload"]))["seq"])
        except (ValueError, KeyError, TypeError):
            continue
    return found


def _bad(line: int, good_entries: int, why: Message) -> LedgerCheck:
    return LedgerCheck(False, good_entries, line, why)


