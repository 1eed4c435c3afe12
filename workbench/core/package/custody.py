"""The receiving side: opening a package into custody, revocations, purging with a signed
deletion receipt — and the employee's side of withdrawals and receipts (ARCHITECTURE.md §8).

Custody lives in `data/custody/`: `register.json` (every package ever opened here, every
copy of it and what was written, kept after purge), `<id>.ledger.jsonl`, and `<id>.tar.age`
(the payload re-encrypted to a per-package custody key that purge destroys). Opening works
in a locked `.open-*` folder there, shredded on success, on failure, and — after a crash —
by the next command that touches custody. Each copy is in the register, pending, before a
decrypted byte leaves that folder, so purge deletes what a killed open left behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import tarfile
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import rfc8785
from filelock import FileLock, Timeout

from workbench.core import clock, logs
from workbench.core.atomic import atomic_file, atomic_write, read_json, write_json
from workbench.core.display import visible
from workbench.core.errors import BadInputError, Problem, RefusedError, os_reason, reason_of
from workbench.core.errors import coded as _error
from workbench.core.messages import Joined, Message, english, label_message
from workbench.core.package import bundle as bundle_module
from workbench.core.package.bundle import (
    CHUNK,
    PAYLOAD,
    Bundle,
    BundleError,
    Check,
    check_bundle,
    read_bundle,
    sha256_file,
)
from workbench.core.package.deadlines import custody_path, due, exports_path, find, load, upsert
from workbench.core.paths import data_dir
from workbench.core.progress import CancelToken
from workbench.core.trust import dsse, keys, ledger
from workbench.core.trust.secrets_store import secret_store

log = logging.getLogger(__name__)

REVOCATION_TYPE = "application/vnd.consent-workbench.revocation+json"
RECEIPT_TYPE = "application/vnd.consent-workbench.receipt+json"
REVOCATION_SCHEMA = "consent-workbench/revocation/v1"
RECEIPT_SCHEMA = "consent-workbench/receipt/v1"
# The order open() reports refusals in: the most fundamental problem first.
REFUSAL_ORDER = ("HR countersignature", "employee signature", "signatures", "ledger",
                 "ledger records this export", "ledger records the countersignature",
                 "payload digest", "consent", "deadline", "revocation", "recipient")
PACKAGE_ID = re.compile(r"sha256:[0-9a-f]{64}")
FINGERPRINT = re.compile(r"[0-9a-f]{32}")
# Opening: a plain tar never unpacks to more than its own size; this caps it outright too.
MAX_OPEN_BYTES = 8 << 30
MAX_NAME_BYTES = 1024  # a whole member name
MAX_PART_BYTES = 255  # one path component (the usual file-system limit)
MAX_EXTRA_FOLDERS = 64  # empty folders beside those the signed files imply
TOP_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # the skill folder (Agent Skills name)
# Revocations are a few hundred bytes; receipts carry the custody ledger.
MAX_REVOCATION_BYTES = 64 << 10
MAX_RECEIPT_BYTES = 16 << 20
WORK_PREFIX = ".open-"
LOCK_NAME = ".lock"
OPENING_NAME = "package"  # in an `.open-*` folder: the id of the package it opens
def shown(text: object, limit: int = 120) -> str:
    """Untrusted text as it may be shown (`display.visible`: control characters and bidi
    overrides written out), cut to `limit` characters."""
    escaped = visible(text)
    return escaped if len(escaped) <= limit else escaped[:limit - 1] + "…"


def package_id(value: object) -> str:
    """A package id is `sha256:` and 64 lowercase hex digits; anything else is refused
    before it can become part of a path."""
    if not isinstance(value, str) or not PACKAGE_ID.fullmatch(value):
        raise _error(BadInputError, "custody.not-a-package-id", shown(value, 90))
    return value


def _hex(package: str) -> str:
    return package_id(package).removeprefix("sha256:")


def _short(package: str) -> str:
    return package.removeprefix("sha256:")[:12]


# -- the custody area ----------------------------------------------------------------------------


def custody_dir() -> Path:
    """The custody folder; leftovers of an interrupted open are shredded on the way in."""
    path = data_dir() / "custody"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    sweep_leftovers(path)
    return path


def sweep_leftovers(folder: Path, prefix: str = WORK_PREFIX) -> list[Path]:
    """Shred every `.open-*` (or `prefix`) folder no live process holds (its opener — or
    exporter — was killed)."""
    removed = []
    for work in sorted(folder.glob(prefix + "*")):
        lock = work / LOCK_NAME
        if not lock.exists():
            # Between mkdtemp and taking the lock a folder is briefly unlocked and empty.
            if any(work.iterdir()) or time.time() - work.stat().st_mtime > 60:
                shred(work)
                removed.append(work)
            continue
        held = FileLock(lock)
        try:
            held.acquire(timeout=0)
        except Timeout:
            continue  # another open is running right now
        try:
            shred(work)
        finally:
            held.release()
        removed.append(work)
    return removed


def shred(path: Path) -> None:
    """Overwrite every file with zeros, then delete (what a file system allows: journals,
    copy-on-write and SSD remapping may keep old blocks; SECURITY.md says so)."""
    path = Path(path)
    if path.is_symlink() or path.is_file():
        _zero(path)
        path.unlink(missing_ok=True)
        return
    if not path.is_dir():
        return
    for root, _dirs, files in os.walk(path):
        for name in files:
            _zero(Path(root) / name)
    shutil.rmtree(path, ignore_errors=True)


def _zero(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_symlink() or not path.is_file():
            return
        info = path.stat()
        if info.st_nlink > 1:
            return  # another name shares these bytes: deleting ours must not blank it
        size = info.st_size
        with open(path, "r+b") as handle:
            block = bytes(min(size, CHUNK))
            left = size
            while left > 0:
                left -= handle.write(block[:left])
            handle.flush()
            os.fsync(handle.fileno())


@contextlib.contextmanager
def _workdir(package: str) -> Iterator[Path]:
    """A locked `.open-*` folder in custody naming the package being opened (so a purge
    knows an open of it is in progress), shredded whatever happens."""
    work = Path(tempfile.mkdtemp(prefix=WORK_PREFIX, dir=custody_dir()))
    lock = FileLock(work / LOCK_NAME)
    lock.acquire()
    try:
        (work / OPENING_NAME).write_text(package, encoding="utf-8")
        yield work
    finally:
        shred(work)
        lock.release()


def _held(work: Path) -> bool:
    """Whether a live process holds this `.open-*` folder's lock (its open is running)."""
    lock = FileLock(work / LOCK_NAME)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    except OSError:
        return False  # the folder is gone: that open has ended
    lock.release()
    return False


