"""Whom a package will be readable by, as the countersigner's home knows them (RT4).

The payload is encrypted to the keys the signed record lists (and to the employee's own).
Before HR countersigns, each recipient is shown with its name, email, key fingerprint and
whether that key is one of HR's contacts; a recipient that looks like a contact (the same
name or email up to case, spacing, invisible or confusable characters: `lookalike.alike`) but
has another key, an unknown one with a word spelt in two alphabets, or a contact's key under
another name or another encryption key, is refused: it is how an employee would slip in a
key of their own as "HR Team".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workbench.core.display import skeleton, visible
from workbench.core.errors import RefusedError, coded
from workbench.core.messages import Message
from workbench.core.trust import keys
from workbench.core.trust.lookalike import alike, mixed_word

# Statuses, most trusted first; the last four are refused.
VERIFIED = "verified"  # a known card whose fingerprint was checked with its owner
KNOWN = "known"  # a known card, never checked with its owner
UNKNOWN = "unknown"  # not a card this home knows
LOOK_ALIKE = "look-alike"  # not known, but named like a known card: another key
OTHER_NAME = "other-name"  # a known card's key under another name or email
OTHER_KEY = "other-key"  # a known card's fingerprint with another encryption key
MIXED_SCRIPTS = "mixed-scripts"  # not known, with a word of letters from two alphabets
REFUSED = (LOOK_ALIKE, OTHER_NAME, OTHER_KEY, MIXED_SCRIPTS)


def _same(one: str, other: str) -> bool:
    """The same name or email to a reader (two empty ones are the same)."""
    return alike(one, other) or (not skeleton(one) and not skeleton(other))


@dataclass(frozen=True)
class Reader:
    """One recipient of a package as HR's home sees it."""

    name: str  # as the signed record names it
    email: str  # as the record gives it, else the known card's ("" when neither)
    fingerprint: str
    status: str
    known_as: str = ""  # label of the known card the key is, or looks like; the mixed word

    @property
    def refused(self) -> bool:
        return self.status in REFUSED

    @property
    def known(self) -> bool:
        return self.status in (VERIFIED, KNOWN)

    def status_message(self) -> Message:
        """Whether the key is a known contact, in the reader's language."""
        return Message(f"readers.{self.status}", (visible(self.known_as),))

    def line(self) -> Message:
        """Name, email, fingerprint and status on one line."""
        return Message("readers.line", (visible(self.name), visible(self.email) or "—",
                                        keys_group(self.fingerprint), self.status_message()))

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "email": self.email, "fingerprint": self.fingerprint,
                "status": self.status, "known_as": self.known_as}


def keys_group(fingerprint: str) -> str:
    """A fingerprint in groups of four, as cards and the Keys page show it."""
    return " ".join(fingerprint[i:i + 4] for i in range(0, len(fingerprint), 4))


def readers(record: Mapping[str, Any],
            cards: Mapping[str, keys.IdentityCard] | None = None,
            verified: frozenset[str] | None = None) -> tuple[Reader, ...]:
    """Every recipient of the signed `record`, with what this home knows of its key."""
    cards = keys.known_cards() if cards is None else cards
    verified = keys.verified_fingerprints(cards.values()) if verified is None else verified
    found = []
    for entry in record.get("recipients", []):
        name, fingerprint = str(entry.get("name", "")), str(entry.get("fingerprint", ""))
        email = str(entry.get("email") or "")
        card = cards.get(fingerprint)
        if card is not None:
            email = email or card.email
            if not _same(name, card.name) or (entry.get("email") is not None
                                              and not _same(email, card.email)):
                status = OTHER_NAME
            elif str(entry.get("age", card.age)) != card.age:
                status = OTHER_KEY
            else:
                status = VERIFIED if fingerprint in verified else KNOWN
            found.append(Reader(name, email, fingerprint, status, card.label()))
            continue
        like = next((c for c in cards.values()
                     if alike(c.name, name) or alike(c.email, email)), None)
        # A word spelt in two alphabets ("Pаyments" with a Cyrillic а) is a forgery's mark
        # even when HR knows no card it copies.
        mixed = mixed_word(name) or mixed_word(email)
        status = LOOK_ALIKE if like else MIXED_SCRIPTS if mixed else UNKNOWN
        found.append(Reader(name, email, fingerprint, status, like.label() if like else mixed))
    return tuple(found)


def refusal(found: tuple[Reader, ...]) -> Message | None:
    """Why countersigning is refused because of a recipient (the first one), else None."""
    for reader in found:
        if reader.refused:
            return Message(f"countersign.reader-{reader.status}", (
                visible(reader.name), visible(reader.email) or "—",
                keys_group(reader.fingerprint)[:19], visible(reader.known_as)))
    return None


def refuse_look_alikes(found: tuple[Reader, ...], error: type[RefusedError]) -> None:
    """Raise `error` (coded) naming the first recipient that is refused."""
    why = refusal(found)
    if why is not None:
        raise coded(error, why.code, *why.args)
