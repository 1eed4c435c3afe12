"""Identities: an Ed25519 signing key and an age decryption key per party, public cards.

Public halves are identity cards (`*.wbid.json`), self-signed, kept under the data folder;
contacts are other parties' cards. Private halves live only in the secret store.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from workbench.core.atomic import atomic_write
from workbench.core.dsse import Signer, pae
from workbench.core.errors import BadInputError, RefusedError
from workbench.core.paths import data_dir
from workbench.core.secrets_store import require, secret_store

if TYPE_CHECKING:
    import pyrage  # no type hints: its identities are Any to mypy

    from workbench.core.secrets_store import Moved

log = logging.getLogger(__name__)

CARD_SCHEMA = "consent-workbench/identity/v1"
CARD_PAYLOAD_TYPE = "application/vnd.consent-workbench.identity+json"


class Role(StrEnum):
    EMPLOYEE = "employee"
    HR = "hr"
    RECIPIENT = "recipient"


class KeyError_(BadInputError):
    """An identity or contact cannot be found, is ambiguous, or is invalid."""


def fingerprint_of(public_key: Ed25519PublicKey) -> str:
    """First 16 bytes of SHA-256 of the raw Ed25519 public key, hex (DESIGN §1)."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).digest()[:16].hex()


@dataclass(frozen=True)
class IdentityCard:
    """A party's public identity. `self_signature` covers every other field."""

    name: str
    role: Role
    email: str
    ed25519: str
    age: str
    fingerprint: str
    created_at: str
    self_signature: str = ""

    def unsigned(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("self_signature")
        return {"schema": CARD_SCHEMA, **data, "role": str(self.role)}

    def as_json(self) -> dict[str, Any]:
        return {**self.unsigned(), "self_signature": self.self_signature}

    def public_key(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(self.ed25519))

    @property
    def short(self) -> str:
        """The fingerprint in groups of four, for reading aloud over the phone."""
        return " ".join(self.fingerprint[i:i + 4] for i in range(0, len(self.fingerprint), 4))

    def label(self) -> str:
        return f"{self.name} <{self.email}> ({self.role}, {self.fingerprint[:16]})" \
            if self.email else f"{self.name} ({self.role}, {self.fingerprint[:16]})"

    @classmethod
    def from_json(cls, data: Any, source: str = "the card") -> IdentityCard:
        """Parse and verify a card: schema, fingerprint and self-signature must all hold."""
        if not isinstance(data, dict) or data.get("schema") != CARD_SCHEMA:
            raise KeyError_(f"{source} is not a Consent Workbench identity card.")
        try:
            card = cls(name=str(data["name"]), role=Role(data["role"]),
                       email=str(data.get("email") or ""), ed25519=str(data["ed25519"]),
                       age=str(data["age"]), fingerprint=str(data["fingerprint"]),
                       created_at=str(data["created_at"]),
                       self_signature=str(data["self_signature"]))
            public_key = card.public_key()
        except (KeyError, ValueError, binascii.Error) as exc:
            raise KeyError_(f"{source} is incomplete or damaged ({exc}).") from exc
        if fingerprint_of(public_key) != card.fingerprint:
            raise KeyError_(f"{source}: the fingerprint does not match the key.")
        if not card.age.startswith("age1"):
            raise KeyError_(f"{source}: the age recipient is not valid.")
        try:
            public_key.verify(base64.b64decode(card.self_signature),
                              pae(CARD_PAYLOAD_TYPE, rfc8785.dumps(card.unsigned())))
        except (InvalidSignature, binascii.Error, ValueError) as exc:
            raise KeyError_(f"{source}: the self-signature does not verify; the card was "
                            "altered or is not genuine.") from exc
        return card


class LocalSigner(Signer):
    """Signs with a private key fetched from the secret store."""

    def __init__(self, card: IdentityCard) -> None:
        self.card = card
        self.keyid = card.fingerprint
        raw = require(secret_store().get(_ed25519_secret(card.fingerprint)), card.label())
        self._key = Ed25519PrivateKey.from_private_bytes(raw)

    def sign(self, message: bytes) -> bytes:
        return self._key.sign(message)


def age_identity(card: IdentityCard) -> pyrage.x25519.Identity:
    """The card owner's age decryption identity (pyrage), from the secret store."""
    import pyrage

    raw = require(secret_store().get(_age_secret(card.fingerprint)), card.label())
    return pyrage.x25519.Identity.from_str(raw.decode())


def _ed25519_secret(fingerprint: str) -> str:
    return f"ed25519:{fingerprint}"


def _age_secret(fingerprint: str) -> str:
    return f"age:{fingerprint}"


def _identities_dir() -> Path:
    return data_dir() / "identities"


def _contacts_dir() -> Path:
    return data_dir() / "contacts"


def create_identity(role: Role, name: str, email: str = "") -> IdentityCard:
    """New signing and decryption keys; private halves to the secret store, card to disk."""
    import pyrage

    name = name.strip()
    if not name:
        raise KeyError_("An identity needs a name.")
    signing = Ed25519PrivateKey.generate()
    public = signing.public_key()
    decryption = pyrage.x25519.Identity.generate()
    card = IdentityCard(
        name=name, role=Role(role), email=email.strip(),
        ed25519=base64.b64encode(public.public_bytes(serialization.Encoding.Raw,
                                                     serialization.PublicFormat.Raw)).decode(),
        age=str(decryption.to_public()), fingerprint=fingerprint_of(public),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    signature = signing.sign(pae(CARD_PAYLOAD_TYPE, rfc8785.dumps(card.unsigned())))
    card = IdentityCard(**{**asdict(card), "self_signature": base64.b64encode(signature).decode()})
    secret_store().set_many({
        _ed25519_secret(card.fingerprint): signing.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
            serialization.NoEncryption()),
        _age_secret(card.fingerprint): str(decryption).encode(),
    })
    _write_card(_identities_dir(), card)
    log.info("keys.created role=%s key=%s", card.role.value, card.fingerprint)
    return card


def _write_card(folder: Path, card: IdentityCard) -> Path:
    path = folder / f"{card.fingerprint}.wbid.json"
    atomic_write(path, card_bytes(card), mode=0o644)
    return path


def card_bytes(card: IdentityCard) -> bytes:
    return (json.dumps(card.as_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _read_cards(folder: Path) -> list[IdentityCard]:
    if not folder.is_dir():
        return []
    cards = []
    for path in sorted(folder.glob("*.wbid.json")):
        cards.append(read_card(path))
    return sorted(cards, key=lambda c: (c.role, c.name, c.fingerprint))


def read_card(path: Path) -> IdentityCard:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KeyError_(f"Cannot read the identity card {path}: {exc}") from exc
    return IdentityCard.from_json(data, source=str(path))


def own_identities() -> list[IdentityCard]:
    return _read_cards(_identities_dir())


def contacts() -> list[IdentityCard]:
    return _read_cards(_contacts_dir())


def import_contact(path: Path, replace: bool = False) -> IdentityCard:
    """Import a card. A card that claims the name (for its role) or the email of a card
    already known, with another key, could be someone posing as that party: it is refused
    unless `replace` says the party really made a new key (their old card is then removed)."""
    from workbench.core.display import visible

    card = read_card(path)
    if any(c.fingerprint == card.fingerprint for c in own_identities()):
        raise KeyError_(f"{visible(card.label())} is one of your own identities, not a contact.")
    lookalikes = [c for c in (*own_identities(), *contacts()) if c.fingerprint != card.fingerprint
                  and ((c.role == card.role and c.name.casefold() == card.name.casefold())
                       or (card.email and c.email.casefold() == card.email.casefold()))]
    own = {c.fingerprint for c in own_identities()}
    if lookalikes and (not replace or any(c.fingerprint in own for c in lookalikes)):
        raise KeyError_(
            f"Not imported: {visible(card.label())} has the name or email of "
            f"{visible(lookalikes[0].label())}, which you already have, but another key. "
            "Someone may be posing as them; check the new fingerprint with them in person, "
            "and only if they really made a new key import it with --replace.")
    for old in lookalikes:
        (_contacts_dir() / f"{old.fingerprint}.wbid.json").unlink(missing_ok=True)
    _write_card(_contacts_dir(), card)
    log.info("keys.contact_imported role=%s key=%s replaced=%d", card.role.value,
             card.fingerprint, len(lookalikes))
    return card


def known_cards() -> dict[str, IdentityCard]:
    """Every card this home knows (own identities and contacts), by fingerprint."""
    return {c.fingerprint: c for c in (*own_identities(), *contacts())}


def public_keys() -> dict[str, Ed25519PublicKey]:
    return {fp: card.public_key() for fp, card in known_cards().items()}


def find_card(ref: str, cards: list[IdentityCard], role: Role | None = None,
              what: str = "identity") -> IdentityCard:
    """By fingerprint (or a prefix of at least 8 hex digits), name or email."""
    ref = ref.strip()
    pool = [c for c in cards if role is None or c.role == role]
    matches = [c for c in pool if c.fingerprint == ref.lower().replace(" ", "")]
    if not matches and len(ref) >= 8:
        matches = [c for c in pool if c.fingerprint.startswith(ref.lower().replace(" ", ""))]
    if not matches:
        matches = [c for c in pool if ref.casefold() in (c.name.casefold(), c.email.casefold())]
    if not matches:
        matches = [c for c in pool if c.name.casefold().startswith(ref.casefold())]
    role_text = f" with role {role}" if role else ""
    if not matches:
        raise KeyError_(f"No {what}{role_text} matches '{ref}'. "
                        + ("Import their card with `workbench keys import`." if what == "contact"
                           else "Create one with `workbench keys new`."))
    if len(matches) > 1:
        raise KeyError_(f"'{ref}' matches several: "
                        + "; ".join(c.label() for c in matches) + ". Use the fingerprint.")
    return matches[0]


def my_identity(role: Role, ref: str | None = None) -> IdentityCard:
    """This home's identity for a role (the only one, or the one `ref` names)."""
    mine = [c for c in own_identities() if c.role == role]
    if ref:
        return find_card(ref, mine, role)
    if not mine:
        raise RefusedError(f"There is no {role} identity here yet. Create one with "
                           f"`workbench keys new --role {role} --name …`.")
    if len(mine) > 1:
        raise KeyError_(f"There are several {role} identities; choose one with --identity.")
    return mine[0]


def move_key_store(target: str) -> Moved:
    """Move every private key of this home to the system keyring or the passphrase file
    (`target` "keyring" or "file"), losing nothing; see `secrets_store.move_to`. The names of
    identity and custody keys are also derived from the cards and custody copies on disk, so
    keys saved before the key store kept a list of names move too."""
    from workbench.core.secrets_store import move_to

    names = [n for card in own_identities()
             for n in (_ed25519_secret(card.fingerprint), _age_secret(card.fingerprint))]
    custody = data_dir() / "custody"
    if custody.is_dir():
        names += [f"custody:{p.name.removesuffix('.tar.age')}"
                  for p in custody.glob("*.tar.age")]
    return move_to(target, names)
