"""Untrusted text made safe to show: control characters, escape sequences and bidi
overrides rendered visibly, so a name in a package cannot repaint a terminal or the app."""

from __future__ import annotations

import unicodedata

# Cc: C0/C1 controls (ESC starts every ANSI sequence); Cf: format characters such as the
# bidi overrides U+202E and U+2066-2069 and zero-width marks; Zl/Zp: line and paragraph breaks.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp"})


def visible(text: object) -> str:
    """`text` with every character that could hide or rewrite what is shown escaped as
    \\xNN or \\uNNNN, so it stays on one line and shows exactly what it holds."""
    out = []
    for char in str(text):
        if unicodedata.category(char) in _HIDDEN:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
