"""PERSON in Chinese text from jieba's name tags, compound surnames and @-mentions.

jieba tags many ordinary words as names (盛夏, 蔚蓝, 白羊): measured on the held-out CLUENER
selection sentences its `nr` words alone were wrong ten times for each name the Chinese NER
model missed. So a jieba name counts only where the model also tags a name there, where it
starts with a compound surname (欧阳, 诸葛…), or where chat grammar says it is one: after a
word that addresses or mentions a person (谢谢, 请, 联系, 找, 跟…), before a verb of saying
(说, 表示…) or a colon, or as the whole message."""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from workbench.core.pii.chinese import (
    COMPOUND_SURNAMES,
    common_surnames,
    has_surname_character,
    jieba_posseg,
)
from workbench.core.pii.recognizers.base import result

# Words jieba often tags as names in workplace chat that never are.
STOPLIST = frozenset(
    "谢谢 收到 明白 好的 辛苦 麻烦 老师 同事 大家 各位 领导 老板 客户 同学 家人 朋友 高兴 "
    "周末 金额 于是 白天 文档 发布 灰度 回滚 上线 下线 测试 周报 日报 华为 阿里 腾讯 百度 "
    "京东 小米 马上 成功 安全 明天 今天 昨天 方便 时间 平安 任务 常用 江湖 海淀 朝阳 "
    "黄金 金融 高达 万一 于此 向上 程序 单元 严重 林立 雷达 钱包 文本".split()
)
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_COMPOUND = re.compile(rf"(?:{'|'.join(COMPOUND_SURNAMES)})[\u4e00-\u9fff]{{1,2}}")
# Characters that end a name because they start the next word ("欧阳娜说…", "诸葛亮和…").
_NAME_BREAKERS = set("说和跟与在是的了给把被对向从今明昨来去也都就还要会能请让叫问找")
_HANZI = re.compile(r"[\u4e00-\u9fff]")
_MENTION = re.compile(r"@([\u4e00-\u9fff]{2,3})(?=[\s，,。:：!！?？]|$)")
# Words after which the next word names a person, and words and marks that follow a name.
_CUE_BEFORE = frozenset(
    "谢谢 感谢 多谢 请 联系 找 问 叫 让 跟 抄送 转给 交给 发给 告诉 通知 "
    "麻烦 恭喜 欢迎 辛苦 拜托 提醒 询问 回复 审批人 联系人 负责人 经办人 @ "
    # the HR or admin colleague named after their department ("请联系HR周敏")
    "HR hr HRBP 人事 行政 招聘 前台".split())
_CUE_AFTER = frozenset(
    "说 讲 问 答 道 表示 认为 指出 介绍 称 告诉 回复 : ： 您好 你好 "
    # what a colleague does in chat: "孙悟空又迟到了", "周敏已经审批", "周敏办理入职"
    "又 也 已经 刚才 刚刚 今天 明天 昨天 请假 迟到 早退 加班 出差 负责 办理 审批 签字".split())
# Names from the classic novels that chat gives colleagues as nicknames ("猪八戒今天请假");
# the models read only some of them, and jieba does not tag all as names.
LITERARY_NAMES = frozenset(
    "孙悟空 猪八戒 沙和尚 沙僧 唐僧 白骨精 林黛玉 贾宝玉 薛宝钗 王熙凤 刘姥姥 史湘云 "
    "武大郎 潘金莲 西门庆 宋江 李逵 鲁智深 林冲 武松 诸葛亮 关羽 张飞 刘备 赵云 "
    "韦小宝 令狐冲 郭靖 黄蓉 杨过 小龙女 张无忌 乔峰 段誉 虚竹".split())
_LITERARY = re.compile("|".join(sorted(LITERARY_NAMES, key=len, reverse=True)))


