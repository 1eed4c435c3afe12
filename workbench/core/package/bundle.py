"""The encrypted skill package (*.cwpkg, ARCHITECTURE.md §7): export, HR countersignature, checks.

A zip with stored members: manifest.dsse.json (in-toto Statement v1 in a DSSE envelope,
predicate = the consent record), ledger.jsonl, and payload.age (an age-encrypted tar of the
skill folder, to every recipient and to the employee). The payload is streamed through
temporary files, never held in memory twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import json
import logging
import os
import secrets
import shutil
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from workbench.core import clock, logs
from workbench.core.display import visible
from workbench.core.errors import (
    BadInputError,
    RefusedError,
    WorkbenchError,
    coded,
    os_reason,
    reason_of,
)
from workbench.core.ingest.artifacts import ArtifactKind, ArtifactState
from workbench.core.messages import Joined, Message, first_few, label_message, t
from workbench.core.package import consent, scratch
from workbench.core.package.deadlines import exports_path, upsert
from workbench.core.progress import ProgressCallback, no_progress
from workbench.core.trust import dsse, keys, ledger, manifest

if TYPE_CHECKING:
    from workbench.core.workspace import ArtifactRow

log = logging.getLogger(__name__)

MANIFEST = "manifest.dsse.json"
LEDGER = "ledger.jsonl"
PAYLOAD = "payload.age"
MEMBERS = (MANIFEST, LEDGER, PAYLOAD)
DIGEST_KEY = manifest.DIGEST_KEY  # in the payload: what the file digests are keyed with
KEYED_SHA256 = manifest.KEYED_SHA256
STATEMENT_TYPE = "application/vnd.in-toto+json"
STATEMENT_V1 = "https://in-toto.io/Statement/v1"
CHUNK = 1 << 20
# A manifest or ledger is small; a larger one is a damaged or hostile file.
MAX_METADATA_BYTES = 64 << 20
MAX_ENVELOPE_BYTES = manifest.MAX_STATEMENT_BYTES * 4 // 3 + 4096  # base64 of a statement


class BundleError(RefusedError):
    """The package is damaged, tampered with, expired, revoked or not for this identity."""


class NotAPackage(BundleError):
    """The file is no package at all (not a zip, or a zip of something else): the wrong file
    was given, which is bad input (exit 2), not a package a check refused (exit 1)."""

    exit_code = 2


@dataclass(frozen=True)
class ExportResult:
    path: Path
    package: str  # "sha256:" of payload.age: the package's identity
    record_id: str
    files: int


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# -- export ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportBlocker:
    """One thing that stops an export: a stable code and its parameters for any front end,
    the English sentence, which pages fix it, and the items (artifact ids) it is about."""

    code: str
    message: str
    fix: tuple[str, ...] = ("consent",)
    params: Mapping[str, Any] = field(default_factory=dict)
    items: tuple[str, ...] = ()

    def as_message(self) -> Message:
        """The blocker by its catalogue code (export.<code>), its values as messages too."""
        from workbench.core.review import gate

        values = dict(self.params)
        if self.code == "artifact":
            values["reason"] = gate.Blocker(values["artifact"], values["title"],
                                            gate.Rule(values["rule"]), values["count"],
                                            values["detail"]).message()
        elif self.code == "material-change":
            values["changes"] = Joined(tuple(_change_message(c) for c in values["changes"]))
        elif self.code == "consent-unreadable":
            error, args, text = values.pop("error"), values.pop("args"), values.pop("text")
            values["reason"] = Message(error, tuple(args)) if error else text
        elif self.code == "sensitive-without-consent":
            values["categories"] = Joined(tuple(label_message("sensitive", c)
                                                for c in values["categories"]), "items")
        return Message(f"export.{self.code}", values=values)

    def text(self, lang: str | None = None) -> str:
        return self.as_message().text(lang)

    def __str__(self) -> str:
        return self.text()


def _change_message(change: Mapping[str, str]) -> Message:
    value: object = change["value"]
    if change["code"] == "new-kind":
        value = label_message("data", change["value"])
    elif change["code"] == "new-sensitive":
        value = label_message("sensitive", change["value"])
    return Message(f"export.{change['code']}", values={"value": value})


def _unplaced_pictures(ws: Any, approved: Collection[str]) -> list[ArtifactRow]:
    """Approved pictures with a span to redact in their text that cannot be painted on them
    (`redact.check_picture_boxes`, which the build asks again)."""
    from workbench.core.review.redact import RedactionContext, picture_boxes

    pictures = [a for a in ws.artifacts(ArtifactKind.IMAGE) if a.id in approved]
    if not pictures:
        return []
    context = RedactionContext.of(ws)
    return [a for a in pictures
            if picture_boxes(a, ws.findings(a.id), context, "en").unplaced]


def export_blockers(ws: Any, now: datetime,
                    signer: keys.IdentityCard | None = None) -> list[ExportBlocker]:
    """Everything that stops an export, re-checked from the stored decisions and records at
    the moment of asking, whatever a screen said: the gate for every artifact, then consent,
    then (given the identity that would sign) that it is the one who consented."""
    from workbench.core.review import gate

    problems: list[ExportBlocker] = []
    artifact_blockers = gate.export_blockers(ws)
    pending = [b for b in artifact_blockers if b.rule is gate.Rule.PENDING]
    if pending:
        names = first_few([b.title for b in pending])
        problems.append(ExportBlocker(
            "pending", t("export.pending", count=len(pending), names=names, lang="en"),
            ("review",), {"count": len(pending), "names": names},
            tuple(b.artifact_id for b in pending)))
    by_rule: dict[gate.Rule, list[gate.Blocker]] = {}
    for blocker in artifact_blockers:
        if blocker.rule is not gate.Rule.PENDING:
            by_rule.setdefault(blocker.rule, []).append(blocker)
    for rule, group in by_rule.items():
        # One line per rule, naming the items: hundreds of lines would hide the others.
        first = group[0]
        names = first_few([b.title for b in group])
        problems.append(ExportBlocker(
            "artifact", t("export.artifact", items=len(group), names=names, reason=first.message(),
                          lang="en"),
            ("review",), {"items": len(group), "names": names, "artifact": first.artifact_id,
                          "title": first.title, "rule": str(rule), "count": first.count,
                          "detail": first.detail}, tuple(b.artifact_id for b in group)))
    states = ws.artifact_states()
    approved = {i for i, state in states if state == ArtifactState.APPROVED}
    if not approved:
        problems.append(ExportBlocker("no-approved", "no artifact is approved", ("review",)))
    unplaced = _unplaced_pictures(ws, approved)
    if unplaced:
        names = first_few([a.title for a in unplaced])
        problems.append(ExportBlocker(
            "span-not-in-picture",
            t("export.span-not-in-picture", items=len(unplaced), names=names, lang="en"),
            ("review",), {"items": len(unplaced), "names": names},
            tuple(a.id for a in unplaced)))
    try:
        record = consent.current_record(ws)
    except WorkbenchError as exc:
        # Refused all the same, but named among the other reasons rather than instead of them.
        problems.append(ExportBlocker(
            "consent-unreadable", f"the consent in force cannot be read: {exc.message}",
            params={"error": exc.code, "args": exc.params, "text": exc.message}))
        return problems
    if record is None:
        problems.append(ExportBlocker("no-consent", "there is no consent record yet"))
        return problems
    problems.extend(_consent_blockers(ws, record, approved, now))
    if signer is not None:
        problems.extend(_signer_blockers(record, signer))
    return problems


def _signer_blockers(record: Mapping[str, Any], signer: keys.IdentityCard) -> list[ExportBlocker]:
    """A package signed by anyone but the principal of the consent in force would carry a
    consent its signer never gave: every recipient's check refuses it, so it is refused here
    before anything is signed."""
    principal = record["principal"]
    if signer.fingerprint == principal["fingerprint"]:
        return []
    given_by = f"{visible(principal['name'])} ({principal['fingerprint'][:16]})"
    signing = f"{visible(signer.name)} ({signer.fingerprint[:16]})"
    values = {"signer": signing, "principal": given_by,
              "identity": principal["fingerprint"][:16]}
    return [ExportBlocker("wrong-signer", t("export.wrong-signer", lang="en", **values),
                          ("keys",), values)]


def _ledger_broken(ws: Any) -> int | None:
    """The first line of the workspace's ledger whose chain or signature does not verify with
    the keys this home knows (a line edited outside the app), else None: what export reads
    from the ledger (withdrawals, the latest decision) is trusted only once it verifies."""
    check = ledger.verify(ledger.read_file(ws.ledger_path), keys.public_keys())
    return None if check.ok else (check.bad_line or 1)


def _consent_blockers(ws: Any, record: Mapping[str, Any], approved: set[str],
                      now: datetime) -> list[ExportBlocker]:
    from workbench.core.workspace import workspace_ledger

    problems: list[ExportBlocker] = []
    if workspace_ledger.head_missing(ws):
        values = {"workspace": str(ws.root)}
        problems.append(ExportBlocker(
            "ledger-head-missing", t("export.ledger-head-missing", lang="en", **values),
            ("consent",), values))
    elif (broken := _ledger_broken(ws)) is not None:
        values = {"line": str(broken)}
        problems.append(ExportBlocker(
            "ledger-broken", t("export.ledger-broken", lang="en", **values), ("consent",),
            values))
    elif workspace_ledger.cut_short(ws):
        problems.append(ExportBlocker(
            "ledger-cut", "the workspace's ledger is shorter than the app left it: it was cut "
            "outside the app, so the consent history cannot be trusted", ("consent",)))
    signed = consent.latest_signed_decision(ws)
    if signed is not None and signed != record["record_id"]:
        problems.append(ExportBlocker(
            "records-differ", "the consent record in force is not the latest decision in the "
            "signed ledger: consent records were removed outside the app; record a new "
            "decision", ("consent",)))
    if record["decision"] != "given":
        problems.append(ExportBlocker("declined", "the latest consent record declines consent"))
    withdrawn = consent.withdrawn_at(ws, record["record_id"])
    if withdrawn:
        problems.append(ExportBlocker(
            "withdrawn", f"consent was withdrawn on {withdrawn[:10]}; record a new decision",
            params={"date": withdrawn[:10]}))
    delete_by = record["retention"]["delete_by"]
    if date.fromisoformat(delete_by) <= clock.local_date(now):
        problems.append(ExportBlocker(
            "expired", f"the consent's delete-by date {delete_by} has passed; consent again "
            "with a new date", params={"date": delete_by}))
    changes = consent.changes_since(ws, record, approved)
    if changes:
        problems.append(ExportBlocker(
            "material-change", "the material changed after consent was given ("
            + "; ".join(str(c) for c in changes) + "); consent again",
            params={"changes": [c.as_json() for c in changes]}))
    kept = consent.kept_sensitive(ws, approved)
    missing = [c for c in kept if not record["separate_consent"].get(c)]
    if missing:
        problems.append(ExportBlocker(
            "sensitive-without-consent", "sensitive information kept without separate "
            "consent: " + ", ".join(missing) + " (redact it, or consent separately)",
            ("review", "consent"), {"categories": missing},
            consent.holding_sensitive(ws, approved, missing)))
    return problems


def keyed_digest(key: bytes, sha256_hex: str) -> str:
    """A file's digest as the statement signs it: hmac-sha256, under the package's digest
    key, of the file's sha256. Without the key (inside the encrypted payload) nobody can
    test a guessed text against it."""
    return hmac.new(key, bytes.fromhex(sha256_hex), hashlib.sha256).hexdigest()


def new_digest_key(folder: Path) -> bytes:
    """A fresh random digest key, written into the skill folder (so into the payload)."""
    key = secrets.token_bytes(32)
    path = folder / DIGEST_KEY
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    path.write_text(key.hex() + "\n", encoding="ascii")
    return key


def parse_digest_key(data: bytes) -> bytes | None:
    """The key from a digest-key file's bytes: 64 lowercase hex digits and a newline."""
    text = data.removesuffix(b"\n")
    if len(text) != 64 or any(c not in b"0123456789abcdef" for c in text):
        return None
    return bytes.fromhex(text.decode("ascii"))