def _opening_of(work: Path) -> str | None:
    """The package an `.open-*` folder is opening, when it says."""
    try:
        return (work / OPENING_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def opening_now(package: str) -> bool:
    """Whether an open of `package` (an id, or a prefix of one) is running right now."""
    wanted = package.removeprefix("sha256:")
    folder = data_dir() / "custody"
    for work in sorted(folder.glob(WORK_PREFIX + "*")) if folder.is_dir() else []:
        opening = _opening_of(work)
        if opening is not None and len(wanted) >= 8 \
                and opening.removeprefix("sha256:").startswith(wanted) and _held(work):
            return True
    return False


# -- the custody register ------------------------------------------------------------------------


@contextlib.contextmanager
def _register_lock() -> Iterator[None]:
    """One writer of the register at a time (the app and the CLI may both be open)."""
    with FileLock(custody_dir() / ".register.lock"):
        yield


def register_entry(package: str) -> dict[str, Any] | None:
    custody_dir()  # every look at custody first clears what a killed open left behind
    return next((e for e in load(custody_path()) if e.get("package") == package), None)


def _purged_in_ledger(package: str) -> bool:
    """The custody ledger remembers a purge even if the register was edited."""
    path = data_dir() / "custody" / f"{_hex(package)}.ledger.jsonl"
    if not path.is_file():
        return False
    try:
        return any(e.type == "package.deleted" and e.body.get("package") == package
                   for e in ledger.read_entries(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError):
        return True  # a damaged custody ledger is not evidence that it was never purged


def copies_of(entry: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every opened copy of a register entry (older registers kept one `opened_dir`)."""
    copies = list(entry.get("copies", []))
    if not copies and entry.get("opened_dir"):
        copies = [{"folder": entry["opened_dir"], "files": [], "opened_at":
                   entry.get("opened_at", "")}]
    return copies


# -- revocations: which ones count ---------------------------------------------------------------


def revocations_dir() -> Path:
    return data_dir() / "revocations"


def revocation_path(package: str, signer: str) -> Path:
    if not FINGERPRINT.fullmatch(signer):
        raise _error(BadInputError, "custody.not-fingerprint", shown(signer, 40))
    return revocations_dir() / f"{_hex(package)}.{signer}.revocation.json"


def revocation_by(package: str, principal: str,
                  record_id: str | None = None) -> dict[str, Any] | None:
    """A stored revocation validly signed by `principal` (and naming him as principal) of
    `package` — or, given the package's `record_id`, of any package exported under that
    consent record: withdrawing consent ends everything made under it. Re-checked from the
    stored files (an edited or planted file counts for nothing)."""
    folder = revocations_dir()
    if not folder.is_dir():
        return None
    pattern = "*.revocation.json" if record_id else f"{_hex(package)}.*.revocation.json"
    for path in sorted(folder.glob(pattern)):
        try:
            body, signer = _read_signed(path, REVOCATION_TYPE, "revocation",
                                        MAX_REVOCATION_BYTES)
            body = _revocation_body(body, path)
        except RefusedError:
            continue
        if signer != principal or body["principal"]["fingerprint"] != principal:
            continue
        if body["package"] == package or (record_id and body.get("record_id") == record_id):
            return body
    return None


def is_revoked(package: str, principal: str, record_id: str | None = None) -> bool:
    """Whether `principal` — the employee the package's own signed statement names — has
    withdrawn consent for this package or (given) its consent record. A revocation signed
    by anyone else, even naming himself, never counts."""
    return bool(principal) and revocation_by(package, principal, record_id) is not None


def _record_id(record_or_entry: Mapping[str, Any]) -> str | None:
    value = record_or_entry.get("record_id")
    return value if isinstance(value, str) and value else None


def _revoked(bundle: Bundle) -> bool:
    """Whether the employee this package's signed statement names has withdrawn it, or the
    consent record it was made under."""
    return is_revoked(bundle.package, _principal_fp(bundle.record) or "",
                      _record_id(bundle.record))


def _principal_fp(record_or_entry: Mapping[str, Any]) -> str | None:
    principal = record_or_entry.get("principal")
    fp = principal.get("fingerprint") if isinstance(principal, Mapping) else None
    return fp if isinstance(fp, str) else None


def verify_for_recipient(path: Path, now: datetime,
                         recipient: keys.IdentityCard | None = None) -> Bundle:
    custody_dir()
    return _check(read_bundle(path), now, recipient)


def _check(bundle: Bundle, now: datetime, recipient: keys.IdentityCard | None) -> Bundle:
    return check_bundle(bundle, keys.public_keys(), now, revoked=_revoked(bundle),
                        recipient=recipient)


def first_refused(checks: list[Check]) -> Check | None:
    """The failed check `open` refuses with: the most fundamental one (REFUSAL_ORDER), then
    any other in the order the checks ran; None when every check passed."""
    failed = {c.name: c for c in checks if not c.ok}
    for name in (*REFUSAL_ORDER, *failed):
        if name in failed:
            return failed[name]
    return None


# -- open ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenResult:
    folder: Path
    package: str
    delete_by: str


def open_package(path: Path, out: Path, recipient: keys.IdentityCard, now: datetime) -> OpenResult:
    """Verify everything, decrypt and unpack in a locked folder in custody (each member
    checked against the signed list before it is written), keep a copy encrypted to a
    per-package custody key, and register this copy with what was written."""
    path = Path(path)
    bundle = read_bundle(path)
    package = package_id(bundle.package)
    entry = register_entry(package)
    if (entry and entry.get("deleted_at")) or _purged_in_ledger(package):
        when = str(entry.get("deleted_at", ""))[:10] if entry else ""
        raise _error(RefusedError, "custody.purged", shown(path.name), _short(package),
                     when or "?")
    _refuse_withdrawn(bundle, path, entry)
    live = [c["folder"] for c in copies_of(entry or {}) if Path(c["folder"]).exists()]
    if live:
        raise _error(RefusedError, "custody.already-open", _short(package), live[0])
    _check(bundle, now, recipient)
    refused = first_refused(bundle.checks)
    if refused is not None:
        log.info("open.refused package=%s checks=%s", package,
                 logs.codes(f"{c.name}:{c.reason or 'failed'}" for c in bundle.failed()))
        raise _error(BundleError, "custody.refused", shown(path.name),
                     refused.title_message(), refused.detail_message())
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    record = bundle.record
    with _workdir(package) as work:
        tar_path = work / "payload.tar"
        _decrypt(path, tar_path, recipient)
        staged = work / "extracted"
        name, written = extract_checked(tar_path, staged, bundle.files, bundle.keyed_names)
        folder = (out / name).resolve()
        # The copy is in the register, pending, before a decrypted byte leaves custody: an
        # open killed from here on leaves a copy that purge knows of and deletes.
        created = _register_pending(package, path, folder, work.name, record, recipient)
        moving = False
        try:
            signer = keys.LocalSigner(recipient)
            custody_ledger = custody_dir() / f"{_hex(package)}.ledger.jsonl"
            base = custody_ledger.read_text("utf-8") if custody_ledger.is_file() \
                else bundle.ledger_text
            entries = ledger.read_entries(base)
            line, _ = ledger.make_line(len(entries), entries[-1].digest, "package.opened",
                                       signer, {"package": package,
                                                "record_id": record["record_id"]})
            full_ledger = base + line + "\n"
            consent_dir = staged / name / "consent"
            consent_dir.mkdir(exist_ok=True, mode=0o700)
            for file_name, text in (("ledger.jsonl", full_ledger),
                                    ("manifest.dsse.json",
                                     json.dumps(bundle.envelope, indent=2))):
                (consent_dir / file_name).write_text(text, encoding="utf-8")
                written.append({"name": f"consent/{file_name}",
                                "sha256": sha256_file(consent_dir / file_name)})
            _keep_encrypted_copy(tar_path, package)
            if folder.exists() or folder.is_symlink():
                raise _error(BadInputError, "custody.out-exists", folder)
            moving = True
            shutil.move(str(staged / name), folder)
            atomic_write(custody_ledger, full_ledger.encode("utf-8"))
            copy = {"folder": str(folder), "opened_at": clock.iso(),
                    "files": sorted(written, key=lambda f: f["name"])}
            with _register_lock():
                entry = register_entry(package) or {}
                copies = [copy if c.get("opening") == work.name else c
                          for c in copies_of(entry)]
                upsert(custody_path(), {**entry, "copies": copies,
                                        "opened_at": copy["opened_at"]})
        except BaseException:
            _unregister_pending(package, work.name, folder if moving else None, created)
            raise
    log.info("open.done package=%s record=%s files=%d copies=%d", package,
             record["record_id"], len(written), len(copies))
    return OpenResult(folder, package, record["retention"]["delete_by"])


def _refuse_withdrawn(bundle: Bundle, path: Path, entry: Mapping[str, Any] | None) -> None:
    """A package its employee withdrew is refused saying so — and, when it is held here,
    that it must be purged now (before "already open": that copy may not be used either)."""
    principal = _principal_fp(bundle.record)
    revocation = revocation_by(bundle.package, principal, _record_id(bundle.record)) \
        if principal else None
    if revocation is None:
        return
    employee = shown(revocation["principal"].get("name") or principal)
    when = shown(str(revocation["withdrawn_at"])[:10])
    if entry is not None and not entry.get("deleted_at"):
        raise _error(RefusedError, "custody.withdrawn-held", shown(path.name), employee,
                     when, _short(bundle.package))
    raise _error(RefusedError, "custody.withdrawn-open", shown(path.name), employee, when)


def _register_pending(package: str, path: Path, folder: Path, opening: str,
                      record: Mapping[str, Any], recipient: keys.IdentityCard) -> bool:
    """Under the register lock, record the copy about to be written to `folder` as pending
    (with the package's deadline, file and custody copy), refusing a package purged
    meanwhile or a folder that already exists. True when this made the register entry."""
    with _register_lock():
        entry = register_entry(package)  # again: another open or a purge may have run
        if (entry and entry.get("deleted_at")) or _purged_in_ledger(package):
            when = str(entry.get("deleted_at", ""))[:10] if entry else ""
            raise _error(RefusedError, "custody.purged", shown(path.name), _short(package),
                         when or "?")
        if folder.exists() or folder.is_symlink():
            raise _error(BadInputError, "custody.out-exists", folder)
        bundles = list(dict.fromkeys([*(entry or {}).get("bundles", []),
                                      str(path.resolve())]))
        pending = {"folder": str(folder), "opened_at": clock.iso(), "files": [],
                   "pending": True, "opening": opening}
        upsert(custody_path(), {
            **(entry or {}),
            "package": package, "bundles": bundles,
            "copies": [*copies_of(entry or {}), pending],
            "stored_copy": str(custody_dir() / f"{_hex(package)}.tar.age"),
            "delete_by": record["retention"]["delete_by"], "record_id": record["record_id"],
            "principal": record["principal"], "recipient": recipient.fingerprint,
        })
    return entry is None


def _unregister_pending(package: str, opening: str, moved: Path | None,
                        created: bool) -> None:
    """A failed open takes back what it registered: the copy it was moving (shredded), and
    — when the register had no entry before — the entry, the custody copy and its key."""
    if moved is not None:
        shred(moved)
    with _register_lock():
        entry = register_entry(package) or {}
        copies = [c for c in copies_of(entry) if c.get("opening") != opening]
        if created and not copies and not entry.get("deleted_at"):
            write_json(custody_path(), [e for e in load(custody_path())
                                        if e.get("package") != package])
            shred(custody_dir() / f"{_hex(package)}.tar.age")
            secret_store().delete(f"custody:{_hex(package)}")
        elif entry:
            upsert(custody_path(), {**entry, "copies": copies})


class _BoundedWriter:
    """Refuses to write more than `limit` bytes (the decrypted payload's ceiling)."""

    def __init__(self, target: IO[bytes], limit: int) -> None:
        self.target, self.left = target, limit

    def write(self, data: bytes) -> int:
        self.left -= len(data)
        if self.left < 0:
            raise _error(BundleError, "custody.payload-grows")
        return self.target.write(data)

    def flush(self) -> None:
        self.target.flush()


def _decrypt(path: Path, target: Path, recipient: keys.IdentityCard) -> None:
    import pyrage

    with zipfile.ZipFile(path) as archive, archive.open(PAYLOAD) as source, \
            open(target, "wb") as handle:
        limit = min(archive.getinfo(PAYLOAD).file_size, MAX_OPEN_BYTES)
        try:
            pyrage.decrypt_io(source, _BoundedWriter(handle, limit),
                              [keys.age_identity(recipient)])
        except pyrage.DecryptError as exc:
            raise _error(BundleError, "custody.cannot-decrypt", shown(Path(path).name),
                         shown(recipient.name), exc) from exc


def extract_checked(tar_path: Path, target: Path, expected: Mapping[str, str],
                    keyed: Collection[str] = ()) -> tuple[str, list[dict[str, str]]]:
    """Unpack a payload tar that must be a plain (uncompressed) tar of one folder holding
    exactly the signed files. Streamed: each member's name, type, size and place in the
    signed list are checked before a byte of it is written, totals as they grow, and each
    file's digest as it is written — those signed by a keyed digest (`keyed`) once the
    digest key (itself signed by its plain sha256) is unpacked, before anything is returned.
    Returns the folder name and what was written."""
    allowed_dirs = {"/".join(n.split("/")[:i]) for n in expected
                    for i in range(1, n.count("/") + 1)}
    max_members = len(expected) + len(allowed_dirs) + MAX_EXTRA_FOLDERS
    limit = min(Path(tar_path).stat().st_size, MAX_OPEN_BYTES)
    top: str | None = None
    written: list[dict[str, str]] = []
    seen: set[str] = set()
    deferred: dict[str, str] = {}  # keyed files: their sha256, checked once the key is known
    key: bytes | None = None
    total = 0
    try:
        # "r|" is a plain tar stream: tarfile never decompresses in this mode ("r|*" and
        # "r:*" would), so a compressed bomb is only bytes that are not a tar header.
        with open(tar_path, "rb") as raw, tarfile.open(fileobj=raw, mode="r|") as tar:
            for count, member in enumerate(tar, start=1):
                if count > max_members:
                    raise _error(BundleError, "custody.too-many-entries", len(expected))
                folder, rel = _member_path(member.name)
                if top is None:
                    top = folder
                elif folder != top:
                    raise _error(BundleError, "custody.two-folders", shown(top),
                                 shown(folder))
                if member.isdir():
                    # Folders carry no content (the exporter packs empty ones such as
                    # assets/); only their number is bounded.
                    if rel in expected:
                        raise _error(BundleError, "custody.folder-for-file",
                                     shown(member.name))
                    _make_dirs(target / folder / rel, member.name)
                    continue
                if not member.isreg() or member.issparse() or \
                        member.type not in (tarfile.REGTYPE, tarfile.AREGTYPE):
                    raise _error(BundleError, "custody.special-file", shown(member.name))
                if not rel or member.name.endswith("/") or rel not in expected:
                    raise _error(BundleError, "custody.not-in-list", shown(member.name))
                if rel in seen:
                    raise _error(BundleError, "custody.twice", shown(member.name))
                total += member.size
                if total > limit:
                    raise _error(BundleError, "custody.unpacks-larger", total, limit)
                digest = _write_member(tar, member, target / folder / rel)
                if rel in keyed:
                    deferred[rel] = digest
                elif digest != expected[rel]:
                    raise _error(BundleError, "custody.file-changed", shown(rel))
                if rel == bundle_module.DIGEST_KEY and rel not in keyed:
                    with open(target / folder / rel, "rb") as handle:
                        key = bundle_module.parse_digest_key(handle.read(128))
                seen.add(rel)
                written.append({"name": rel, "sha256": digest})
    except (tarfile.TarError, EOFError, ValueError, OverflowError, UnicodeError) as exc:
        raise _error(BundleError, "custody.not-plain-tar", exc) from exc
    missing = sorted(set(expected) - seen)
    if top is None or missing:
        raise _error(BundleError, "custody.files-missing", Joined(
            tuple(shown(m) for m in missing[:3]), "items") if missing else Message(
                "custody.everything"))
    for rel, digest in deferred.items():
        if key is None or bundle_module.keyed_digest(key, digest) != expected[rel]:
            raise _error(BundleError, "custody.file-changed", shown(rel))
    return top, written


def _member_path(name: str) -> tuple[str, str]:
    """(skill folder, path inside it) of a member name, or a refusal naming why."""
    if len(name.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
        raise _error(BundleError, "custody.name-too-long", MAX_NAME_BYTES, shown(name, 60))
    parts = name.removesuffix("/").split("/")
    bad = next((p for p in parts if p in ("", ".", "..") or "\\" in p or not p.isprintable()
                or len(p.encode("utf-8", "surrogateescape")) > MAX_PART_BYTES), None)
    if bad is not None:
        raise _error(BundleError, "custody.unsafe-name", shown(name))
    if not TOP_NAME.fullmatch(parts[0]) or len(parts[0]) > 64:
        raise _error(BundleError, "custody.folder-not-skill", shown(parts[0]))
    return parts[0], "/".join(parts[1:])


def _make_dirs(path: Path, name: str) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:  # a file already stands where a folder is wanted
        raise _error(BundleError, "custody.file-and-folder", shown(name),
                     os_reason(exc)) from exc


def _write_member(tar: tarfile.TarFile, member: tarfile.TarInfo, dest: Path) -> str:
    _make_dirs(dest.parent, member.name)
    source = tar.extractfile(member)
    if source is None:
        raise _error(BundleError, "custody.no-data", shown(member.name))
    digest = hashlib.sha256()
    left = member.size
    try:
        # O_EXCL and O_NOFOLLOW: never through a link, never over an earlier file.
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        raise _error(BundleError, "custody.twice-or-folder", shown(member.name),
                     os_reason(exc)) from exc
    with os.fdopen(fd, "wb") as handle:
        while left > 0:
            chunk = source.read(min(CHUNK, left))
            if not chunk:
                raise _error(BundleError, "custody.cut-short", shown(member.name))
            left -= len(chunk)
            digest.update(chunk)
            handle.write(chunk)
    return digest.hexdigest()


def _keep_encrypted_copy(tar_path: Path, package: str) -> Path:
    import pyrage

    custody_key = pyrage.x25519.Identity.generate()
    secret_store().set(f"custody:{_hex(package)}", str(custody_key).encode())
    stored = custody_dir() / f"{_hex(package)}.tar.age"
    with open(tar_path, "rb") as source, atomic_file(stored, 0o600) as target:
        pyrage.encrypt_io(source, target, [custody_key.to_public()])
    return stored


# -- revocations (employee writes, recipient imports) ---------------------------------------------


@dataclass(frozen=True)
class WithdrawResult:
    path: Path
    package: str
    withdrawn_at: str
    already: bool  # consent was already withdrawn here: the same revocation, no new line
    record_id: str = ""  # the consent record withdrawn
    # Every package exported under that record (this one first): all are withdrawn.
    packages: tuple[str, ...] = ()

    def scope_message(self) -> Message:
        """What the withdrawal ends, in the reader's language: the consent record, and every
        package exported under it."""
        return Message("withdraw.whole-record", (self.record_id, len(self.packages)))


def withdraw(bundle_path: Path, out: Path, employee: keys.IdentityCard,
             now: datetime, force: bool = False, expected: str | None = None) -> WithdrawResult:
    """The employee's signed revocation for a package they exported. A second withdrawal
    writes the same revocation again (to resend it) and records nothing new. `out` is
    checked as an export's package is; an existing file is replaced only when it already
    holds this very revocation, or with `force`. `expected`: the package the user chose to
    withdraw; a file that holds another one is refused."""
    out = bundle_module.check_output(out, force=True, suffix=".revocation")
    bundle = read_bundle(bundle_path)
    if expected is not None and bundle.package != expected:
        # A later export to the same path, or another file picked for a moved one: the
        # revocation would end the wrong package and leave the chosen one open.
        raise _error(RefusedError, "custody.withdraw-other-package",
                     shown(Path(bundle_path).name), _short(bundle.package), _short(expected))
    record = bundle.record
    if _principal_fp(record) != employee.fingerprint:
        raise _error(RefusedError, "custody.only-employee-withdraws")
    exports = {e["package"]: e for e in load(exports_path())}
    entry = exports.get(bundle.package)
    # Consent is given, and withdrawn, per record: every export made under it ends with it.
    under = [e for e in exports.values()
             if e["package"] == bundle.package or e.get("record_id") == record["record_id"]]
    earlier = entry.get("withdrawn_at") if entry else None
    earlier = earlier or next((e["withdrawn_at"] for e in under if e.get("withdrawn_at")), None)
    body = {"schema": REVOCATION_SCHEMA, "package": bundle.package,
            "record_id": record["record_id"], "principal": record["principal"],
            "withdrawn_at": earlier or clock.iso(now)}
    signer = keys.LocalSigner(employee)
    envelope = dsse.sign_envelope(REVOCATION_TYPE, rfc8785.dumps(body), [signer])
    data = (json.dumps(envelope, indent=2) + "\n").encode()
    if out.exists() and not force and out.read_bytes() != data:
        raise _error(BadInputError, "error.out-exists", shown(out))
    atomic_write(out, data, mode=0o644)
    marked = False
    for export in under:
        if not export.get("withdrawn_at"):
            upsert(exports_path(), {**export, "withdrawn_at": body["withdrawn_at"]})
    if entry is not None:
        # The workspace's own (signed) record decides whether it was withdrawn, not this
        # unsigned register: it is marked every time, once.
        workspace = Path(entry.get("workspace", ""))
        if (workspace / "workspace.sqlite").exists():
            from workbench.core.package import consent
            from workbench.core.workspace import Workspace

            with Workspace.open(workspace) as ws:
                marked = consent.mark_withdrawn(ws, record["record_id"], body["withdrawn_at"],
                                                signer, {"package": bundle.package})
    packages = tuple(dict.fromkeys([bundle.package, *(e["package"] for e in under)]))
    log.info("withdraw.done package=%s record=%s again=%s marked=%s packages=%d",
             bundle.package, record["record_id"], bool(earlier), marked, len(packages))
    return WithdrawResult(Path(out), bundle.package, body["withdrawn_at"],
                          bool(earlier) and not marked, record["record_id"], packages)


@dataclass(frozen=True)
class RevocationResult:
    body: dict[str, Any]
    package: str
    held: bool  # the package is in custody here (else kept for when it arrives)
    already: bool  # this revocation was imported before: nothing changed
    # Other packages of the same consent record held here, now due for deletion too.
    others: tuple[str, ...] = ()


def import_revocation(path: Path) -> RevocationResult:
    """Keep a revocation only if the package's own principal signed it: for a package held
    here, the employee recorded at opening; for one not yet received, it is kept and counts
    when that package arrives only if its signed statement names the same employee."""
    body, signer = _read_signed(path, REVOCATION_TYPE, "revocation", MAX_REVOCATION_BYTES)
    body = _revocation_body(body, path)
    package = body["package"]
    cards = keys.known_cards()
    who = cards[signer].label if signer in cards else signer
    entry = register_entry(package)
    principal = _principal_fp(entry) if entry else None
    name = shown(Path(path).name)
    if entry is not None and principal is not None and signer != principal:
        employee = shown(entry.get("principal", {}).get("name", principal))
        raise _error(RefusedError, "custody.not-principal", name, employee, shown(who))
    if principal is None and cards.get(signer) is not None \
            and cards[signer].role != keys.Role.EMPLOYEE:
        raise _error(RefusedError, "custody.not-employee", name, shown(who))
    if body["principal"]["fingerprint"] != signer:
        raise _error(RefusedError, "custody.not-self-named", name,
                     shown(body["principal"].get("name", "")), shown(who))
    already = revocation_by(package, signer) is not None
    if not already:
        atomic_write(revocation_path(package, signer), Path(path).read_bytes())
    record_id = _record_id(body)
    with _register_lock():
        # Consent is withdrawn for the record: every package of it held here, whose own
        # principal signed this, is due now — not only the one the revocation names.
        entry = register_entry(package)
        due_now = [e for e in load(custody_path()) if not e.get("deleted_at")
                   and _principal_fp(e) == signer
                   and (e.get("package") == package
                        or (record_id is not None and _record_id(e) == record_id))]
        for held in due_now:
            if not held.get("revoked_at"):
                upsert(custody_path(), {**held, "revoked_at": body["withdrawn_at"]})
    others = tuple(str(e["package"]) for e in due_now if e.get("package") != package)
    log.info("revocation.imported package=%s held=%s also=%d already=%s", package,
             entry is not None, len(others), already)
    return RevocationResult(body, package, entry is not None, already, others)


def _revocation_body(body: Any, path: Path) -> dict[str, Any]:
    """The fields a revocation must have, each of the right kind (else a refusal)."""
    principal = body.get("principal") if isinstance(body, dict) else None
    if not isinstance(body, dict) or body.get("schema") != REVOCATION_SCHEMA \
            or not isinstance(principal, dict) \
            or not isinstance(principal.get("fingerprint"), str) \
            or not isinstance(body.get("withdrawn_at"), str):
        raise _error(RefusedError, "custody.not-a-revocation", shown(Path(path).name))
    package_id(body.get("package"))
    return body


def _read_signed(path: Path, payload_type: str, what: str,
                 max_bytes: int) -> tuple[Any, str]:
    """The payload of a signed file and the one known key that signed it; the reason is
    named when it is not (too large, not JSON, unknown signer, bad signature)."""
    path = Path(path)
    name = shown(path.name)
    kind = Message(f"custody.kind.{what.replace(' ', '-')}", mid_sentence=True)
    try:
        if path.stat().st_size > max_bytes:
            raise _error(BadInputError, "custody.signed-too-large", kind, name,
                         max_bytes >> 10)
        envelope = json.loads(path.read_bytes())
        _, good, problems = dsse.verify_envelope(envelope, payload_type, keys.public_keys())
        payload = json.loads(dsse.decode_payload(envelope)) if good else None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError, TypeError,
            AttributeError) as exc:
        raise _error(BadInputError, "custody.signed-unreadable", kind, name, exc) from exc
    except RefusedError as exc:
        # Another kind of file (no envelope, or another kind of signed file) is bad input;
        # an envelope of this kind whose payload is damaged is refused.
        wrong_file = exc.code in {dsse.NOT_ENVELOPE, dsse.WRONG_TYPE}
        raise _error(BadInputError if wrong_file else RefusedError, "custody.signed-not-one",
                     kind, name, exc) from exc
    if not good:
        unknown = [p for p in problems if p.code == dsse.UNKNOWN_KEY]
        if unknown and len(unknown) == len(problems):
            keyid = str(unknown[0].args[0])
            raise _error(RefusedError, "custody.unknown-signer", name, shown(keyid, 40))
        raise _error(RefusedError, "custody.signed-invalid", kind, name,
                     Joined(tuple(problems or [Message(dsse.NO_SIGNATURE)])))
    return payload, good[0].keyid


# -- purge and receipts -------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    package: str
    receipt: Path
    removed: tuple[dict[str, Any], ...]


def purge(package: str, now: datetime, receipt_out: Path | None = None,
          reason: str | None = None, force: bool = False) -> PurgeResult:
    """Shred every opened copy, the stored copy and the package file(s); destroy the custody
    key; check that none of it remains; only then record package.deleted and sign a receipt
    that lists what was deleted. The register keeps the package, marked purged. The reason
    is `withdrawn` whenever a valid revocation is held, else `requested`, unless given.
    `receipt_out`: the receipt file, or an existing folder to write it into; a file there
    is replaced only with `force` (it may hold the only receipt of another package)."""
    with _register_lock():
        return _purge(package, now, receipt_out, reason, force)


def package_named(ref: str) -> str:
    """The package a `purge` argument names: a package file (read, or — once purged and so
    shredded — found by the path the register recorded for it), else an id or its prefix."""
    path = Path(ref)
    if path.is_file():
        return read_bundle(path).package
    if path.suffix == ".cwpkg" or os.sep in ref:
        wanted = str(path.resolve())
        matches = {str(e["package"]) for e in load(custody_path())
                   if wanted in {str(Path(b).resolve())
                                 for b in e.get("bundles", [e.get("bundle") or ""]) if b}}
        if len(matches) == 1:
            return matches.pop()
        if not matches:
            raise _error(BadInputError, "custody.no-such-package-file", shown(ref))
    return ref


def _reason(entry: Mapping[str, Any]) -> str:
    """Why a package is deleted: a valid revocation held for it makes it `withdrawn`
    whichever way the purge was asked for; a passed deadline, `deadline`; else `requested`."""
    principal = _principal_fp(entry)
    if entry.get("revoked_at") or (principal and is_revoked(entry["package"], principal,
                                                            _record_id(entry))):
        return "withdrawn"
    return "requested"


def _purge(package: str, now: datetime, receipt_out: Path | None,
           reason: str | None, force: bool = False) -> PurgeResult:
    if opening_now(package):
        # Its copy may be moving into place right now: a receipt signed now would lie.
        raise _error(RefusedError, "custody.opening-now", _short(package_id(package))
                     if PACKAGE_ID.fullmatch(package) else shown(package, 20))
    entry = find(custody_path(), package)
    package = package_id(entry.get("package"))
    if not entry.get("deleted_at") and _purged_in_ledger(package):
        entry = _finish_interrupted(entry, receipt_out)
    if entry.get("deleted_at"):
        raise _error(RefusedError, "custody.already-purged", _short(package),
                     str(entry["deleted_at"])[:10], entry.get("receipt", "?"))
    reason = "withdrawn" if _reason(entry) == "withdrawn" else (reason or "requested")
    if receipt_out is not None:
        receipt_out = Path(receipt_out)
        if receipt_out.is_dir():
            receipt_out = receipt_out / f"{_hex(package)}.receipt.json"
        receipt_out = bundle_module.check_output(receipt_out, force=force,
                                                 suffix=".receipt.json")
    recipient = keys.find_card(entry["recipient"], keys.own_identities(), keys.Role.RECIPIENT)
    targets = [("opened copy", Path(c["folder"]), len(c.get("files", [])))
               for c in copies_of(entry)]
    targets += [("custody copy", Path(entry["stored_copy"]), 1)] if entry.get("stored_copy") \
        else []
    targets += [("package file", Path(b), 1)
                for b in entry.get("bundles", [entry["bundle"]] if entry.get("bundle") else [])]
    removed = []
    for item, target, files in targets:
        present = target.exists() or target.is_symlink()
        if present:
            shred(target)
        removed.append({"item": item, "path": str(target), "files": files,
                        "state": "deleted" if present else "already gone"})
    secret_name = f"custody:{_hex(package)}"
    secret_store().delete(secret_name)
    folder = custody_dir()  # shreds any interrupted open's leftovers
    remaining: list[object] = [str(t) for _, t, _ in targets if t.exists() or t.is_symlink()]
    # An open of another package running meanwhile holds its own folder; this one's are gone.
    remaining += [str(p) for p in folder.glob(WORK_PREFIX + "*")
                  if _opening_of(p) in (package, None)]
    if secret_store().get(secret_name) is not None:
        remaining.append(Message("custody.key-left"))
    if opening_now(package):  # one began while this purge ran
        raise _error(RefusedError, "custody.opening-now", _short(package))
    if remaining:
        raise _error(RefusedError, "custody.purge-incomplete", Joined(tuple(remaining[:3]),
                                                                      "items"))
    ledger_path = folder / f"{_hex(package)}.ledger.jsonl"
    signer = keys.LocalSigner(recipient)
    ledger.append(ledger_path, "package.deleted", signer,
                  {"package": package, "record_id": entry["record_id"], "reason": reason,
                   "copies": sum(1 for r in removed if r["item"] == "opened copy"),
                   "removed": sorted({r["item"] for r in removed if r["state"] == "deleted"})})
    deleted_at = clock.iso(now)
    body = {"schema": RECEIPT_SCHEMA, "package": package,
            "record_id": entry["record_id"],
            "recipient": {"name": recipient.name, "fingerprint": recipient.fingerprint},
            "deleted_at": deleted_at, "reason": reason, "removed": removed,
            "ledger": ledger_path.read_text(encoding="utf-8")}
    envelope = dsse.sign_envelope(RECEIPT_TYPE, rfc8785.dumps(body), [signer])
    receipt = receipt_out or (data_dir() / "receipts" / f"{_hex(package)}.receipt.json")
    atomic_write(Path(receipt), (json.dumps(envelope, indent=2) + "\n").encode(), mode=0o644)
    upsert(custody_path(), {**entry, "deleted_at": deleted_at, "receipt": str(receipt)})
    log.info("purge.done package=%s reason=%s items=%s", package, reason,
             logs.counts(Counter(f"{r['item']}/{r['state']}" for r in removed)))
    return PurgeResult(package, Path(receipt), tuple(removed))


def _finish_interrupted(entry: dict[str, Any], receipt_out: Path | None) -> dict[str, Any]:
    """A purge killed after it signed its receipt but before the register said so: the
    receipt it wrote (where this purge would write it, or the default place), signed here
    for this package, completes the register. Without one the purge runs again."""
    package = entry["package"]
    default = data_dir() / "receipts" / f"{_hex(package)}.receipt.json"
    places = [default]
    if receipt_out is not None:
        named = Path(receipt_out)
        places.insert(0, named / default.name if named.is_dir() else named)
    for place in places:
        if not place.is_file():
            continue
        try:
            body, signer = _read_signed(place, RECEIPT_TYPE, "deletion receipt",
                                        MAX_RECEIPT_BYTES)
        except (RefusedError, BadInputError):
            continue
        if isinstance(body, dict) and body.get("package") == package \
                and signer == entry.get("recipient") and isinstance(body.get("deleted_at"), str):
            done = {**entry, "deleted_at": body["deleted_at"], "receipt": str(place)}
            upsert(custody_path(), done)
            log.info("purge.finished package=%s", package)
            return done
    return entry


def purge_due(now: datetime, receipt_out: Path | None = None,
              cancel: CancelToken | None = None, force: bool = False) -> list[PurgeResult]:
    """Purge every overdue or withdrawn package. `receipt_out`: with one package due, its
    receipt file (or a folder); with several, an existing folder for their receipts — never a
    folder made from a name meant for a file. Each purge is whole; `cancel` stops between
    them, and the results say which were done."""
    entries = due(now)
    if receipt_out is not None and not Path(receipt_out).is_dir():
        if len(entries) > 1:
            raise _error(BadInputError, "custody.receipts-need-folder", len(entries),
                         shown(receipt_out))
        # Refused before any work; an existing file matters only if a receipt is written.
        bundle_module.check_output(Path(receipt_out), force=force or not entries,
                                   suffix=".receipt.json")
    results = []
    log.info("purge.due packages=%d", len(entries))
    for entry in entries:
        if cancel is not None and cancel.cancelled:
            break
        reason = "withdrawn" if _reason(entry) == "withdrawn" else "deadline"
        results.append(purge(entry["package"], now, receipt_out, reason, force))
    return results


@dataclass(frozen=True)
class ReceiptResult:
    body: dict[str, Any]
    already: bool  # imported before: nothing changed


def import_receipt(path: Path) -> ReceiptResult:
    """The employee checks a deletion receipt and marks the export deleted ✓."""
    body, signer_fp = _read_signed(path, RECEIPT_TYPE, "deletion receipt", MAX_RECEIPT_BYTES)
    name = shown(Path(path).name)
    recipient = body.get("recipient") if isinstance(body, dict) else None
    if not isinstance(body, dict) or body.get("schema") != RECEIPT_SCHEMA \
            or not isinstance(recipient, dict) or not isinstance(body.get("ledger"), str) \
            or not isinstance(body.get("deleted_at"), str):
        raise _error(RefusedError, "custody.not-a-receipt", name)
    package = package_id(body.get("package"))
    if recipient.get("fingerprint") != signer_fp:
        raise _error(RefusedError, "custody.receipt-not-self-signed", name)
    check = ledger.verify(body["ledger"], keys.public_keys())
    if not check.ok:
        raise _error(RefusedError, "custody.receipt-ledger-bad", check.bad_line,
                     shown(check.reason))
    entries = ledger.read_entries(body["ledger"])
    last = entries[-1] if entries else None
    if last is None or last.type != "package.deleted" or last.body.get("package") != package \
            or last.actor != signer_fp:
        raise _error(RefusedError, "custody.receipt-ledger-not-deletion")
    entry = next((e for e in load(exports_path()) if e["package"] == package), None)
    if entry is None:
        raise _error(RefusedError, "custody.receipt-not-exported")
    if signer_fp not in {r["fingerprint"] for r in entry["recipients"]}:
        raise _error(RefusedError, "custody.receipt-not-recipient")
    receipts = read_json(data_dir() / "receipts.json", {})
    if not isinstance(receipts, dict):
        raise _error(BadInputError, "error.file-damaged", data_dir() / "receipts.json")
    if signer_fp in receipts.get(package, {}):
        log.info("receipt.imported package=%s already=True", package)
        return ReceiptResult(receipts[package][signer_fp], True)
    receipts.setdefault(package, {})[signer_fp] = body
    write_json(data_dir() / "receipts.json", receipts)
    deleted_by = {**entry.get("deleted_by", {}), signer_fp: body["deleted_at"]}
    everyone = {r["fingerprint"] for r in entry["recipients"]} <= set(deleted_by)
    upsert(exports_path(), {**entry, "deleted_by": deleted_by,
                            **({"deleted_at": max(deleted_by.values())} if everyone else {})})
    log.info("receipt.imported package=%s already=False all_recipients=%s", package, everyone)
    return ReceiptResult(body, False)


# -- skills built from opened references ----------------------------------------------------------

SEAL_TYPE = "application/vnd.consent-workbench.skill-seal+json"
SEAL_SCHEMA = "consent-workbench/skill-seal/v1"
SEAL = "consent/seal.dsse.json"
# The signed manifest itself is checked by its signatures, not listed in what it signs.
_MANIFEST_COPY = "consent/manifest.dsse.json"
_LEDGER_COPY = "consent/ledger.jsonl"
DIGEST_KEY = bundle_module.DIGEST_KEY


def seal_skill(skill_dir: Path, bundle_path: Path, now: datetime,
               sealer: keys.IdentityCard | None = None) -> list[Any]:
    """Attach a package's consent to a skill folder built elsewhere from its references, and
    sign (as the recipient) the list of every file the sealed folder holds."""
    import re

    skill_dir = Path(skill_dir)
    skill_md = skill_dir / "SKILL.md"
    if not skill_md.is_file():
        raise _error(BadInputError, "custody.no-skill-md", visible(skill_dir))
    sealer = sealer or keys.my_identity(keys.Role.RECIPIENT)
    bundle = verify_for_recipient(bundle_path, now, sealer)
    failed = bundle.failed()
    if failed:
        raise _error(BundleError, "custody.cannot-seal", Joined(tuple(
            Message("check.line", (c.title_message(), c.detail_message())) for c in failed)))
    key = _seal_digest_key(skill_dir, bundle)
    folder = skill_dir / "consent"
    folder.mkdir(exist_ok=True, mode=0o700)
    if key is not None:
        (skill_dir / DIGEST_KEY).write_bytes(key)
    (folder / "manifest.dsse.json").write_text(json.dumps(bundle.envelope, indent=2), "utf-8")
    (folder / "ledger.jsonl").write_text(bundle.ledger_text, encoding="utf-8")
    (folder / "record.json").write_text(json.dumps(bundle.record, ensure_ascii=False, indent=2),
                                        encoding="utf-8")
    text = skill_md.read_text(encoding="utf-8")
    values = {"consent-record": "consent/record.json",
              "consent-record-id": bundle.record["record_id"],
              "delete-by": bundle.record["retention"]["delete_by"],
              "consent-ledger": "consent/ledger.jsonl",
              "source": f"consent-workbench package {bundle.package}"}
    match = re.match(r"^---\n(.*?)\n---\n", text, re.DOTALL)
    if not match:
        raise _error(BadInputError, "custody.no-frontmatter", visible(skill_md))
    lines = [line for line in match.group(1).splitlines()
             if not any(line.strip().startswith(f"{k}:") for k in values)]
    if "metadata:" not in [line.strip() for line in lines]:
        lines.append("metadata:")
    at = [line.strip() for line in lines].index("metadata:") + 1
    lines[at:at] = [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in values.items()]
    skill_md.write_text("---\n" + "\n".join(lines) + "\n---\n" + text[match.end():],
                        encoding="utf-8")
    (skill_dir / SEAL).unlink(missing_ok=True)
    files, odd = _folder_files(skill_dir)
    if odd:
        raise _error(BadInputError, "custody.special-files", visible(skill_dir),
                     Joined(tuple(visible(o) for o in odd[:3]), "items"))
    body = {"schema": SEAL_SCHEMA, "package": bundle.package,
            "record_id": bundle.record["record_id"],
            "sealer": {"name": sealer.name, "fingerprint": sealer.fingerprint},
            "sealed_at": clock.iso(now), "files": files}
    envelope = dsse.sign_envelope(SEAL_TYPE, rfc8785.dumps(body), [keys.LocalSigner(sealer)])
    atomic_write(skill_dir / SEAL, (json.dumps(envelope, indent=2) + "\n").encode(), mode=0o644)
    return verify_skill(skill_dir, now)


def _seal_digest_key(skill_dir: Path, bundle: Bundle) -> bytes | None:
    """The package's digest-key file (as signed), which the sealed folder needs to check its
    references against the employee's keyed digests: from the folder itself or from a copy
    of the package opened here. None for a package from before keyed digests."""
    if not bundle.keyed_names:
        return None
    places = [skill_dir, *(Path(c["folder"]) for c in copies_of(
        register_entry(package_id(bundle.package)) or {}) if c.get("folder"))]
    for place in places:
        data = _read_small(place / DIGEST_KEY)
        if bundle.digest_key(data) is not None:
            assert data is not None
            return data
    raise _error(BadInputError, "custody.seal-no-key", visible(skill_dir),
                 _short(bundle.package), DIGEST_KEY)


def _folder_files(skill_dir: Path) -> tuple[dict[str, str], list[str]]:
    """Every plain file under the folder by relative name with its sha256 (the seal and the
    manifest copy aside), and whatever is not a plain file (links, devices)."""
    import os
    import stat

    files, odd = {}, []
    # os.walk does not follow links: a link (to a file or a folder) is reported, not read.
    for folder, dirnames, filenames in os.walk(skill_dir):
        for entry in (*dirnames, *filenames):
            path = Path(folder) / entry
            name = path.relative_to(skill_dir).as_posix()
            mode = path.lstat().st_mode
            if stat.S_ISREG(mode):
                if name not in (SEAL, _MANIFEST_COPY):
                    files[name] = sha256_file(path)
            elif not stat.S_ISDIR(mode):
                odd.append(name)
    return dict(sorted(files.items())), sorted(odd)


def _plain(name: str, sha256_hex: str) -> str:
    return sha256_hex


def _compare(expected: dict[str, str], found: dict[str, str], odd: list[str],
             ledger_text: str, form: Callable[[str, str], str] = _plain,
             ) -> list[tuple[str, list[str]]]:
    """What differs between a signed list of files and the folder: added, removed, changed.
    `found` holds each file's sha256, `form` turns it into the digest the list signs (keyed
    with the package's digest key, `Bundle.as_signed`). The consent ledger grows after the
    list was signed (export, countersign, open append to it), so its signed digest must be
    that of a beginning of the ledger now there."""
    # A ledger copy the list does not name is still checked by its own signatures.
    added = sorted(set(found) - set(expected) - {_LEDGER_COPY}) + odd
    removed = sorted(set(expected) - set(found))
    changed = sorted(n for n in set(found) & set(expected) if form(n, found[n]) != expected[n]
                     and not (n == _LEDGER_COPY
                              and _is_prefix_digest(expected[n], ledger_text, n, form)))
    return [(label, names) for label, names in (("added", added), ("removed", removed),
                                                ("changed", changed)) if names]


def _is_prefix_digest(digest: str, text: str, name: str = _LEDGER_COPY,
                      form: Callable[[str, str], str] = _plain) -> bool:
    import hashlib

    data = text.encode("utf-8")
    ends = [i + 1 for i, byte in enumerate(data) if byte == 0x0A]
    return any(form(name, hashlib.sha256(data[:end]).hexdigest()) == digest for end in ends)


def _read_small(path: Path, limit: int = 128) -> bytes | None:
    """The first bytes of a small file (a digest key), or None when it is not a plain file."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        with open(path, "rb") as handle:
            return handle.read(limit)
    except OSError:
        return None


def _files_check(differences: list[tuple[str, list[str]]], signer: str, count: int) -> Any:
    from workbench.core.package.bundle import Check

    if not differences:
        return Check("files", True, f"the folder holds exactly the {count} files {signer} "
                     "signed", "files-match", (signer, str(count)))
    found = Joined(tuple(
        Message("custody.files-diff", (label_message("files", label, mid_sentence=False),
                                       Joined(tuple(visible(n) for n in names[:5]), "items"),
                                       Message("custody.and-more", (len(names) - 5,))
                                       if len(names) > 5 else ""))
        for label, names in differences))
    return Check("files", False, f"the folder differs from the list {signer} signed — "
                 f"{found.text('en')}", "files-differ", (signer, found))


def verify_skill(skill_dir: Path, now: datetime) -> list[Any]:
    """Consent (both signatures), ledger, expiry, revocation, and the whole folder against
    the signed list of its files: the employee's for an opened package, the recipient's seal
    for a skill built from its references (whose references must all be ones the employee
    approved)."""
    from workbench.core.package.bundle import Check
    from workbench.core.trust import manifest

    skill_dir = Path(skill_dir)
    manifest_path = skill_dir / _MANIFEST_COPY
    ledger_path = skill_dir / _LEDGER_COPY
    if not manifest_path.is_file() or not ledger_path.is_file():
        return [Check("consent", False, "no consent/manifest.dsse.json and ledger.jsonl: the "
                      "skill is not sealed with a package's consent", "not-sealed")]
    try:
        envelope = manifest.loads(manifest_path.read_bytes(), _MANIFEST_COPY,
                                  bundle_module.MAX_ENVELOPE_BYTES)
        statement = manifest.check_statement(
            manifest.loads(dsse.decode_payload(envelope), Message("manifest.the-statement")),
            consent_schema())
        ledger_text = ledger_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError, RefusedError) as exc:
        why = reason_of(exc)
        return [Check("consent", False, f"the manifest is unreadable ({english(why)})",
                      "manifest-unreadable", (why,))]
    declared = next(s["digest"]["sha256"] for s in statement["subject"]
                    if s["name"] == PAYLOAD)
    # The payload is not here; its signed digest is the package's identity.
    bundle = Bundle(manifest_path, envelope, statement, ledger_text, declared)
    check_bundle(bundle, keys.public_keys(), now, revoked=_revoked(bundle))
    checks = [c for c in bundle.checks if c.name != "payload digest"]
    found, odd = _folder_files(skill_dir)
    key = bundle.digest_key(_read_small(skill_dir / DIGEST_KEY))
    form = bundle.as_signed(key)
    if not (skill_dir / SEAL).exists():
        employee = visible(bundle.record["principal"]["name"])
        checks.append(_files_check(_compare(bundle.files, found, odd, ledger_text, form),
                                   employee, len(bundle.files)))
        return checks
    seal = _read_seal(skill_dir / SEAL, bundle)
    if isinstance(seal, Check):
        return [*checks, seal]
    sealer, files = seal
    checks.append(Check("skill seal", True, f"sealed by {sealer}, a recipient of the package",
                        "sealed-by", (sealer,)))
    checks.append(_files_check(_compare(files, found, odd, ledger_text), sealer, len(files)))
    # The employee approved these contents (by the digests the package signs; keyed ones
    # compared under the package's digest key, which the seal copied into the folder).
    approved = {digest for name, digest in bundle.files.items() if name not in bundle.keyed_names}
    keyed_approved = {bundle.files[name] for name in bundle.keyed_names}
    unapproved = [name for name, digest in found.items()
                  if name.split("/", 1)[0] in ("references", "assets") and digest not in approved
                  and (key is None or bundle_module.keyed_digest(key, digest)
                       not in keyed_approved)]
    checks.append(Check("references approved", not unapproved,
                        "every reference and asset was approved by the employee"
                        if not unapproved else
                        "not approved: " + visible(", ".join(unapproved[:5])),
                        "references-approved" if not unapproved else "references-unapproved",
                        () if not unapproved else (visible(", ".join(unapproved[:5])),)))
    return checks


def _read_seal(path: Path, bundle: Bundle) -> Any:
    """(sealer, files) from a seal signed by one of the package's recipients, else the failed
    check saying why."""
    from workbench.core.package.bundle import Check
    from workbench.core.trust import manifest

    try:
        envelope = manifest.loads(path.read_bytes(), SEAL, bundle_module.MAX_ENVELOPE_BYTES)
        payload, good, problems = dsse.verify_envelope(envelope, SEAL_TYPE, keys.public_keys())
        body = manifest.loads(payload, SEAL)
        files = body["files"]
        if body.get("schema") != SEAL_SCHEMA or body.get("package") != bundle.package or \
                not isinstance(files, dict) or \
                not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
            raise Problem("custody.not-this-seal")
    except (OSError, ValueError, KeyError, TypeError, RefusedError) as exc:
        why: Message | Joined | str = reason_of(exc)
        return Check("skill seal", False, f"{SEAL} is unreadable ({english(why)})",
                     "seal-unreadable", (why,))
    recipients = {r["fingerprint"] for r in bundle.record["recipients"]}
    signer = next((s.keyid for s in good if s.keyid in recipients), None)
    if signer is None:
        why = Joined(tuple(problems)) if problems else Message("custody.no-recipient-signed")
        return Check("skill seal", False, f"the seal is not signed by a recipient of the "
                     f"package ({visible(why.text('en'))})", "seal-unsigned", (why,))
    card = keys.known_cards().get(signer)
    return visible(f"{card.name if card else '?'} ({signer[:16]})"), files


def consent_schema() -> str:
    from workbench.core.package.consent import SCHEMA

    return SCHEMA
