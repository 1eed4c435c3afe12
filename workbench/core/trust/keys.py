"""Identities: an Ed25519 signing key and an age decryption key per party, public cards.

Public halves are identity cards (`*.wbid.json`), self-signed, kept under the data folder;
contacts are other parties' cards. Private halves live only in the secret store.

A contact is *verified* only once the user has compared its fingerprint with the one its
owner gave them by another channel (read aloud by phone or in person) and typed it here: the
mark (`contacts/<fingerprint>.verified.json`, with when) is set by `verify_contact` or by an
import given the fingerprint, never by importing alone, and goes with the card when the card
is replaced.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
import re
import string
from collections.abc import Iterable
from dataclasses import asdict, dataclass
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

from workbench.core import clock
from workbench.core.atomic import atomic_write
from workbench.core.display import visible
from workbench.core.errors import BadInputError, RefusedError, coded, reason_of
from workbench.core.messages import Joined, Message, label_message, t
from workbench.core.paths import data_dir
from workbench.core.trust.dsse import Signer, pae
from workbench.core.trust.secrets_store import require, secret_store

if TYPE_CHECKING:
    import pyrage  # no type hints: its identities are Any to mypy

    from workbench.core.trust.secrets_store import Moved

log = logging.getLogger(__name__)

CARD_SCHEMA = "consent-workbench/identity/v1"
CARD_PAYLOAD_TYPE = "application/vnd.consent-workbench.identity+json"
VERIFIED_SCHEMA = "consent-workbench/contact-verified/v1"
# Typing the last four groups (64 bits) is enough: making a key whose fingerprint ends in
# 64 chosen bits is beyond a forger, where the last one or two groups are not.
MIN_CHECK_DIGITS = 16


class Role(StrEnum):
    EMPLOYEE = "employee"
    HR = "hr"
    RECIPIENT = "recipient"


# What an identity card read from no file is called in a refusal.
_THE_CARD = Message("keys.the-card")


class KeyError_(BadInputError):
    """An identity or contact cannot be found, is ambiguous, or is invalid."""


class LookalikeCard(RefusedError):
    """A card that claims the name (for its role) or the email of a known party, with another
    key: someone may be posing as them. Refused by a check (exit 1), not bad input."""

    known: IdentityCard | None  # None only for a forged-looking name that copies nobody known

    def __init__(self, card: IdentityCard, known: IdentityCard) -> None:
        params = (visible(card.label()), visible(known.label()), visible(known.name))
        super().__init__(t("keys.lookalike", *params, lang="en"), code="keys.lookalike",
                         params=params)
        self.card = card
        self.known = known


class MixedScriptCard(LookalikeCard):
    """A card whose name or email has a word spelt in two alphabets ("Pаyments" with a
    Cyrillic а): the mark of a name forged to look like another, never of an honest one, so
    never imported, not even to replace the card it looks like (`known`, when there is one)."""

    def __init__(self, card: IdentityCard, word: str, known: IdentityCard | None) -> None:
        params: tuple[str, ...] = (visible(card.label()), visible(word))
        code = "keys.mixed-scripts"
        if known is not None:
            params = (*params, visible(known.label()), visible(known.name))
            code = "keys.mixed-scripts-alike"
        KeyError_.__init__(self, t(code, *params, lang="en"), code=code, params=params)
        self.card = card
        self.known = known


class FingerprintMismatch(RefusedError):
    """The fingerprint the user typed is not the card's: nothing was imported or marked."""