def statement(record: Mapping[str, Any], payload_sha256: str,
              files: Mapping[str, str], key: bytes | None = None) -> dict[str, Any]:
    """The in-toto statement: the payload by its sha256; each file by its sha256 keyed with
    `key` (the digest-key file itself plain), or — without a key — by its plain sha256."""
    subjects = [{"name": PAYLOAD, "digest": {"sha256": payload_sha256}}]
    subjects += [{"name": name, "digest": {"sha256": digest} if key is None or name == DIGEST_KEY
                  else {KEYED_SHA256: keyed_digest(key, digest)}}
                 for name, digest in sorted(files.items())]
    return {"_type": STATEMENT_V1, "subject": subjects,
            "predicateType": consent.SCHEMA, "predicate": dict(record)}


def check_output(out: Path, force: bool = False, suffix: str = ".cwpkg") -> Path:
    """Where a package (or skill folder) will be written, refused before any work is done:
    an existing folder, a missing or unwritable parent, or a file that exists unless forced."""
    out = Path(out)
    if out.is_dir():
        raise coded(BadInputError, "error.out-is-folder", out, out / ("handover" + suffix))
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise coded(BadInputError, "error.folder-missing", out, parent)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise coded(BadInputError, "error.folder-not-writable", out, parent)
    if out.exists() and not force:
        raise coded(BadInputError, "error.out-exists", out)
    return out


