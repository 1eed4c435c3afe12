"""The export check's reasons as the app shows them: the core's catalogue
renders each from its stable code; this module only makes a phrase a sentence."""

from __future__ import annotations

import re

from workbench.core.services.exporting import Blocker

# A sentence that ends in Chinese ends with a Chinese full stop.
_WIDE_END = re.compile(r"[\u3000-\u9fff\uff00-\uffef]$")


def export_reason(blocker: Blocker) -> str:
    """One export blocker as a sentence."""
    text = blocker.text()
    if text.endswith((".", "。")):
        return text
    full_stop = "。" if _WIDE_END.search(text) else "."
    return text[:1].upper() + text[1:] + full_stop
