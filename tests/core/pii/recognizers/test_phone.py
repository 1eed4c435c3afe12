import pytest

from tests.core.pii.recognizers.helpers import scores, values
from workbench.core.pii.recognizers.phone import PhoneNumberRecognizer

recognizer = PhoneNumberRecognizer()


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("好的，出问题直接打我手机 13812345678，别在群里@我", "13812345678"),
        ("打我手机13812345678别在群里", "13812345678"),
        ("+86 138 1234 5678", "+86 138 1234 5678"),
        ("0086-138-1234-5678", "0086-138-1234-5678"),
        ("138-1234-5678 找我", "138-1234-5678"),
        ("值班电话：010-62345678", "010-62345678"),
        ("座机 (021) 6123 4567 转 8", "(021) 6123 4567"),
        ("0755-8888 1234", "0755-8888 1234"),
        ("My cell is +1 415 555 0132", "+1 415 555 0132"),
        ("I'll call you at (415) 555-0199 if it breaks", "(415) 555-0199"),
        ("London office +44 20 7946 0958.", "+44 20 7946 0958"),
        # Ranges libphonenumber holds invalid (Ofcom's drama numbers) are still phones.
        ("Call me at +44 7700 900167 if it breaks", "+44 7700 900167"),
        ("UK office front desk: 07700 900758.", "07700 900758"),
        ("Manchester desk 0161 496 0000", "0161 496 0000"),
    ],
)
def test_unambiguous_formats_score_at_least_half(text: str, phone: str):
    found = scores(recognizer, text)
    assert list(found) == [phone]
    assert found[phone] >= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "订单号 2024030512345678",
        "2024-03-05 09:30 李娜：周报",
        "version v3.12.1",
        "验证码 123456",
        "server 10.20.30.40",
        "¥12,345.00",
        "port 8080",
        "PAY-1234",
        "身份证 110105199003071239",
        "+1 2",
        "ticket 01234 567 89012 3",
        "build 2024 0305 1234",
    ],
)
def test_look_alikes_are_not_phones(text: str):
    assert [v for v, s in scores(recognizer, text).items() if s >= 0.4] == []


def test_bare_landline_needs_context():
    # An unseparated 11-digit number starting with 0 could be anything; the score stays low.
    assert scores(recognizer, "01062345678")["01062345678"] < 0.4


def test_finds_two_numbers_in_one_message():
    assert values(recognizer, "张伟13812345678，备用 010-62345678") == ["010-62345678",
                                                                     "13812345678"]
