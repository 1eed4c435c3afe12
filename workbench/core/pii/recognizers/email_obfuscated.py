"""EMAIL_ADDRESS written to dodge scrapers: "kevin at example dot com", "kevin[at]example[dot]com",
"kevin(at)example.com", and the full-width "kevin＠example.com"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.core.pii.recognizers.base import CharacterRecognizer

_LOCAL = r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9])?"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
_TLD = r"[A-Za-z]{2,12}"
# A bracketed "at" or "dot" is written on purpose; a bare "at"/"dot" only as a whole spoken
# form ("x at y dot com"), which ordinary English ("look at example.com") never is.
_BRACKET_AT = r"[ \t]*(?:\[(?i:at)\]|\((?i:at)\)|\{(?i:at)\}|<(?i:at)>|＠)[ \t]*"
_DOT_ANY = r"(?:[ \t]*(?:\[(?i:dot)\]|\((?i:dot)\)|\{(?i:dot)\}|<(?i:dot)>)[ \t]*|\.)"
_BRACKETED = re.compile(
    rf"(?<![A-Za-z0-9._%+\-@])(?P<local>{_LOCAL}){_BRACKET_AT}"
    rf"{_LABEL}(?:{_DOT_ANY}{_LABEL})*{_DOT_ANY}{_TLD}(?![A-Za-z0-9\-])")
_SPOKEN = re.compile(
    rf"(?<![A-Za-z0-9._%+\-@'’])(?P<local>{_LOCAL})[ \t]+(?i:at)[ \t]+"
    rf"{_LABEL}(?:[ \t]+(?i:dot)[ \t]+{_LABEL})*[ \t]+(?i:dot)[ \t]+"
    rf"(?i:com|net|org|edu|gov|cn|io|co|uk|de|jp|hk|sg|tw|info|biz|me|ai|dev)(?![A-Za-z0-9])")
# Words before a spoken "at" that are English, not a mailbox ("look at", "we're at").
_NOT_LOCAL = frozenset(
    "look looking looked meet meeting arrive arrived arriving be is are am was were been "
    "stay staying work working here there me us them him her you it we they i he she "
    "see seen aim aimed good bad best great right left point".split())
_TRIGGERS = ("at", "＠")
_AT_WORD = re.compile(r"[ \t]*(?:[\[({<](?i:at)[\])}>]|＠)[ \t]*|[ \t]+(?i:at)[ \t]+")
_DOT_WORD = re.compile(r"[ \t]*[\[({<](?i:dot)[\])}>][ \t]*|[ \t]+(?i:dot)[ \t]+")


def plain_email(value: str) -> str:
    """The address as mail software writes it: "kevin [at] example [dot] com" →
    "kevin@example.com"; an ordinary address is returned as it is."""
    if "@" in value:
        return value
    return _DOT_WORD.sub(".", _AT_WORD.sub("@", value, count=1))


class ObfuscatedEmailRecognizer(CharacterRecognizer):
    """The whole written-out address is the span (it is replaced whole). Score 0.9, above a
    name guess on the mailbox part ("kevin")."""

    ENTITY = "EMAIL_ADDRESS"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        lowered = text.lower()
        if not any(trigger in lowered for trigger in _TRIGGERS):
            return
        for match in _BRACKETED.finditer(text):
            yield match.start(), match.end(), 0.9
        if "dot" in lowered:
            for match in _SPOKEN.finditer(text):
                if match["local"].lower() not in _NOT_LOCAL:
                    yield match.start(), match.end(), 0.9
