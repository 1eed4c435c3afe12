"""The encrypted skill package (*.cwpkg, DESIGN §6): export, HR countersignature, checks.

A zip with stored members: manifest.dsse.json (in-toto Statement v1 in a DSSE envelope,
predicate = the consent record), ledger.jsonl, and payload.age (an age-encrypted tar of the
skill folder, to every recipient and to the employee). The payload is streamed through
temporary files, never held in memory twice.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from workbench.core import consent, dsse, keys, ledger
from workbench.core.artifacts import ArtifactState
from workbench.core.deadlines import exports_path, upsert
from workbench.core.errors import RefusedError
from workbench.core.progress import ProgressCallback, no_progress

MANIFEST = "manifest.dsse.json"
LEDGER = "ledger.jsonl"
PAYLOAD = "payload.age"
MEMBERS = (MANIFEST, LEDGER, PAYLOAD)
STATEMENT_TYPE = "application/vnd.in-toto+json"
STATEMENT_V1 = "https://in-toto.io/Statement/v1"
CHUNK = 1 << 20
# A manifest or ledger is small; a larger one is a damaged or hostile file.
MAX_METADATA_BYTES = 64 << 20


class BundleError(RefusedError):
    """The package is damaged, tampered with, expired, revoked or not for this identity."""


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


def export_blockers(ws: Any, now: datetime) -> list[str]:
    """Everything that stops an export, each said plainly."""
    problems = []
    artifacts = ws.artifacts()
    pending = [a for a in artifacts if a.state == ArtifactState.PENDING]
    if pending:
        names = ", ".join(a.title for a in pending[:3]) + (" …" if len(pending) > 3 else "")
        problems.append(f"{len(pending)} artifact(s) are still pending review ({names})")
    approved = {a.id for a in artifacts if a.state == ArtifactState.APPROVED}
    if not approved:
        problems.append("no artifact is approved")
    envelopes = ws.consent_envelopes()
    if not envelopes:
        problems.append("there is no consent record yet")
        return problems
    record = consent.record_of(envelopes[-1], keys.public_keys())
    if record["decision"] != "given":
        problems.append("the latest consent record declines consent")
    if date.fromisoformat(record["retention"]["delete_by"]) <= now.date():
        problems.append(f"the consent's delete-by date {record['retention']['delete_by']} has "
                        "passed; consent again with a new date")
    outside = approved - set(record["artifacts"]["digests"])
    if outside:
        problems.append(f"{len(outside)} approved artifact(s) were not part of the material "
                        "when consent was given; consent again")
    kept_sensitive = sorted({f.entity.removeprefix("SENSITIVE_").lower() for f in ws.findings()
                             if f.entity.startswith("SENSITIVE_") and f.decision == "keep"
                             and f.artifact_id in approved})
    missing = [c for c in kept_sensitive if not record["separate_consent"].get(c)]
    if missing:
        problems.append("sensitive information kept without separate consent: "
                        + ", ".join(missing) + " (redact it, or consent separately)")
    return problems


def statement(record: Mapping[str, Any], payload_sha256: str,
              files: Mapping[str, str]) -> dict[str, Any]:
    subjects = [{"name": PAYLOAD, "digest": {"sha256": payload_sha256}}]
    subjects += [{"name": name, "digest": {"sha256": digest}}
                 for name, digest in sorted(files.items())]
    return {"_type": STATEMENT_V1, "subject": subjects,
            "predicateType": consent.SCHEMA, "predicate": dict(record)}


def export(ws: Any, out: Path, employee: keys.IdentityCard, now: datetime,
           progress: ProgressCallback = no_progress) -> ExportResult:
    """Build, encrypt, sign and write the package atomically; record it in the ledger and in
    this home's exports register."""
    from workbench.core import workspace_ledger
    from workbench.core.skill import build_skill

    problems = export_blockers(ws, now)
    if problems:
        raise RefusedError("Cannot export: " + "; ".join(problems) + ".")
    record = consent.record_of(ws.consent_envelopes()[-1], keys.public_keys())
    signer = keys.LocalSigner(employee)
    workspace_ledger.flush(ws, signer)
    out = Path(out)
    work = Path(tempfile.mkdtemp(prefix=".export-", dir=out.parent if out.parent.exists()
                                 else None))
    try:
        progress(0, 4, "skill folder")
        folder = build_skill(ws, work)
        files = {p.relative_to(folder).as_posix(): sha256_file(p)
                 for p in sorted(folder.rglob("*")) if p.is_file()}
        progress(1, 4, "encrypting")
        recipients = [r["age"] for r in record["recipients"]] + [employee.age]

        def finish(payload_sha: str) -> tuple[dict[str, Any], bytes]:
            progress(2, 4, "signing")
            manifest = dsse.sign_envelope(
                STATEMENT_TYPE, rfc8785.dumps(statement(record, payload_sha, files)), [signer])
            workspace_ledger.record_now(ws, signer, "export.created", {
                "package": "sha256:" + payload_sha, "record_id": record["record_id"],
                "recipients": [r["fingerprint"] for r in record["recipients"]],
                "files": len(files), "delete_by": record["retention"]["delete_by"]})
            progress(3, 4, "writing")
            return manifest, ws.ledger_path.read_bytes()

        package = "sha256:" + write_package(out, folder, recipients, finish)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    upsert(exports_path(), {
        "package": package, "bundle": str(out.resolve()), "workspace": str(ws.root.resolve()),
        "record_id": record["record_id"], "delete_by": record["retention"]["delete_by"],
        "recipients": [{"name": r["name"], "fingerprint": r["fingerprint"]}
                       for r in record["recipients"]],
        "exported_at": ledger.now(),
    })
    progress(4, 4, "")
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
    name: str
    ok: bool
    detail: str = ""

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
        return self.statement["predicate"]

    @property
    def package(self) -> str:
        return "sha256:" + self.payload_sha256

    @property
    def files(self) -> dict[str, str]:
        return {s["name"]: s["digest"]["sha256"] for s in self.statement["subject"]
                if s["name"] != PAYLOAD}

    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]