def export(ws: Any, out: Path, employee: keys.IdentityCard, now: datetime,
           progress: ProgressCallback = no_progress, force: bool = False) -> ExportResult:
    """Re-check everything, then build, encrypt, sign and write the package atomically. The
    `export.created` ledger line is appended only once the package is in place, and the
    exports register updated after it: a failed export signs nothing."""
    from workbench.core.package.skill import build_skill
    from workbench.core.workspace import workspace_ledger

    started = time.monotonic()
    out = check_output(out, force)
    problems = export_blockers(ws, now, employee)
    if problems:
        log.info("export.refused workspace=%s blockers=%s", ws.id,
                 logs.codes(p.code for p in problems))
        reasons = Joined(tuple(p.as_message() for p in problems))
        raise coded(RefusedError, "export.refused", reasons)
    record = consent.current_record(ws)
    assert record is not None  # "no-consent" would have refused the export above
    signer = keys.LocalSigner(employee)
    workspace_ledger.flush(ws, signer)
    pending_line: list[str] = []
    # Built in a private scratch folder in the data folder, never beside the output.
    with scratch.scratch() as work:
        progress(0, 4, t("progress.skill-folder"))
        folder = build_skill(ws, work)
        digest_key = new_digest_key(folder)
        files = {p.relative_to(folder).as_posix(): sha256_file(p)
                 for p in sorted(folder.rglob("*")) if p.is_file()}
        progress(1, 4, t("progress.encrypting"))
        recipients = [r["age"] for r in record["recipients"]] + [employee.age]

        def finish(payload_sha: str) -> tuple[dict[str, Any], bytes]:
            progress(2, 4, t("progress.signing"))
            manifest = dsse.sign_envelope(
                STATEMENT_TYPE, rfc8785.dumps(statement(record, payload_sha, files, digest_key)),
                [signer])
            line, ledger_bytes = ledger.next_line(ws.ledger_path, "export.created", signer, {
                "package": "sha256:" + payload_sha, "record_id": record["record_id"],
                "recipients": [r["fingerprint"] for r in record["recipients"]],
                "files": len(files), "delete_by": record["retention"]["delete_by"]})
            pending_line.append(line)
            progress(3, 4, t("progress.writing"))
            return manifest, ledger_bytes

        built = work / "package.cwpkg"
        try:
            package = "sha256:" + write_package(built, folder, recipients, finish)
            scratch.move_into_place(built, out)
        except OSError as exc:
            raise coded(BadInputError, "error.cannot-write", out,
                        os_reason(exc)) from exc
    ledger.append_line(ws.ledger_path, pending_line[0])
    workspace_ledger.remember_head(
        ws, ledger.read_entries(ledger.read_file(ws.ledger_path))[-1])
    upsert(exports_path(), {
        "package": package, "bundle": str(out.resolve()), "workspace": str(ws.root.resolve()),
        "record_id": record["record_id"], "delete_by": record["retention"]["delete_by"],
        "recipients": [{"name": r["name"], "fingerprint": r["fingerprint"]}
                       for r in record["recipients"]],
        "exported_at": clock.iso(),
    })
    progress(4, 4, "")
    log.info("export.done workspace=%s package=%s record=%s files=%d recipients=%d "
             "duration_ms=%d", ws.id, package, record["record_id"], len(files),
             len(record["recipients"]), logs.elapsed_ms(started))
    return ExportResult(out, package, record["record_id"], len(files))


