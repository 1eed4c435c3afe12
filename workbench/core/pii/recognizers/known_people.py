"""Known people: every name, alias and identifier of the employee and of people seen in the
workspace, found wherever it occurs — hanzi, pinyin (张伟 ↔ Zhang Wei ↔ Wei Zhang) and the
space-less forms OCR produces (TomBaker)."""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from workbench.core.pii.chinese import COMPOUND_SURNAMES, common_surnames, jieba_frequency
from workbench.core.pii.people import KnownPerson, pinyin_forms
from workbench.core.pii.recognizers.base import result

PERSON_KEY = "person_key"
IS_SELF_KEY = "is_self"
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z'\-]*(?:[ .][A-Za-z][A-Za-z'\-]*)*$")
# First names that are also everyday English words: alone they would flag "Will you…".
_AMBIGUOUS_FIRST_NAMES = frozenset(
    "will may mark bill art june april august rose grace hope joy faith max sky sun win"
    " frank pat rich".split()
)


def _latin_regex(form: str) -> str:
    """Words of a Latin name with any spacing between them, even none (OCR)."""
    words = re.split(r"[ .]+", form.strip())
    return r"\s*".join(re.escape(w) for w in words)


def _digits_regex(value: str) -> str | None:
    digits = re.sub(r"[^0-9Xx]", "", value)
    if len(digits) < 6:
        return None
    return r"[ \-]?".join(re.escape(d) for d in digits)


_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+")
# "+86 ", "0086-", "(+86) " before a known number.
_COUNTRY_CODE = r"(?:\(?(?:\+|00)\d{1,3}\)?[ \-]?)?"

# Colleagues call 王建国 "建国". A given name that is also an everyday word (建国 "founding of
# the nation", 平安, 和平) counts only where a name stands: not inside a run of hanzi, or
# after a verb that takes a person and before one a person says.
_COMMON_WORD_FREQUENCY = 1000
_BEFORE_A_NAME = "跟和找问给让叫请"
_AFTER_A_NAME = "说讲问你您哥姐呢吗啊呀吧"


def _given_name_regex(name: str) -> str | None:
    """The two-character given name of a three-character name (or of a four-character one
    with a compound surname), with the guard above when it is a common word."""
    surname = 2 if name[:2] in COMPOUND_SURNAMES else 1
    given = name[surname:]
    if len(given) != 2:
        return None
    if (jieba_frequency(given) or 0) < _COMMON_WORD_FREQUENCY:
        return rf"(?<!{re.escape(name[:surname])}){re.escape(given)}"
    return (rf"(?:(?<![\u4e00-\u9fff])|(?<=[{_BEFORE_A_NAME}])){re.escape(given)}"
            rf"(?=[^\u4e00-\u9fff]|[{_AFTER_A_NAME}]|$)")


# Everyday words that double a character or start with 小 (天天 "every day", 刚刚 "just now",
# 小心 "careful"): never the nickname of 李天, 张刚 or 王心, whatever the dictionary says.
NOT_NICKNAMES = frozenset("""
    天天 常常 慢慢 谢谢 哈哈 刚刚 明明 好好 渐渐 偏偏 往往 人人 早早 多多 平平 嘻嘻 呵呵 嘿嘿
    等等 看看 试试 想想 说说 走走 仅仅 处处 个个 家家 年年 月月 时时 日日 高高 大大 小小 久久
    远远 紧紧 轻轻 默默 悄悄 匆匆 纷纷 频频 连连 稍稍 微微 快快 重重 满满 足足 整整
    小心 小时 小说 小组 小区 小吃 小事 小孩 小姐 小学 小子 小米 小程序 阿姨 阿里
""".split())
# A nickname that is also a dictionary word this common is no one's, as in NOT_NICKNAMES;
# one a little less common counts only where a name stands (the guard of given names).
_NICKNAME_WORD_FREQUENCY = 1000
_NICKNAME_GUARD_FREQUENCY = 100
# Above the Chinese model's 0.6 for "找娜娜" (a verb and the nickname), level with the name
# model's full names (欧阳娜娜 wins as the longer).
_NICKNAME_SCORE = 0.65


def nicknames(name: str) -> list[str]:
    """The nicknames of a hanzi name with a one-character given name: 娜娜, 小娜, 阿娜 and
    娜姐 of 李娜, 伟哥 of 张伟 (a two-character given name is itself what colleagues call
    someone)."""
    surname = 2 if name[:2] in COMPOUND_SURNAMES else 1
    given = name[surname:]
    if len(given) != 1 or (surname == 1 and name[0] not in common_surnames()):
        return []
    return [form for form in (given * 2, "小" + given, "阿" + given, given + "哥", given + "姐")
            if form not in NOT_NICKNAMES
            and (jieba_frequency(form) or 0) < _NICKNAME_WORD_FREQUENCY]


def nickname_regex(nickname: str) -> str:
    """A nickname not inside a longer doubling (娜娜娜), guarded where it is also a word."""
    own = rf"(?<!{re.escape(nickname[-1])}){re.escape(nickname)}(?!{re.escape(nickname[-1])})"
    if (jieba_frequency(nickname) or 0) < _NICKNAME_GUARD_FREQUENCY:
        return own
    return (rf"(?:(?<![\u4e00-\u9fff])|(?<=[{_BEFORE_A_NAME}])){own}"
            rf"(?=[^\u4e00-\u9fff]|[{_AFTER_A_NAME}]|$)")


