"""A contact's verified mark (issue 17 item 9): set only by typing the fingerprint its owner
read out, never by importing alone; a look-alike card for a known name is never taken in
silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.parties import home
from workbench.core import clock
from workbench.core.errors import BadInputError, RefusedError
from workbench.core.trust import keys


def other_party(tmp_path: Path, folder: str, role: keys.Role = keys.Role.HR,
                name: str = "陈静", email: str = "hr@xinghe.example.com") -> Path:
    """A card made in another home, saved where this home can import it."""
    with home(tmp_path / folder):
        card = keys.create_identity(role, name, email)
    path = tmp_path / f"{folder}.wbid.json"
    path.write_bytes(keys.card_bytes(card))
    return path


def test_importing_alone_never_marks_a_contact_verified(tmp_path: Path):
    path = other_party(tmp_path, "hr")
    card = keys.import_contact(path)
    assert keys.contacts() == [card]
    assert keys.verification(card.fingerprint) is None
    assert card.fingerprint not in keys.verified_fingerprints()
    # Importing the same card again (same key) changes nothing either.
    assert keys.import_contact(path) == card
    assert keys.verification(card.fingerprint) is None


@pytest.mark.parametrize("how", ["full", "spaced-upper", "last-groups", "dashed"])
def test_the_fingerprint_read_aloud_marks_it_verified(tmp_path: Path, how: str):
    path = other_party(tmp_path, "hr")
    fingerprint = keys.read_card(path).fingerprint
    typed = {"full": fingerprint,
             "spaced-upper": "  " + keys.read_card(path).short.upper() + "\n",
             "last-groups": " ".join(keys.read_card(path).short.split()[-4:]),
             "dashed": "-".join(keys.read_card(path).short.split())}[how]
    before = clock.now_utc().replace(microsecond=0)
    card = keys.import_contact(path, fingerprint=typed)
    mark = keys.verification(card.fingerprint)
    assert mark is not None and mark.fingerprint == card.fingerprint
    assert mark.compared == ("last-16" if how == "last-groups" else "full")
    assert before <= clock.parse_iso(mark.verified_at) <= clock.now_utc()
    assert mark.verified_at.endswith("Z")
    assert card.fingerprint in keys.verified_fingerprints()


def test_a_wrong_or_too_short_fingerprint_imports_nothing(tmp_path: Path):
    path = other_party(tmp_path, "hr")
    card = keys.read_card(path)
    wrong = card.fingerprint[:-1] + ("0" if card.fingerprint[-1] != "0" else "1")
    with pytest.raises(keys.FingerprintMismatch, match="may not be theirs"):
        keys.import_contact(path, fingerprint=wrong)
    with pytest.raises(BadInputError, match="at least the last 4 groups"):
        keys.import_contact(path, fingerprint=card.short[-9:])  # two groups: forgeable
    with pytest.raises(BadInputError, match="digits 0-9 and the letters a-f"):
        keys.import_contact(path, fingerprint="it matches")
    # The start of the fingerprint is not its end: a prefix never passes for the last groups.
    with pytest.raises(keys.FingerprintMismatch):
        keys.import_contact(path, fingerprint=card.fingerprint[:16])
    assert keys.contacts() == []


def test_verify_later_needs_the_matching_fingerprint(tmp_path: Path):
    card = keys.import_contact(other_party(tmp_path, "hr"))
    with pytest.raises(RefusedError, match="Nothing was marked verified"):
        keys.verify_contact("陈静", "0" * 32)
    assert keys.verification(card.fingerprint) is None
    found, mark = keys.verify_contact("陈静", card.short)
    assert found == card and keys.verification(card.fingerprint) == mark
    with pytest.raises(BadInputError, match="No contact matches 'Nobody'"):
        keys.verify_contact("Nobody", card.short)


def test_a_damaged_or_moved_mark_counts_as_not_verified(tmp_path: Path):
    first = keys.import_contact(other_party(tmp_path, "hr"))
    second = keys.import_contact(other_party(tmp_path, "rx", keys.Role.RECIPIENT, "Payments",
                                             ""))
    keys.verify_contact(first.fingerprint, first.fingerprint)
    marks = keys.verification(first.fingerprint)
    assert marks is not None
    folder = keys.data_dir() / "contacts"
    # A mark copied to vouch for another card names the wrong fingerprint: ignored.
    (folder / f"{second.fingerprint}.verified.json").write_bytes(
        (folder / f"{first.fingerprint}.verified.json").read_bytes())
    assert keys.verification(second.fingerprint) is None
    (folder / f"{first.fingerprint}.verified.json").write_text("{not json")
    assert keys.verification(first.fingerprint) is None
    (folder / f"{first.fingerprint}.verified.json").write_text(json.dumps(
        {**marks.as_json(), "verified_at": "yesterday"}))
    assert keys.verification(first.fingerprint) is None
    assert keys.verified_fingerprints() == frozenset()


def test_a_lookalike_card_for_a_known_name_is_refused_and_replaced_only_when_checked(
        tmp_path: Path):
    """The attacker's case: a card with HR's name and email but the attacker's key."""
    path = other_party(tmp_path, "hr")
    real = keys.import_contact(path, fingerprint=keys.read_card(path).short)
    fake_path = other_party(tmp_path, "impostor")
    fake = keys.read_card(fake_path)
    with pytest.raises(keys.LookalikeCard) as refused:
        keys.import_contact(fake_path)
    message = str(refused.value)
    assert "陈静 already has a different key" in message
    assert "someone pretending to be them" in message and "--replace" in message
    assert refused.value.known == real and refused.value.card == fake
    # Typing the impostor's own fingerprint does not get past the warning either.
    with pytest.raises(keys.LookalikeCard):
        keys.import_contact(fake_path, fingerprint=fake.fingerprint)
    # --replace without checking the new fingerprint with them: refused, nothing changed.
    with pytest.raises(BadInputError, match="check the new fingerprint with them"):
        keys.import_contact(fake_path, replace=True)
    with pytest.raises(keys.FingerprintMismatch):
        keys.import_contact(fake_path, replace=True, fingerprint=real.fingerprint)
    assert keys.contacts() == [real] and keys.verification(real.fingerprint) is not None
    # HR really made a new key and read it out: the old card and its mark go.
    keys.import_contact(fake_path, replace=True, fingerprint=fake.short)
    assert keys.contacts() == [fake]
    assert keys.verification(real.fingerprint) is None
    assert keys.verification(fake.fingerprint) is not None


