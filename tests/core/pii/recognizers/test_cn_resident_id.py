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
