"""The receiving side: opening a package into custody, revocations, purging with a signed
deletion receipt — and the employee's side of withdrawals and receipts (DESIGN §8)."""

from __future__ import annotations

import json
import shutil
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import rfc8785

from workbench.core import bundle as bundle_module
from workbench.core import dsse, keys, ledger
from workbench.core.atomic import atomic_write, read_json, write_json
from workbench.core.bundle import (
    PAYLOAD,
    Bundle,
    BundleError,
    check_bundle,
    read_bundle,
    sha256_file,
)
from workbench.core.deadlines import custody_path, due, exports_path, find, load, upsert
from workbench.core.display import visible
from workbench.core.errors import BadInputError, RefusedError
from workbench.core.paths import data_dir
from workbench.core.secrets_store import secret_store

REVOCATION_TYPE = "application/vnd.consent-workbench.revocation+json"
RECEIPT_TYPE = "application/vnd.consent-workbench.receipt+json"
REVOCATION_SCHEMA = "consent-workbench/revocation/v1"
RECEIPT_SCHEMA = "consent-workbench/receipt/v1"
# The order open() reports refusals in: the most fundamental problem first.
REFUSAL_ORDER = ("HR countersignature", "employee signature", "signatures", "ledger",
                 "ledger records this export", "ledger records the countersignature",
                 "payload digest", "consent", "deadline", "revocation", "recipient")


def _hex(package: str) -> str:
    return package.removeprefix("sha256:")


def custody_dir() -> Path:
    path = data_dir() / "custody"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def revocation_path(package: str) -> Path:
    return data_dir() / "revocations" / f"{_hex(package)}.revocation.json"


def is_revoked(package: str) -> bool:
    return revocation_path(package).exists()


def verify_for_recipient(path: Path, now: datetime,
                         recipient: keys.IdentityCard | None = None) -> Bundle:
    bundle = read_bundle(path)
    return check_bundle(bundle, keys.public_keys(), now, revoked=is_revoked(bundle.package),
                        recipient=recipient)


# -- open ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenResult:
    folder: Path
    package: str
    delete_by: str


def open_package(path: Path, out: Path, recipient: keys.IdentityCard, now: datetime) -> OpenResult:
    """Verify everything, decrypt, check every file against the manifest, then keep a copy
    encrypted to a per-package custody key and register the deadline."""
    import pyrage

    bundle = verify_for_recipient(path, now, recipient)
    failed = {c.name: c for c in bundle.failed()}
    for name in REFUSAL_ORDER:
        if name in failed:
            raise BundleError(f"Refusing to open {Path(path).name}: {name}: "
                              f"{failed[name].detail}.")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
    work = Path(tempfile.mkdtemp(prefix=".open-", dir=custody_dir()))
    try:
        tar_path = work / "payload.tar"
        with zipfile.ZipFile(path) as archive, archive.open(PAYLOAD) as source, \
                open(tar_path, "wb") as target:
            try:
                pyrage.decrypt_io(source, target, [keys.age_identity(recipient)])
            except pyrage.DecryptError as exc:
                raise BundleError(f"Refusing to open {Path(path).name}: the payload cannot be "
                                  f"decrypted with {recipient.name}'s key ({exc}).") from exc
        staged = work / "extracted"
        name = _extract(tar_path, staged)
        _check_files(staged / name, bundle)
        folder = out / name
        if folder.exists():
            raise BadInputError(f"{folder} already exists; choose another --out folder.")
        signer = keys.LocalSigner(recipient)
        entries = ledger.read_entries(bundle.ledger_text)
        line, _ = ledger.make_line(len(entries), entries[-1].digest, "package.opened", signer,
                                   {"package": bundle.package,
                                    "record_id": bundle.record["record_id"]})
        full_ledger = bundle.ledger_text + line + "\n"
        consent_dir = staged / name / "consent"
        consent_dir.mkdir(exist_ok=True, mode=0o700)
        (consent_dir / "ledger.jsonl").write_text(full_ledger, encoding="utf-8")
        (consent_dir / "manifest.dsse.json").write_text(json.dumps(bundle.envelope, indent=2),
                                                        encoding="utf-8")
        stored = _keep_encrypted_copy(tar_path, bundle.package)
        shutil.move(str(staged / name), folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (custody_dir() / f"{_hex(bundle.package)}.ledger.jsonl").write_text(full_ledger, "utf-8")
    record = bundle.record
    upsert(custody_path(), {
        "package": bundle.package, "bundle": str(Path(path).resolve()),
        "opened_dir": str(folder.resolve()), "stored_copy": str(stored),
        "delete_by": record["retention"]["delete_by"], "record_id": record["record_id"],
        "principal": record["principal"], "recipient": recipient.fingerprint,
        "opened_at": ledger.now(),
        **({"revoked_at": ledger.now()} if is_revoked(bundle.package) else {}),
    })
    return OpenResult(folder, bundle.package, record["retention"]["delete_by"])


def _extract(tar_path: Path, target: Path) -> str:
    """Extract a payload tar that must hold exactly one folder of plain files."""
    with tarfile.open(tar_path) as tar:
        members = tar.getmembers()
        tops = {Path(m.name).parts[0] for m in members if m.name}
        if len(tops) != 1:
            raise BundleError("The payload does not hold exactly one skill folder.")
        for member in members:
            if not (member.isfile() or member.isdir()):
                raise BundleError(f"The payload holds a link or device ({member.name}).")
        # The "data" filter refuses absolute paths, "..", links and special files.
        tar.extractall(target, filter="data")
    return tops.pop()


def _check_files(folder: Path, bundle: Bundle) -> None:
    expected = bundle.files
    found = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}
    extra = sorted(set(found) - set(expected))
    missing = sorted(set(expected) - set(found))
    changed = sorted(n for n in set(found) & set(expected)
                     if sha256_file(found[n]) != expected[n])
    if extra or missing or changed:
        raise BundleError("The decrypted files do not match the signed manifest ("
                          + "; ".join(f"{label}: {', '.join(names[:3])}" for label, names in
                                      (("unexpected", extra), ("missing", missing),
                                       ("changed", changed)) if names) + ").")


