"""Turning bytes of unknown encoding into text, and saying which encoding it was."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


class NotText(ValueError):
    """The bytes are not text in any encoding we can recognise."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, declared: str | None = None) -> DecodedText:
    """Decode `data`: a BOM, then UTF-8, a declared charset, GB18030 for Chinese, then a guess.

    Short GBK texts are often guessed as Korean by statistical detectors, so GB18030 is tried
    (and kept only when the result is mostly hanzi) before charset-normalizer guesses.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return DecodedText(data.decode(encoding), encoding.removesuffix("-sig"))
    if b"\x00" in data:
        raise NotText("it contains binary data (NUL bytes), not text")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return DecodedText(data.decode(_gb_superset(declared)), declared.lower())
        except (UnicodeDecodeError, LookupError, ValueError):
            pass  # an unknown or malformed charset label: detect instead
    try:
        text = data.decode("gb18030")
        if _mostly_hanzi(text):
            return DecodedText(text, "gb18030")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise NotText("its text encoding could not be recognised")
    text = str(best)
    if _is_single_byte(best.encoding) and text == data.decode("latin-1"):
        # Western single-byte encodings agree on these bytes; name the standard one.
        return DecodedText(text, "iso-8859-1")
    return DecodedText(text, best.encoding)


def _is_single_byte(encoding: str) -> bool:
    return encoding.startswith(("cp125", "iso8859", "latin", "windows-125"))


def _gb_superset(charset: str) -> str:
    # Mail clients label GBK text "gb2312"; GB18030 decodes both and is a strict superset.
    return "gb18030" if charset.lower() in {"gb2312", "gbk", "x-gbk", "euc-cn"} else charset


_HANZI_RUNS = re.compile("[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]+")


def _mostly_hanzi(text: str) -> bool:
    # Counted by what removing them leaves: a list of every character would take some 70
    # bytes a character, gigabytes for a large GBK export.
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if not non_ascii:
        return False
    hanzi = len(text) - len(_HANZI_RUNS.sub("", text))
    return hanzi / non_ascii >= 0.8


def looks_binary(data: bytes, sample: int = 4096) -> bool:
    """True when the first bytes hold control characters that text never has."""
    head = data[:sample]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    return b"\x00" in head or controls > max(2, len(head) // 100)
