"""EMAIL_ADDRESS written to dodge scrapers: "kevin at example dot com", "kevin[at]example.com"."""

import pytest

from tests.core.pii.recognizers.helpers import spans
from workbench.core.pii.recognizers.email_obfuscated import ObfuscatedEmailRecognizer

recognizer = ObfuscatedEmailRecognizer()


@pytest.mark.parametrize(("text", "email"), [
    ("contact kevin at example dot com", "kevin at example dot com"),
    ("kevin[at]example[dot]com", "kevin[at]example[dot]com"),
    ("kevin(at)example.com", "kevin(at)example.com"),
    ("mail kevin.zhou {at} corp {dot} example {dot} cn please",
     "kevin.zhou {at} corp {dot} example {dot} cn"),
    ("邮箱 kevin [at] example [dot] com 谢谢", "kevin [at] example [dot] com"),
    ("write to KEVIN AT EXAMPLE DOT COM", "KEVIN AT EXAMPLE DOT COM"),
    ("kevin＠example.com", "kevin＠example.com"),
])
def test_finds_the_address(text: str, email: str):
    assert spans(recognizer, text) == [("EMAIL_ADDRESS", email)]


@pytest.mark.parametrize("text", [
    "look at example.com for the docs",  # a site, not an address
    "meet at noon dot com bubble talk",  # no domain ending
    "look at example dot com for the docs",  # "look" is nobody's mailbox
    "arrive at 10 dot 30",
    "kevin@example.com",  # an ordinary address is the built-in recognizer's
    "price at 5.00",
])
def test_hard_negatives(text: str):
    assert spans(recognizer, text) == []


def test_a_written_out_address_is_the_same_person_as_the_plain_one():
    from workbench.core.pii.parties import normalise

    assert normalise("EMAIL_ADDRESS", "Kevin [at] Example [dot] com") == normalise(
        "EMAIL_ADDRESS", "kevin@example.com")
