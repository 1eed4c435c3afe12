"""Look-alike names and emails (red team: an Armenian "ո" and a Cyrillic "Н" got past the
hand-made table): one fold on Unicode's TR39 confusables, used when a card is imported next to
the known ones and when HR is shown whom a package will be readable by."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.parties import home
from workbench.core.services import identities
from workbench.core.trust import keys
from workbench.core.trust.lookalike import alike, mixed_word

# (real name, what an attacker names their own key)
ATTACKS = [
    ("HR Team", "\u041dR Team"),                       # Cyrillic capital En for H
    ("Payments AI team", "Payme\u0578ts AI team"),    # Armenian vo for n
    ("Payments AI team", "P\u0430yments AI team"),    # Cyrillic a
    ("Payments AI team", "\u03a1ayments AI team"),    # Greek capital Rho for P
    ("Payments AI team", "Paymen\u0442s AI team"),    # Cyrillic small te (a capital T's twin)
    ("Payments AI team", "Ｐａｙｍｅｎｔｓ AI team"),       # full-width letters
    ("Payments AI team", "Pay\u200dments AI team"),   # a zero-width joiner inside
    ("Payments AI team", "Payrnents AI team"),        # "rn" drawn as "m"
    ("Payments AI team", "Payments Al team"),         # small L for capital i
    ("Payments AI team", "payments ai TEAM"),         # case only
    ("HR Team", "HR_Team"),                           # a separator for the space
    ("HR Team", "H R\u3000Team"),                     # an ideographic space
    ("Oliver", "0liver"),                             # a zero for O
    ("陈静", "陈\u200b静"),                              # a zero-width space in a Chinese name
    ("hr@xinghe.example.com", "HR@xinghe.example.com"),
    ("hr@xinghe.example.com", "hr@xingh\u0435.example.com"),  # Cyrillic e in the domain
    ("hr@xinghe.example.com", "hr@xinghe-example.com"),
]

# Different people whose names must not be taken for one another.
HONEST = [
    ("陈静", "王芳"),
    ("王芳", "王方"),        # one character differs: two people, not a look-alike
    ("陈静 Jing Chen", "陈静 Jing Chan"),
    ("Anna", "Anne"),
    ("ivan", "lvan"),       # small i and small L look different; only capital I is like l
    ("Chen", "Chén"),       # an accent is a different name, not a trick
    ("a@bc.example", "ab@c.example"),  # the "@" is kept where it is
    ("", ""),               # no name is nobody's
]


@pytest.mark.parametrize(("real", "fake"), ATTACKS)
def test_an_attackers_spelling_of_a_known_name_looks_alike(real: str, fake: str):
    assert fake != real
    assert alike(real, fake) and alike(fake, real)


@pytest.mark.parametrize(("one", "other"), HONEST)
def test_different_names_do_not_look_alike(one: str, other: str):
    assert not alike(one, other)


def test_li_na_and_lina_look_alike_as_spaces_are_folded():
    """Decided: spaces are dropped ("HR Team" / "HRTeam" is a forgery's trick), so two people
    named "Li Na" and "Lina" with the same role look alike; the second is told so on import and
    can be told apart by a longer name ("Li Na (Finance)")."""
    assert alike("Li Na", "Lina")
    assert not alike("Li Na (Finance)", "Lina")


@pytest.mark.parametrize(("text", "word"), [
    ("Payme\u0578ts AI team", "Payme\u0578ts"),   # Latin and Armenian
    ("\u041dR Team", "\u041dR"),                   # Latin and Cyrillic
    ("\u0396eus", "\u0396eus"),                     # Greek and Latin
    ("hr@x\u0456nghe.example.com", "x\u0456nghe"),  # Cyrillic i in an email
])
def test_a_word_spelt_in_two_alphabets_is_named(text: str, word: str):
    assert mixed_word(text) == word


@pytest.mark.parametrize("text", [
    "陈静", "陈静 Jing Chen", "陈静Jing", "卡拉OK", "山田 太郎", "김민준 Kim", "Νίκος Παπαδόπουλος",
    "Иван Петров", "Ivan Петров", "Zoë O'Brien-Smith", "jing.chen@xinghe.example.com", "",
])
def test_honest_names_in_one_alphabet_a_word_or_beside_chinese_are_fine(text: str):
    assert mixed_word(text) == ""


def card_file(tmp_path: Path, folder: str, name: str, email: str = "",
              role: keys.Role = keys.Role.HR) -> Path:
    """A card made in another home, saved where this home can import it."""
    with home(tmp_path / folder):
        card = keys.create_identity(role, name, email)
    path = tmp_path / f"{folder}.wbid.json"
    path.write_bytes(keys.card_bytes(card))
    return path


def test_a_card_named_like_the_known_hr_with_a_cyrillic_letter_is_refused(tmp_path: Path):
    """Red team: "НR Team" (Cyrillic Н) was imported beside the real "HR Team" without a word,
    and a package "countersigned" with it opened."""
    real = card_file(tmp_path, "hr", "HR Team")
    fake = card_file(tmp_path, "fake", "\u041dR Team")
    keys.create_identity(keys.Role.RECIPIENT, "Payments AI team")
    known = keys.import_contact(real)
    with pytest.raises(keys.LookalikeCard) as refused:
        keys.import_contact(fake)
    message = str(refused.value)
    assert refused.value.known == known
    assert "looks like your contact HR Team" in message and '"\u041dR" mixes' in message
    # The Keys page refuses it before asking anything.
    with pytest.raises(keys.LookalikeCard):
        identities.preview_card(fake)
    # Even "replacing" with its own fingerprint typed: a forged name is never taken in.
    with pytest.raises(keys.LookalikeCard):
        keys.import_contact(fake, replace=True, fingerprint=keys.read_card(fake).fingerprint)
    assert keys.contacts() == [known]


def test_a_look_alike_in_one_alphabet_is_offered_only_as_replacing_the_known_card(
        tmp_path: Path):
    """"АСМЕ HR" in Cyrillic capitals has no mixed word: the fold alone sees it."""
    known = keys.import_contact(card_file(tmp_path, "real", "ACME HR"))
    fake = card_file(tmp_path, "fake", "\u0410\u0421\u041c\u0415 HR")
    assert identities.preview_card(fake).replaces == (known,)  # the Keys page's warning
    with pytest.raises(keys.LookalikeCard, match="pretending to be them"):
        keys.import_contact(fake)
    assert keys.contacts() == [known]


@pytest.mark.parametrize(("real", "fake"), [
    ("HR Team", "\u041dR Team"),             # Cyrillic capital En for H
    ("ACME HR", "\u0410\u0421\u041c\u0415 HR"),  # a word all Cyrillic: no mixed word to see
    ("HR Team", "ＨＲ Team"),
    ("HR Team", "HR\u200dTeam"),
    ("Payments AI team", "Payme\u0578ts AI team"),
    ("Payments AI team", "Payrnents AI team"),
])
def test_a_card_with_a_look_alike_name_of_a_known_contact_is_refused(tmp_path: Path,
                                                                     real: str, fake: str):
    known = keys.import_contact(card_file(tmp_path, "real", real))
    with pytest.raises(keys.LookalikeCard):
        keys.import_contact(card_file(tmp_path, "fake", fake))
    assert keys.contacts() == [known]


def test_a_card_with_a_look_alike_email_is_refused_whatever_its_role(tmp_path: Path):
    known = keys.import_contact(card_file(tmp_path, "hr", "HR Team", "hr@xinghe.example.com"))
    with pytest.raises(keys.LookalikeCard):
        keys.import_contact(card_file(tmp_path, "fake", "Someone", "hr@xingh\u0435.example.com",
                                      keys.Role.RECIPIENT))
    assert keys.contacts() == [known]


def test_a_card_with_a_word_in_two_alphabets_is_refused_even_with_nobody_to_copy(
        tmp_path: Path):
    """HR does not know "Payroll team" yet: its forgery still shows by its mixed word."""
    fake = card_file(tmp_path, "fake", "P\u0430yroll team")
    with pytest.raises(keys.MixedScriptCard) as refused:
        identities.preview_card(fake)
    assert "P\u0430yroll" in str(refused.value) and "one alphabet" in str(refused.value)
    with pytest.raises(keys.MixedScriptCard):
        keys.import_contact(fake)
    assert keys.contacts() == []


@pytest.mark.parametrize(("first", "second"), [
    ("陈静", "王芳"), ("王芳", "王方"), ("陈静 Jing Chen", "王芳 Fang Wang"), ("Anna", "Anne"),
])
def test_honest_contacts_with_different_names_are_both_imported(tmp_path: Path, first: str,
                                                                second: str):
    one = keys.import_contact(card_file(tmp_path, "one", first))
    other = keys.import_contact(card_file(tmp_path, "other", second))
    assert sorted(c.fingerprint for c in keys.contacts()) == sorted(
        (one.fingerprint, other.fingerprint))


def test_a_second_identity_of_your_own_with_a_look_alike_name_asks_first():
    mine = keys.create_identity(keys.Role.HR, "HR Team")
    assert keys.look_alike_identity(keys.Role.HR, "\u041dR Team") == mine
    with pytest.raises(keys.DuplicateIdentity):
        keys.create_identity(keys.Role.HR, "\u041dR Team")
    assert keys.look_alike_identity(keys.Role.HR, "Payroll") is None


def test_keys_import_on_the_command_line_says_whom_the_card_looks_like(tmp_path: Path, capsys):
    from tests.test_cli import run

    keys.import_contact(card_file(tmp_path, "hr", "HR Team", "hr@xinghe.example.com"))
    fake = card_file(tmp_path, "fake", "\u041dR Team", "hr-team@xinghe.example.com")
    code, _, err = run(capsys, "keys", "import", fake)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "looks like your contact HR Team" in err and "Not imported" in err
    code, _, err = run(capsys, "keys", "import", fake, "--replace", "--fingerprint",
                       keys.read_card(fake).fingerprint)
    assert code == 1 and "looks like your contact HR Team" in err
    assert [c.name for c in keys.contacts()] == ["HR Team"]


@pytest.mark.parametrize("invisible", ["\u034f", "\ufe0f", "\U000e0100", "\u180b"])
def test_a_mark_that_draws_nothing_neither_hides_a_look_alike_nor_stays_invisible(
        tmp_path: Path, invisible: str):
    """Red team: the combining grapheme joiner and variation selectors are combining marks,
    not format characters; "HR Te\\u034fam" drew as "HR Team" and imported as a new party."""
    from tests.core.test_contact_verification import other_party
    from workbench.core.display import visible

    assert alike("HR Team", f"HR Te{invisible}am")
    assert invisible not in visible(f"HR Te{invisible}am")
    real = other_party(tmp_path, "hr", name="HR Team", email="hr@xinghe.example.com")
    keys.import_contact(real, fingerprint=keys.read_card(real).short)
    fake = other_party(tmp_path, "impostor", name=f"HR Te{invisible}am",
                       email=f"hr@xinghe.exa{invisible}mple.com")
    with pytest.raises(keys.LookalikeCard):
        keys.import_contact(fake)