class ChineseNameRecognizer(EntityRecognizer):
    """jieba's `nr` tag alone finds roughly two names in three; compound surnames and
    @-mentions add names it splits or misses, and a stoplist drops its frequent false hits."""

    name: str  # set by Presidio's __init__, which carries no annotations

    def __init__(self, supported_language: str = "zh") -> None:
        super().__init__(
            supported_entities=["PERSON"],
            name="ChineseNameRecognizer",
            supported_language=supported_language,
        )

    def load(self) -> None:
        jieba_posseg()

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        literary = [result(self.name, self.id, "PERSON", m.start(), m.end(), 0.6)
                    for m in _LITERARY.finditer(text)]
        if not has_surname_character(text):
            return literary  # every other name starts with a surname; jieba is the slow part
        spans: dict[tuple[int, int], float] = {}
        position = 0
        words: list[tuple[int, str, str]] = []
        for word, flag in jieba_posseg()(text):
            start = text.find(word, position)
            position = start + len(word) if start >= 0 else position
            words.append((start, word, flag))
        model_names = _model_names(nlp_artifacts)
        for i, (start, word, flag) in enumerate(words):
            if flag in ("nr", "nrfg", "nrt") and _HAN_NAME.match(word) and word not in STOPLIST:
                end = start + len(word)
                if (word.startswith(COMPOUND_SURNAMES) or _cued(text, words, i)
                        or any(s < end and start < e for s, e in model_names)):
                    spans[(start, end)] = 0.55 if flag == "nrt" else 0.6
        jieba_starts = {start for start, _ in spans}
        for match in _COMPOUND.finditer(text):
            if match.start() in jieba_starts:
                continue  # jieba already cut this name, and its word boundary is better
            name = match.group()
            if len(name) == 4 and name[3] in _NAME_BREAKERS:
                name = name[:3]
            if name[2] in _NAME_BREAKERS:
                continue
            end = match.start() + len(name)
            if end < len(text) and _HANZI.match(text[end]) and text[end] not in _NAME_BREAKERS:
                continue  # the run goes on into a word ("东方周刊", "第五代战斗机")
            spans[(match.start(), end)] = 0.65
        for found in literary:
            spans.setdefault((found.start, found.end), found.score)
        for match in _MENTION.finditer(text):
            name = match.group(1)
            if name[0] in common_surnames() and name not in STOPLIST:
                spans[match.span(1)] = 0.7
        return [result(self.name, self.id, "PERSON", s, e, score)
                for (s, e), score in spans.items()]


def _model_names(nlp_artifacts: NlpArtifacts | None) -> list[tuple[int, int]]:
    if nlp_artifacts is None:
        return []
    return [(e.start_char, e.end_char) for e in nlp_artifacts.entities if e.label_ == "PERSON"]


# A Latin word, ASCII punctuation or the text's edge on each side of an isolated hanzi name.
_ISOLATED_BY_LATIN = re.compile(r"^(?:[A-Za-z][A-Za-z'\-]*|[,.:;!?()\[\]\"'])?$")


def _cued(text: str, words: list[tuple[int, str, str]], i: int) -> bool:
    """Chat grammar around word i says it names a person (see the module docstring)."""
    # Spaces are words to jieba: "人事 周敏 已经审批" reads past them.
    before = next((words[j][1].strip() for j in range(i - 1, -1, -1) if words[j][1].strip()),
                  "")
    after = next((words[j][1].strip() for j in range(i + 1, len(words))
                  if words[j][1].strip()), "")
    if before in _CUE_BEFORE or after in _CUE_AFTER:
        return True
    # A name written in hanzi inside an English sentence ("call 张三 at …"): the hanzi run is
    # the name alone, between Latin words (the Chinese model has no Chinese context there).
    start, word = words[i][0], words[i][1]
    end = start + len(word)
    if _ISOLATED_BY_LATIN.match(before) and _ISOLATED_BY_LATIN.match(after) \
            and (start == 0 or not _HANZI.match(text[start - 1])) \
            and (end >= len(text) or not _HANZI.match(text[end])):
        return True
    stripped = text.strip(" \t\r\n，,。.!！?？~～")
    return stripped == words[i][1]