def fingerprint_of(public_key: Ed25519PublicKey) -> str:
    """First 16 bytes of SHA-256 of the raw Ed25519 public key, hex (ARCHITECTURE.md §1)."""
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
        """Name, email, role (in the reader's language) and the fingerprint's start."""
        role = label_message("role", str(self.role), mid_sentence=False).text()
        return f"{self.name} <{self.email}> ({role}, {self.fingerprint[:16]})" \
            if self.email else f"{self.name} ({role}, {self.fingerprint[:16]})"

    @classmethod
    def from_json(cls, data: Any, source: str | Message = _THE_CARD) -> IdentityCard:
        """Parse and verify a card: schema, fingerprint and self-signature must all hold."""
        if not isinstance(data, dict) or data.get("schema") != CARD_SCHEMA:
            raise coded(KeyError_, "keys.not-a-card", source)
        try:
            card = cls(name=str(data["name"]), role=Role(data["role"]),
                       email=str(data.get("email") or ""), ed25519=str(data["ed25519"]),
                       age=str(data["age"]), fingerprint=str(data["fingerprint"]),
                       created_at=str(data["created_at"]),
                       self_signature=str(data["self_signature"]))
            public_key = card.public_key()
        except (KeyError, ValueError, binascii.Error) as exc:
            raise coded(KeyError_, "keys.card-damaged", source, reason_of(exc)) from exc
        if fingerprint_of(public_key) != card.fingerprint:
            raise coded(KeyError_, "keys.card-fingerprint", source)
        if not card.age.startswith("age1"):
            raise coded(KeyError_, "keys.card-age", source)
        try:
            public_key.verify(base64.b64decode(card.self_signature),
                              pae(CARD_PAYLOAD_TYPE, rfc8785.dumps(card.unsigned())))
        except (InvalidSignature, binascii.Error, ValueError) as exc:
            raise coded(KeyError_, "keys.card-self-signature", source) from exc
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


class DuplicateIdentity(KeyError_):
    """A second identity of the same role under a name or email this home already uses."""


def look_alike_identity(role: Role, name: str, email: str = "") -> IdentityCard | None:
    """An identity of yours with this role and a name or email that looks the same, if there
    is one."""
    from workbench.core.trust.lookalike import alike

    return next((c for c in own_identities() if c.role == Role(role) and (
        alike(c.name, name) or alike(c.email, email))), None)


