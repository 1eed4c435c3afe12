"""SECRET: one-time and verification codes (验证码 482913, "your code is 482913", OTP: 482913).
A code in a pasted text message still opens the account until it expires."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.core.pii.recognizers.base import CharacterRecognizer

# Words that name a one-time code. Plain "code" is too common ("error code 500", "zip code"):
# only "your/the/my code is" and the named kinds count.
_CUE = (
    r"(?:验证码|校验码|动态码|动态密码|短信码|确认码|安全码|登录码|激活码|"
    r"(?<![A-Za-z])(?i:otp|2fa[ \t]+code|mfa[ \t]+code|one[ \t-]?time[ \t]+(?:code|password|pin)|"
    r"verification[ \t]+code|security[ \t]+code|confirmation[ \t]+code|login[ \t]+code|"
    r"auth(?:entication)?[ \t]+code|(?:your|the|my)[ \t]+code)(?![A-Za-z]))"
)
# Digits (4-8, maybe grouped "482 913" / "48-29-13"), or 6-8 letters and digits with a digit.
_CODE = (r"(?P<code>(?<![0-9A-Za-z:])(?:\d{4,8}|\d{2,4}(?:[ \-]\d{2,4}){1,2}|"
         r"(?=[A-Z]*\d)[A-Z0-9]{6,8})(?![0-9A-Za-z:]))")
_CUE_THEN_CODE = re.compile(
    _CUE + r"[ \t]*(?:(?i:is|was|are)(?![A-Za-z])|[:：=]|是|为|為|：)?[ \t]*(?:[:：])?[ \t]*"
    + _CODE)
# "482913 is your Google verification code", "482913是您的验证码".
_CODE_THEN_CUE = re.compile(
    _CODE + r"[ \t]*(?:(?i:is[ \t]+(?:your|the)[ \t]+(?:[A-Z][A-Za-z]+[ \t]+)?)|是您?的|为您?的)"
    + _CUE.replace("(?:your|the|my)[ \\t]+code", "code"))
_TRIGGERS = ("码", "otp", "code", "one-time", "one time", "password", "pin")
# A count after the number makes it a size: "the code is 5000 lines", "验证码 1200 行".
_UNIT_AFTER = re.compile(r"[ \t]*(?:(?i:lines?|loc|ms|kb|mb|bytes?)(?![A-Za-z])|行|字|毫秒|秒|%)")


def _plausible_code(code: str) -> bool:
    """Not a year ("OTP rollout planned for 2025") or a number of one repeated digit."""
    digits = code.replace(" ", "").replace("-", "")
    if len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100:
        return False
    return len(set(digits)) > 1


class OneTimeCodeRecognizer(CharacterRecognizer):
    """A short code right after (or before) a word naming a one-time code; score 0.9.
    Reported as SECRET, so it is always redacted."""

    ENTITY = "SECRET"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        lowered = text.lower()
        if not any(trigger in lowered for trigger in _TRIGGERS):
            return
        for pattern in (_CUE_THEN_CODE, _CODE_THEN_CUE):
            for match in pattern.finditer(text):
                if _plausible_code(match["code"]) and not _UNIT_AFTER.match(text,
                                                                             match.end("code")):
                    yield match.start("code"), match.end("code"), 0.9