def test_a_card_posing_as_one_of_your_own_identities_is_never_imported(tmp_path: Path):
    mine = keys.create_identity(keys.Role.HR, "陈静", "hr@xinghe.example.com")
    fake_path = other_party(tmp_path, "impostor")
    with pytest.raises(keys.LookalikeCard):
        keys.import_contact(fake_path, replace=True,
                            fingerprint=keys.read_card(fake_path).fingerprint)
    assert keys.contacts() == [] and keys.own_identities() == [mine]
    # Own identities are vouched for without a mark.
    assert keys.verified_fingerprints() == frozenset({mine.fingerprint})


@pytest.mark.parametrize(("name", "email"), [
    ("陈静\u3164", "hr@xinghe.example.com\u2800"),     # a Hangul filler, a blank Braille cell
    ("陈\u200b静", "other@evil.example"),               # a zero-width space inside the name
    ("陈静", "ｈｒ@xinghe.example.com"),                 # full-width letters in the address
    ("陈静\u3000", "other@evil.example"),               # an ideographic space after it
])
def test_a_lookalike_padded_with_invisible_or_full_width_characters_is_refused(
        tmp_path: Path, name: str, email: str):
    """Red team: invisible fillers and full-width letters made a card that looks like HR's
    pass the look-alike check; `keys list` showed the two the same."""
    from workbench.core.display import visible

    path = other_party(tmp_path, "hr")
    keys.import_contact(path, fingerprint=keys.read_card(path).short)
    fake_path = other_party(tmp_path, "impostor", name=name, email=email)
    with pytest.raises(keys.LookalikeCard):
        keys.import_contact(fake_path)
    assert visible(name) != name or name == "陈静"  # what is shown gives the padding away