def read_bundle(path: Path) -> Bundle:
    """Parse the package (no signature checks yet); damaged files are refused clearly."""
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, EOFError, ValueError, NotImplementedError, zipfile.BadZipFile) as exc:
        raise BundleError(f"{path.name} is not a Consent Workbench package (not a readable "
                          f"zip: {exc}).") from exc
    with archive:
        names = archive.namelist()
        if sorted(names) != sorted(MEMBERS):
            raise BundleError(f"{path.name} is not a complete package: it holds "
                              f"{', '.join(names) or 'nothing'} instead of "
                              f"{', '.join(MEMBERS)}.")
        for info in archive.infolist():
            if info.compress_type != zipfile.ZIP_STORED:
                raise BundleError(f"{path.name}: member {info.filename} is compressed; "
                                  "packages store their members.")
            if info.filename != PAYLOAD and info.file_size > MAX_METADATA_BYTES:
                raise BundleError(f"{path.name}: {info.filename} is implausibly large.")
        try:
            envelope = json.loads(archive.read(MANIFEST))
            ledger_text = archive.read(LEDGER).decode("utf-8")
            digest = hashlib.sha256()
            with archive.open(PAYLOAD) as payload:
                while chunk := payload.read(CHUNK):
                    digest.update(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
                UnicodeDecodeError) as exc:
            # zipfile checks each member's CRC: a flipped byte anywhere lands here.
            raise BundleError(f"{path.name} is damaged: {exc}.") from exc
    try:
        statement = json.loads(dsse.decode_payload(envelope))
        if statement.get("_type") != STATEMENT_V1 or \
                statement.get("predicateType") != consent.SCHEMA:
            raise ValueError("not a consent statement")
        for subject in statement["subject"]:
            if not isinstance(subject["name"], str) or \
                    not isinstance(subject["digest"]["sha256"], str):
                raise ValueError("a subject lacks a name or a sha256 digest")
    except (RefusedError, ValueError, KeyError, TypeError) as exc:
        raise BundleError(f"{path.name}: the manifest is not a valid consent statement "
                          f"({exc}).") from exc
    return Bundle(path, envelope, statement, ledger_text, digest.hexdigest())


