"""Turning bytes of unknown encoding into text, and saying which encoding it was.

Order: a byte-order mark; the charset the container declares (mail's `charset=`), which
is honoured before anything is guessed, also when it is a 7-bit one (ISO-2022-JP, HZ) whose
bytes would pass for ASCII; 7-bit CJK escapes in undeclared text; UTF-8; then
charset-normalizer's guess over the whole file, checked against what people write (Latin
letters do not turn into hanzi, MacRoman umlauts do not turn Turkish).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from workbench.core.errors import Problem


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


class NotText(Problem):
    """The bytes are not text in any encoding we can recognise."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, declared: str | None = None) -> DecodedText:
    """Decode `data`, honouring a `declared` charset before guessing; see the module."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding.removesuffix("-sig"))
            except UnicodeDecodeError:
                data = data[len(bom):]  # a damaged file behind a BOM: judge the rest
                break
    if b"\x00" in data:
        raise NotText("ingest.binary-not-text")
    if declared and (found := _declared(data, declared)):
        return found
    if found := _seven_bit(data):
        return found
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _guess(data)


_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "euc-cn": "gb18030",
          "cp936": "gb18030", "big5": "big5hkscs", "shift_jis": "cp932", "sjis": "cp932",
          "x-sjis": "cp932", "ks_c_5601-1987": "cp949", "euc-kr": "cp949",
          "iso-2022-jp": "iso2022_jp_2", "hz-gb-2312": "hz", "us-ascii": "ascii"}


def wider_charset(charset: str) -> str:
    """The codec to decode a declared charset with: mail clients label GBK (and GB18030)
    text "gb2312", Shift_JIS text with Microsoft's extensions "shift_jis", and so on; the
    superset decodes both."""
    label = charset.strip().strip('"').lower()
    return _WIDER.get(label, label)


def _declared(data: bytes, declared: str) -> DecodedText | None:
    codec = wider_charset(declared)
    try:
        info = codecs.lookup(codec)
    except LookupError:
        return None  # an unknown or malformed charset label: detect instead
    if _is_single_byte(info.name) and not data.isascii():
        # Latin-1 decodes any bytes; text in UTF-8 labelled Latin-1 is a common mislabel,
        # and valid multi-byte UTF-8 is all but impossible in real Latin-1 text.
        try:
            return DecodedText(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    try:
        return DecodedText(data.decode(info.name), declared.strip().strip('"').lower())
    except (UnicodeDecodeError, ValueError):
        return None


def _seven_bit(data: bytes) -> DecodedText | None:
    # ISO-2022 and HZ text is plain ASCII bytes: UTF-8 would accept it and show the escapes.
    if not data.isascii():
        return None
    candidates = []
    if b"\x1b$)C" in data:
        candidates.append(("iso2022_kr", "iso-2022-kr"))
    elif b"\x1b$" in data:
        candidates += [("iso2022_jp", "iso-2022-jp"), ("iso2022_jp_2", "iso-2022-jp-2")]
    if b"~{" in data and b"~}" in data:
        candidates.append(("hz", "hz-gb-2312"))
    for codec, name in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _CJK.search(text):
            return DecodedText(text, name)
    return None


_MULTI_BYTE = ("gb", "big5", "cp93", "cp94", "cp95", "shift_jis", "euc", "johab", "hz",
               "iso2022", "utf", "ptcp154")


def _is_single_byte(encoding: str) -> bool:
    """Whether an encoding maps each byte to one character (a code page)."""
    try:
        name = codecs.lookup(encoding).name.replace("-", "_")
    except LookupError:
        return False
    return not name.startswith(_MULTI_BYTE) or name == "ptcp154"


_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# A CJK character with a Latin letter on each side: what Latin text looks like when its
# accented letters are read as the lead byte of a double-byte character ("M黮ler").
_SANDWICHED = re.compile("(?<=[A-Za-z])[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af](?=[A-Za-z])")
# The accented letters of Western European languages.
_WESTERN = set("äöüÄÖÜßéèêëàâáãåçîïíìôóòõøûúùÿñÉÈÀÁÇÍÓÚÑæÆœŒ€£°«»–—“”‘’…")


# The candidates are weighed on a sample; only the one chosen decodes the whole file, so a
# large file is held once as bytes and once as text, not once per candidate.
SAMPLE_BYTES = 256 * 1024


def _guess(data: bytes) -> DecodedText:
    # charset-normalizer reads chunks from across the whole file to rank its candidates.
    ranked = [m.encoding for m in from_bytes(data)
              # UTF-16/32 without a byte-order mark has NUL bytes in any Latin text, and
              # those were refused above: such a guess is the guesser's, not the file's.
              if not m.encoding.startswith(("utf_16", "utf_32"))]
    # Also weigh the two single-byte encodings people's old files are most often in.
    ranked += [e for e in ("cp1252", "mac_roman") if e not in ranked]
    sample = data[:SAMPLE_BYTES]
    decoded = []
    for encoding in ranked:
        try:
            decoded.append((encoding, sample.decode(encoding, errors="ignore")))
        except LookupError:
            continue
    for encoding in _preference(data, decoded):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        return DecodedText(text, _standard_name(data, encoding))
    raise NotText("ingest.unknown-encoding")


def _preference(data: bytes, decoded: list[tuple[str, str]]) -> list[str]:
    """The candidates, best first, judged on their sample texts."""
    if not decoded:
        return []
    best_encoding, best_text = decoded[0]
    if len(data) < SHORT_BYTES and not _is_single_byte(best_encoding):
        # A few double-byte characters decode in every CJK encoding and the guesser has
        # too little to go on; the people this app is for write GB18030 far more often.
        best_encoding, best_text = next(((e, t) for e, t in decoded if e == "gb18030"),
                                        (best_encoding, best_text))
    if not _is_single_byte(best_encoding) and _implausible_cjk(best_text):
        best_encoding, best_text = next(
            ((e, t) for e, t in decoded if _is_single_byte(e)), decoded[0])
    if _is_single_byte(best_encoding):
        best_encoding, best_text = _most_western(data, best_encoding, best_text, decoded)
    return [best_encoding, *(e for e, _ in decoded if e != best_encoding)]


SHORT_BYTES = 64


def _implausible_cjk(text: str) -> bool:
    cjk = len(_CJK.findall(text))
    return bool(cjk) and len(_SANDWICHED.findall(text)) * 3 > cjk


def _western_share(text: str) -> float:
    """The share of non-ASCII characters that are ordinary Western letters where they stand:
    a capital inside a lowercase word ("MÓller") is a misread lowercase letter."""
    total = good = 0
    for index, char in enumerate(text):
        if ord(char) < 128:
            continue
        total += 1
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if char in _WESTERN and not (char.isupper() and before.isalpha() and after.islower()):
            good += 1
    return good / total if total else 1.0


def _most_western(data: bytes, encoding: str, text: str,
                  decoded: list[tuple[str, str]]) -> tuple[str, str]:
    # Single-byte encodings all decode any bytes; the guesser often ranks a Central
    # European or Turkish code page first for German or French text. When another
    # single-byte reading yields only ordinary Western letters, that is the right one.
    share = _western_share(text)
    if share >= 0.9:
        return encoding, text
    scored = [(_western_share(t), -i, e, t) for i, (e, t) in enumerate(decoded)
              if _is_single_byte(e)]
    best_share, _, best, best_text = max(scored)
    return (best, best_text) if best_share >= 0.9 else (encoding, text)


def _standard_name(data: bytes, encoding: str) -> str:
    # Encodings that agree on these bytes: name the standard one. For code pages, agreeing
    # on every distinct byte value in the file is agreeing on the file.
    if not _is_single_byte(encoding):
        return encoding
    used = bytes(sorted(set(data)))
    try:
        mine = used.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return encoding
    for name, codec in (("iso-8859-1", "latin-1"), ("cp1252", "cp1252"),
                        ("mac_roman", "mac_roman")):
        try:
            if used.decode(codec) == mine:
                return name
        except UnicodeDecodeError:
            continue
    return encoding


def looks_binary(data: bytes, sample: int = 4096) -> bool:
    """True when the first bytes hold control characters that text never has."""
    head = data[:sample]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    return b"\x00" in head or controls > max(2, len(head) // 100)
