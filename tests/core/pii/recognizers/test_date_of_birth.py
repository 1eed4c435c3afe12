"""DATE_OF_BIRTH: a date said to be someone's birth date; other dates are not personal."""

import pytest

from tests.core.pii.recognizers.helpers import spans
from workbench.core.pii.recognizers.date_of_birth import DateOfBirthRecognizer

recognizer = DateOfBirthRecognizer()


@pytest.mark.parametrize(("text", "date"), [
    ("DOB 1990-03-14", "1990-03-14"),
    ("D.O.B.: 14/03/1990", "14/03/1990"),
    ("date of birth: March 14, 1990", "March 14, 1990"),
    ("Born on 14 March 1990 in Ohio", "14 March 1990"),
    ("birthday is 3/14", "3/14"),
    ("出生日期：1990年3月14日", "1990年3月14日"),
    ("生日 3月14日", "3月14日"),
    ("他生日是3月14号，记得买蛋糕", "3月14号"),
    ("出生年月：1990.03", "1990.03"),
    ("1990年3月14日出生", "1990年3月14日"),
])
def test_finds_the_birth_date(text: str, date: str):
    assert spans(recognizer, text) == [("DATE_OF_BIRTH", date)]


@pytest.mark.parametrize("text", [
    "会议定在2024年3月14日下午",  # an ordinary meeting date
    "The meeting is on 2024-03-14",
    "release date: 2024-03-14",
    "生日快乐！",  # no date at all
    "birthday party on Friday",
    "生日会 3月14日 在三楼，生日蛋糕已订",  # 生日会 is a party, its date no one's birth
    "DOB 1990-13-45",  # no such date
    "出生日期：待补充，面试定在3月14日",  # the date is the interview's
])
def test_hard_negatives(text: str):
    assert spans(recognizer, text) == []
