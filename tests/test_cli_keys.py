"""The key store on the command line: which store `keys list` names, the fall-back warning
(once per session, never for a chosen file store), and `keys move-to`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REAL_KEYRING, TEST_PASSPHRASE
from workbench.cli import main
from workbench.core.trust import sealing, secrets_store


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def no_system_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # the memory_keyring fixture restores the previous
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", TEST_PASSPHRASE)
    secrets_store.forget_stores()


def test_keys_list_names_the_keyring_backend(capsys, memory_keyring):
    code, out, _ = run(capsys, "keys", "list")
    name = secrets_store.backend_name(memory_keyring)
    assert code == 0 and f"Key store: system keyring ({name}) [automatic]" in out


def test_keys_list_names_the_file_store_and_why(capsys, no_system_keyring):
    code, out, _ = run(capsys, "keys", "list")
    assert code == 0 and "Key store: passphrase-protected file" in out
    assert "[automatic fall-back: no system keyring]" in out


def test_an_automatic_fall_back_warns_once_per_session(tmp_path: Path, capsys,
                                                       no_system_keyring):
    code, _, err = run(capsys, "init", tmp_path / "a", "--name", "李娜")
    assert code == 0 and "warning: no system keyring is available" in err
    secrets_store.forget_stores()
    sealing.forget_keys()
    # The next command of the same session (a new process in real life) stays quiet.
    code, _, err = run(capsys, "status", tmp_path / "a")
    assert code == 0 and "no system keyring" not in err
    # Another session is warned again.
    marker = secrets_store.data_dir().parent / "cache" / secrets_store.WARNED_FILE
    marker.write_text("another session")
    secrets_store.forget_stores()
    code, _, err = run(capsys, "status", tmp_path / "a")
    assert code == 0 and "warning: no system keyring is available" in err


def test_a_chosen_file_store_never_warns(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_KEYRING", "file")
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", TEST_PASSPHRASE)
    secrets_store.forget_stores()
    code, _, err = run(capsys, "init", tmp_path / "a", "--name", "李娜")
    assert code == 0 and "no system keyring" not in err
    code, out, _ = run(capsys, "keys", "list")
    assert "[chosen]" in out


def test_moving_the_fall_back_to_file_makes_it_a_choice(tmp_path: Path, capsys,
                                                        no_system_keyring):
    run(capsys, "init", tmp_path / "a", "--name", "李娜")
    code, out, _ = run(capsys, "keys", "move-to", "file")
    assert code == 0 and "Moved 0 private keys" in out
    (secrets_store.data_dir().parent / "cache" / secrets_store.WARNED_FILE).unlink()
    secrets_store.forget_stores()
    sealing.forget_keys()
    code, _, err = run(capsys, "status", tmp_path / "a")
    assert code == 0 and "no system keyring" not in err


def test_move_to_file_and_back_from_the_command_line(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", TEST_PASSPHRASE)
    run(capsys, "keys", "new", "--role", "employee", "--name", "李娜")
    run(capsys, "init", tmp_path / "ws", "--name", "李娜")
    code, out, _ = run(capsys, "keys", "move-to", "file")
    assert code == 0 and "Moved 3 private keys to the passphrase-protected file" in out
    secrets_store.forget_stores()
    sealing.forget_keys()
    code, out, _ = run(capsys, "status", tmp_path / "ws")
    assert code == 0 and "李娜" in out
    code, out, _ = run(capsys, "keys", "move-to", "keyring")
    assert code == 0 and "Moved 3 private keys to the system keyring" in out
    secrets_store.forget_stores()
    sealing.forget_keys()
    code, out, _ = run(capsys, "status", tmp_path / "ws")
    assert code == 0 and "李娜" in out
    code, _, err = run(capsys, "keys", "move-to", "keyring")
    assert code == 2 and "already" in err


def test_a_weak_passphrase_from_the_environment_exits_2(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_KEYRING", "file")
    monkeypatch.setenv("WORKBENCH_PASSPHRASE", "a")
    secrets_store.forget_stores()
    code, _, err = run(capsys, "init", tmp_path / "ws", "--name", "李娜")
    assert code == 2 and "passphrase is too short" in err
    assert not (tmp_path / "ws").exists()


@pytest.mark.skipif(not REAL_KEYRING, reason="needs a real Secret Service "
                    "(WORKBENCH_TEST_KEYRING=system, as .ci/run sets under gnome-keyring)")
def test_keys_list_names_the_secret_service_in_a_new_process(tmp_path: Path):
    result = subprocess.run([sys.executable, "-m", "workbench", "keys", "list"],
                            env=dict(os.environ), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    print(result.stdout)
    assert "keyring.backends.SecretService.Keyring" in result.stdout


# -- contacts: the verified mark (issue 17 item 9) ----------------------------------------------


def hr_card_file(tmp_path: Path) -> tuple[Path, str, str]:
    """HR's card made in HR's own home: (its file, its fingerprint, its spaced form)."""
    from workbench.core.paths import using_home
    from workbench.core.trust import keys

    with using_home(tmp_path / "hr-home"):
        card = keys.create_identity(keys.Role.HR, "陈静", "hr@xinghe.example.com")
    path = tmp_path / "hr.wbid.json"
    path.write_bytes(keys.card_bytes(card))
    return path, card.fingerprint, card.short


def test_keys_import_without_the_fingerprint_is_listed_not_verified(tmp_path: Path, capsys):
    import json

    path, fingerprint, short = hr_card_file(tmp_path)
    code, out, _ = run(capsys, "keys", "import", path)
    assert code == 0 and "NOT VERIFIED" in out and "keys verify" in out
    code, out, _ = run(capsys, "keys", "list")
    line = next(row for row in out.splitlines() if row.startswith("contact"))
    assert short in line and line.endswith("NOT VERIFIED")
    assert "compare its fingerprint with them" in out
    code, out, _ = run(capsys, "keys", "list", "--format", "json")
    (row,) = json.loads(out)
    assert (row["fingerprint"], row["verified"], row["verified_at"]) == (fingerprint, False, None)

    code, _, err = run(capsys, "keys", "verify", "陈静", "--fingerprint", "0000 " * 4)
    assert code == 1 and "Nothing was marked verified" in err
    code, out, _ = run(capsys, "keys", "verify", "陈静", "--fingerprint",
                       " ".join(short.split()[-4:]).upper())
    assert code == 0 and "its last 16 digits" in out
    code, out, _ = run(capsys, "keys", "list", "--format", "json")
    (row,) = json.loads(out)
    assert row["verified"] is True and row["verified_at"].endswith("Z")
    code, out, _ = run(capsys, "keys", "list")
    assert "NOT VERIFIED" not in out and f"verified {row['verified_at'][:10]}" in out


def test_keys_import_with_a_wrong_fingerprint_imports_nothing(tmp_path: Path, capsys):
    path, _fingerprint, short = hr_card_file(tmp_path)
    code, _, err = run(capsys, "keys", "import", path, "--fingerprint", "1234 " * 8)
    assert code == 1 and "may not be theirs" in err
    code, out, _ = run(capsys, "keys", "list", "--format", "json")
    assert out.strip() == "[]"
    code, out, _ = run(capsys, "keys", "import", path, "--fingerprint", short)
    assert code == 0 and "verified — it matches" in out


def test_keys_import_speaks_chinese(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("WORKBENCH_LANG", "zh")
    path, _fingerprint, _short = hr_card_file(tmp_path)
    code, out, _ = run(capsys, "keys", "import", path)
    assert code == 0 and "未核对" in out and "已导入联系人" in out
    code, out, _ = run(capsys, "keys", "list")
    assert "未核对" in out and "请通过电话或当面与对方核对指纹" in out
    # The kind and role columns too (they stayed English: "contact   hr").
    assert any(row.startswith("联系人") and " 人事 " in row for row in out.splitlines())
    assert "contact" not in out and " hr " not in out


def test_keys_import_on_a_terminal_asks_and_enter_means_not_verified(tmp_path: Path, capsys,
                                                                     monkeypatch):
    from workbench.core.trust import keys

    path, fingerprint, short = hr_card_file(tmp_path)
    answers = iter(["", short.lower()])
    prompts: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: prompts.append(prompt) or next(answers))
    code, out, _ = run(capsys, "keys", "import", path)
    assert code == 0 and short in out and "NOT VERIFIED" in out
    assert "press Enter to import it NOT VERIFIED" in prompts[0]
    assert keys.verification(fingerprint) is None
    code, out, _ = run(capsys, "keys", "import", path)
    assert code == 0 and "verified — it matches" in out
    assert keys.verification(fingerprint) is not None


def test_end_of_input_at_a_prompt_is_bad_input_not_a_crash(tmp_path: Path, capsys, monkeypatch):
    """Ctrl-D at the fingerprint prompt: exit 2 with one line, nothing imported."""
    from workbench.core.trust import keys

    path, fingerprint, _short = hr_card_file(tmp_path)

    def closed(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", closed)
    code, _, err = run(capsys, "keys", "import", path)
    assert code == 2 and "end of input" in err and "Unexpected" not in err
    assert fingerprint not in {c.fingerprint for c in keys.contacts()}
