"""Whether a name or place guess can be one: never part of a word, a time, a path or code."""

from __future__ import annotations

import functools
import re

from workbench.core.paths import resources_dir

# Entities guessed by models and lexicons; identifiers found by their format are not judged.
GUESSED = frozenset({"PERSON", "LOCATION"})
# A run of characters that belongs to one Latin token, file name, path or identifier.
_TOKEN_CHAR = re.compile(r"[A-Za-z0-9_.\-/\\:@#$%+=~]")
# What may stand around a name without making it part of a larger token.
_EDGE_PUNCT = ".,;:!?'\")]}>"
# A file extension after a name makes it a file name ("Runbook.md", "rollback.sh").
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}(?![A-Za-z0-9])")
_CODE_CHARS = re.compile(r"[0-9_/\\:=$#%+~`]|[A-Za-z]\.[A-Za-z]")
_HANZI = re.compile(r"[\u4e00-\u9fff]")
# Times of day and relative days inside a hanzi guess: "今天下午" is not a name.
_TIME_WORDS = re.compile(r"[今明昨前后]天|[上下中]午|晚上|早上|凌晨|星期|周[一二三四五六日末]|\d")


@functools.cache
def not_names_zh() -> frozenset[str]:
    path = resources_dir() / "lexicons" / "not_names_zh.txt"
    words = (line.split("#", 1)[0].strip() for line in
             path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w)


def plausible(text: str, entity: str, start: int, end: int, known: bool = False) -> bool:
    """False for a PERSON/LOCATION guess that would break text if replaced: glued to a
    longer Latin token (`recon_Runbook.md`, `ops/rollback.sh`, `DB_PASSWORD`), a time
    (`09:05:00`), or a common Chinese phrase (`祝顺利`, `今天下午`, `银行卡`). A known
    person's name is judged on the word edges only."""
    if entity not in GUESSED:
        return True
    value = text[start:end]
    if not value.strip():
        return False
    if _HANZI.search(value) is None:
        return _plausible_latin(text, value, start, end, known)
    if known:
        return True
    if _TIME_WORDS.search(value) or _CODE_CHARS.search(value):
        return False
    stop = not_names_zh()
    # Two-character words only as the whole guess: "高兴" is a word, "高兴华" a name.
    return value not in stop and not any(
        len(word) >= 3 and value.startswith(word) for word in stop)


def _plausible_latin(text: str, value: str, start: int, end: int, known: bool) -> bool:
    if not any(c.isalpha() for c in value):
        return False  # "09:05:00", "3", "12-05"
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if "`" in (before, after):
        return False  # `self.json`, `Runbook`: quoted as code
    if before != "@" and _TOKEN_CHAR.match(before) and before not in "'\"(":
        return False  # "recon_Runbook", "ops/rollback", "x.Anna"
    if _TOKEN_CHAR.match(after):
        if _EXTENSION.match(text, end) or after not in _EDGE_PUNCT:
            return False  # "Runbook.md", "Anna_x", "Zhou1990"
        nxt = text[end + 1] if end + 1 < len(text) else " "
        if after in ".:" and _TOKEN_CHAR.match(nxt) and nxt != " ":
            return False  # "host.Anna", "Anna:8080"
    if known or before == "@":
        return True  # a handle after "@" is someone's, whatever characters it has
    if _CODE_CHARS.search(value):
        return False
    letters = [c for c in value if c.isalpha()]
    # "DB_PASSWORD", "API", "HTTP": upper-case words are acronyms and constants in chat.
    return not (len(letters) > 1 and all(c.isupper() for c in letters))
