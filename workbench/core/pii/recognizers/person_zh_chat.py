"""PERSON in chat forms of Chinese names: surname + title (陈总, 张工, 刘老师, 王姐), 老X/小X,
@-mentions of Latin handles (@Kevin, @zhaomin_1990), and the sender of a pasted chat line
("2024-03-04 09:30 张伟：…")."""

from __future__ import annotations

import functools
import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from workbench.core.pii.chinese import COMPOUND_SURNAMES, common_surnames
from workbench.core.pii.recognizers.base import result

# Longest first, so "总监" wins over "总" and "姐姐" over "姐".
TITLES = ("总经理", "总监", "总裁", "经理", "老师", "主任", "律师", "医生", "博士", "教授",
          "师傅", "老板", "主管", "组长", "处长", "科长", "部长", "局长", "院长", "校长",
          "队长", "助理", "同学", "阿姨", "姐姐", "哥哥", "大哥", "大姐", "总", "工", "哥",
          "姐", "董", "老", "叔", "导")
# Characters after a one-character title that make a word of it: "明总结", "施工程".
_TITLE_WORDS = {
    "总": set("结部体是共数额计之算统线经价量归会得要还能在行裁"),
    "工": set("作程具资厂业人艺期位序种单号商"),
    "董": set("事会"),
    "老": set("师家公婆板人年头是化乡虎鼠壶艺町"),
    "导": set("致出入演师航读向游"),
    "叔": set("叔"),
}
# surname + title pairs that are everyday words: "施工", "华工", "农工", "童工", "成总".
_WORDS = frozenset("施工 华工 农工 童工 军工 石工 电工 木工 化工 钟工 龙哥 古老 元老 "
                   "长老 养老 敬老 终老 告老 文老 古董 班主任".split())
# 于 after these is the preposition of a word (对于, 关于, 由于…), not the surname 于.
_YU_WORDS = set("对关由至等在属处位基用终过免善鉴")
# What may stand before a title form: a non-hanzi or a word that ends before a name.
_BEFORE = set("和跟与给找问请让叫被把对向说是的了在由等及或同跟请帮替")
# 老X / 小X: X a surname that makes no everyday word with 老/小 (小时, 老师, 小于, 小区…).
_NOT_AFTER_LAO_XIAO = set("师时于区米成和文方常百千明高家公婆板年乡头白心组说道吃写"
                          "康宁安平金")
# …and what may follow it: a non-hanzi or a word that starts after a name.
_AFTER_LAO_XIAO = set("说和跟与在是的了也都就还要会能呢吗啊呀吧来去把被给让今明昨你我他她"
                      "刚已先又再"
                      # verbs a colleague does: "小张负责前端", "交给小张处理", "小周请假"
                      "负处对请发帮做写看找问叫回加休同")
# …and what may stand before it besides _BEFORE: the end of a time word ("昨天小周请假了").
_BEFORE_LAO_XIAO = frozenset("天午上晚早")
_LATIN_MENTION = re.compile(r"(?<![A-Za-z0-9._%+\-])@([A-Za-z](?:[A-Za-z0-9_.\-]{0,30}"
                            r"[A-Za-z0-9])?)(?![A-Za-z0-9@.\-])")
# A chat log line pasted as text: a time stamp, then the sender and a colon.
_SENDER_LINE = re.compile(
    r"(?m)^[ \t]*\[?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]+"
    r"(?P<name>[\u4e00-\u9fff]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})[ \t]*[:：]")
# Group mentions, not people.
_GROUP_MENTIONS = frozenset({"all", "here", "channel", "everyone", "team", "group"})
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A pinyin or English surname with a Chinese title: "Zhou总", "Kevin总", "Li 老师".
_LATIN_TITLED = re.compile(
    r"(?<![A-Za-z0-9_./\\@-])[A-Z][a-z]{1,11}[ ]?(?P<title>总经理|总监|总|经理|老师|工|哥|姐)")


def is_title_word(text: str, start: int, title: str) -> bool:
    """Whether the title written at `start` begins an everyday word instead ("明总结", "施工程")."""
    nxt = text[start + len(title)] if start + len(title) < len(text) else ""
    return nxt in _TITLE_WORDS.get(title, ())


