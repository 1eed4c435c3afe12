"""PHONE_NUMBER: Chinese mobiles and landlines, and international numbers (libphonenumber)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from workbench.core.pii.recognizers.base import CharacterRecognizer

# A run of digits with the separators phone numbers are written with; refined per format.
_CANDIDATE = re.compile(
    # A "+" may follow a letter: OCR drops spaces ("call+14155550132").
    r"(?:(?<=[A-Za-z])\+|(?<![0-9A-Za-z+\-/.])(?:\+|00)?)\(?\d[\d ()\-]{5,19}\d"
    r"(?![0-9A-Za-z]|\.\d|-\d|:\d)", re.ASCII
)
# North American numbers are also written with dots (415.555.0173); IPs and versions are
# not 3-3-4 digits, so this shape is safe to take on its own.
_DOTTED_NANP = re.compile(r"(?<![0-9A-Za-z.])(?:\+?1[ .])?\d{3}\.\d{3}\.\d{4}(?![0-9A-Za-z]|\.\d)",
                          re.ASCII)
# "(+86) 138 1234 5678", "（+86）13812345678": the country code in brackets.
_BRACKETED_CN = re.compile(r"[(（]\+?86[)）][ \-]?1[3-9]\d(?:[ \-]?\d){8}(?![0-9])")
_CN_MOBILE = re.compile(r"^(?:(?:\+|00)86[ -]?)?(1[3-9]\d)([ -]?)(\d{4})\2(\d{4})$", re.ASCII)
# "86-13812345678": the country code without "+" is still one.
_CN_MOBILE_LOOSE = re.compile(r"^(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}$", re.ASCII)
# "138.1234.5678": mobiles are written with dots too (3-4-4, unlike versions and IPs).
_DOTTED_CN = re.compile(r"(?<![0-9A-Za-z.])1[3-9]\d\.\d{4}\.\d{4}(?![0-9A-Za-z]|\.\d)",
                        re.ASCII)
_CN_LANDLINE = re.compile(
    r"^(?:(?:\+|00)86[ -]?)?(?:\(0?\d{2,3}\)|0\d{2,3})[ -]?\d{3,4}[ -]?\d{4}$", re.ASCII
)
_NANP = re.compile(r"^(?:\+?1[ -.]?)?(?:\(\d{3}\)|\d{3})[ -.]?\d{3}[ -.]\d{4}$", re.ASCII)
# "07700 900758", "0161 496 0000": a national number opened by its trunk 0 and grouped the
# way UK numbers are written (checked as possible there).
_GROUPED_NATIONAL = re.compile(r"^0\d{3,4} \d{3} ?\d{3,4}$", re.ASCII)
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:\D|$)|^\d{1,2}-\d{1,2}-\d{4}$", re.ASCII)


class PhoneNumberRecognizer(CharacterRecognizer):
    """Unambiguous formats score at least 0.6, so they pass without a context word (Presidio's
    own phone recognizer gives 0.4, which hides "打我手机 13812345678" style numbers unless a
    context word survives tokenisation — and Chinese text is not tokenised on spaces)."""

    CONTEXT = ["电话", "手机", "手机号", "座机", "联系方式", "致电", "打给", "call", "phone", "tel",
               "mobile", "cell", "whatsapp", "wechat", "微信", "号码"]

    ENTITY = "PHONE_NUMBER"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        for match in _CANDIDATE.finditer(text):
            candidate = match.group().strip(" -")
            start = match.start() + match.group().index(candidate)
            # A number that opens a parenthesis but never closes it ("(see 021…") is trimmed.
            if candidate.count("(") != candidate.count(")"):
                candidate = candidate.lstrip("(")
                start = match.start() + match.group().index(candidate)
            score = self._score(candidate)
            if score:
                yield start, start + len(candidate), score
        for match in _DOTTED_CN.finditer(text):
            yield match.start(), match.end(), 0.6
        for match in _BRACKETED_CN.finditer(text):
            yield match.start(), match.end(), 0.8
        for match in _DOTTED_NANP.finditer(text):
            if _valid(match.group().replace(".", "-"), "US"):
                yield match.start(), match.end(), 0.6

    @staticmethod
    def _score(candidate: str) -> float:
        digits = re.sub(r"\D", "", candidate)
        if not 7 <= len(digits) <= 15 or _DATE_LIKE.match(candidate):
            return 0.0
        if _CN_MOBILE.match(candidate):
            return 0.75
        if _CN_MOBILE_LOOSE.match(candidate):
            return 0.6
        if _CN_LANDLINE.match(candidate):
            separated = bool(re.search(r"[ ()\-]", candidate))
            return 0.6 if separated else 0.35
        if candidate.startswith(("+", "00")):
            international = candidate.replace("00", "+", 1) if candidate.startswith("00") \
                else candidate
            if _valid(international, None):
                return 0.7
            # libphonenumber leaves out ranges kept for drama and examples (+44 7700 900xxx)
            # and numbers it does not know yet; a "+", a country and a possible length is
            # still how people write a phone, and nothing else is written that way.
            return 0.6 if _possible(international, None) else 0.0
        if _NANP.match(candidate) and _valid(candidate, "US"):
            return 0.6
        if _GROUPED_NATIONAL.match(candidate) and _possible(candidate, "GB"):
            return 0.6
        # Anything else libphonenumber accepts somewhere: weak, needs a context word.
        return 0.3 if any(_valid(candidate, region) for region in ("CN", "US", "GB")) else 0.0


def _possible(candidate: str, region: str | None) -> bool:
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(candidate, region))
    except phonenumbers.NumberParseException:
        return False


def _valid(candidate: str, region: str | None) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(candidate, region))
    except phonenumbers.NumberParseException:
        return False
