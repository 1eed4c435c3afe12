"""BANK_CARD: 16-19 digit debit/bank card numbers (UnionPay 62… included), Luhn-valid."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.core.pii.recognizers.base import CharacterRecognizer
from workbench.core.pii.recognizers.cn_resident_id import is_valid_resident_id

_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])\d(?:[ -]?\d){15,18}(?![0-9A-Za-z])", re.ASCII)
# Card-like prefixes: UnionPay (62), Visa (4), Mastercard (51-55, 2221-2720), Amex, JCB.
_CARD_PREFIX = re.compile(r"^(?:6[0-25]|4|5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720|3[47]|35)")
# Written in groups of four ("6013 8218 9585 4147 789"), digits are almost always a card.
_GROUPED = re.compile(r"^\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?$")


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char)
        if index % 2:
            number = number * 2 - 9 if number > 4 else number * 2
        total += number
    return total % 10 == 0


class BankCardRecognizer(CharacterRecognizer):
    """Luhn-valid card numbers. A known card prefix scores 0.6; other Luhn-valid numbers 0.3
    (one in ten random numbers passes Luhn, so order numbers need a context word such as 卡号)."""

    CONTEXT = ["卡号", "银行卡", "储蓄卡", "信用卡", "借记卡", "工资卡", "卡", "账号", "帐号",
               "账户", "card", "account", "bank", "报销", "打款", "转账", "收款"]

    ENTITY = "BANK_CARD"

    def find(self, text: str) -> Iterator[tuple[int, int, float]]:
        for match in _CANDIDATE.finditer(text):
            digits = re.sub(r"[ -]", "", match.group())
            if not luhn_valid(digits) or is_valid_resident_id(digits):
                continue
            grouped = _GROUPED.match(match.group()) is not None
            yield match.start(), match.end(), 0.6 if _CARD_PREFIX.match(digits) or grouped else 0.3