class _HashingWriter:
    """Passes bytes on to the zip member while hashing them: one pass over the payload."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.target.write(data)

    def flush(self) -> None:
        self.target.flush()


def _tar_chunks(folder: Path) -> Iterator[bytes]:
    """A tar of `folder` as a stream of chunks, produced on demand: headers from tarfile
    itself, file bodies read a chunk at a time, then the end-of-archive blocks."""
    paths = [folder, *sorted(folder.rglob("*"))]
    for path in paths:
        info = tarfile.TarInfo(f"{folder.name}/{path.relative_to(folder).as_posix()}"
                               if path != folder else folder.name)
        if path.is_dir():
            info.type = tarfile.DIRTYPE
        elif path.is_file():
            info.size = path.stat().st_size
        else:
            continue  # the skill folder holds plain files only; nothing else is packed
        info = _clean_tarinfo(info)
        yield info.tobuf(tarfile.PAX_FORMAT, "utf-8", "surrogateescape")
        if info.isfile():
            with open(path, "rb") as handle:
                while chunk := handle.read(CHUNK):
                    yield chunk
            if info.size % tarfile.BLOCKSIZE:
                yield tarfile.NUL * (tarfile.BLOCKSIZE - info.size % tarfile.BLOCKSIZE)
    yield tarfile.NUL * (tarfile.BLOCKSIZE * 2)


class _ChunkReader(io.RawIOBase):
    """A readable file over an iterator of byte chunks (what pyrage reads the tar from)."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._pending = memoryview(b"")
        self._offset = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        # An offset into the current chunk: slicing the rest off after each read copied
        # the chunk's remainder every time.
        while self._offset >= len(self._pending):
            try:
                self._pending, self._offset = memoryview(next(self._chunks)), 0
            except StopIteration:
                return 0
        size = min(len(buffer), len(self._pending) - self._offset)
        buffer[:size] = self._pending[self._offset:self._offset + size]
        self._offset += size
        return size


def _stream_encrypted_tar(folder: Path, target: IO[bytes], recipients: list[str]) -> str:
    """tar → age → zip member in one streaming pass, no thread and no temporary file;
    returns the payload's sha256. Memory stays flat whatever the size."""
    import pyrage

    writer = _HashingWriter(target)
    source = io.BufferedReader(_ChunkReader(_tar_chunks(folder)), buffer_size=CHUNK)
    pyrage.encrypt_io(source, writer, [pyrage.x25519.Recipient.from_str(r) for r in recipients])
    return writer.digest.hexdigest()


def _clean_tarinfo(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # No local user names, ids or times in the package.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mtime = 0
    info.mode = 0o755 if info.isdir() else 0o644
    return info


def write_package(out: Path, folder: Path, recipients: list[str],
                  finish: Callable[[str], tuple[Mapping[str, Any], bytes]]) -> str:
    """Stream the encrypted payload into a new package, then ask `finish` (given the payload's
    sha256) for the signed manifest and the ledger; written to a temporary file and renamed
    into place, so a failure leaves no half-written package."""
    with _atomic_zip(out) as bundle:
        with bundle.open(_info(PAYLOAD), "w", force_zip64=True) as target:
            payload_sha = _stream_encrypted_tar(folder, target, recipients)
        manifest, ledger_bytes = finish(payload_sha)
        bundle.writestr(_info(MANIFEST), json.dumps(manifest, indent=2).encode())
        bundle.writestr(_info(LEDGER), ledger_bytes)
    return payload_sha


def write_bundle(out: Path, manifest: Mapping[str, Any], ledger_bytes: bytes,
                 payload: IO[bytes]) -> None:
    """Write a package from parts (the payload copied from a stream in chunks)."""
    with _atomic_zip(out) as bundle:
        with bundle.open(_info(PAYLOAD), "w", force_zip64=True) as target:
            shutil.copyfileobj(payload, target, CHUNK)
        bundle.writestr(_info(MANIFEST), json.dumps(manifest, indent=2).encode())
        bundle.writestr(_info(LEDGER), ledger_bytes)


@contextlib.contextmanager
def _atomic_zip(out: Path) -> Iterator[zipfile.ZipFile]:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".cwpkg-")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as bundle:
            yield bundle
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_STORED
    return info


