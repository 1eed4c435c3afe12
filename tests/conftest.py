"""Shared test set-up: every test gets its own WORKBENCH_HOME and the sample fixtures."""

from __future__ import annotations

import contextlib
import io
import os
import socket
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def core_language_restored(monkeypatch: pytest.MonkeyPatch):
    """The app sets WORKBENCH_LANG when it installs a language: undo it after each test."""
    was = os.environ.get("WORKBENCH_LANG")
    monkeypatch.setenv("WORKBENCH_LANG", "en")  # records the value to restore, even none
    if was is None:
        monkeypatch.delenv("WORKBENCH_LANG")
    else:
        monkeypatch.setenv("WORKBENCH_LANG", was)


class NetworkAccess(AssertionError):
    """A test tried to reach the network; the app must never open an Internet socket."""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch):
    """Fail any test that connects an AF_INET/AF_INET6 socket or resolves a host name."""
    inet = (socket.AF_INET, socket.AF_INET6)

    def guard(original):
        def guarded(sock, *args, **kwargs):
            if sock.family in inet:
                raise NetworkAccess(f"network access attempted: {original.__name__}{args}")
            return original(sock, *args, **kwargs)
        return guarded

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, guard(getattr(socket.socket, name)))

    def no_lookup(*args, **kwargs):
        raise NetworkAccess(f"host name lookup attempted: {args}")

    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    monkeypatch.setattr(socket, "gethostbyname", no_lookup)


class MemoryKeyring:
    """A keyring backend that keeps secrets in memory: the "real keyring" path in tests."""

    priority = 1

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        import keyring.errors

        if self.items.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


# `WORKBENCH_TEST_KEYRING=system` (set by `.ci/run` under gnome-keyring): the tests keep their
# keys in the real system keyring (the Secret Service) instead of the in-memory one, and the
# tests that use a passphrase file for child processes use the keyring too.
REAL_KEYRING = os.environ.get("WORKBENCH_TEST_KEYRING") == "system"
# A strong passphrase (the key store refuses weak ones) for tests that use the file store.
TEST_PASSPHRASE = "ochre walrus juggles seventeen lanterns"


@pytest.fixture(autouse=True)
def fast_key_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """The passphrase file's scrypt at 2**10 instead of 2**17: tests unlock it hundreds of
    times (the real work factor has its own test)."""
    monkeypatch.setenv("WORKBENCH_TEST_SCRYPT_LOG_N", "10")


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch):
    """Every test gets an empty OS keyring of its own (and no unlocked fallback file); with
    WORKBENCH_TEST_KEYRING=system, the real system keyring, checked to be a Secret Service."""
    import keyring
    from keyring.backend import KeyringBackend

    from workbench.core.trust import sealing, secrets_store

    previous = keyring.get_keyring()
    if REAL_KEYRING:
        backend = previous
        name = secrets_store.backend_name(backend)
        if "SecretService" not in name:
            pytest.fail(f"WORKBENCH_TEST_KEYRING=system but the keyring is {name}")
    else:
        backend = type("TestKeyring", (MemoryKeyring, KeyringBackend), {})()
        keyring.set_keyring(backend)
    monkeypatch.delenv("WORKBENCH_KEYRING", raising=False)
    monkeypatch.delenv("WORKBENCH_PASSPHRASE", raising=False)
    secrets_store.forget_stores()
    sealing.forget_keys()
    yield backend
    secrets_store.forget_stores()
    sealing.forget_keys()
    keyring.set_keyring(previous)


def keyring_entries(backend: object) -> list[str]:
    """The entry names ("<home>::<secret>") the app keeps in this keyring backend: read from
    the memory keyring, or asked of the Secret Service over D-Bus."""
    from workbench.core.trust.secrets_store import SERVICE

    if isinstance(backend, MemoryKeyring):
        return [name for (service, name) in backend.items if service == SERVICE]
    import secretstorage

    with contextlib.closing(secretstorage.dbus_init()) as connection:
        collection = secretstorage.get_default_collection(connection)
        return [item.get_attributes()["username"]
                for item in collection.search_items({"service": SERVICE})]


@pytest.fixture
def shared_key_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """A key store child processes can read too: the passphrase file (they cannot see the
    in-memory test keyring), or the real system keyring when the tests run against it."""
    from workbench.core.trust import sealing, secrets_store

    if not REAL_KEYRING:
        monkeypatch.setenv("WORKBENCH_KEYRING", "file")
        monkeypatch.setenv("WORKBENCH_PASSPHRASE", TEST_PASSPHRASE)
    secrets_store.forget_stores()
    sealing.forget_keys()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def workspace(tmp_path: Path):
    from workbench.core.pii.profile import SelfProfile
    from workbench.core.workspace import Workspace

    profile = SelfProfile.from_file(FIXTURES / "self.json")
    ws = Workspace.create(tmp_path / "ws", profile, "Asia/Shanghai")
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def headless_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path, str]:
    """`workbench --verbose demo --headless`, run once: (exit code, its folder, what it
    printed), for the tests that check what the demo does and what it leaves on disk. Its
    log (debug lines too) is in `demo_log_file(root)`."""
    from workbench.cli import main
    from workbench.core.paths import using_home

    root = tmp_path_factory.mktemp("headless-demo") / "demo"
    out = io.StringIO()
    with using_home(root.parent / "home"), contextlib.redirect_stdout(out):
        code = main(["--verbose", "demo", "--headless", "--dir", str(root)])
    return code, root, out.getvalue()


def demo_log_file(root: Path) -> Path:
    """Where the `headless_demo` run wrote its log."""
    return root.parent / "home" / "data" / "logs" / "workbench.log"


@pytest.fixture
def zone():
    """Set this process's time zone (POSIX TZ strings need no tz database); put back after."""
    import os
    import time

    old = os.environ.get("TZ")

    def set_zone(tz: str) -> None:
        os.environ["TZ"] = tz
        time.tzset()

    yield set_zone
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()
