"""Where the app keeps its config, data and cache; `WORKBENCH_HOME` relocates all of them."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import platformdirs

APP_NAME = "consent-workbench"


def _home_override() -> Path | None:
    value = os.environ.get("WORKBENCH_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Identities, contacts, custody register: per user, or under `WORKBENCH_HOME`."""
    home = _home_override()
    path = home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return _ensure_private_dir(path)


def config_dir() -> Path:
    """Settings and the recent-workspaces list."""
    home = _home_override()
    path = (
        home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    )
    return _ensure_private_dir(path)


def cache_dir() -> Path:
    """Rebuildable things only (the Chinese tokenizer's prefix dictionary, scan caches)."""
    home = _home_override()
    path = home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    return _ensure_private_dir(path)


def _ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside it when installed."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package.parent / "resources", package / "_resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("The app's resources folder is missing; reinstall Consent Workbench.")


@contextlib.contextmanager
def using_home(path: Path, **extra_env: str) -> Iterator[Path]:
    """Act as the party whose home is `path` (like GNUPGHOME), then restore: used by the demo
    to play employee, HR and recipient in one process."""
    changes = {"WORKBENCH_HOME": str(path), **extra_env}
    previous = {name: os.environ.get(name) for name in changes}
    os.environ.update(changes)
    try:
        yield path
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
