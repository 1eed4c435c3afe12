"""EMPLOYEE_ID: a staff number right after the word that names it, never a number alone."""

import pytest

from tests.core.pii.recognizers.helpers import values
from workbench.core.pii.recognizers.employee_id import EmployeeIdRecognizer

recognizer = EmployeeIdRecognizer()


@pytest.mark.parametrize(("text", "number"), [
    ("我的工号 E10234，入职时间 2021 年", "E10234"),
    ("工号：007321", "007321"),
    ("员工编号是HR-2024-118", "HR-2024-118"),
    ("职工号为 A1234567", "A1234567"),
    ("Employee ID: E10234", "E10234"),
    ("my staff no. 88231 is on the badge", "88231"),
    ("emp# 55120", "55120"),
])
def test_finds_the_number_after_its_word(text: str, number: str):
    assert values(recognizer, text) == [number]


@pytest.mark.parametrize("text", [
    "E10234",  # the shape alone says nothing
    "工号 待定",  # no digit: not a number
    "请把工号发给我",
    "employee of the month 2024",
    "staff meeting at 10",
    "ticket E10234 is closed",
    "员工 3 人",
])
def test_hard_negatives(text: str):
    assert values(recognizer, text) == []
