"""Encryption at rest for one workspace: its key in the key store, sealed columns and blobs.

The workspace key is an age X25519 identity kept in the key store (the OS keyring, or the
passphrase file when there is none), named after the workspace's id. Originals (blobs) are
age files encrypted to it, so the stock `age` tool can recover them given the key. Columns
that hold people's words or identifiers are sealed with AES-256-GCM under a key derived from
the identity (HKDF-SHA256); the table, the column and the row's identity are the associated
data, so a sealed value cannot be moved to another column or copied to another row unnoticed
(ARCHITECTURE.md, "The workspace on disk"). Review approvals and scan records carry an HMAC
under another derived key (`Sealer.mac`), so a decision or a state edited in the database
without the key is detected. Lookups that need equality (a person's name or
address, a pseudonymised value's key) use a keyed HMAC-SHA256 "blind index" instead of the
value itself. Ids that leave the machine (in a package's ledger and consent record) are keyed
the same way (`Sealer.exported_id`), so a guess of an item's text cannot be confirmed by hashing.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from workbench.core.errors import WorkspaceDamaged, WorkspaceLocked, coded, os_reason

AGE_HEADER = b"age-encryption.org/v1\n"
# The first byte of a sealed column value: its layout (nonce, ciphertext and tag) and what
# it is bound to. v1 (schema 5) was bound to table.column only; v2 adds the row's identity.
SEALED_V1 = b"\x01"
SEALED_V2 = b"\x02"
NONCE_BYTES = 12
# What an id that leaves the machine looks like: an HMAC-SHA256 under the workspace's key.
EXPORTED_ID_PREFIX = "hmac-sha256:"
# Keys that stay readable without the key: the id is how the key itself is found.
PLAIN_SETTINGS = frozenset({"workspace_id"})
# What an SQL function receives from SQLite and may hand back to it.
SqlValue = str | bytes | int | float | None
# Person keys end in a name, address or number ("person:张伟", "phone_number:138…"), except
# "person:N", an index into the people table, and "self": those carry nothing and stay.
_OPAQUE_PERSON_KEY = re.compile(r"self|person:[0-9]+")


class Sealer:
    """Seals and opens one workspace's values with keys derived from its identity."""

    def __init__(self, identity: str) -> None:
        import pyrage
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            self._identity = pyrage.x25519.Identity.from_str(identity)
        except pyrage.IdentityError as exc:
            raise coded(WorkspaceLocked, "sealing.invalid-key") from exc
        self._recipient = self._identity.to_public()
        self._aead = AESGCM(_derive(identity, b"consent-workbench workspace columns v1"))
        self._index_key = _derive(identity, b"consent-workbench workspace blind index v1")
        self._mac_key = _derive(identity, b"consent-workbench workspace review records v1")
        self._export_key = _derive(identity, b"consent-workbench exported ids v1")

    # -- columns ----------------------------------------------------------------------------

    def seal(self, value: str | None, where: str, row: str) -> bytes | None:
        """`where` is "table.column", `row` the row's identity: the value opens only there."""
        if value is None:
            return None
        nonce = os.urandom(NONCE_BYTES)
        return SEALED_V2 + nonce + self._aead.encrypt(nonce, value.encode("utf-8"),
                                                      _bound(where, row))

    def open(self, sealed: object, where: str, row: str) -> str | None:
        if sealed is None:
            return None
        return self._decrypt(sealed, SEALED_V2, _bound(where, row), f"{where} ({row})")

    def open_v1(self, sealed: object, where: str) -> str | None:
        """A value sealed before rows were bound (schema 5), for the migration only."""
        if sealed is None or (isinstance(sealed, bytes) and sealed.startswith(SEALED_V2)):
            return None
        return self._decrypt(sealed, SEALED_V1, where.encode(), where)

    def _decrypt(self, sealed: object, version: bytes, associated: bytes, place: str) -> str:
        from cryptography.exceptions import InvalidTag

        if not isinstance(sealed, bytes) or not sealed.startswith(version) \
                or len(sealed) < 1 + NONCE_BYTES + 16:
            raise coded(WorkspaceDamaged, "sealing.not-sealed", place)
        nonce, body = sealed[1:1 + NONCE_BYTES], sealed[1 + NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, body, associated).decode("utf-8")
        except InvalidTag as exc:
            raise coded(WorkspaceDamaged, "sealing.value-does-not-open", place) from exc

    def mac(self, purpose: str, *parts: str) -> str:
        """A keyed digest that only this workspace's key can make: proves that a review
        record (an approval, a scan) was written by the app and not edited since."""
        message = "\x1f".join((purpose, *parts)).encode("utf-8")
        return hmac.new(self._mac_key, message, hashlib.sha256).hexdigest()

    def check_mac(self, expected: object, purpose: str, *parts: str) -> bool:
        return isinstance(expected, str) and hmac.compare_digest(
            expected, self.mac(purpose, *parts))

    def blind(self, value: str) -> str:
        """A keyed digest for equality lookups; '' stays '' (it means "none")."""
        if not value:
            return ""
        return hmac.new(self._index_key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def exported_id(self, digest: str) -> str:
        """An artifact's content digest ("sha256:…") as it may leave the machine: keyed, so
        whoever holds a package and a guess of an item's text (one redacted, withheld or
        never exported) cannot confirm the guess by hashing it. The same in every export of
        this workspace, different in another workspace."""
        keyed = hmac.new(self._export_key, digest.encode("utf-8"), hashlib.sha256)
        return EXPORTED_ID_PREFIX + keyed.hexdigest()

    def blind_person_key(self, key: str | None) -> str | None:
        """"email_address:a@b.c" → "email_address:<blind index>"; opaque keys unchanged."""
        if not key or ":" not in key or _OPAQUE_PERSON_KEY.fullmatch(key):
            return key
        kind, _, value = key.partition(":")
        return f"{kind}:{self.blind(value)}"

    def install(self, conn: sqlite3.Connection) -> None:
        """SQL functions `unseal(x, where, row)`, used by search, and `seal`/`blind`/
        `blind_key`/`reseal`, used by the migrations that seal an older workspace in place."""
        conn.create_function("unseal", 3, self.open, deterministic=True)
        conn.create_function("seal", 3, _plain_or_none(self.seal))
        conn.create_function("seal", 2, self._seal_v1)  # schema 5, on older workspaces
        conn.create_function("reseal", 3, self._reseal)
        conn.create_function("blind", 1, self.blind, deterministic=True)
        conn.create_function("blind_key", 1, self.blind_person_key, deterministic=True)

    def _seal_v1(self, value: SqlValue, where: str) -> SqlValue:
        if not isinstance(value, str):
            return value
        nonce = os.urandom(NONCE_BYTES)
        return SEALED_V1 + nonce + self._aead.encrypt(nonce, value.encode("utf-8"),
                                                      where.encode())

    def _reseal(self, value: SqlValue, where: str, row: SqlValue) -> SqlValue:
        """v1 → v2 (schema 6): open as the column's, seal again bound to the row."""
        if value is None or (isinstance(value, bytes) and value.startswith(SEALED_V2)):
            return value
        return self.seal(self.open_v1(value, where), where, str(row))

    # -- blobs ------------------------------------------------------------------------------

    def seal_stream(self, source: BinaryIO, target: BinaryIO) -> None:
        import pyrage

        pyrage.encrypt_io(source, target, [self._recipient])

    def seal_bytes(self, data: bytes) -> bytes:
        import pyrage

        sealed: bytes = pyrage.encrypt(data, [self._recipient])
        return sealed

    def open_blob(self, path: Path) -> bytes:
        import pyrage

        try:
            data = path.read_bytes()
        except OSError as exc:
            raise coded(WorkspaceDamaged, "sealing.original-unreadable", os_reason(exc),
                        path.name) from exc
        try:
            plain: bytes = pyrage.decrypt(data, [self._identity])
        except pyrage.DecryptError as exc:
            raise coded(WorkspaceDamaged, "sealing.original-does-not-open", path.name) \
                from exc
        # An original is named by its digest: another original renamed to it is refused.
        if hashlib.sha256(plain).hexdigest() != path.name:
            raise coded(WorkspaceDamaged, "sealing.original-swapped", path.name)
        return plain


def _bound(where: str, row: str) -> bytes:
    return f"{where}#{row}".encode()


def _plain_or_none(seal: Callable[[str | None, str, str], bytes | None]) \
        -> Callable[[SqlValue, str, SqlValue], SqlValue]:
    # The in-place migration seals text; anything already bytes (or NULL) is left alone.
    def seal_text(value: SqlValue, where: str, row: SqlValue) -> SqlValue:
        return seal(value, where, str(row)) if isinstance(value, str) else value
    return seal_text


def _derive(identity: str, purpose: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose) \
        .derive(identity.encode())


# -- the key in the key store -------------------------------------------------------------

# Keys unlocked by this process, by workspace id: asked for once, then kept in memory only.
_cache: dict[str, Sealer] = {}
_cache_lock = threading.Lock()


def secret_name(workspace_id: str) -> str:
    return f"workspace:{workspace_id}"


def create_key(workspace_id: str) -> Sealer:
    """A new workspace key, saved in the key store before anything is sealed with it."""
    import pyrage

    from workbench.core.trust.secrets_store import secret_store

    identity = str(pyrage.x25519.Identity.generate())
    secret_store().set(secret_name(workspace_id), identity.encode())
    sealer = Sealer(identity)
    with _cache_lock:
        _cache[workspace_id] = sealer
    return sealer


def load_key(workspace_id: str, root: Path) -> Sealer:
    """The workspace's key from the key store (asked for once per process)."""
    from workbench.core.trust.secrets_store import secret_store

    with _cache_lock:
        if workspace_id in _cache:
            return _cache[workspace_id]
    raw = secret_store().get(secret_name(workspace_id))
    if raw is None:
        raise coded(WorkspaceLocked, "sealing.key-missing", root,
                    secret_store().description_message())
    sealer = Sealer(raw.decode())
    with _cache_lock:
        _cache[workspace_id] = sealer
    return sealer


def remember_key(workspace_id: str, identity: str) -> None:
    """Hand a key to a child process (the scan) without a key-store round trip."""
    with _cache_lock:
        _cache[workspace_id] = Sealer(identity)


def forget_keys() -> None:
    """Drop unlocked keys from memory (tests; switching homes)."""
    with _cache_lock:
        _cache.clear()


def exported_identity(sealer: Sealer) -> str:
    """The key as text, only for handing to a child process over a pipe."""
    return str(sealer._identity)  # the one place the key leaves this module