@functools.cache
def _title_pattern() -> re.Pattern[str]:
    surnames = "".join(sorted(common_surnames()))
    compounds = "|".join(COMPOUND_SURNAMES)
    titles = "|".join(TITLES)
    return re.compile(rf"(?:{compounds}|[{surnames}])(?:{titles})")


@functools.cache
def _lao_xiao_pattern() -> re.Pattern[str]:
    surnames = "".join(sorted(common_surnames() - _NOT_AFTER_LAO_XIAO))
    return re.compile(rf"[老小][{surnames}]")


def _could_be_sender(name: str) -> bool:
    """"张伟" or "Tom Baker" but not "Note" or "备注": a hanzi name starts with a surname;
    a Latin one has two words, or is a listed given name that is not an everyday word."""
    from workbench.core.pii.recognizers.person_en import COMMON, GIVEN, lexicons

    if _HAN.match(name):
        return (name[0] in common_surnames() or name[:2] in COMPOUND_SURNAMES)
    if " " in name:
        return True
    kind = lexicons().kind(name)
    return bool(kind & GIVEN) and not kind & COMMON


def _edge_ok(text: str, start: int, end: int, after: set[str] | None,
             also_before: frozenset[str] = frozenset()) -> bool:
    before = text[start - 1] if start else ""
    if text[start] == "于" and before in _YU_WORDS:
        return False
    if before and _HAN.match(before) and before not in _BEFORE and before not in also_before:
        return False
    nxt = text[end] if end < len(text) else ""
    return not (nxt and _HAN.match(nxt) and after is not None and nxt not in after)


class ChineseChatNameRecognizer(EntityRecognizer):
    """The way chat names a boss, client or colleague. The span covers the title too
    ("陈总" → 同事A, not "同事A总"), because the title plus surname is what identifies."""

    name: str  # set by Presidio's __init__, which carries no annotations

    SCORE_TITLE = 0.65
    SCORE_LAO_XIAO = 0.6
    SCORE_MENTION = 0.6
    SCORE_SENDER = 0.6

    def __init__(self, supported_language: str = "zh") -> None:
        super().__init__(supported_entities=["PERSON"], name="ChineseChatNameRecognizer",
                         supported_language=supported_language)

    def load(self) -> None:
        _title_pattern()
        _lao_xiao_pattern()

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        if entities and "PERSON" not in entities:
            return []
        found = [result(self.name, self.id, "PERSON", s, e, score)
                 for s, e, score in self.find(text)]
        return found

    def find(self, text: str) -> list[tuple[int, int, float]]:
        spans: list[tuple[int, int, float]] = []
        if _HAN.search(text):
            for match in _title_pattern().finditer(text):
                value = match.group()
                title = value[2:] if value[:2] in COMPOUND_SURNAMES else value[1:]
                nxt = text[match.end()] if match.end() < len(text) else ""
                if value in _WORDS or nxt in _TITLE_WORDS.get(title, ()):
                    continue
                if _edge_ok(text, match.start(), match.end(), None):
                    spans.append((match.start(), match.end(), self.SCORE_TITLE))
            for match in _lao_xiao_pattern().finditer(text):
                if _edge_ok(text, match.start(), match.end(), _AFTER_LAO_XIAO,
                            _BEFORE_LAO_XIAO):
                    spans.append((match.start(), match.end(), self.SCORE_LAO_XIAO))
            for match in _LATIN_TITLED.finditer(text):
                nxt = text[match.end()] if match.end() < len(text) else ""
                if nxt not in _TITLE_WORDS.get(match.group("title"), ()):
                    spans.append((match.start(), match.end(), self.SCORE_TITLE))
        if ":" in text or "：" in text:
            for match in _SENDER_LINE.finditer(text):
                if _could_be_sender(match.group("name")):
                    spans.append((match.start("name"), match.end("name"), self.SCORE_SENDER))
        if "@" in text:
            for match in _LATIN_MENTION.finditer(text):
                if match.group(1).lower() not in _GROUP_MENTIONS:
                    spans.append((match.start(1), match.end(1), self.SCORE_MENTION))
        return spans
