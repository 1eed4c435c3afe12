"""Whether a name or place guess can be one: never part of a word, a time, a path or code."""

from __future__ import annotations

import functools
import re

from workbench.core.paths import resources_dir
from workbench.core.pii.chinese import is_place_zh, jieba_posseg
from workbench.core.pii.recognizers.known_people import NOT_NICKNAMES
from workbench.core.pii.recognizers.person_en import AMBIGUOUS, GIVEN, SURNAME, fold, lexicons

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
# "# Handover notes": the first word of a Markdown heading is capitalised by convention.
_HEADING_START = re.compile(r"(?:^|\n)[ \t]*#{1,6}[ \t]+$")
_TIME_WORDS = re.compile(r"[今明昨前后]天|[上下中]午|晚上|早上|凌晨|星期|周[一二三四五六日末]|\d")
# Words that label a field before a colon ("Primary: Lina Li", "负责人：李娜"): the name is
# what follows, and the label is nobody (the models read a capitalised word before a colon
# as a sender or a name).
LABEL_WORDS = frozenset("""
    primary secondary tertiary owner owners co-owner backup backups contact contacts note
    notes reviewer reviewers assignee assignees author authors lead leads manager managers
    approver approvers sponsor escalation oncall on-call cc bcc attendees participants host
    organizer organiser status summary action actions todo deadline due priority team role
    responsible accountable consulted informed deputy fallback reporter requester maintainer
    maintainers driver dri poc coordinator chair presenter editor tester support subject
    remark remarks comment comments warning caution important update updates owner(s)
    负责人 主负责人 负责 备注 联系人 对接人 接口人 审批人 审核人 审阅人 值班 值班人 主值班
    副值班 备份 备份人 备选 主要 次要 参会人 参与人 抄送 收件人 发件人 处理人 执行人 经办人
    跟进人 发起人 申请人 主持人 记录人 说明 注意 注 状态 优先级 截止 截止日期 主题 议题 结论
    待办 提示 补充 更新 作者 组长 主管 经理
""".split())
_LABEL_COLON = re.compile(r"[ \t]*[:：]")


@functools.cache
def not_names_zh() -> frozenset[str]:
    path = resources_dir() / "lexicons" / "not_names_zh.txt"
    words = (line.split("#", 1)[0].strip() for line in
             path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w)


@functools.cache
def not_names_en() -> frozenset[str]:
    path = resources_dir() / "lexicons" / "not_names_en.txt"
    words = (line.split("#", 1)[0].strip().casefold() for line in
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
    if not known and _is_label(text, value, end):
        return False
    if _HANZI.search(value) is None:
        return _plausible_latin(text, value, start, end, known)
    if known:
        return True
    if _TIME_WORDS.search(value) or _CODE_CHARS.search(value):
        return False
    stop = not_names_zh()
    # Two-character words only as the whole guess: "高兴" is a word, "高兴华" a name.
    if value in stop or value in NOT_NICKNAMES \
            or any(len(word) >= 3 and value.startswith(word) for word in stop):
        return False
    if entity == "PERSON" and is_place_zh(value):
        return False  # 浦东, 张江, 周庄: the models read places with a surname as names
    return not _cuts_two_words(text, start, end)


def _is_label(text: str, value: str, end: int) -> bool:
    """"Primary: Lina Li", "Backup owner: Kevin", "备注：…": label words before a colon."""
    words = value.casefold().split()
    return bool(words) and all(w in LABEL_WORDS for w in words) \
        and _LABEL_COLON.match(text, end) is not None


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
    if " " not in value.strip() and _ordinary_word(text, value.strip(), start):
        return False
    if _part_of_a_date(text, value.strip(), start, end):
        return False
    letters = [c for c in value if c.isalpha()]
    # "DB_PASSWORD", "API", "HTTP": upper-case words are acronyms and constants in chat.
    return not (len(letters) > 1 and all(c.isupper() for c in letters))


# A month written beside a day or a year is a date, whoever else is called May or June:
# "see you Jun 5", "on 14 June", "the May 2024 release". Weekdays are never names.
_MONTHS = frozenset("jan feb mar apr may jun jul aug sep sept oct nov dec january february "
                    "march april june july august september october november december".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_DAY_AFTER = re.compile(r"\.?,?[ \t]*(?:\d{1,2}(?:st|nd|rd|th)?|\d{4})(?![0-9A-Za-z:])")
_DAY_BEFORE = re.compile(r"(?<![0-9])\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?$")


def _part_of_a_date(text: str, word: str, start: int, end: int) -> bool:
    folded = word.casefold().rstrip(".")
    if folded in _WEEKDAYS:
        return True
    if folded not in _MONTHS:
        return False
    return bool(_DAY_AFTER.match(text, end)
                or _DAY_BEFORE.search(text, max(0, start - 12), start))


def _ordinary_word(text: str, word: str, start: int) -> bool:
    """A one-word guess that is a workplace word ("Handover", "Runbook"), or that opens a
    Markdown heading without being a name anyone has ("# Kickoff", but not "# Kevin")."""
    if word.casefold() in not_names_en():
        return True
    if not _HEADING_START.search(text, max(0, start - 12), start):
        return False
    flags = lexicons().flags.get(fold(word), 0)
    return not flags & (GIVEN | SURNAME | AMBIGUOUS)


# Characters of text either side of a hanzi guess that the word segmenter reads with it.
_SEGMENT_MARGIN = 8


def _cuts_two_words(text: str, start: int, end: int) -> bool:
    """Whether a hanzi guess starts inside one word and ends inside another: "库连" in
    "数据库连接" (数据库|连接) is the tail of one word and the head of the next, no name.
    A guess with one edge on a word boundary ("高兴华" = 高兴|华) is kept."""
    offset = max(0, start - _SEGMENT_MARGIN)
    position = offset
    start_inside = end_inside = False
    for word, flag in jieba_posseg()(text[offset:end + _SEGMENT_MARGIN]):
        word_end = position + len(word)
        if flag.startswith("nr"):
            if position < end and start < word_end:
                return False  # the segmenter reads a name here too
        elif position < start < word_end:
            start_inside = True
        elif position < end < word_end:
            end_inside = True
        position = word_end
    return start_inside and end_inside
