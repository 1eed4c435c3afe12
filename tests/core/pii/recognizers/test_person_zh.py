import pytest

from tests.core.pii.recognizers.helpers import values
from workbench.core.pii.recognizers.person_zh import ChineseNameRecognizer

recognizer = ChineseNameRecognizer()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("谢谢张伟", "张伟"),
        ("请联系王芳", "王芳"),
        ("@李娜 收到", "李娜"),
        ("上官婉儿今天请假", "上官婉儿"),
        ("这事问欧阳娜娜", "欧阳娜娜"),
    ],
)
def test_names(text: str, name: str):
    assert name in values(recognizer, text)


def test_compound_surname_stops_before_the_next_word():
    assert "诸葛亮" in values(recognizer, "诸葛亮和我明天来")
    assert "司马光" in values(recognizer, "司马光砸缸")


@pytest.mark.parametrize("text", ["谢谢大家", "收到，明天发布", "好的", "灰度发布先看 p99 延迟。",
                                  "明白，祝顺利"])
def test_stoplist_words_are_not_names(text: str):
    assert values(recognizer, text) == []


@pytest.mark.parametrize("text", ["初夏清新；盛夏灿烂；末夏秋凉", "天空的美丽是保留一片蔚蓝",
                                  "水瓶；白羊；双鱼；魔羯"])
def test_jieba_names_without_model_or_chat_support_are_not_names(text: str):
    assert values(recognizer, text) == []


@pytest.mark.parametrize(("text", "name"), [("张伟说明天开会", "张伟"), ("王芳：收到", "王芳"),
                                            ("跟刘洋确认一下", "刘洋"), ("刘洋", "刘洋")])
def test_jieba_names_in_chat_grammar_are_names(text: str, name: str):
    assert name in values(recognizer, text)


def test_a_jieba_name_the_model_also_tags_is_kept():
    from types import SimpleNamespace

    from presidio_analyzer.nlp_engine import NlpArtifacts

    text = "初夏清新；盛夏灿烂"
    entity = SimpleNamespace(label_="PERSON", start_char=5, end_char=7)
    artifacts = NlpArtifacts(entities=[entity], tokens=None, tokens_indices=[], lemmas=[],
                             nlp_engine=None, language="zh")
    found = [text[r.start:r.end] for r in recognizer.analyze(text, [], artifacts)]
    assert "盛夏" in found


@pytest.mark.parametrize("text", ["央行和银监会没有出台细则", "与欧冠8个小组第三名组成32强",
                                  "和艾波卡特主题乐园", "俄罗斯空军开始试验第二架第五代战斗机样机"])
def test_conjunctions_and_compound_surnames_inside_words_are_no_cue(text: str):
    """News text: 和/与 join any two nouns, and a compound surname's characters also start
    ordinary words (第五代, 东方明珠); only chat's colloquial 跟 stays a cue."""
    assert values(recognizer, text) == []


@pytest.mark.parametrize(("text", "name"), [
    # New-user trial: a colleague named after the HR word, or doing something.
    ("请联系HR周敏办理入职", "周敏"),
    ("人事 周敏 已经审批", "周敏"),
    ("哈哈孙悟空又迟到了", "孙悟空"),
    ("猪八戒今天请假", "猪八戒"),
])
def test_names_in_hr_and_chat_context(text: str, name: str):
    assert name in values(recognizer, text)
