import base64
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from tests.conftest import TEST_PASSPHRASE, keyring_entries
from workbench.core.errors import WorkbenchError
from workbench.core.pii.profile import SelfProfile
from workbench.core.trust import keys, secrets_store
from workbench.core.workspace import Workspace


def test_new_identity_card_is_self_signed_with_design_fingerprint():
    import hashlib

    card = keys.create_identity(keys.Role.EMPLOYEE, "李娜", "lina.li@xinghe.example.com")
    raw = base64.b64decode(card.ed25519)
    assert card.fingerprint == hashlib.sha256(raw).digest()[:16].hex()
    assert card.age.startswith("age1")
    assert keys.IdentityCard.from_json(card.as_json()) == card
    assert keys.own_identities() == [card]


def test_private_keys_go_to_the_os_keyring(memory_keyring):
    card = keys.create_identity(keys.Role.HR, "陈静")
    home = str(secrets_store.data_dir())
    assert sorted(n.split("::")[1] for n in keyring_entries(memory_keyring)
                  if n.startswith(home + "::")) == [f"age:{card.fingerprint}",
                                                    f"ed25519:{card.fingerprint}"]
    assert secrets_store.secret_store().secure
    signer = keys.LocalSigner(card)
    card.public_key().verify(signer.sign(b"x"), b"x")
    assert str(keys.age_identity(card).to_public()) == card.age


@pytest.mark.parametrize("field", ["name", "role", "ed25519", "age", "email"])
def test_an_altered_card_is_refused(field: str, tmp_path: Path):
    card = keys.create_identity(keys.Role.RECIPIENT, "Payments AI team")
    data = card.as_json()
    other = keys.create_identity(keys.Role.HR, "Mallory")
    data[field] = {"name": "Evil", "role": "hr", "ed25519": other.ed25519, "age": other.age,
                   "email": "evil@example.com"}[field]
    path = tmp_path / "card.wbid.json"
    path.write_text(json.dumps(data))
    with pytest.raises(keys.KeyError_):
        keys.read_card(path)


def test_import_contact_and_find_by_name_prefix_or_fingerprint(tmp_path: Path):
    card = keys.create_identity(keys.Role.RECIPIENT, "Payments AI team")
    path = tmp_path / "r.wbid.json"
    path.write_bytes(keys.card_bytes(card))
    with pytest.raises(keys.KeyError_, match="one of your own identities"):
        keys.import_contact(path)
    (keys.data_dir() / "identities" / f"{card.fingerprint}.wbid.json").unlink()
    keys.import_contact(path)
    contacts = keys.contacts()
    assert keys.find_card("Payments", contacts) == card
    assert keys.find_card(card.fingerprint[:8], contacts) == card
    with pytest.raises(keys.KeyError_, match="role HR"):
        keys.find_card("Payments", contacts, keys.Role.HR, what="contact")


def test_fallback_file_when_no_keyring(monkeypatch, isolated_home: Path):
    monkeypatch.setenv("WORKBENCH_KEYRING", "file")
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", TEST_PASSPHRASE)
    secrets_store.forget_stores()
    card = keys.create_identity(keys.Role.EMPLOYEE, "李娜")
    store = secrets_store.secret_store()
    assert not store.secure
    path = isolated_home / "data" / "secrets.age"
    assert path.stat().st_mode & 0o777 == 0o600
    header = json.loads(path.read_bytes())
    assert header["format"] == "consent-workbench/keystore/v2"
    assert header["kdf"]["name"] == "scrypt" and header["cipher"] == "chacha20-poly1305"
    # A new process (forgotten store) with the wrong passphrase cannot unlock it.
    secrets_store.forget_stores()
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", "wrong")
    with pytest.raises(secrets_store.WrongPassphrase):
        keys.LocalSigner(card)
    secrets_store.forget_stores()
    monkeypatch.delenv("WORKBENCH_PASSPHRASE")
    with pytest.raises(WorkbenchError, match="WORKBENCH_PASSPHRASE"):
        keys.LocalSigner(card)
    secrets_store.set_passphrase_prompt(lambda creating: TEST_PASSPHRASE)
    try:
        assert keys.LocalSigner(card).keyid == card.fingerprint
    finally:
        secrets_store.set_passphrase_prompt(None)


def test_no_private_key_bytes_are_ever_on_disk_in_clear(monkeypatch, isolated_home: Path):
    monkeypatch.setenv("WORKBENCH_KEYRING", "file")
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", TEST_PASSPHRASE)
    secrets_store.forget_stores()
    cards = [keys.create_identity(role, f"party {role}") for role in keys.Role]
    forbidden: list[bytes] = []
    for card in cards:
        signer = keys.LocalSigner(card)
        raw = signer._key.private_bytes(serialization.Encoding.Raw,
                                        serialization.PrivateFormat.Raw,
                                        serialization.NoEncryption())
        age_secret = str(keys.age_identity(card)).encode()
        forbidden += [raw, base64.b64encode(raw), raw.hex().encode(), age_secret,
                      age_secret.lower()]
    # The workspace key too, with a workspace beside the keys.
    with Workspace.create(isolated_home / "ws", SelfProfile("李娜"), "UTC") as ws:
        workspace_secret = ws.key_for_child_process()[1].encode()
        forbidden += [workspace_secret, workspace_secret.lower()]
    files = [p for p in isolated_home.rglob("*") if p.is_file()]
    assert any(p.name == "workspace.sqlite" for p in files)
    assert files
    for path in files:
        data = path.read_bytes()
        for secret in forbidden:
            assert secret not in data, f"private key material in {path}"


def test_a_second_identity_with_the_same_role_and_name_or_email_needs_another():
    first = keys.create_identity(keys.Role.EMPLOYEE, "李娜", "same@xinghe.example.com")
    for name, email in (("李娜", ""), ("Lina Li", "SAME@xinghe.example.com")):
        with pytest.raises(keys.DuplicateIdentity, match="--another") as refused:
            keys.create_identity(keys.Role.EMPLOYEE, name, email)
        assert first.fingerprint[:16] in str(refused.value)
    assert [c.fingerprint for c in keys.own_identities()] == [first.fingerprint]
    # Another role may share the name; a second one on purpose is made.
    keys.create_identity(keys.Role.HR, "李娜", "same@xinghe.example.com")
    second = keys.create_identity(keys.Role.EMPLOYEE, "李娜", "same@xinghe.example.com",
                                  another=True)
    assert second.fingerprint != first.fingerprint and len(keys.own_identities()) == 3