# -- reading and checking ------------------------------------------------------------------------


@dataclass
class Check:
    """One check's verdict. `detail` is the English sentence (for JSON and logs); `reason`
    and `args` say the same by its catalogue code (check.<reason>), which `title()` and
    `text()` render in the reader's language."""

    name: str
    ok: bool
    detail: str = ""
    reason: str = ""
    # Values are text or messages (a message is shown in the reader's language).
    args: tuple[object, ...] = ()

    def title_message(self) -> Message:
        return Message("check.title." + self.name.lower().replace(" ", "-"), mid_sentence=True)

    def detail_message(self) -> Message:
        return Message("check." + self.reason, self.args)

    def title(self, lang: str | None = None) -> str:
        """The check's name as a heading, in the reader's language."""
        return t("check.title." + self.name.lower().replace(" ", "-"), lang=lang)

    def text(self, lang: str | None = None) -> str:
        """The detail as a phrase in the reader's language, untrusted values made visible."""
        return visible(self.detail_message().text(lang))

    def as_json(self) -> dict[str, Any]:
        return {"check": self.name, "ok": self.ok, "detail": self.detail}


@dataclass
class Bundle:
    path: Path
    envelope: dict[str, Any]
    statement: dict[str, Any]
    ledger_text: str
    payload_sha256: str
    checks: list[Check] = field(default_factory=list)

    @property
    def record(self) -> dict[str, Any]:
        predicate: dict[str, Any] = self.statement["predicate"]
        return predicate

    @property
    def package(self) -> str:
        return "sha256:" + self.payload_sha256

    @property
    def files(self) -> dict[str, str]:
        """Each signed file's digest as signed: its sha256, or keyed (`keyed_names`)."""
        return {s["name"]: s["digest"].get("sha256") or s["digest"][KEYED_SHA256]
                for s in self.statement["subject"] if s["name"] != PAYLOAD}

    @property
    def keyed_names(self) -> frozenset[str]:
        """The files signed by a keyed digest (none in a package from before keyed ones)."""
        return frozenset(s["name"] for s in self.statement["subject"]
                         if KEYED_SHA256 in s["digest"])

    def digest_key(self, data: bytes | None) -> bytes | None:
        """The digest key from the bytes of a digest-key file, if they are the ones signed."""
        signed = self.files.get(DIGEST_KEY)
        if data is None or signed is None or DIGEST_KEY in self.keyed_names or \
                not hmac.compare_digest(hashlib.sha256(data).hexdigest(), signed):
            return None
        return parse_digest_key(data)

    def as_signed(self, key: bytes | None) -> Callable[[str, str], str]:
        """(name, sha256 of a file) → that file's digest in the form the statement signs it
        (keyed with `key` where the statement keys it; without the key it cannot match)."""
        keyed = self.keyed_names

        def form(name: str, sha256_hex: str) -> str:
            if name not in keyed:
                return sha256_hex
            return keyed_digest(key, sha256_hex) if key is not None else "no-key:" + sha256_hex

        return form

    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]


def read_bundle(path: Path) -> Bundle:
    """Parse the package (no signature checks yet); damaged or hostile files are refused
    with one line naming the file and what is wrong."""
    path = Path(path)
    shown = visible(path.name)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, EOFError, ValueError, NotImplementedError, zipfile.BadZipFile) as exc:
        raise coded(NotAPackage, "package.not-a-zip", shown, reason_of(exc)) from exc
    with archive:
        names = archive.namelist()
        if sorted(names) != sorted(MEMBERS):
            raise coded(NotAPackage, "package.incomplete", shown,
                        visible(", ".join(names[:10])) or "—", ", ".join(MEMBERS))
        for info in archive.infolist():
            if info.compress_type != zipfile.ZIP_STORED:
                raise coded(BundleError, "package.compressed", shown, visible(info.filename))
            limit = MAX_ENVELOPE_BYTES if info.filename == MANIFEST else MAX_METADATA_BYTES
            if info.filename != PAYLOAD and info.file_size > limit:
                raise coded(BundleError, "package.too-large", shown, visible(info.filename),
                            f"{info.file_size:,}", f"{limit:,}")
        try:
            manifest_bytes = archive.read(MANIFEST)
            ledger_text = archive.read(LEDGER).decode("utf-8")
            digest = hashlib.sha256()
            with archive.open(PAYLOAD) as payload:
                while chunk := payload.read(CHUNK):
                    digest.update(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
                UnicodeDecodeError) as exc:
            # zipfile checks each member's CRC: a flipped byte anywhere lands here.
            raise coded(BundleError, "package.damaged", shown, reason_of(exc)) from exc
    try:
        envelope = manifest.loads(manifest_bytes, MANIFEST, MAX_ENVELOPE_BYTES)
        statement = manifest.check_statement(
            manifest.loads(dsse.decode_payload(envelope), Message("manifest.the-statement")),
            consent.SCHEMA)
    except (RefusedError, ValueError) as exc:
        raise coded(BundleError, "package.bad-manifest", shown, reason_of(exc)) from exc
    return Bundle(path, envelope, statement, ledger_text, digest.hexdigest())