def _keep_encrypted_copy(tar_path: Path, package: str) -> Path:
    import pyrage

    custody_key = pyrage.x25519.Identity.generate()
    secret_store().set(f"custody:{_hex(package)}", str(custody_key).encode())
    stored = custody_dir() / f"{_hex(package)}.tar.age"
    with open(tar_path, "rb") as source, open(stored, "wb") as target:
        pyrage.encrypt_io(source, target, [custody_key.to_public()])
    stored.chmod(0o600)
    return stored


# -- revocations (employee writes, recipient imports) ---------------------------------------------


def withdraw(bundle_path: Path, out: Path, employee: keys.IdentityCard, now: datetime) -> Path:
    """The employee's signed revocation for a package they exported."""
    bundle = read_bundle(bundle_path)
    record = bundle.record
    if record["principal"]["fingerprint"] != employee.fingerprint:
        raise RefusedError("Only the employee who gave consent can withdraw it.")
    body = {"schema": REVOCATION_SCHEMA, "package": bundle.package,
            "record_id": record["record_id"], "principal": record["principal"],
            "withdrawn_at": _stamp(now)}
    signer = keys.LocalSigner(employee)
    envelope = dsse.sign_envelope(REVOCATION_TYPE, rfc8785.dumps(body), [signer])
    atomic_write(Path(out), (json.dumps(envelope, indent=2) + "\n").encode(), mode=0o644)
    exports = {e["package"]: e for e in load(exports_path())}
    entry = exports.get(bundle.package)
    if entry is not None:
        upsert(exports_path(), {**entry, "withdrawn_at": body["withdrawn_at"]})
        workspace = Path(entry.get("workspace", ""))
        if (workspace / "workspace.sqlite").exists():
            from workbench.core import consent
            from workbench.core.workspace import Workspace

            with Workspace.open(workspace) as ws:
                consent.mark_withdrawn(ws, record["record_id"], body["withdrawn_at"], signer,
                                       {"package": bundle.package})
    return Path(out)


