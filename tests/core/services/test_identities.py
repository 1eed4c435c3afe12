"""The identities service: choosing the local identity, contacts, cards, the key store."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.errors import BadInputError, RefusedError, WorkbenchError
from workbench.core.paths import using_home
from workbench.core.services import identities
from workbench.core.services.identities import Role
from workbench.core.trust import secrets_store


def test_the_only_identity_of_a_role_is_chosen():
    card = identities.create_identity(Role.RECIPIENT, "Payments AI team")
    identities.create_identity(Role.HR, "陈静")
    assert identities.choose_identity(Role.RECIPIENT) == card
    assert identities.choose_identity("recipient", required=False) == card


def test_an_ambiguous_identity_is_refused_not_guessed():
    first = identities.create_identity(Role.RECIPIENT, "Payments AI team")
    second = identities.create_identity(Role.RECIPIENT, "Risk team")
    with pytest.raises(BadInputError) as refused:
        identities.choose_identity(Role.RECIPIENT)
    assert refused.value.code == "identity.ambiguous"
    assert first.fingerprint[:16] in str(refused.value)
    assert second.fingerprint[:16] in str(refused.value)
    # Not even when an identity is merely wished for (checking a package): still refused.
    with pytest.raises(BadInputError, match="several"):
        identities.choose_identity(Role.RECIPIENT, required=False)
    # Naming one chooses it.
    assert identities.choose_identity(Role.RECIPIENT, second.fingerprint) == second


def test_no_identity_of_the_role_is_refused_only_when_required(monkeypatch):
    identities.create_identity(Role.EMPLOYEE, "李娜")
    assert identities.choose_identity(Role.RECIPIENT, required=False) is None
    with pytest.raises(RefusedError) as refused:
        identities.choose_identity(Role.RECIPIENT)
    assert refused.value.code == "identity.none"
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    assert "接收方" in str(refused.value)  # the role in words, in the reader's language


def test_a_card_round_trip_with_verification(tmp_path: Path):
    with using_home(tmp_path / "hr-home"):
        hr = identities.create_identity(Role.HR, "陈静", "hr@example.com")
        exported = identities.export_card(hr, tmp_path / "card")
    assert exported.name == "card.wbid.json"
    preview = identities.preview_card(exported)
    assert preview.card == hr and preview.replaces == ()
    assert not identities.check_fingerprint(hr, "").matches
    assert identities.check_fingerprint(hr, "12").outcome == "unusable"
    assert identities.check_fingerprint(hr, "0" * 32).outcome == "differs"
    assert identities.check_fingerprint(hr, hr.short).compared == "full"
    contact = identities.import_contact(exported)
    assert contact.verified is None
    assert [c.card for c in identities.contacts()] == [hr]
    card, mark = identities.verify_contact(hr.fingerprint, hr.fingerprint[-16:])
    assert card == hr and mark.compared == "last-16"
    assert identities.contacts()[0].verified == mark


def test_your_own_card_is_refused_as_a_contact(tmp_path: Path):
    mine = identities.create_identity(Role.EMPLOYEE, "李娜")
    path = identities.export_card(mine, tmp_path / "me.wbid.json")
    with pytest.raises(WorkbenchError, match="your own"):
        identities.preview_card(path)
    assert identities.contacts() == []


def test_the_fallback_is_flagged_and_a_chosen_file_is_not(monkeypatch):
    import keyring
    from keyring.backends import fail

    assert identities.key_store().kind == "keyring"
    assert not identities.key_store().fallback
    assert identities.key_store().move_target == "file"
    assert "[automatic]" in identities.key_store_line()
    keyring.set_keyring(fail.Keyring())  # no system keyring (the fixture restores it)
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", "ochre walrus juggles seventeen lanterns")
    secrets_store.forget_stores()
    store = identities.key_store()
    assert store.kind == "file" and store.fallback and not store.chosen
    assert store.move_target is None  # no keyring to move to
    assert "no system keyring" in identities.key_store_line()
    warning = identities.fallback_warning()
    assert warning is not None and str(store.path) in warning
    assert identities.fallback_warning() is None  # once per session
    monkeypatch.setenv("WORKBENCH_KEYRING", "file")
    secrets_store.forget_stores()
    chosen = identities.key_store()
    assert chosen.kind == "file" and chosen.chosen and not chosen.fallback
    assert "[chosen]" in identities.key_store_line()


def test_the_passphrase_rule_is_the_key_stores():
    assert identities.passphrase_weakness("short") == "short"
    assert identities.passphrase_problem("ochre walrus juggles seventeen lanterns") is None
    assert identities.passphrase_cancelled().code == "keystore.cancelled"