def _who(fingerprint: str, cards: Mapping[str, keys.IdentityCard],
         named: Mapping[str, Any] | None = None) -> str:
    """A party as the user knows them: their card's name, else the name the package gives."""
    card = cards.get(fingerprint)
    name = card.name if card else str((named or {}).get("name") or "?")
    return visible(f"{name} ({fingerprint[:16]})")


def _valid_by(name: str, who: str, fingerprint: str, verified: Collection[str]) -> Check:
    """A good signature by a known card; says so when the user never checked that card's
    fingerprint with its owner, since the card is then only as genuine as its delivery."""
    if fingerprint in verified:
        return Check(name, True, f"valid, by {who}", "valid-by", (who,))
    return Check(name, True, f"valid, by {who} — not verified: you have not compared their "
                 "fingerprint with them (Keys & contacts, or `workbench keys verify`)",
                 "valid-by-unverified", (who,))


def _signature_checks(bundle: Bundle, keys_by_fp: Mapping[str, Ed25519PublicKey],
                      cards: Mapping[str, keys.IdentityCard], verified: Collection[str],
                      require_countersignature: bool) -> tuple[set[str], str | None]:
    """The employee's and HR's signatures, each judged on its own; returns who signed and
    the countersigner the package must carry (None when it names none and no HR signed)."""
    record = bundle.record
    principal = record["principal"]["fingerprint"]
    named = record.get("countersigner")
    checks = bundle.checks
    try:
        _, good, problems = dsse.verify_envelope(bundle.envelope, STATEMENT_TYPE, keys_by_fp)
        signed_by = {s.keyid for s in good}
    except RefusedError:
        signed_by, problems = set(), []
    bad = {str(p.args[0]) for p in problems if p.code == dsse.BAD_SIGNATURE}
    employee = _who(principal, cards, record["principal"])
    if principal not in keys_by_fp:
        checks.append(Check("employee signature", False,
                            f"signed by someone you don't know: the employee {employee} is "
                            "not among your contacts; import their card if you expect this "
                            "package", "unknown-employee", (employee,)))
    elif principal in signed_by:
        checks.append(_valid_by("employee signature", employee, principal, verified))
    elif principal in bad:
        checks.append(Check("employee signature", False,
                            f"{employee}'s signature does not verify: the manifest was altered "
                            "after signing", "signature-altered", (employee,)))
    else:
        checks.append(Check("employee signature", False,
                            f"the employee {employee} did not sign the manifest",
                            "not-signed", (employee,)))
    # The countersigner is the card the package names; with none named, an HR card that
    # signed (never the employee).
    hr = named["fingerprint"] if named else next(
        (fp for fp in sorted(signed_by) if fp != principal and fp in cards
         and cards[fp].role == keys.Role.HR), None)
    if require_countersignature or (hr is not None and hr in signed_by):
        checks.append(_countersignature_check(hr, principal, named, cards, verified,
                                              keys_by_fp, signed_by, bad))
    if bad:
        who = ", ".join(_who(fp, cards) for fp in sorted(bad))
        checks.append(Check("signatures", False, f"a signature does not verify: {who}; the "
                            "manifest was altered after signing", "bad-signatures", (who,)))
    return signed_by, hr


def _countersignature_check(hr: str | None, principal: str, named: Mapping[str, Any] | None,
                            cards: Mapping[str, keys.IdentityCard], verified: Collection[str],
                            keys_by_fp: Mapping[str, Ed25519PublicKey], signed_by: set[str],
                            bad: set[str]) -> Check:
    name = "HR countersignature"
    if hr is None:
        return Check(name, False, "the package names no countersigner and no HR card of yours "
                     "signed it", "no-countersigner")
    who = _who(hr, cards, named)
    if hr == principal:
        return Check(name, False, f"the countersigner named in the package is the employee "
                     f"{who} herself; only HR can countersign", "countersigner-is-employee",
                     (who,))
    card = cards.get(hr)
    if card is None or hr not in keys_by_fp:
        return Check(name, False, f"signed by someone you don't know: the countersigner {who} "
                     "is not among your contacts; import HR's card if you expect this package",
                     "unknown-countersigner", (who,))
    if card.role != keys.Role.HR:
        return Check(name, False, f"the countersigner {who} is not HR (their card's role is "
                     f"{card.role})", "countersigner-not-hr",
                     (who, label_message("role", card.role.value)))
    if hr in signed_by:
        return _valid_by(name, who, hr, verified)
    if hr in bad:
        return Check(name, False, f"{who}'s signature does not verify: the manifest was "
                     "altered after signing", "signature-altered", (who,))
    return Check(name, False, "missing: HR has not countersigned this package",
                 "countersignature-missing", (who,))


