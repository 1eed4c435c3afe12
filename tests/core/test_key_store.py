"""Key custody: concurrent writers lose nothing, the passphrase file's format and work factor,
the passphrase rule on every path, moving a home between stores, and the workspace lock."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REAL_KEYRING, TEST_PASSPHRASE
from workbench.core.errors import WorkspaceInUse
from workbench.core.pii.profile import SelfProfile
from workbench.core.trust import keys, sealing, secrets_store
from workbench.core.workspace import Workspace

WEAK = ["a", "password1234", "qwertyuiop123", "aaaaaaaaaaaaaaaa", "Password2024!", "123456789012"]


@pytest.fixture
def file_store(monkeypatch: pytest.MonkeyPatch, isolated_home: Path) -> Path:
    monkeypatch.setenv("WORKBENCH_KEYRING", "file")
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", TEST_PASSPHRASE)
    secrets_store.forget_stores()
    sealing.forget_keys()
    return isolated_home / "data" / secrets_store.FALLBACK_FILE


def run_children(script: str, count: int) -> list[str]:
    """`count` copies of `script` started together in this test's home; their outputs."""
    code = textwrap.dedent(script)
    children = [subprocess.Popen([sys.executable, "-c", code, str(i)], env=dict(os.environ),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for i in range(count)]
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
        outputs.append(out)
    return outputs


# -- concurrent writers --------------------------------------------------------------------

@pytest.mark.parametrize("store", ["file", "keyring"])
def test_concurrent_inits_in_one_home_keep_every_workspace_key(store: str, tmp_path: Path,
                                                               monkeypatch, isolated_home):
    """`workbench init wsA & workbench init wsB & …; wait`: every workspace opens after."""
    if store == "keyring" and not REAL_KEYRING:
        pytest.skip("child processes see the system keyring only when the tests run against "
                    "a real one (WORKBENCH_TEST_KEYRING=system, as .ci/run does)")
    if store == "file":
        monkeypatch.setenv("WORKBENCH_KEYRING", "file")
        monkeypatch.setenv("WORKBENCH_PASSPHRASE", TEST_PASSPHRASE)
        secrets_store.forget_stores()
    roots = [tmp_path / f"ws{i}" for i in range(4)]
    children = [subprocess.Popen([sys.executable, "-m", "workbench", "init", str(root),
                                  "--name", "李娜", "--timezone", "UTC"],
                                 env=dict(os.environ), stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for root in roots]
    for child in children:
        _out, err = child.communicate(timeout=300)
        assert child.returncode == 0, err
    for root in roots:
        with Workspace.open(root) as ws:
            assert ws.profile.name == "李娜"


def test_concurrent_identity_writers_lose_nothing(file_store: Path):
    # Each child creates three identities, one write each, all at the same time.
    outputs = run_children("""
        import sys
        from workbench.core.trust import keys
        for n in range(3):
            card = keys.create_identity(keys.Role.EMPLOYEE, f"p{sys.argv[1]}-{n}")
            print(card.fingerprint)
    """, 4)
    fingerprints = [line for out in outputs for line in out.split()]
    assert len(fingerprints) == 12
    secrets_store.forget_stores()
    for card in keys.own_identities():
        assert keys.LocalSigner(card).keyid == card.fingerprint
        assert str(keys.age_identity(card).to_public()) == card.age
    assert {c.fingerprint for c in keys.own_identities()} == set(fingerprints)


def test_a_store_read_before_another_process_wrote_does_not_erase_its_key(file_store: Path):
    """The open app saves a secret after a command-line `init`: the app's copy is stale."""
    store = secrets_store.secret_store()
    store.set("mine:1", b"first")  # this process has the file unlocked and in memory
    run_children("""
        from workbench.core.trust.secrets_store import secret_store
        secret_store().set("theirs:1", b"from another process")
    """, 1)
    assert store.get("theirs:1") == b"from another process"  # seen without a restart
    store.set("mine:2", b"second")
    secrets_store.forget_stores()
    fresh = secrets_store.secret_store()
    assert {n: fresh.get(n) for n in ("mine:1", "mine:2", "theirs:1")} == {
        "mine:1": b"first", "mine:2": b"second", "theirs:1": b"from another process"}


def test_the_file_is_replaced_atomically_and_stays_private(file_store: Path):
    store = secrets_store.secret_store()
    store.set("a", b"1")
    inode = file_store.stat().st_ino
    store.set("b", b"2")
    assert file_store.stat().st_ino != inode  # a new file renamed over the old one
    assert file_store.stat().st_mode & 0o777 == 0o600
    assert not list(file_store.parent.glob(".tmp-*"))


# -- the file's format and work factor -------------------------------------------------------

def test_the_default_work_factor_is_fixed_and_written_in_the_file(file_store: Path,
                                                                   monkeypatch):
    monkeypatch.delenv(secrets_store.TEST_WORK_FACTOR_ENV)
    secrets_store.secret_store().set("a", b"1")
    kdf = json.loads(file_store.read_bytes())["kdf"]
    assert (kdf["name"], kdf["log_n"], kdf["r"], kdf["p"]) == ("scrypt", 17, 8, 1)
    assert len(base64.b64decode(kdf["salt"])) == 16


def test_a_weaker_file_is_raised_to_the_default_on_its_next_write(file_store: Path,
                                                                  monkeypatch):
    secrets_store.secret_store().set("a", b"1")  # the tests' lower factor (2**10)
    salt = json.loads(file_store.read_bytes())["kdf"]["salt"]
    monkeypatch.setenv(secrets_store.TEST_WORK_FACTOR_ENV, "12")  # the default grew
    secrets_store.forget_stores()
    store = secrets_store.secret_store()
    assert store.get("a") == b"1"
    kdf = json.loads(file_store.read_bytes())["kdf"]
    assert kdf["log_n"] == 12 and kdf["salt"] != salt  # re-keyed with a new salt
    secrets_store.forget_stores()
    assert secrets_store.secret_store().get("a") == b"1"


def test_an_edited_header_does_not_decrypt(file_store: Path):
    secrets_store.secret_store().set("a", b"1")
    document = json.loads(file_store.read_bytes())
    document["kdf"]["log_n"] = 11  # an attacker lowering the stated cost
    file_store.write_text(json.dumps(document))
    secrets_store.forget_stores()
    with pytest.raises(secrets_store.WrongPassphrase):
        secrets_store.secret_store().get("a")


def test_an_age_passphrase_file_from_before_is_migrated_losing_nothing(file_store: Path):
    import pyrage

    old = {"ed25519:abc": base64.b64encode(b"k" * 32).decode(),
           "workspace:123": base64.b64encode(b"AGE-SECRET-KEY-1XYZ").decode()}
    file_store.parent.mkdir(parents=True, exist_ok=True)
    file_store.write_bytes(pyrage.passphrase.encrypt(json.dumps(old).encode(),
                                                     TEST_PASSPHRASE))
    store = secrets_store.secret_store()
    assert store.get("ed25519:abc") == b"k" * 32
    document = json.loads(file_store.read_bytes())  # rewritten in the current format
    assert document["format"] == secrets_store.FILE_FORMAT
    secrets_store.forget_stores()
    assert secrets_store.secret_store().get("workspace:123") == b"AGE-SECRET-KEY-1XYZ"


# -- the passphrase rule, on every path -----------------------------------------------------

@pytest.mark.parametrize("weak", WEAK)
def test_weak_passphrases_are_refused(weak: str):
    assert secrets_store.passphrase_problem(weak)


def test_strong_passphrases_pass():
    for strong in (TEST_PASSPHRASE, "demo: three parties, one laptop",
                   "我的猫叫豆豆，每天早上六点叫醒我"):
        assert secrets_store.passphrase_problem(strong) is None, strong


def test_the_rule_holds_for_the_environment_and_the_prompt(monkeypatch, isolated_home: Path):
    monkeypatch.setenv("WORKBENCH_KEYRING", "file")
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", "a")
    secrets_store.forget_stores()
    with pytest.raises(secrets_store.WeakPassphrase, match="too short"):
        keys.create_identity(keys.Role.EMPLOYEE, "李娜")
    monkeypatch.delenv("WORKBENCH_PASSPHRASE")
    secrets_store.set_passphrase_prompt(lambda creating: "password1234")
    try:
        with pytest.raises(secrets_store.WeakPassphrase, match="too easy to guess"):
            keys.create_identity(keys.Role.EMPLOYEE, "李娜")
    finally:
        secrets_store.set_passphrase_prompt(None)
    assert not (isolated_home / "data" / secrets_store.FALLBACK_FILE).exists()
    assert keys.own_identities() == []


def test_the_rule_speaks_chinese_when_the_locale_does(monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("WORKBENCH_LANG", raising=False)
    assert "口令太短" in str(secrets_store.passphrase_problem("a"))
    assert "口令太容易被猜中" in str(secrets_store.passphrase_problem("password1234"))


# -- moving a home between stores -------------------------------------------------------------

def make_home_content(tmp_path: Path) -> tuple[list[keys.IdentityCard], Path]:
    cards = [keys.create_identity(role, f"party {role}") for role in keys.Role]
    root = tmp_path / "ws"
    Workspace.create(root, SelfProfile("李娜"), "UTC").close()
    return cards, root


def check_home_content(cards: list[keys.IdentityCard], root: Path) -> None:
    secrets_store.forget_stores()
    sealing.forget_keys()
    for card in cards:
        card.public_key().verify(keys.LocalSigner(card).sign(b"x"), b"x")
        assert str(keys.age_identity(card).to_public()) == card.age
    with Workspace.open(root) as ws:
        assert ws.profile.name == "李娜"


def test_move_from_the_keyring_to_the_file_and_back_loses_nothing(tmp_path: Path, monkeypatch,
                                                                  memory_keyring):
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", TEST_PASSPHRASE)
    cards, root = make_home_content(tmp_path)
    assert secrets_store.secret_store().kind == "keyring"
    home = str(secrets_store.data_dir())

    moved = keys.move_key_store("file")
    assert moved.names == 7 and moved.target.kind == "file"  # 3 × 2 identity keys + 1
    assert secrets_store.home_choice() == "file"
    secrets_store.forget_stores()
    store = secrets_store.secret_store()
    assert store.kind == "file" and not store.warns  # chosen, so no fallback warning
    check_home_content(cards, root)
    # Nothing of this home is left in the keyring.
    for card in cards:
        assert memory_keyring.get_password(secrets_store.SERVICE,
                                           f"{home}::ed25519:{card.fingerprint}") is None

    moved = keys.move_key_store("keyring")
    assert moved.names == 7 and moved.target.kind == "keyring"
    assert not (secrets_store.data_dir() / secrets_store.FALLBACK_FILE).exists()
    check_home_content(cards, root)
    assert secrets_store.secret_store().kind == "keyring"


def test_moving_to_the_store_in_use_or_against_the_environment_is_refused(monkeypatch):
    # The keyring found automatically becomes the home's choice; then it is "already" there.
    assert keys.move_key_store("keyring").names == 0
    assert secrets_store.home_choice() == "keyring" and secrets_store.secret_store().chosen
    with pytest.raises(secrets_store.BadInputError, match="already"):
        keys.move_key_store("keyring")
    monkeypatch.setenv("WORKBENCH_KEYRING", "file")
    with pytest.raises(secrets_store.BadInputError, match="WORKBENCH_KEYRING=file"):
        keys.move_key_store("keyring")


def test_keys_from_before_the_index_are_found_by_their_cards(memory_keyring, monkeypatch):
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", TEST_PASSPHRASE)
    card = keys.create_identity(keys.Role.HR, "陈静")
    (secrets_store.data_dir() / secrets_store.INDEX_FILE).unlink()  # an older home
    keys.move_key_store("file")
    secrets_store.forget_stores()
    assert keys.LocalSigner(card).keyid == card.fingerprint


# -- the workspace lock ---------------------------------------------------------------------

def test_a_workspace_open_in_another_process_is_refused_with_a_clear_message(
        tmp_path: Path, shared_key_store):
    root = tmp_path / "ws"
    Workspace.create(root, SelfProfile("李娜"), "UTC").close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from workbench.core.workspace import Workspace
        with Workspace.open(Path({str(root)!r})):
            print("open", flush=True)
            sys.stdin.readline()
    """)], env=dict(os.environ), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(WorkspaceInUse, match="in use by another window or process"):
            Workspace.open(root)
        from workbench.cli import main

        assert main(["status", str(root)]) == 1
    finally:
        holder.communicate("\n", timeout=60)
    with Workspace.open(root) as ws:  # free again once the other process closed it
        assert ws.profile.name == "李娜"


def test_threads_of_one_process_share_the_workspace(workspace: Workspace):
    import concurrent.futures

    def read(_: int) -> str:
        with Workspace.open(workspace.root) as ws:
            return ws.profile.name

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        names = list(pool.map(read, range(8)))
    assert names == [workspace.profile.name] * 8


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path, shared_key_store):
    import signal

    root = tmp_path / "ws"
    Workspace.create(root, SelfProfile("李娜"), "UTC").close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from pathlib import Path
        from workbench.core.workspace import Workspace
        ws = Workspace.open(Path({str(root)!r}))
        print("open", flush=True)
        time.sleep(120)
    """)], env=dict(os.environ), stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "open"
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    with Workspace.open(root) as ws:
        assert ws.profile.name == "李娜"


def test_in_use_message_in_chinese(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    assert "正被另一个窗口或进程使用" in str(WorkspaceInUse(tmp_path))


def test_a_process_follows_a_move_made_by_another(memory_keyring, monkeypatch):
    """The app keeps its store open while a command moves the home's keys to the file."""
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", TEST_PASSPHRASE)
    card = keys.create_identity(keys.Role.EMPLOYEE, "李娜")
    assert secrets_store.secret_store().kind == "keyring"
    secrets_store.move_to("file", [f"ed25519:{card.fingerprint}", f"age:{card.fingerprint}"])
    # What another process's move leaves behind: the choice file. This process follows it.
    secrets_store._stores[str(secrets_store.data_dir())] = secrets_store.KeyringStore(
        memory_keyring)
    assert secrets_store.secret_store().kind == "file"
    assert keys.LocalSigner(card).keyid == card.fingerprint


def test_each_demo_run_gets_its_own_folder_and_a_demo_in_use_is_not_deleted(
        tmp_path: Path, shared_key_store):
    from workbench.core import demo

    first, second = demo.default_demo_dir(), demo.default_demo_dir()
    assert first != second and first.parent == second.parent
    layout = demo.DemoLayout(tmp_path / "demo")
    layout.root.mkdir()
    Workspace.create(layout.workspace, SelfProfile("李娜"), "UTC").close()
    with Workspace.open(layout.workspace):
        held = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
            from pathlib import Path
            from workbench.core import demo
            from workbench.core.errors import WorkspaceInUse
            try:
                demo.reset(Path({str(layout.root)!r}))
            except WorkspaceInUse as exc:
                print("refused:", exc)
        """)], env=dict(os.environ), capture_output=True, text=True, timeout=120)
    assert "refused: The workspace" in held.stdout, held.stderr
    assert (layout.workspace / "workspace.sqlite").exists()
    # Old runs nobody uses are cleared when the next run picks its folder.
    old = demo.DemoLayout(first.parent / "run-old")
    old.root.mkdir()
    Workspace.create(old.workspace, SelfProfile("李娜"), "UTC").close()
    demo.default_demo_dir()
    assert not old.root.exists()
