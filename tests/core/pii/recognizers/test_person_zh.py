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
