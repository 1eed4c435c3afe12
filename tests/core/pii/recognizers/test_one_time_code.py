"""One-time and verification codes are SECRET; order numbers and times are not."""

import pytest

from tests.core.pii.recognizers.helpers import spans
from workbench.core.pii.recognizers.one_time_code import OneTimeCodeRecognizer

recognizer = OneTimeCodeRecognizer()


@pytest.mark.parametrize(("text", "code"), [
    ("验证码 482913，五分钟内有效", "482913"),
    ("你的验证码是：4829", "4829"),
    ("【某银行】动态码482913，请勿告诉他人", "482913"),
    ("your code is 482913", "482913"),
    ("OTP: 482913", "482913"),
    ("Your verification code is 48-29-13", "48-29-13"),
    ("2FA code 482 913, expires in 5 min", "482 913"),
    ("one-time password: 7G4K2Q", "7G4K2Q"),
    ("482913 is your Google verification code", "482913"),
    ("短信校验码为 482913", "482913"),
])
def test_finds_the_code(text: str, code: str):
    assert spans(recognizer, text) == [("SECRET", code)]


@pytest.mark.parametrize("text", [
    "订单号 482913 已发货",
    "order 482913 shipped",
    "会议 14:30 开始",
    "验证码 14:30 发的，你收到了吗",  # a time, not the code
    "error code 500 again",
    "zip code 94103",
    "the code is on GitHub",
    "验证码已发送，请查收",  # no code in the text
    "OTP rollout planned for 2025",  # a year
    "the code is 5000 lines long",  # a size
    "your code is 120 ms slower",
])
def test_hard_negatives(text: str):
    assert spans(recognizer, text) == []