def _nickname_owners(people: list[KnownPerson]) -> dict[str, KnownPerson]:
    """Each nickname derived from a name -> the one person it is looked for as. A nickname
    someone has as a name of their own is theirs alone; one two people derive (娜娜 of 李娜
    and of 王娜) goes to the colleague when only one colleague derives it, so it is never
    kept as the employee's when it may be someone else's; else to nobody."""
    explicit = {name.strip() for person in people for name in person.names}
    derivers: dict[str, list[KnownPerson]] = {}
    for person in people:
        for name in person.names:
            if _HAN_NAME.match(name.strip()):
                for nickname in nicknames(name.strip()):
                    if nickname not in explicit and person not in derivers.get(nickname, []):
                        derivers.setdefault(nickname, []).append(person)
    owners = {}
    for nickname, found in derivers.items():
        others = [p for p in found if not p.is_self]
        if len(found) == 1 or len(others) == 1:
            owners[nickname] = found[0] if len(found) == 1 else others[0]
    return owners


class KnownPeopleRecognizer(EntityRecognizer):
    """One alternation per kind of identifier, longest first, so "张伟明" (someone else, when
    known) wins over "张伟". Results carry the person's key and whether it is the employee."""

    name: str  # set by Presidio's __init__, which carries no annotations

    def __init__(self, people: list[KnownPerson], supported_language: str = "en") -> None:
        self.people = list(people)
        super().__init__(
            supported_entities=["PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CN_RESIDENT_ID",
                                "BANK_CARD"],
            name="KnownPeopleRecognizer",
            supported_language=supported_language,
        )

    def load(self) -> None:
        # (regex source, entity, score, person) — compiled into one pattern per flag set.
        case_free: list[tuple[str, str, float, KnownPerson]] = []
        case_exact: list[tuple[str, str, float, KnownPerson]] = []
        derived = _nickname_owners(self.people)
        for person in self.people:
            for name in person.names:
                name = name.strip()
                if _HAN_NAME.match(name):
                    case_exact.append((re.escape(name), "PERSON", 0.85, person))
                    given = _given_name_regex(name)
                    if given is not None:
                        case_exact.append((given, "PERSON", 0.6, person))
                    for nickname in nicknames(name):  # 娜娜 of 李娜
                        if derived.get(nickname) is person:
                            case_exact.append((nickname_regex(nickname), "PERSON",
                                               _NICKNAME_SCORE, person))
                    for form in pinyin_forms(name):
                        case_free.append((_latin_regex(form), "PERSON", 0.8, person))
                elif _LATIN_NAME.match(name) and len(name) >= 3:
                    case_free.append((_latin_regex(name), "PERSON", 0.85, person))
                    words = name.split()
                    if len(words) == 2:
                        case_free.append((rf"{re.escape(words[1])}\s+{re.escape(words[0])}",
                                          "PERSON", 0.7, person))
                    first = words[0]
                    if (len(words) > 1 and len(first) >= 3
                            and first.lower() not in _AMBIGUOUS_FIRST_NAMES):
                        case_exact.append((re.escape(first.capitalize()), "PERSON", 0.6, person))
                elif name:
                    case_exact.append((re.escape(name), "PERSON", 0.8, person))
            for email in person.emails:
                # A damaged header ("From: broken") gives an "address" that is only a word;
                # matching it would flag that word everywhere.
                if _ADDRESS.fullmatch(email.strip()):
                    case_free.append((re.escape(email.strip()), "EMAIL_ADDRESS", 1.0, person))
            for values, entity in ((person.phones, "PHONE_NUMBER"), (person.ids, "CN_RESIDENT_ID"),
                                   (person.bank_cards, "BANK_CARD")):
                for value in values:
                    pattern = _digits_regex(value)
                    if pattern:
                        # A phone written with its country code: the code goes with it.
                        prefix = _COUNTRY_CODE if entity == "PHONE_NUMBER" else ""
                        case_exact.append((rf"{prefix}(?<![0-9]){pattern}(?![0-9])", entity,
                                           1.0, person))
        self._patterns = [
            compiled
            for entries, flags in ((case_free, re.IGNORECASE), (case_exact, 0))
            if (compiled := _compile(entries, flags)) is not None
        ]

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        found = []
        for pattern, groups in self._patterns:
            for match in pattern.finditer(text):
                entity, score, person = groups[match.lastgroup or ""]
                found_result = result(self.name, self.id, entity, match.start(), match.end(),
                                      score)
                found_result.recognition_metadata[PERSON_KEY] = person.key
                found_result.recognition_metadata[IS_SELF_KEY] = person.is_self
                found.append(found_result)
        return found


def _compile(
    entries: list[tuple[str, str, float, KnownPerson]], flags: int
) -> tuple[re.Pattern[str], dict[str, tuple[str, float, KnownPerson]]] | None:
    if not entries:
        return None
    entries = sorted(entries, key=lambda e: -len(e[0]))
    groups = {f"k{i}": (entity, score, person) for i, (_, entity, score, person)
              in enumerate(entries)}
    # Latin forms must not sit inside a longer word ("Li" in "Lina"); hanzi have no spaces.
    alternation = "|".join(
        f"(?P<k{i}>(?<![A-Za-z]){source}(?![A-Za-z]))" for i, (source, *_)
        in enumerate(entries)
    )
    return re.compile(alternation, flags), groups