def import_revocation(path: Path) -> dict[str, Any]:
    """Verify a revocation with the employee's card and keep it: open refuses the package
    from now on, and an opened copy becomes due for deletion at once."""
    body, signer_fp = _read_signed(path, REVOCATION_TYPE, "revocation")
    if body.get("schema") != REVOCATION_SCHEMA or body["principal"]["fingerprint"] != signer_fp:
        raise RefusedError(f"{Path(path).name} is not a revocation signed by the employee it "
                           "names.")
    target = revocation_path(body["package"])
    atomic_write(target, Path(path).read_bytes())
    for entry in load(custody_path()):
        if entry["package"] == body["package"] and not entry.get("revoked_at"):
            upsert(custody_path(), {**entry, "revoked_at": body["withdrawn_at"]})
    return body


def _read_signed(path: Path, payload_type: str, what: str) -> tuple[dict[str, Any], str]:
    try:
        envelope = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInputError(f"Cannot read the {what} {path}: {exc}") from exc
    payload, good, problems = dsse.verify_envelope(envelope, payload_type, keys.public_keys())
    if not good:
        raise RefusedError(f"The {what} {Path(path).name} is not validly signed by a known "
                           f"party ({'; '.join(problems) or 'no signature'}).")
    return json.loads(payload), good[0].keyid


# -- purge and receipts -------------------------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    package: str
    receipt: Path
    removed: tuple[str, ...]


def purge(package: str, now: datetime, receipt_out: Path | None = None,
          reason: str = "requested") -> PurgeResult:
    """Delete the opened folder, the stored copy and the bundle; destroy the custody key;
    record package.deleted; write a signed deletion receipt for the employee."""
    entry = find(custody_path(), package)
    if entry.get("deleted_at"):
        raise RefusedError(f"Package {entry['package'][:19]} was already deleted.")
    recipient = keys.find_card(entry["recipient"], keys.own_identities(), keys.Role.RECIPIENT)
    removed = []
    for key in ("opened_dir", "stored_copy", "bundle"):
        target = Path(entry.get(key, ""))
        if target.is_dir():
            shutil.rmtree(target)
            removed.append(key)
        elif target.is_file():
            target.unlink()
            removed.append(key)
    secret_store().delete(f"custody:{_hex(entry['package'])}")
    ledger_path = custody_dir() / f"{_hex(entry['package'])}.ledger.jsonl"
    signer = keys.LocalSigner(recipient)
    ledger.append(ledger_path, "package.deleted", signer,
                  {"package": entry["package"], "record_id": entry["record_id"],
                   "reason": reason, "removed": removed})
    deleted_at = _stamp(now)
    body = {"schema": RECEIPT_SCHEMA, "package": entry["package"],
            "record_id": entry["record_id"],
            "recipient": {"name": recipient.name, "fingerprint": recipient.fingerprint},
            "deleted_at": deleted_at, "reason": reason, "removed": removed,
            "ledger": ledger_path.read_text(encoding="utf-8")}
    envelope = dsse.sign_envelope(RECEIPT_TYPE, rfc8785.dumps(body), [signer])
    receipt = receipt_out or (data_dir() / "receipts" / f"{_hex(entry['package'])}.receipt.json")
    atomic_write(Path(receipt), (json.dumps(envelope, indent=2) + "\n").encode(), mode=0o644)
    upsert(custody_path(), {**entry, "deleted_at": deleted_at, "receipt": str(receipt)})
    return PurgeResult(entry["package"], Path(receipt), tuple(removed))


def purge_due(now: datetime, receipts_dir: Path | None = None) -> list[PurgeResult]:
    results = []
    for entry in due(now):
        reason = "withdrawn" if entry.get("revoked_at") else "deadline"
        out = receipts_dir / f"{_hex(entry['package'])}.receipt.json" if receipts_dir else None
        results.append(purge(entry["package"], now, out, reason))
    return results


