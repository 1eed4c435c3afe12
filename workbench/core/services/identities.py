"""Identities and contacts: this person's keys and cards, other parties' cards, the key store.

The front ends list, create, export, import and verify cards here, and ask where private keys
are kept (the system keyring, or the passphrase file by choice or by fall-back). The one rule
for choosing the local identity of a role lives here too (`choose_identity`): a role with
several identities is refused rather than guessed, on the command line as in the app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from workbench.core.atomic import atomic_write
from workbench.core.errors import BadInputError, WorkbenchError, coded, os_reason
from workbench.core.messages import t
from workbench.core.trust import keys, secrets_store
from workbench.core.trust.keys import (
    MIN_CHECK_DIGITS,
    FingerprintMismatch,
    IdentityCard,
    Role,
    Verification,
)
from workbench.core.trust.secrets_store import (
    MIN_PASSPHRASE_LENGTH,
    Moved,
    PassphrasePrompt,
    SecretStoreError,
)

__all__ = [
    "CARD_SUFFIX",
    "MIN_CHECK_DIGITS",
    "MIN_PASSPHRASE_LENGTH",
    "CardPreview",
    "Contact",
    "FingerprintMatch",
    "FingerprintMismatch",
    "IdentityCard",
    "KeyStore",
    "Moved",
    "PassphrasePrompt",
    "Role",
    "SecretStoreError",
    "Verification",
    "card_file_name",
    "card_text",
    "check_fingerprint",
    "choose_identity",
    "contacts",
    "create_identity",
    "export_card",
    "fallback_warning",
    "first_run_needed",
    "identity_or_reason",
    "import_contact",
    "key_store",
    "key_store_line",
    "keyring_available",
    "look_alike_identity",
    "move_key_store",
    "own_identities",
    "passphrase_cancelled",
    "passphrase_problem",
    "passphrase_unavailable",
    "passphrase_weakness",
    "preview_card",
    "read_card",
    "roles_held",
    "set_passphrase_prompt",
    "uses_passphrase",
    "verification",
    "verify_contact",
]

CARD_SUFFIX = ".wbid.json"


# -- choosing the local identity -----------------------------------------------------------------

def choose_identity(role: Role | str, ref: str | None = None, *,
                    required: bool = True) -> IdentityCard | None:
    """This home's identity for `role`: the one `ref` names (fingerprint, name or email), else
    the only one. Several and no `ref` is refused (`identity.ambiguous`): signing, opening or
    checking with the wrong one of two would go unnoticed. None of that role is refused
    (`identity.none`) unless not `required`, when the answer is None (e.g. checking a package
    without being its recipient)."""
    role = Role(role)
    if not ref and not required and not any(c.role == role for c in keys.own_identities()):
        return None
    return keys.my_identity(role, ref)


def identity_or_reason(role: Role | str) -> tuple[IdentityCard | None, str]:
    """For a page that shows who the user acts as: the identity, or why there is none (in
    the user's language)."""
    try:
        return choose_identity(role), ""
    except WorkbenchError as exc:
        return None, str(exc)


def own_identities() -> list[IdentityCard]:
    return keys.own_identities()


def roles_held() -> frozenset[str]:
    """The roles this person has an identity for."""
    return frozenset(card.role.value for card in keys.own_identities())


def first_run_needed() -> bool:
    """True when this home has no identity of its own yet (a damaged card is not a reason to
    start over: the Keys page shows it)."""
    try:
        return not keys.own_identities()
    except WorkbenchError:
        return False


def look_alike_identity(role: Role | str, name: str, email: str = "") -> IdentityCard | None:
    """An identity of yours with this role and the same name or email, if there is one."""
    return keys.look_alike_identity(Role(role), name, email)


def create_identity(role: Role | str, name: str, email: str = "",
                    another: bool = False) -> IdentityCard:
    """New keys for `role`; a look-alike of an identity you have is refused unless `another`."""
    return keys.create_identity(Role(role), name, email, another)


# -- contacts ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Contact:
    """Another party's card, and whether the user compared its fingerprint with them."""

    card: IdentityCard
    verified: Verification | None


def contacts() -> list[Contact]:
    return [Contact(card, keys.verification(card.fingerprint)) for card in keys.contacts()]


def verification(fingerprint: str) -> Verification | None:
    return keys.verification(fingerprint)


@dataclass(frozen=True)
class CardPreview:
    """A card about to be imported: the known parties it claims to be (then importing it
    replaces theirs, and only with the fingerprint checked)."""

    card: IdentityCard
    replaces: tuple[IdentityCard, ...]


def preview_card(path: Path) -> CardPreview:
    """Read and verify a card before anyone is asked about it. A card of your own, one that
    claims to be one of your identities, or one with a word spelt in two alphabets, is refused
    here, saying why."""
    card = keys.read_card(Path(path))
    known = keys.lookalikes(card)
    own = {c.fingerprint for c in keys.own_identities()}
    if card.fingerprint in own or any(c.fingerprint in own for c in known):
        keys.import_contact(Path(path))  # refuses, with the reason
        raise coded(BadInputError, "identity.own-card", card.label())
    keys.check_plain_name(card, known)  # a name spelt in two alphabets is never offered
    return CardPreview(card, tuple(known))


def import_contact(path: Path, replace: bool = False,
                   fingerprint: str | None = None) -> Contact:
    """Import a card, verified only if `fingerprint` (what its owner read out) matches it;
    replacing a known party's card needs `replace` and the fingerprint."""
    card = keys.import_contact(Path(path), replace=replace, fingerprint=fingerprint)
    return Contact(card, keys.verification(card.fingerprint))


def verify_contact(ref: str, typed: str) -> tuple[IdentityCard, Verification]:
    """Mark the contact `ref` names (fingerprint, name or email) verified, if `typed` matches
    its fingerprint; refused (`FingerprintMismatch`) if not."""
    return keys.verify_contact(ref, typed)


def read_card(path: Path) -> IdentityCard:
    """A card file, its self-signature verified (nothing is imported)."""
    return keys.read_card(Path(path))


@dataclass(frozen=True)
class FingerprintMatch:
    """What the user typed against a card: "empty", "matches" (with `compared`: "full" or
    "last-N"), "differs", or "unusable" (not hex digits, or too few to tell)."""

    outcome: str
    compared: str = ""

    @property
    def matches(self) -> bool:
        return self.outcome == "matches"


def check_fingerprint(card: IdentityCard, typed: str) -> FingerprintMatch:
    """Compare as the user types, without marking anything."""
    if not typed.strip():
        return FingerprintMatch("empty")
    try:
        return FingerprintMatch("matches", keys.compare_fingerprint(card, typed))
    except FingerprintMismatch:
        return FingerprintMatch("differs")
    except WorkbenchError:
        return FingerprintMatch("unusable")


# -- cards on disk -------------------------------------------------------------------------------

def card_file_name(card: IdentityCard) -> str:
    """A portable file name for the card (names may hold any character)."""
    safe = re.sub(r'[\\/:*?"<>|\s]+', "-", card.name).strip("-") or "identity"
    return f"{safe}-{card.role}{CARD_SUFFIX}"


def card_text(ref: str) -> str:
    """The public card of your identity `ref` names, as the text of its file."""
    card = keys.find_card(ref, keys.own_identities())
    return keys.card_bytes(card).decode("utf-8")


def export_card(card: IdentityCard, target: Path) -> Path:
    """Save the public card (no secrets: readable by others) as a .wbid.json file; the
    suffix is added when missing. Returns where it was saved."""
    target = Path(target)
    if not target.name.endswith(CARD_SUFFIX):
        target = target.with_name(target.name.removesuffix(".json") + CARD_SUFFIX)
    try:
        atomic_write(target, keys.card_bytes(card), mode=0o644)
    except OSError as exc:
        raise coded(BadInputError, "identity.cannot-save-card", target,
                    os_reason(exc)) from exc
    return target


# -- the key store -------------------------------------------------------------------------------

@dataclass(frozen=True)
class KeyStore:
    """Where private keys are kept. `fallback` is the passphrase file nobody chose (no system
    keyring here): the front ends warn while it holds. `move_target` is the other store the
    keys can move to ("file", "keyring"), or None."""

    kind: str  # "keyring" or "file"
    description: str
    backend_name: str
    path: Path | None  # the passphrase file
    secure: bool
    chosen: bool
    fallback: bool
    file_exists: bool
    keyring_available: bool
    move_target: str | None

    @property
    def where(self) -> str:
        return str(self.path) if self.path is not None else self.description


def key_store() -> KeyStore:
    """The store this home uses now (WORKBENCH_HOME and the keyring may change meanwhile)."""
    store = secrets_store.secret_store()
    keyring_here = secrets_store.keyring_available()
    path = getattr(store, "path", None)
    path = Path(path) if path is not None else None
    if store.kind == "keyring":
        target: str | None = "file"
    else:
        target = "keyring" if keyring_here else None
    return KeyStore(kind=store.kind, description=store.description,
                    backend_name=store.backend_name, path=path, secure=store.secure,
                    chosen=store.chosen, fallback=store.warns,
                    file_exists=path is not None and path.exists(),
                    keyring_available=keyring_here, move_target=target)


def keyring_available() -> bool:
    """Whether a system keyring works here (whichever store this home uses now)."""
    return secrets_store.keyring_available()


def key_store_line() -> str:
    """One line for `keys list`: the store, and whether it was chosen or fallen back to."""
    try:
        store = secrets_store.secret_store()
    except WorkbenchError as err:
        return t("keystore.unavailable", reason=err)
    how = t("keystore.chosen" if store.chosen else "keystore.automatic" if store.secure
            else "keystore.fallback")
    return t("keystore.line", store=store.description, how=how)


def fallback_warning() -> str | None:
    """The "no system keyring" warning when it is due (an automatic fall-back, once per
    login session), else None."""
    if secrets_store.secret_store().secure or not secrets_store.fallback_warning_due():
        return None
    return secrets_store.fallback_warning()


def uses_passphrase() -> bool:
    """Whether the keys are in the passphrase file (so a prompt may be needed)."""
    return not secrets_store.secret_store().secure


def move_key_store(target: str) -> Moved:
    """Move every private key of this home to "keyring" or "file", losing nothing."""
    return keys.move_key_store(target)


def set_passphrase_prompt(prompt: PassphrasePrompt | None) -> None:
    """How the passphrase file asks (a dialog, a terminal prompt), from any thread."""
    secrets_store.set_passphrase_prompt(prompt)


def passphrase_weakness(passphrase: str) -> str | None:
    """"short", "guessable" or None: the one rule for every new passphrase."""
    return secrets_store.passphrase_weakness(passphrase)


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is refused (one sentence in the user's language), or None."""
    return secrets_store.passphrase_problem(passphrase)


def passphrase_cancelled() -> SecretStoreError:
    """The error a prompt raises when the user declines to give the passphrase."""
    return coded(SecretStoreError, "keystore.cancelled")


def passphrase_unavailable() -> SecretStoreError:
    """The error a prompt raises when it cannot ask now (its window is gone)."""
    return coded(SecretStoreError, "keystore.cannot-ask")
