"""What a user sends a maintainer ("Help → Copy diagnostics"): versions, platform, the kind of
key store, and the last lines of the log; nothing about the user or their material.

No host name, user name or path is included (the log file's own path names the user), and
the log lines are safe to copy because the log holds no personal data (see core/logs.py).
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Mapping
from importlib import metadata

from workbench import __version__
from workbench.core import logs
from workbench.core.errors import WorkbenchError
from workbench.core.messages import language

# The libraries whose version changes what the app finds or how it looks.
LIBRARIES = ("PySide6-Essentials", "presidio-analyzer", "spacy", "cryptography", "pyrage",
             "keyring", "pypdf", "rapidocr-onnxruntime")
LOG_LINES = 60


def report(extra: Mapping[str, str] | None = None, log_lines: int = LOG_LINES) -> str:
    """The diagnostics as plain text, one `name: value` per line, then the log's tail.
    `extra`: what only the caller knows (the GUI adds the Qt version)."""
    from workbench.core.pii.version import DETECTOR_VERSION

    lines = [
        f"Consent Workbench {__version__}",
        f"python: {platform.python_version()} ({platform.python_implementation()})",
        f"platform: {platform.system()} {platform.release()} ({platform.machine()})",
        f"packaged: {'yes' if getattr(sys, 'frozen', False) else 'no'}",
        f"language: {language()}",
        f"detector: {DETECTOR_VERSION}",
        f"key store: {key_store_kind()}",
        *(f"{name}: {value}" for name, value in (extra or {}).items()),
        *(f"{name}: {_version(name)}" for name in LIBRARIES),
    ]
    tail = logs.tail(log_lines)
    lines += ["", f"last {len(tail)} log lines:", *tail] if tail else ["", "no log yet"]
    return "\n".join(lines) + "\n"


def key_store_kind() -> str:
    """"keyring (keyring.backends.SecretService.Keyring)" or "file (passphrase file)": the
    store this home uses, without opening it (no passphrase is asked)."""
    from workbench.core.trust.secrets_store import secret_store

    try:
        store = secret_store()
    except WorkbenchError as exc:
        return f"unavailable ({logs.describe(exc)})"
    return f"{store.kind} ({store.backend_name})"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"
