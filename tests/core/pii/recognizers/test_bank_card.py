from tests.core.pii.recognizers.helpers import scores, values
from workbench.core.pii.recognizers.bank_card import BankCardRecognizer, luhn_valid

recognizer = BankCardRecognizer()


def test_unionpay_card_with_and_without_spaces():
    assert values(recognizer, "卡号 6222021001123456789 对吧？") == ["6222021001123456789"]
    assert values(recognizer, "卡号6222 0210 0112 3456 789对吧") == ["6222 0210 0112 3456 789"]
    assert scores(recognizer, "卡号6222021001123456789")["6222021001123456789"] >= 0.5


def test_invalid_luhn_is_not_a_card():
    assert values(recognizer, "卡号 6222021001123456788") == []


def test_resident_id_digits_are_not_a_card():
    # 18 digits that are a valid resident ID and (by chance or not) Luhn-valid stay IDs.
    value = "110105199003071239"
    assert values(recognizer, value) == [] or not luhn_valid(value)


def test_luhn_valid_order_number_without_card_prefix_scores_low():
    number = "2024030512345674"
    assert luhn_valid(number)
    assert scores(recognizer, f"订单号 {number}")[number] < 0.4