def import_receipt(path: Path) -> dict[str, Any]:
    """The employee checks a deletion receipt and marks the export deleted ✓."""
    body, signer_fp = _read_signed(path, RECEIPT_TYPE, "deletion receipt")
    if body.get("schema") != RECEIPT_SCHEMA or body["recipient"]["fingerprint"] != signer_fp:
        raise RefusedError(f"{Path(path).name} is not a receipt signed by the recipient it names.")
    check = ledger.verify(body["ledger"], keys.public_keys())
    if not check.ok:
        raise RefusedError(f"The receipt's ledger does not verify: line {check.bad_line}: "
                           f"{check.reason}.")
    last = ledger.read_entries(body["ledger"])[-1]
    if last.type != "package.deleted" or last.body.get("package") != body["package"] \
            or last.actor != signer_fp:
        raise RefusedError("The receipt's ledger does not end with this package's deletion.")
    entry = next((e for e in load(exports_path()) if e["package"] == body["package"]), None)
    if entry is None:
        raise RefusedError("This receipt is for a package that was not exported from here.")
    if signer_fp not in {r["fingerprint"] for r in entry["recipients"]}:
        raise RefusedError("The receipt is signed by someone who was not a recipient.")
    receipts = read_json(data_dir() / "receipts.json", {})
    assert isinstance(receipts, dict)
    receipts.setdefault(body["package"], {})[signer_fp] = body
    write_json(data_dir() / "receipts.json", receipts)
    deleted_by = {**entry.get("deleted_by", {}), signer_fp: body["deleted_at"]}
    everyone = {r["fingerprint"] for r in entry["recipients"]} <= set(deleted_by)
    upsert(exports_path(), {**entry, "deleted_by": deleted_by,
                            **({"deleted_at": max(deleted_by.values())} if everyone else {})})
    return body


def _stamp(now: datetime) -> str:
    return now.isoformat(timespec="seconds").replace("+00:00", "Z")


# -- skills built from opened references ----------------------------------------------------------

SEAL_TYPE = "application/vnd.consent-workbench.skill-seal+json"
SEAL_SCHEMA = "consent-workbench/skill-seal/v1"
SEAL = "consent/seal.dsse.json"
# The signed manifest itself is checked by its signatures, not listed in what it signs.
_MANIFEST_COPY = "consent/manifest.dsse.json"
_LEDGER_COPY = "consent/ledger.jsonl"


def seal_skill(skill_dir: Path, bundle_path: Path, now: datetime,
               sealer: keys.IdentityCard | None = None) -> list[Any]:
    """Attach a package's consent to a skill folder built elsewhere from its references, and
    sign (as the recipient) the list of every file the sealed folder holds."""
    import re

    skill_dir = Path(skill_dir)
    skill_md = skill_dir / "SKILL.md"
    if not skill_md.is_file():
        raise BadInputError(f"{visible(skill_dir)} has no SKILL.md; it is not a skill folder.")
    sealer = sealer or keys.my_identity(keys.Role.RECIPIENT)
    bundle = verify_for_recipient(bundle_path, now, sealer)
    failed = bundle.failed()
    if failed:
        raise BundleError("Cannot seal with this package: " + "; ".join(
            f"{c.name}: {c.detail}" for c in failed) + ".")
    folder = skill_dir / "consent"
    folder.mkdir(exist_ok=True, mode=0o700)
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
        raise BadInputError(f"{visible(skill_md)} has no frontmatter.")
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
        raise BadInputError(f"{visible(skill_dir)} holds links or special files "
                            f"({visible(', '.join(odd[:3]))}); a skill holds plain files only.")
    body = {"schema": SEAL_SCHEMA, "package": bundle.package,
            "record_id": bundle.record["record_id"],
            "sealer": {"name": sealer.name, "fingerprint": sealer.fingerprint},
            "sealed_at": _stamp(now), "files": files}
    envelope = dsse.sign_envelope(SEAL_TYPE, rfc8785.dumps(body), [keys.LocalSigner(sealer)])
    atomic_write(skill_dir / SEAL, (json.dumps(envelope, indent=2) + "\n").encode(), mode=0o644)
    return verify_skill(skill_dir, now)


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


def _compare(expected: dict[str, str], found: dict[str, str], odd: list[str],
             ledger_text: str) -> list[tuple[str, list[str]]]:
    """What differs between a signed list of files and the folder: added, removed, changed.
    The consent ledger grows after the list was signed (export, countersign, open append to
    it), so its signed digest must be that of a beginning of the ledger now there."""
    # A ledger copy the list does not name is still checked by its own signatures.
    added = sorted(set(found) - set(expected) - {_LEDGER_COPY}) + odd
    removed = sorted(set(expected) - set(found))
    changed = sorted(n for n in set(found) & set(expected) if found[n] != expected[n]
                     and not (n == _LEDGER_COPY and _is_prefix_digest(expected[n], ledger_text)))
    return [(label, names) for label, names in (("added", added), ("removed", removed),
                                                ("changed", changed)) if names]