def check_bundle(bundle: Bundle, keys_by_fp: Mapping[str, Ed25519PublicKey], now: datetime,
                 revoked: bool = False, recipient: keys.IdentityCard | None = None,
                 require_countersignature: bool = True,
                 cards: Mapping[str, keys.IdentityCard] | None = None,
                 verified: Collection[str] | None = None) -> Bundle:
    """Run every check and record each result on the bundle (nothing raises here). `cards`
    (default: every card this home knows) tell each signer's role; a good signature by a
    card not in `verified` (default: own identities and verified contacts) says so."""
    cards = keys.known_cards() if cards is None else cards
    verified = keys.verified_fingerprints(cards.values()) if verified is None else verified
    record = bundle.record
    principal = record["principal"]["fingerprint"]
    bundle.checks = []
    checks = bundle.checks
    signed_by, hr = _signature_checks(bundle, keys_by_fp, cards, verified,
                                      require_countersignature)
    ledger_check = ledger.verify(bundle.ledger_text, keys_by_fp)
    if ledger_check.ok:
        checks.append(Check("ledger", True,
                            f"{ledger_check.entries} entries, chain and signatures valid",
                            "ledger-valid", (str(ledger_check.entries),)))
    else:
        why = ledger_check.why or Message("ledger.truncated")
        checks.append(Check("ledger", False,
                            f"line {ledger_check.bad_line}: {visible(why.text('en'))}",
                            "ledger-bad-line", (str(ledger_check.bad_line), why)))
    if ledger_check.ok:
        entries = ledger.read_entries(bundle.ledger_text)
        exported = [e for e in entries if e.type == "export.created"
                    and e.body.get("package") == bundle.package]
        recorded = bool(exported) and exported[-1].actor == principal
        checks.append(Check("ledger records this export", recorded,
                            "export.created by the employee" if recorded else
                            "no export.created entry by the employee for this payload: the "
                            "ledger was truncated or belongs to another package",
                            "export-recorded" if recorded else "export-not-recorded"))
        countersigned = [e for e in entries if e.type == "consent.countersigned"]
        if hr in signed_by or countersigned:
            checks.append(_ledger_countersign_check(countersigned, hr, bundle.package, cards))
    declared = next(s["digest"]["sha256"] for s in bundle.statement["subject"]
                    if s["name"] == PAYLOAD)
    intact = declared == bundle.payload_sha256
    checks.append(Check("payload digest", intact,
                        "matches the manifest" if intact else
                        "payload.age differs from the digest the manifest signs",
                        "payload-matches" if intact else "payload-differs"))
    given = record.get("decision") == "given"
    checks.append(Check("consent", given, "given" if given else "declined",
                        "consent-given" if given else "consent-declined"))
    delete_by = date.fromisoformat(record["retention"]["delete_by"])
    in_time = delete_by >= clock.local_date(now)
    checks.append(Check("deadline", in_time,
                        f"delete by {delete_by}" if in_time else
                        f"expired: delete-by {delete_by} has passed",
                        "delete-by" if in_time else "deadline-passed", (str(delete_by),)))
    checks.append(Check("revocation", not revoked,
                        "no revocation known" if not revoked else
                        "the employee has withdrawn consent for this package",
                        "not-revoked" if not revoked else "revoked"))
    if recipient is not None:
        mine = any(r["fingerprint"] == recipient.fingerprint for r in record["recipients"])
        name = visible(recipient.name)
        checks.append(Check("recipient", mine, f"{name} is a recipient" if mine else
                            f"{name} is not among this package's recipients",
                            "is-recipient" if mine else "not-recipient", (name,)))
    return bundle


def _ledger_countersign_check(countersigned: list[ledger.LedgerEntry], hr: str | None,
                              package: str, cards: Mapping[str, keys.IdentityCard]) -> Check:
    """Every consent.countersigned line must be the countersigner's own, for this package."""
    name = "ledger records the countersignature"
    forged = [e for e in countersigned if e.actor != hr]
    if forged:
        who = _who(forged[0].actor, cards)
        return Check(name, False, f"ledger line {forged[0].seq + 1} records a countersignature "
                     f"signed by {who}, not by the countersigner the package names",
                     "ledger-countersign-forged", (str(forged[0].seq + 1), who))
    if not any(e.body.get("package") == package for e in countersigned):
        return Check(name, False, "HR signed the manifest but the ledger has no "
                     "consent.countersigned entry for this package: the ledger was truncated",
                     "ledger-countersign-missing")
    return Check(name, True, "consent.countersigned by HR", "ledger-countersigned")


# -- HR countersignature -----------------------------------------------------------------------


class AlreadyCountersigned(BundleError):
    """HR countersigned this package before; signing again would add nothing."""


def terms_summary(bundle: Bundle) -> dict[str, Any]:
    """What HR is asked to countersign: every field of the signed record (terms, parties,
    counts — the record holds no content), with the package's identity and file count."""
    record = bundle.record
    return {
        "package": bundle.package,
        "record_id": record["record_id"],
        "created_at": record.get("created_at"),
        "decision": record["decision"],
        "language": record.get("language"),
        "employee": record["principal"],
        "countersigner": record.get("countersigner"),
        "controller": record["controller"],
        "purposes": [p["text"] for p in record["purposes"]],
        "recipients": [{"name": r["name"], "fingerprint": r["fingerprint"],
                        **({"email": r["email"]} if r.get("email") else {})}
                       for r in record["recipients"]],
        "categories": record["data_categories"],
        "separate_consent": {k: v for k, v in record["separate_consent"].items() if v},
        "jurisdiction": record.get("jurisdiction", ""),
        "storage_location": record.get("storage_location", ""),
        "cross_border": bool(record.get("cross_border", False)),
        "delete_by": record["retention"]["delete_by"],
        "retention_method": record["retention"].get("method"),
        "withdrawal": (record.get("withdrawal") or {}).get("method"),
        "licence": record.get("licence"),
        "notice": record.get("notice"),
        "request": record.get("request"),
        "artifacts": record["artifacts"]["count"],
        "files": len(bundle.files),
    }