def create_identity(role: Role, name: str, email: str = "",
                    another: bool = False) -> IdentityCard:
    """New signing and decryption keys; private halves to the secret store, card to disk.
    A second identity of a role with the same name or email is refused unless `another`:
    two look-alike identities let a package be signed by one that never consented."""
    import pyrage

    name = name.strip()
    if not name:
        raise coded(KeyError_, "keys.needs-name")
    same = look_alike_identity(role, name, email)
    if same is not None and not another:
        existing = visible(same.label())
        raise coded(DuplicateIdentity, "keys.duplicate", label_message("role", str(role)),
                    existing)
    signing = Ed25519PrivateKey.generate()
    public = signing.public_key()
    decryption = pyrage.x25519.Identity.generate()
    card = IdentityCard(
        name=name, role=Role(role), email=email.strip(),
        ed25519=base64.b64encode(public.public_bytes(serialization.Encoding.Raw,
                                                     serialization.PublicFormat.Raw)).decode(),
        age=str(decryption.to_public()), fingerprint=fingerprint_of(public),
        created_at=clock.iso(),
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
        raise coded(KeyError_, "keys.card-unreadable", path, reason_of(exc)) from exc
    return IdentityCard.from_json(data, source=str(path))


def own_identities() -> list[IdentityCard]:
    return _read_cards(_identities_dir())


def contacts() -> list[IdentityCard]:
    return _read_cards(_contacts_dir())


def import_contact(path: Path, replace: bool = False,
                   fingerprint: str | None = None) -> IdentityCard:
    """Import a card, verified only if `fingerprint` (what its owner read out, typed by the
    user: the whole fingerprint or its last groups) matches it.

    A card that claims the name (for its role) or the email of a card already known, with
    another key, could be someone posing as that party: it is refused (`LookalikeCard`)
    unless `replace` says the party really made a new key, and even then only with the new
    fingerprint checked with them (their old card and its mark are then removed). A card
    whose name or email spells a word in two alphabets is refused (`MixedScriptCard`)."""
    from workbench.core.display import visible

    card = read_card(path)
    own = own_identities()
    if any(c.fingerprint == card.fingerprint for c in own):
        raise coded(KeyError_, "keys.own-not-contact", visible(card.label()))
    known = lookalikes(card)
    check_plain_name(card, known)
    if known:
        first = known[0]
        if not replace or any(c.fingerprint in {o.fingerprint for o in own} for c in known):
            raise LookalikeCard(card, first)
        if fingerprint is None:
            raise coded(KeyError_, "keys.replace-needs-fingerprint", visible(first.name))
    compared = compare_fingerprint(card, fingerprint) if fingerprint is not None else None
    for old in known:
        _forget_contact(old.fingerprint)
    _write_card(_contacts_dir(), card)
    if compared is not None:
        _mark_verified(card, compared)
    log.info("keys.contact_imported role=%s key=%s replaced=%d", card.role.value,
             card.fingerprint, len(known))
    return card


def lookalikes(card: IdentityCard) -> list[IdentityCard]:
    """Known cards (own and contacts) with a name for the same role, or an email, that looks
    like `card`'s (`lookalike.alike`: case, spaces, invisible and confusable characters) but
    another key."""
    from workbench.core.trust.lookalike import alike

    return [c for c in (*own_identities(), *contacts()) if c.fingerprint != card.fingerprint
            and ((c.role == card.role and alike(c.name, card.name))
                 or alike(c.email, card.email))]


def check_plain_name(card: IdentityCard, known: list[IdentityCard] | None = None) -> None:
    """Refuse (`MixedScriptCard`) a card with a word of its name or email spelt in two
    alphabets, naming the first of the `known` cards it looks like."""
    from workbench.core.trust.lookalike import mixed_word

    mixed = mixed_word(card.name) or mixed_word(card.email)
    if mixed:
        raise MixedScriptCard(card, mixed, known[0] if known else None)


def _forget_contact(fingerprint: str) -> None:
    _verified_path(fingerprint).unlink(missing_ok=True)
    (_contacts_dir() / f"{fingerprint}.wbid.json").unlink(missing_ok=True)


# -- the verified mark -----------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    """A contact's fingerprint was compared by the user: when, and how much of it."""

    fingerprint: str
    verified_at: str  # RFC 3339, UTC
    compared: str  # "full", or "last-N": the last N digits

    def as_json(self) -> dict[str, str]:
        return {"schema": VERIFIED_SCHEMA, **asdict(self)}

    def describe(self) -> str:
        """What was compared, in the user's language."""
        if self.compared == "full":
            return t("keys.compared-full")
        return t("keys.compared-last", self.compared.removeprefix("last-"))


def _verified_path(fingerprint: str) -> Path:
    return _contacts_dir() / f"{fingerprint}.verified.json"


def normalise_fingerprint(typed: str) -> str:
    """What the user typed, as lower-case hex digits: spaces, tabs, line breaks, '-' and ':'
    between groups are dropped, case is ignored; anything else is refused."""
    digits = re.sub(r"[\s:\-]+", "", typed).lower()
    if not digits or any(char not in string.hexdigits for char in digits):
        raise coded(KeyError_, "keys.not-hex")
    return digits


def compare_fingerprint(card: IdentityCard, typed: str) -> str:
    """Check what the user typed against `card`: the whole fingerprint, or at least its last
    `MIN_CHECK_DIGITS` digits. Returns what was compared; raises `FingerprintMismatch` when
    it differs and `KeyError_` when it is not a fingerprint or too short to tell."""
    from workbench.core.display import visible

    digits = normalise_fingerprint(typed)
    if len(digits) < MIN_CHECK_DIGITS:
        raise coded(KeyError_, "keys.too-few-digits", MIN_CHECK_DIGITS // 4, MIN_CHECK_DIGITS)
    if digits == card.fingerprint:
        return "full"
    if len(digits) < len(card.fingerprint) and card.fingerprint.endswith(digits):
        return f"last-{len(digits)}"
    raise coded(FingerprintMismatch, "keys.fingerprint-mismatch", visible(card.label()))


def _mark_verified(card: IdentityCard, compared: str) -> Verification:
    mark = Verification(card.fingerprint, clock.iso(), compared)
    atomic_write(_verified_path(card.fingerprint),
                 (json.dumps(mark.as_json(), indent=2) + "\n").encode("utf-8"), mode=0o644)
    return mark


def verification(fingerprint: str) -> Verification | None:
    """The contact's verified mark, or None. A mark that is damaged, or names another
    fingerprint than its file, counts as none: a contact is unverified unless shown otherwise."""
    try:
        data = json.loads(_verified_path(fingerprint).read_text(encoding="utf-8"))
        mark = Verification(str(data["fingerprint"]), str(data["verified_at"]),
                            str(data["compared"]))
        clock.parse_iso(mark.verified_at)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None
    if data.get("schema") != VERIFIED_SCHEMA or mark.fingerprint != fingerprint:
        return None
    return mark


def verify_contact(ref: str, typed: str) -> tuple[IdentityCard, Verification]:
    """Mark the contact `ref` names (fingerprint, name or email) verified, if `typed` — the
    fingerprint its owner gave by another channel — matches its card."""
    card = find_card(ref, contacts(), what="contact")
    return card, _mark_verified(card, compare_fingerprint(card, typed))


def verified_fingerprints(cards: Iterable[IdentityCard] | None = None) -> frozenset[str]:
    """The fingerprints the user vouches for: their own identities and verified contacts."""
    own = {c.fingerprint for c in own_identities()}
    pool = contacts() if cards is None else [c for c in cards if c.fingerprint not in own]
    return frozenset(own | {c.fingerprint for c in pool if verification(c.fingerprint)})


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
    if not matches:
        contact = what == "contact"
        if role:
            raise coded(KeyError_, "keys.no-contact-with-role" if contact else
                        "keys.no-identity-with-role", label_message("role", str(role)),
                        visible(ref))
        raise coded(KeyError_, "keys.no-contact" if contact else "keys.no-identity", visible(ref))
    if len(matches) > 1:
        raise coded(KeyError_, "keys.ambiguous", visible(ref),
                    Joined(tuple(visible(c.label()) for c in matches)))
    return matches[0]


def my_identity(role: Role, ref: str | None = None) -> IdentityCard:
    """This home's identity for a role (the only one, or the one `ref` names). Several and
    no `ref` is refused, never guessed: signing or opening with the wrong one of two would go
    unnoticed."""
    role = Role(role)
    mine = [c for c in own_identities() if c.role == role]
    if ref:
        return find_card(ref, mine, role)
    if not mine:
        raise coded(RefusedError, "identity.none", label_message("role", role.value),
                    role.value)
    if len(mine) > 1:
        raise coded(KeyError_, "identity.ambiguous", label_message("role", role.value),
                    "; ".join(visible(c.label()) for c in mine))
    return mine[0]


def move_key_store(target: str) -> Moved:
    """Move every private key of this home to the system keyring or the passphrase file
    (`target` "keyring" or "file"), losing nothing; see `secrets_store.move_to`. The names of
    identity and custody keys are also derived from the cards and custody copies on disk, so
    keys saved before the key store kept a list of names move too."""
    from workbench.core.trust.secrets_store import move_to

    names = [n for card in own_identities()
             for n in (_ed25519_secret(card.fingerprint), _age_secret(card.fingerprint))]
    custody = data_dir() / "custody"
    if custody.is_dir():
        names += [f"custody:{p.name.removesuffix('.tar.age')}"
                  for p in custody.glob("*.tar.age")]
    return move_to(target, names)