def check_bundle(bundle: Bundle, keys_by_fp: Mapping[str, Ed25519PublicKey], now: datetime,
                 revoked: bool = False, recipient: keys.IdentityCard | None = None,
                 require_countersignature: bool = True) -> Bundle:
    """Run every check and record each result on the bundle (nothing raises here)."""
    record = bundle.record
    principal = record["principal"]["fingerprint"]
    hr = record["countersigner"]["fingerprint"]
    checks = bundle.checks = []
    try:
        _, good, problems = dsse.verify_envelope(bundle.envelope, STATEMENT_TYPE, keys_by_fp)
        signed_by = {s.keyid for s in good}
    except RefusedError as exc:
        signed_by, problems = set(), [str(exc)]
    bad = [p for p in problems if p.startswith("bad signature")]
    checks.append(Check("employee signature", principal in signed_by and not bad,
                        "valid" if principal in signed_by else
                        (f"missing or invalid ({'; '.join(problems) or 'not signed'})"
                         if principal in keys_by_fp else
                         f"the employee {principal[:16]} is not a known contact")))
    if require_countersignature or hr in signed_by:
        checks.append(Check("HR countersignature", hr in signed_by and not bad,
                            "valid" if hr in signed_by else
                            ("missing: HR has not countersigned this package"
                             if not any(hr in p for p in problems) else "invalid")))
    if bad:
        checks.append(Check("signatures", False, "; ".join(bad)))
    ledger_check = ledger.verify(bundle.ledger_text, keys_by_fp)
    checks.append(Check("ledger", ledger_check.ok,
                        f"{ledger_check.entries} entries, chain and signatures valid"
                        if ledger_check.ok else
                        f"line {ledger_check.bad_line}: {ledger_check.reason}"))
    if ledger_check.ok:
        entries = ledger.read_entries(bundle.ledger_text)
        exported = [e for e in entries if e.type == "export.created"
                    and e.body.get("package") == bundle.package]
        checks.append(Check("ledger records this export", bool(exported)
                            and exported[-1].actor == principal,
                            "export.created by the employee" if exported else
                            "no export.created entry for this payload: the ledger was "
                            "truncated or belongs to another package"))
        if hr in signed_by:
            countersigned = any(e.type == "consent.countersigned" and e.actor == hr
                                and e.body.get("package") == bundle.package for e in entries)
            checks.append(Check("ledger records the countersignature", countersigned,
                                "consent.countersigned by HR" if countersigned else
                                "HR signed the manifest but the ledger has no "
                                "consent.countersigned entry: the ledger was truncated"))
    declared = next(s["digest"]["sha256"] for s in bundle.statement["subject"]
                    if s["name"] == PAYLOAD)
    checks.append(Check("payload digest", declared == bundle.payload_sha256,
                        "matches the manifest" if declared == bundle.payload_sha256 else
                        "payload.age differs from the digest the manifest signs"))
    checks.append(Check("consent", record.get("decision") == "given",
                        "given" if record.get("decision") == "given" else "declined"))
    delete_by = date.fromisoformat(record["retention"]["delete_by"])
    checks.append(Check("deadline", delete_by >= now.date(),
                        f"delete by {delete_by}" if delete_by >= now.date() else
                        f"expired: delete-by {delete_by} has passed"))
    checks.append(Check("revocation", not revoked,
                        "no revocation known" if not revoked else
                        "the employee has withdrawn consent for this package"))
    if recipient is not None:
        mine = any(r["fingerprint"] == recipient.fingerprint for r in record["recipients"])
        checks.append(Check("recipient", mine, f"{recipient.name} is a recipient" if mine else
                            f"{recipient.name} is not among this package's recipients"))
    return bundle


# -- HR countersignature -----------------------------------------------------------------------


def terms_summary(bundle: Bundle) -> dict[str, Any]:
    """What HR is asked to countersign: terms and counts, never content."""
    record = bundle.record
    return {
        "package": bundle.package,
        "employee": record["principal"],
        "controller": record["controller"],
        "purposes": [p["text"] for p in record["purposes"]],
        "recipients": [{"name": r["name"], "fingerprint": r["fingerprint"]}
                       for r in record["recipients"]],
        "categories": record["data_categories"],
        "separate_consent": {k: v for k, v in record["separate_consent"].items() if v},
        "delete_by": record["retention"]["delete_by"],
        "licence": record.get("licence"),
        "files": len(bundle.files),
    }


def countersign(path: Path, hr_card: keys.IdentityCard, now: datetime) -> Bundle:
    """Verify, add HR's signature and a consent.countersigned ledger entry; never decrypts."""
    bundle = check_bundle(read_bundle(path), keys.public_keys(), now,
                          require_countersignature=False)
    failed = bundle.failed()
    if failed:
        raise BundleError("Refusing to countersign: " + "; ".join(
            f"{c.name}: {c.detail}" for c in failed) + ".")
    if bundle.record["countersigner"]["fingerprint"] != hr_card.fingerprint:
        raise BundleError(f"This package names {bundle.record['countersigner']['name']} as "
                          f"countersigner, not {hr_card.name}.")
    signer = keys.LocalSigner(hr_card)
    envelope = dsse.add_signature(bundle.envelope, signer)
    entries = ledger.read_entries(bundle.ledger_text)
    line, _ = ledger.make_line(len(entries), entries[-1].digest, "consent.countersigned", signer,
                               {"package": bundle.package,
                                "record_id": bundle.record["record_id"]})
    ledger_text = bundle.ledger_text + line + "\n"
    with zipfile.ZipFile(path) as archive, archive.open(PAYLOAD) as payload:
        write_bundle(Path(path), envelope, ledger_text.encode("utf-8"), payload)
    return read_bundle(path)