def _is_prefix_digest(digest: str, text: str) -> bool:
    import hashlib

    data = text.encode("utf-8")
    ends = [i + 1 for i, byte in enumerate(data) if byte == 0x0A]
    return any(hashlib.sha256(data[:end]).hexdigest() == digest for end in ends)


def _files_check(differences: list[tuple[str, list[str]]], signer: str, count: int) -> Any:
    from workbench.core.bundle import Check

    if not differences:
        return Check("files", True, f"the folder holds exactly the {count} files {signer} "
                     "signed", "files-match", (signer, str(count)))
    text = "; ".join(f"{label}: {visible(', '.join(names[:5]))}"
                     + (f" and {len(names) - 5} more" if len(names) > 5 else "")
                     for label, names in differences)
    return Check("files", False, f"the folder differs from the list {signer} signed — {text}",
                 "files-differ", (signer, text))


def verify_skill(skill_dir: Path, now: datetime) -> list[Any]:
    """Consent (both signatures), ledger, expiry, revocation, and the whole folder against
    the signed list of its files: the employee's for an opened package, the recipient's seal
    for a skill built from its references (whose references must all be ones the employee
    approved)."""
    from workbench.core import manifest
    from workbench.core.bundle import Check

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
            manifest.loads(dsse.decode_payload(envelope), "the signed statement"),
            consent_schema())
        ledger_text = ledger_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, ValueError, RefusedError) as exc:
        return [Check("consent", False, f"the manifest is unreadable ({visible(exc)})",
                      "manifest-unreadable", (visible(exc),))]
    declared = next(s["digest"]["sha256"] for s in statement["subject"]
                    if s["name"] == PAYLOAD)
    # The payload is not here; its signed digest is the package's identity.
    bundle = Bundle(manifest_path, envelope, statement, ledger_text, declared)
    check_bundle(bundle, keys.public_keys(), now, revoked=is_revoked(bundle.package))
    checks = [c for c in bundle.checks if c.name != "payload digest"]
    found, odd = _folder_files(skill_dir)
    if not (skill_dir / SEAL).exists():
        employee = visible(bundle.record["principal"]["name"])
        checks.append(_files_check(_compare(bundle.files, found, odd, ledger_text), employee,
                                   len(bundle.files)))
        return checks
    seal = _read_seal(skill_dir / SEAL, bundle)
    if isinstance(seal, Check):
        return [*checks, seal]
    sealer, files = seal
    checks.append(Check("skill seal", True, f"sealed by {sealer}, a recipient of the package",
                        "sealed-by", (sealer,)))
    checks.append(_files_check(_compare(files, found, odd, ledger_text), sealer, len(files)))
    approved = set(bundle.files.values())
    unapproved = [name for name, digest in found.items()
                  if name.split("/", 1)[0] in ("references", "assets") and digest not in approved]
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
    from workbench.core import manifest
    from workbench.core.bundle import Check

    try:
        envelope = manifest.loads(path.read_bytes(), SEAL, bundle_module.MAX_ENVELOPE_BYTES)
        payload, good, problems = dsse.verify_envelope(envelope, SEAL_TYPE, keys.public_keys())
        body = manifest.loads(payload, SEAL)
        files = body["files"]
        if body.get("schema") != SEAL_SCHEMA or body.get("package") != bundle.package or \
                not isinstance(files, dict) or \
                not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
            raise ValueError("it is not a seal for this package")
    except (OSError, ValueError, KeyError, TypeError, RefusedError) as exc:
        return Check("skill seal", False, f"{SEAL} is unreadable ({visible(exc)})",
                     "seal-unreadable", (visible(exc),))
    recipients = {r["fingerprint"] for r in bundle.record["recipients"]}
    signer = next((s.keyid for s in good if s.keyid in recipients), None)
    if signer is None:
        why = "; ".join(problems) or "signed by no recipient of the package"
        return Check("skill seal", False, f"the seal is not signed by a recipient of the "
                     f"package ({visible(why)})", "seal-unsigned", (visible(why),))
    card = keys.known_cards().get(signer)
    return visible(f"{card.name if card else '?'} ({signer[:16]})"), files


def consent_schema() -> str:
    from workbench.core.consent import SCHEMA

    return SCHEMA
