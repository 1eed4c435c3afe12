"""Core messages in the user's language: Simplified Chinese when the locale asks for it."""

from __future__ import annotations

import os

# Overrides the locale for the command line and the core's messages (the app sets it from its
# language setting): "zh" or "en".
LANG_ENV = "WORKBENCH_LANG"


def language() -> str:
    """"zh" or "en": WORKBENCH_LANG, else the first of LC_ALL, LC_MESSAGES, LANG that is set."""
    chosen = os.environ.get(LANG_ENV, "")
    if not chosen:
        chosen = next((os.environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG")
                       if os.environ.get(name)), "")
    return "zh" if chosen.lower().startswith("zh") else "en"


def say(en: str, zh: str) -> str:
    """The sentence in the user's language; both are written where the message is."""
    return zh if language() == "zh" else en
