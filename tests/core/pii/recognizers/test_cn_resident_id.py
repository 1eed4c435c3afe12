import pytest

from tests.core.pii.recognizers.helpers import values
from workbench.core.pii.recognizers.cn_resident_id import (
    CnResidentIdRecognizer,
    is_valid_resident_id,
)

recognizer = CnResidentIdRecognizer()


@pytest.mark.parametrize(
    "value", ["110105199003071239", "310115198811124517", "11010519491231002X"]
)
def test_valid_ids_are_found_next_to_chinese(value: str):
    assert values(recognizer, f"身份证复印件（{value}）办签证用") == [value]
    assert values(recognizer, f"号码{value}别外传") == [value]


def test_x_check_digit_in_lower_case():
    assert values(recognizer, "id 11010519491231002x") == ["11010519491231002x"]


@pytest.mark.parametrize(
    "value",
    [
        "110105199003071238",  # wrong check digit
        "110105199002301236",  # 30 February
        "110105209912311234",  # born in the future
        "1101051990030712391",  # 19 digits: part of something longer
        "2024030512345678",  # an order number
    ],
)
def test_near_misses_are_not_reported(value: str):
    assert values(recognizer, f"编号 {value}") == []


def test_checksum_function():
    assert is_valid_resident_id("110105199003071239")
    assert not is_valid_resident_id("110105199003071230")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # The report: a wrong check digit right after the words that say what it is.
        ("王经理的身份证号码是110105194912310021", "110105194912310021"),
        ("身份证号：110105199003071238", "110105199003071238"),
        ("证件号 110105199002301236 请核对", "110105199002301236"),  # 30 February, mistyped
        ("ID number: 110105199003071238", "110105199003071238"),
        ("her ID card 110105-1990-0307-1238", "110105-1990-0307-1238"),
    ],
)
def test_id_shaped_numbers_after_id_words_are_found_whatever_the_check_digit(text: str,
                                                                            value: str):
    assert values(recognizer, text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "订单号 110105199003071238",  # no word says it is an ID
        "110105199003071238，身份证在抽屉里",  # the word stands after it
        "身份证复印件交了吗？另外快递单号是 110105199003071238",  # too far from it
        "身份证号 1101051990030712381",  # 19 digits
        "身份证号 11010519900307123",  # 17 digits
    ],
)
def test_without_an_id_word_next_to_it_a_wrong_check_digit_is_not_an_id(text: str):
    assert values(recognizer, text) == []


def test_a_valid_id_is_reported_once_with_context():
    assert values(recognizer, "身份证号：110105199003071239") == ["110105199003071239"]