def countersigned_at(bundle: Bundle) -> str | None:
    """When the countersigner's consent.countersigned line was written, if the checks found
    a valid countersignature."""
    if not any(c.name == "HR countersignature" and c.ok for c in bundle.checks):
        return None
    for entry in ledger.read_entries(bundle.ledger_text):
        if entry.type == "consent.countersigned" and entry.body.get("package") == bundle.package:
            return entry.time
    return None


def unnamed_readers(path: Path, record: Mapping[str, Any]) -> Message | None:
    """Why HR may not vouch for whom the package is readable by, else None. The payload's age
    header must hold no more X25519 stanzas than an honest export writes (one per recipient
    the signed record lists, and the employee's own copy) and no other kind of recipient.
    Stanzas are anonymous, so they are counted (`age_header`); the payload stays encrypted."""
    from workbench.core.package import age_header

    shown = visible(Path(path).name)
    try:
        with zipfile.ZipFile(path) as archive, archive.open(PAYLOAD) as payload:
            types = age_header.stanza_types(payload)
    except (OSError, EOFError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        return Message("countersign.readers-unknown", (shown, reason_of(exc)))
    other = age_header.extra_types(types)
    if other:
        return Message("countersign.other-readers", (shown, visible(", ".join(other)[:80])))
    # Distinct readers: the employee's own copy is the one more stanza an honest export writes.
    named = len({r["fingerprint"] for r in record["recipients"]}
                - {record["principal"]["fingerprint"]})
    if types[age_header.X25519] > named + 1:
        return Message("countersign.extra-readers", (shown, types[age_header.X25519], named))
    return None


def countersign(path: Path, hr_card: keys.IdentityCard, now: datetime,
                accept_differences: bool = False, expected_package: str | None = None,
                accepted: Sequence[Any] | None = None) -> Bundle:
    """Verify, compare with HR's own request, add HR's signature and a
    consent.countersigned ledger entry; never decrypts. Wider terms than HR asked for are
    refused unless `accept_differences`. Given what HR looked at (`expected_package`, the
    `accepted` differences), a file replaced since, or differences other than those HR
    confirmed, are refused: HR signs what HR saw."""
    from workbench.core.package import hr_requests, readers

    bundle = check_bundle(read_bundle(path), keys.public_keys(), now,
                          require_countersignature=False)
    shown = visible(Path(path).name)
    if expected_package is not None and bundle.package != expected_package:
        raise coded(BundleError, "countersign.package-changed", shown)
    when = countersigned_at(bundle)
    if when is not None:
        raise coded(AlreadyCountersigned, "countersign.already", shown,
                    visible(bundle.record["countersigner"]["name"]), when)
    failed = bundle.failed()
    if failed:
        log.info("countersign.refused package=%s checks=%s", bundle.package,
                 logs.codes(f"{c.name}:{c.reason or 'failed'}" for c in failed))
        raise coded(BundleError, "countersign.refused", Joined(tuple(
            Message("check.line", (c.title_message(), c.detail_message())) for c in failed)))
    record = bundle.record
    if record["principal"]["fingerprint"] == hr_card.fingerprint:
        raise coded(BundleError, "countersign.self")
    named = record.get("countersigner")
    if named and named["fingerprint"] != hr_card.fingerprint:
        raise coded(BundleError, "countersign.other-named", visible(named["name"]),
                    visible(hr_card.name))
    # Whom it will be readable by: a recipient named like a contact of HR's with another
    # key (an employee's own key as "HR Team") is refused whatever HR accepts.
    readers.refuse_look_alikes(readers.readers(record), BundleError)
    unnamed = unnamed_readers(Path(path), record)
    if unnamed is not None:
        log.info("countersign.refused package=%s readers=%s", bundle.package, unnamed.code)
        raise coded(BundleError, unnamed.code, *unnamed.args)
    differences = hr_requests.differences_for(record, hr_card)
    if accepted is not None and list(differences) != list(accepted):
        raise coded(BundleError, "countersign.differences-changed", shown)
    if differences and not accept_differences:
        log.info("countersign.refused package=%s wider=%s", bundle.package,
                 logs.codes(d.field for d in differences))
        raise hr_requests.WiderThanRequested(differences)
    signer = keys.LocalSigner(hr_card)
    envelope = dsse.add_signature(bundle.envelope, signer)
    entries = ledger.read_entries(bundle.ledger_text)
    line, _ = ledger.make_line(len(entries), entries[-1].digest, "consent.countersigned", signer,
                               {"package": bundle.package,
                                "record_id": record["record_id"],
                                **({"accepted_differences": [d.field for d in differences]}
                                   if differences else {})})
    ledger_text = bundle.ledger_text + line + "\n"
    with zipfile.ZipFile(path) as archive, archive.open(PAYLOAD) as payload:
        write_bundle(Path(path), envelope, ledger_text.encode("utf-8"), payload)
    log.info("countersign.done package=%s record=%s accepted_differences=%d", bundle.package,
             record["record_id"], len(differences))
    return read_bundle(path)
