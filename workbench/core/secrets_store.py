"""Where private keys live: the OS keyring, or — when there is none — an age passphrase file.

Modelled on Vorta's keyring abstraction: a small interface, backends tried in order, and a
flag (`secure`) that tells the user interface to show a warning when the fallback is in use.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

from workbench.core.errors import BadInputError, WorkbenchError
from workbench.core.paths import data_dir

SERVICE = "consent-workbench"
# "file" forces the passphrase file even where a system keyring exists (demo, tests, and
# people who prefer it); anything else, or unset, uses the system keyring when there is one.
BACKEND_ENV = "WORKBENCH_KEYRING"
PASSPHRASE_ENV = "WORKBENCH_PASSPHRASE"
FALLBACK_FILE = "secrets.age"

# Asked for the passphrase when the fallback file must be opened; `creating` is True the
# first time, so the prompt can ask to confirm it.
PassphrasePrompt = Callable[[bool], str]


class SecretStoreError(WorkbenchError):
    """The private keys cannot be read or written."""


class WrongPassphrase(SecretStoreError):
    def __init__(self) -> None:
        super().__init__("The passphrase is wrong: the private keys could not be unlocked.")


class SecretStore:
    """get/set/delete named secrets (bytes). `secure` is False for the passphrase fallback."""

    secure = True
    description = ""

    def get(self, name: str) -> bytes | None:
        raise NotImplementedError

    def set(self, name: str, value: bytes) -> None:
        raise NotImplementedError

    def delete(self, name: str) -> None:
        raise NotImplementedError

    def set_many(self, values: dict[str, bytes]) -> None:
        for name, value in values.items():
            self.set(name, value)


class KeyringStore(SecretStore):
    """The OS keyring (Secret Service, KWallet, macOS Keychain, Windows Credential Locker)."""

    def __init__(self, backend: object) -> None:
        self.backend = backend
        self.description = f"system keyring ({type(backend).__name__})"

    def _scope(self, name: str) -> str:
        # Several WORKBENCH_HOMEs (several parties on one machine) must not share entries.
        return f"{data_dir()}::{name}"

    def get(self, name: str) -> bytes | None:
        value = self.backend.get_password(SERVICE, self._scope(name))  # type: ignore[attr-defined]
        return base64.b64decode(value) if value is not None else None

    def set(self, name: str, value: bytes) -> None:
        self.backend.set_password(SERVICE, self._scope(name),  # type: ignore[attr-defined]
                                  base64.b64encode(value).decode())

    def delete(self, name: str) -> None:
        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            self.backend.delete_password(SERVICE, self._scope(name))  # type: ignore[attr-defined]


class PassphraseFileStore(SecretStore):
    """All secrets in one age passphrase-encrypted file (0600) under the data folder. The file
    is decrypted once per process and kept in memory; it is rewritten on every change."""

    secure = False

    def __init__(self, path: Path, prompt: PassphrasePrompt | None = None) -> None:
        self.path = path
        self.prompt = prompt
        self.description = f"passphrase-protected file {path}"
        self._passphrase: str | None = None
        self._secrets: dict[str, str] | None = None
        self._lock = threading.Lock()

    def _unlock(self) -> dict[str, str]:
        import pyrage

        if self._secrets is not None:
            return self._secrets
        creating = not self.path.exists()
        passphrase = self._ask(creating)
        if creating:
            self._secrets = {}
        else:
            try:
                plain = pyrage.passphrase.decrypt(self.path.read_bytes(), passphrase)
            except pyrage.DecryptError as exc:
                raise WrongPassphrase() from exc
            except OSError as exc:
                raise SecretStoreError(f"Cannot read {self.path}: {exc}") from exc
            self._secrets = json.loads(plain)
        self._passphrase = passphrase
        return self._secrets

    def _ask(self, creating: bool) -> str:
        passphrase = os.environ.get(PASSPHRASE_ENV)
        if not passphrase and self.prompt is not None:
            passphrase = self.prompt(creating)
        if not passphrase:
            raise SecretStoreError(
                "No system keyring is available, so private keys are kept in a passphrase-"
                f"protected file ({self.path}). Give the passphrase when asked, or set "
                f"{PASSPHRASE_ENV} for automation."
            )
        return passphrase

    def _save(self) -> None:
        import pyrage

        from workbench.core.atomic import atomic_write

        assert self._secrets is not None and self._passphrase is not None
        plain = json.dumps(self._secrets, sort_keys=True).encode()
        atomic_write(self.path, pyrage.passphrase.encrypt(plain, self._passphrase))

    def get(self, name: str) -> bytes | None:
        with self._lock:
            value = self._unlock().get(name)
        return base64.b64decode(value) if value is not None else None

    def set(self, name: str, value: bytes) -> None:
        self.set_many({name: value})

    def set_many(self, values: dict[str, bytes]) -> None:
        # One rewrite for several secrets: each encryption costs a second of scrypt.
        with self._lock:
            secrets = self._unlock()
            for name, value in values.items():
                secrets[name] = base64.b64encode(value).decode()
            self._save()

    def delete(self, name: str) -> None:
        with self._lock:
            if self._unlock().pop(name, None) is not None:
                self._save()


_stores: dict[str, SecretStore] = {}
_prompt: PassphrasePrompt | None = None


def set_passphrase_prompt(prompt: PassphrasePrompt | None) -> None:
    """The GUI installs a dialog here, the CLI a terminal prompt."""
    global _prompt
    _prompt = prompt
    for store in _stores.values():
        if isinstance(store, PassphraseFileStore):
            store.prompt = prompt


def secret_store() -> SecretStore:
    """The store for the current WORKBENCH_HOME: the OS keyring when one works, else the
    passphrase file."""
    home = str(data_dir())
    if home not in _stores:
        backend = None if os.environ.get(BACKEND_ENV) == "file" else _usable_keyring()
        _stores[home] = (KeyringStore(backend) if backend is not None
                         else PassphraseFileStore(data_dir() / FALLBACK_FILE, _prompt))
    return _stores[home]


def forget_stores() -> None:
    """Drop unlocked stores (tests; switching WORKBENCH_HOME in one process)."""
    _stores.clear()


def _usable_keyring() -> object | None:
    import keyring
    from keyring.backends import chainer, fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return None
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return None
    if getattr(backend, "priority", 1) <= 0:
        return None
    return backend


def require(value: bytes | None, what: str) -> bytes:
    if value is None:
        raise BadInputError(f"The private key for {what} is missing from the key store.")
    return value
