"""Where private keys live: the OS keyring, or a passphrase-encrypted file, and moving between.

Modelled on Vorta's keyring abstraction: a small interface, backends tried in order, and a
flag (`secure`) that tells the user interface to show a warning when the fallback is in use.
Several processes share one home (the app, the command line, the scan's child): every write
is a read-modify-write of the stored state under an exclusive file lock, replaced atomically,
so no process erases what another saved.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.core.errors import BadInputError, Problem, WorkbenchError, coded, reason_of

if TYPE_CHECKING:
    # Both load only when a key store is first used.
    from filelock import BaseFileLock
    from keyring.backend import KeyringBackend
from workbench.core.messages import Message, t
from workbench.core.paths import data_dir

log = logging.getLogger(__name__)

# Spelled out here because inside the store classes `set` is their method, not the builtin.
SecretNames = set[str]

SERVICE = "consent-workbench"
# "file" forces the passphrase file even where a system keyring exists (demo, tests, and
# people who prefer it); "keyring" insists on the system keyring; unset follows the home's
# choice (`keys move-to`), else the system keyring when there is one.
BACKEND_ENV = "WORKBENCH_KEYRING"
PASSPHRASE_ENV = "WORKBENCH_PASSPHRASE"
FALLBACK_FILE = "secrets.age"  # the name is historical: since format v2 it is not an age file
CHOICE_FILE = "keystore.json"  # {"backend": "file" | "keyring"}, written by `keys move-to`
INDEX_FILE = "keyring-index.json"  # names (never values) kept in the keyring, for moving
LOCK_FILE = "keystore.lock"
# Kept beside the keys but not keys (a copy of each workspace's ledger head): moved with them,
# never counted as private keys.
NOT_KEYS = ("ledger-head:",)

FILE_FORMAT = "consent-workbench/keystore/v2"
# The work factor of the passphrase file: scrypt N = 2**17, r = 8, p = 1 (128 MiB, about
# 0.4 s), OWASP's recommended minimum. Stored in the file; a file written with less is
# re-keyed with this on its next write.
SCRYPT_LOG_N = 17
SCRYPT_R = 8
SCRYPT_P = 1
# Tests only: a lower log2(N) so each test does not spend 0.4 s per unlock. Values above the
# default or below 10 are ignored.
TEST_WORK_FACTOR_ENV = "WORKBENCH_TEST_SCRYPT_LOG_N"
MIN_PASSPHRASE_LENGTH = 12
MIN_PASSPHRASE_SCORE = 3  # zxcvbn: 0 (too guessable) … 4 (very unguessable)
AGE_HEADER = b"age-encryption.org/v1\n"

# Asked for the passphrase when the fallback file must be opened; `creating` is True the
# first time, so the prompt can ask to confirm it.
PassphrasePrompt = Callable[[bool], str]


class SecretStoreError(WorkbenchError):
    """The private keys cannot be read or written."""


class WrongPassphrase(SecretStoreError):
    def __init__(self) -> None:
        super().__init__(t("keystore.wrong-passphrase", lang="en"),
                         code="keystore.wrong-passphrase")


class WeakPassphrase(BadInputError):
    """A new passphrase is too short or too easy to guess."""


# -- passphrase strength -------------------------------------------------------------------

def passphrase_weakness(passphrase: str) -> str | None:
    """"short", "guessable" (zxcvbn's estimate below MIN_PASSPHRASE_SCORE), or None: the one
    rule for every new passphrase (terminal prompt, WORKBENCH_PASSPHRASE, the app's dialog)."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return "short"
    from zxcvbn import zxcvbn

    # zxcvbn's cost grows with length; the first 100 characters decide well enough.
    result = zxcvbn(passphrase[:100], user_inputs=["consent", "workbench", "consent-workbench"])
    return "guessable" if result["score"] < MIN_PASSPHRASE_SCORE else None


def _weakness_message(weakness: str | None) -> Message | None:
    if weakness == "short":
        return Message("keystore.passphrase-short", (MIN_PASSPHRASE_LENGTH,))
    if weakness == "guessable":
        return Message("keystore.passphrase-guessable")
    return None


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is refused (one sentence in the user's language), or None when
    it is strong enough."""
    problem = _weakness_message(passphrase_weakness(passphrase))
    return problem.text() if problem else None


def check_new_passphrase(passphrase: str) -> None:
    problem = _weakness_message(passphrase_weakness(passphrase))
    if problem is not None:
        raise coded(WeakPassphrase, problem.code, *problem.args)


def work_factor() -> int:
    """log2(N) for new writes of the passphrase file."""
    value = os.environ.get(TEST_WORK_FACTOR_ENV, "")
    if value.isdigit() and 10 <= int(value) <= SCRYPT_LOG_N:
        return int(value)
    return SCRYPT_LOG_N


# -- the stores ----------------------------------------------------------------------------

class SecretStore:
    """get/set/delete named secrets (bytes). `secure` is False for the passphrase file;
    `chosen` is True when the user picked this store rather than falling back to it."""

    secure = True
    chosen = False
    kind = ""  # "keyring" or "file"
    backend_name = ""

    def description_message(self) -> Message:
        raise NotImplementedError

    @property
    def description(self) -> str:
        """Where the keys are kept, in the reader's language."""
        return self.description_message().text()

    def get(self, name: str) -> bytes | None:
        raise NotImplementedError

    def set(self, name: str, value: bytes) -> None:
        self.set_many({name: value})

    def set_many(self, values: dict[str, bytes]) -> None:
        raise NotImplementedError

    def delete(self, name: str) -> None:
        raise NotImplementedError

    def names(self) -> SecretNames:
        """Every secret this store holds for the current home (as far as it can know)."""
        raise NotImplementedError

    @property
    def warns(self) -> bool:
        """The "no system keyring" warning: only for a fall-back nobody asked for."""
        return not self.secure and not self.chosen


@contextlib.contextmanager
def home_lock(home: Path | None = None) -> Iterator[None]:
    """Exclusive across processes and threads for one home's key store; re-entrant."""
    import filelock

    folder = home or data_dir()
    rlock, file_lock = _locks_for(folder)
    with rlock:
        try:
            file_lock.acquire()  # counts nested acquisitions by this thread
        except filelock.Timeout as exc:
            raise coded(SecretStoreError, "keystore.locked", folder) from exc
        try:
            yield
        finally:
            file_lock.release()


_locks: dict[str, tuple[threading.RLock, BaseFileLock]] = {}
_locks_guard = threading.Lock()


def _locks_for(folder: Path) -> tuple[threading.RLock, BaseFileLock]:
    import filelock

    with _locks_guard:
        if str(folder) not in _locks:
            # One lock object per home and process, used under the RLock: filelock then
            # counts re-entry instead of blocking on its own second file descriptor.
            _locks[str(folder)] = (threading.RLock(), filelock.FileLock(
                folder / LOCK_FILE, timeout=120, mode=0o600, thread_local=False))
        return _locks[str(folder)]


class KeyringStore(SecretStore):
    """The OS keyring (Secret Service, KWallet, macOS Keychain, Windows Credential Locker).

    Each secret is its own keyring entry, so nothing is rewritten whole; the list of names
    (not values) is kept beside, updated under the home's lock, so a home can be moved."""

    kind = "keyring"

    def __init__(self, backend: KeyringBackend, chosen: bool = False) -> None:
        self.backend = backend
        self.chosen = chosen
        self.home = data_dir()
        self.backend_name = backend_name(backend)

    def description_message(self) -> Message:
        return Message("keystore.keyring", (self.backend_name,))

    def _scope(self, name: str) -> str:
        # Several WORKBENCH_HOMEs (several parties on one machine) must not share entries.
        return f"{self.home}::{name}"

    def get(self, name: str) -> bytes | None:
        value = self.backend.get_password(SERVICE, self._scope(name))
        if value is None:
            return None
        if name not in self._read_index():
            # An entry from before the index existed: remember it so it can be moved.
            with home_lock(self.home):
                self._write_index(self._read_index() | {name})
        return base64.b64decode(value)

    def set_many(self, values: dict[str, bytes]) -> None:
        with home_lock(self.home):
            for name, value in values.items():
                self.backend.set_password(SERVICE, self._scope(name),
                                          base64.b64encode(value).decode())
            self._write_index(self._read_index() | set(values))

    def delete(self, name: str) -> None:
        import keyring.errors

        with home_lock(self.home):
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                self.backend.delete_password(SERVICE, self._scope(name))
            self._write_index(self._read_index() - {name})

    def names(self) -> SecretNames:
        return {n for n in self._read_index() if self.get(n) is not None}

    def _read_index(self) -> SecretNames:
        path = self.home / INDEX_FILE
        try:
            return set(json.loads(path.read_text(encoding="utf-8")).get("names", []))
        except FileNotFoundError:
            return set()
        except (OSError, ValueError, AttributeError) as exc:
            raise coded(SecretStoreError, "keystore.index-damaged", path, exc) from exc

    def _write_index(self, names: SecretNames) -> None:
        from workbench.core.atomic import atomic_write

        atomic_write(self.home / INDEX_FILE,
                     (json.dumps({"names": sorted(names)}, indent=1) + "\n").encode())


@dataclass
class _Unlocked:
    """The file as last read: its secrets, the key derived from the passphrase, and which
    salt and work factor that key belongs to."""

    secrets: dict[str, str]
    key: bytes
    kdf: dict[str, object]
    stamp: tuple[int, int, int]


class PassphraseFileStore(SecretStore):
    """All secrets in one passphrase-encrypted file (0600) under the data folder: scrypt with
    a fixed work factor, ChaCha20-Poly1305, parameters in a JSON header. The passphrase is
    asked for once per process; the file is re-read whenever another process changed it."""

    secure = False
    kind = "file"
    backend_name = "passphrase file"

    def __init__(self, path: Path, prompt: PassphrasePrompt | None = None,
                 chosen: bool = False) -> None:
        self.path = path
        self.prompt = prompt
        self.chosen = chosen
        self._passphrase: str | None = None
        self._state: _Unlocked | None = None
        # The home's lock, so this store and `move_to` always take locks in one order.
        self._lock = _locks_for(path.parent)[0]

    def description_message(self) -> Message:
        return Message("keystore.file", (self.path,))

    # -- reading ----------------------------------------------------------------------------

    def _stamp(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _current(self) -> _Unlocked | None:
        """The secrets as they are on disk now (None when there is no file yet)."""
        stamp = self._stamp()
        if stamp is None:
            self._state = None
            return None
        if self._state is not None and self._state.stamp == stamp:
            return self._state
        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise coded(SecretStoreError, "keystore.unreadable", self.path, exc) from exc
        if data.startswith(AGE_HEADER):
            self._state = self._read_age(data, stamp)
        else:
            self._state = self._read_v2(data, stamp)
        return self._state

    def _read_v2(self, data: bytes, stamp: tuple[int, int, int]) -> _Unlocked:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

        try:
            header = json.loads(data)
            if header.get("format") != FILE_FORMAT:
                raise Problem("keystore.unknown-format", repr(header.get("format")))
            kdf = dict(header["kdf"])
            nonce = base64.b64decode(header["nonce"], validate=True)
            body = base64.b64decode(header["ciphertext"], validate=True)
        except (ValueError, KeyError, TypeError, binascii.Error) as exc:
            raise coded(SecretStoreError, "keystore.file-damaged", self.path,
                        reason_of(exc)) from exc
        passphrase = None
        if self._state is not None and self._state.kdf == kdf:
            key = self._state.key  # same salt and factor: no second scrypt run
        else:
            passphrase = self._ask(False)
            key = _derive(passphrase, kdf)
        try:
            plain = ChaCha20Poly1305(key).decrypt(nonce, body, _associated(kdf))
        except InvalidTag as exc:
            raise WrongPassphrase() from exc
        if passphrase is not None:
            self._passphrase = passphrase
        return _Unlocked(json.loads(plain), key, kdf, stamp)

    def _read_age(self, data: bytes, stamp: tuple[int, int, int]) -> _Unlocked:
        # Files written before format v2 (age's passphrase mode, self-calibrated scrypt).
        import pyrage

        passphrase = self._ask(False)
        try:
            plain = pyrage.passphrase.decrypt(data, passphrase)
        except pyrage.DecryptError as exc:
            raise WrongPassphrase() from exc
        self._passphrase = passphrase
        return _Unlocked(json.loads(plain), b"", {"name": "age"}, stamp)

    def _ask(self, creating: bool) -> str:
        """The passphrase (kept in memory once it has opened or created the file)."""
        if self._passphrase is not None:
            return self._passphrase
        passphrase = os.environ.get(PASSPHRASE_ENV)
        if not passphrase and self.prompt is not None:
            passphrase = self.prompt(creating)
        if not passphrase:
            raise coded(SecretStoreError, "keystore.needs-passphrase", self.path,
                        PASSPHRASE_ENV)
        if creating:
            check_new_passphrase(passphrase)
        return passphrase

    # -- writing ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _editing(self) -> Iterator[dict[str, str]]:
        """Read-modify-write under the home's lock: the secrets as on disk now, saved (in
        full, atomically) if the block finishes."""
        with self._lock, home_lock(self.path.parent):
            state = self._current()
            if state is None:
                self._passphrase = self._ask(True)
            secrets = dict(state.secrets) if state is not None else {}
            before = dict(secrets)
            yield secrets
            if secrets != before or state is None or _stale(state.kdf):
                self._save(secrets)

    def _save(self, secrets: dict[str, str]) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

        from workbench.core.atomic import atomic_write

        state = self._state
        if state is not None and not _stale(state.kdf):
            kdf, key = state.kdf, state.key
        else:
            kdf = {"name": "scrypt", "log_n": work_factor(), "r": SCRYPT_R, "p": SCRYPT_P,
                   "salt": base64.b64encode(os.urandom(16)).decode()}
            key = _derive(self._ask(state is None), kdf)
        nonce = os.urandom(12)
        body = ChaCha20Poly1305(key).encrypt(
            nonce, json.dumps(secrets, sort_keys=True).encode(), _associated(kdf))
        document = {"format": FILE_FORMAT, "kdf": kdf, "cipher": "chacha20-poly1305",
                    "nonce": base64.b64encode(nonce).decode(),
                    "ciphertext": base64.b64encode(body).decode()}
        atomic_write(self.path, (json.dumps(document, indent=1) + "\n").encode())
        self._state = _Unlocked(secrets, key, kdf, self._stamp() or (0, 0, 0))

    # -- the interface ----------------------------------------------------------------------

    def get(self, name: str) -> bytes | None:
        with self._lock:
            state = self._current()
            if state is not None and _stale(state.kdf):
                with self._editing():
                    pass  # migrate an age file, or raise its work factor, now
                state = self._state
        value = state.secrets.get(name) if state is not None else None
        return base64.b64decode(value) if value is not None else None

    def set_many(self, values: dict[str, bytes]) -> None:
        with self._editing() as secrets:
            for name, value in values.items():
                secrets[name] = base64.b64encode(value).decode()

    def delete(self, name: str) -> None:
        with self._editing() as secrets:
            secrets.pop(name, None)

    def names(self) -> SecretNames:
        with self._lock:
            state = self._current()
        return set(state.secrets) if state is not None else set()


def _stale(kdf: dict[str, object]) -> bool:
    """Written with another scheme or less work than today's default."""
    if kdf.get("name") != "scrypt":
        return True
    log_n, r, p = kdf.get("log_n"), kdf.get("r"), kdf.get("p")
    return not (isinstance(log_n, int) and isinstance(r, int) and isinstance(p, int)) \
        or log_n < work_factor() or r < SCRYPT_R or p < SCRYPT_P


def _associated(kdf: dict[str, object]) -> bytes:
    # The parameters are bound to the ciphertext: an edited header does not decrypt.
    import rfc8785

    # The header's values are JSON (read from the file, or written by us): rfc8785 takes them.
    header: dict[str, Any] = {"format": FILE_FORMAT, "kdf": kdf, "cipher": "chacha20-poly1305"}
    return rfc8785.dumps(header)


def _kdf_int(value: object) -> int:
    """A number from the key file's header: what `int()` takes of JSON, nothing else."""
    if not isinstance(value, int | float | str):
        raise Problem("keystore.kdf-type", type(value).__name__)
    return int(value)


def _derive(passphrase: str, kdf: dict[str, object]) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    try:
        log_n, r, p = _kdf_int(kdf["log_n"]), _kdf_int(kdf["r"]), _kdf_int(kdf["p"])
        salt = base64.b64decode(str(kdf["salt"]), validate=True)
        if kdf.get("name") != "scrypt" or not (1 <= log_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16):
            raise Problem("keystore.kdf-unsupported")
        return Scrypt(salt=salt, length=32, n=2 ** log_n, r=r, p=p).derive(passphrase.encode())
    except (KeyError, ValueError, TypeError, binascii.Error) as exc:
        raise coded(SecretStoreError, "keystore.header-damaged", reason_of(exc)) from exc


# -- choosing the store --------------------------------------------------------------------

_stores: dict[str, SecretStore] = {}
_prompt: PassphrasePrompt | None = None


def set_passphrase_prompt(prompt: PassphrasePrompt | None) -> None:
    """The GUI installs a dialog here, the CLI a terminal prompt."""
    global _prompt
    _prompt = prompt
    for store in _stores.values():
        if isinstance(store, PassphraseFileStore):
            store.prompt = prompt


def home_choice() -> str | None:
    """The store this home was moved to on purpose ("file" or "keyring"), if any."""
    path = data_dir() / CHOICE_FILE
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("backend")
    except (OSError, ValueError, AttributeError):
        return None
    return value if value in ("file", "keyring") else None


def _set_home_choice(backend: str) -> None:
    from workbench.core.atomic import atomic_write

    atomic_write(data_dir() / CHOICE_FILE,
                 (json.dumps({"backend": backend}) + "\n").encode())


def secret_store() -> SecretStore:
    """The store for the current WORKBENCH_HOME: WORKBENCH_KEYRING if set, else the home's
    choice, else the OS keyring when one works, else the passphrase file."""
    home = str(data_dir())
    wanted = os.environ.get(BACKEND_ENV) or home_choice()
    store = _stores.get(home)
    # Another process may have moved this home's keys since (`keys move-to`): follow it.
    if store is None or (wanted in ("file", "keyring") and store.kind != wanted):
        store = _stores[home] = _open_store(wanted)
        log.debug("keystore.opened kind=%s backend=%s wanted=%s", store.kind,
                  store.backend_name, wanted or "-")
    return store


def _open_store(wanted: str | None) -> SecretStore:
    file = data_dir() / FALLBACK_FILE
    if wanted == "file":
        return PassphraseFileStore(file, _prompt, chosen=True)
    backend = _usable_keyring()
    if backend is not None:
        return KeyringStore(backend, chosen=wanted == "keyring")
    if wanted == "keyring":
        raise coded(SecretStoreError, "keystore.keyring-gone")
    return PassphraseFileStore(file, _prompt)


def forget_stores() -> None:
    """Drop unlocked stores (tests; switching WORKBENCH_HOME in one process)."""
    _stores.clear()


def keyring_available() -> bool:
    """Whether a system keyring works here (whichever store this home uses now)."""
    return _usable_keyring() is not None


def _usable_keyring() -> KeyringBackend | None:
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


def backend_name(backend: object) -> str:
    """The keyring backend's full class name, e.g. keyring.backends.SecretService.Keyring."""
    from keyring.backends import chainer

    if isinstance(backend, chainer.ChainerBackend):
        return " + ".join(backend_name(b) for b in backend.backends)
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


# -- moving a home between stores ------------------------------------------------------------

@dataclass(frozen=True)
class Moved:
    target: SecretStore
    names: int


def move_to(target: str, also: Iterable[str] = ()) -> Moved:
    """Copy every secret of this home into the other store, check each one reads back, make
    that store the home's choice, and only then delete the copies in the old store.
    `also`: names to look for besides the ones the store knows (keys from older versions)."""
    if target not in ("file", "keyring"):
        raise coded(BadInputError, "keystore.unknown-store", target)
    forced = os.environ.get(BACKEND_ENV)
    if forced and forced != target:
        raise coded(BadInputError, "keystore.forced", f"{BACKEND_ENV}={forced}")
    source = secret_store()
    if source.kind == target and not source.chosen:
        # Already there by fall-back: record that it is now the home's choice.
        _set_home_choice(target)
        source.chosen = True
        return Moved(source, 0)
    if source.kind == target:
        raise coded(BadInputError, "keystore.already-there", source.description_message())
    if target == "keyring" and _usable_keyring() is None:
        # Checked before opening it: the store's own error speaks of a home that already
        # keeps its keys in the keyring, which is not this case.
        raise coded(SecretStoreError, "keystore.no-keyring-to-move",
                    source.description_message())
    destination = _open_store(target)
    if destination.kind != target:  # pragma: no cover - _open_store raises instead
        raise coded(SecretStoreError, "keystore.unknown-store", target)
    with home_lock():
        names = sorted(source.names() | {n for n in also if n})
        values = {name: value for name in names if (value := source.get(name)) is not None}
        if values:
            destination.set_many(values)
        for name, value in values.items():
            if destination.get(name) != value:
                raise coded(SecretStoreError, "keystore.did-not-read-back", name,
                            destination.description_message())
        _set_home_choice(target)
        _stores[str(data_dir())] = destination
        if isinstance(source, PassphraseFileStore):
            source.path.unlink(missing_ok=True)
        else:
            for name in values:
                source.delete(name)
    return Moved(destination, sum(1 for name in values if not name.startswith(NOT_KEYS)))


def require(value: bytes | None, what: str) -> bytes:
    if value is None:
        raise coded(BadInputError, "keystore.key-missing", what)
    return value


# -- the fall-back warning -----------------------------------------------------------------

WARNED_FILE = "keystore-fallback-warned"


def fallback_warning_due() -> bool:
    """Whether to print the "no system keyring" warning now: only for an automatic fall-back
    (not a store the user chose), and once per login/terminal session, not per command. The
    session is the process's session id (POSIX), else the parent process."""
    from workbench.core.atomic import atomic_write
    from workbench.core.paths import cache_dir

    store = secret_store()
    if not store.warns:
        return False
    session = str(os.getsid(0) if hasattr(os, "getsid") else os.getppid())
    marker = cache_dir() / WARNED_FILE
    with contextlib.suppress(OSError):
        if marker.read_text(encoding="utf-8").strip() == session:
            return False
    with contextlib.suppress(OSError):
        atomic_write(marker, session.encode())
    return True


def fallback_warning() -> str:
    store = secret_store()
    where = getattr(store, "path", store.description)
    return t("keystore.fallback-warning", where, f"{BACKEND_ENV}=file")
