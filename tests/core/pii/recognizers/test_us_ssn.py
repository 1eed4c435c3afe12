"""US_SSN: a Social Security number said to be one, never an invalid number, phone or date."""

import pytest

from tests.core.pii.recognizers.helpers import spans
from workbench.core.pii.recognizers.us_ssn import SocialSecurityNumberRecognizer

recognizer = SocialSecurityNumberRecognizer()


@pytest.mark.parametrize(("text", "number"), [
    ("My SSN is 123-45-6789, please keep it private.", "123-45-6789"),
    ("social security number: 123456789", "123456789"),
    ("SSN# 078 05 1120 on the W-4", "078 05 1120"),
    ("Social Security No. 219-09-9999", "219-09-9999"),
    ("她的美国社会安全号是 123-45-6789", "123-45-6789"),
    ("123-45-6789 is my SSN", "123-45-6789"),
])
def test_finds_the_number_said_to_be_an_ssn(text: str, number: str):
    assert spans(recognizer, text) == [("US_SSN", number)]


@pytest.mark.parametrize("text", [
    "SSN 666-12-3456",  # area 666 is never issued
    "SSN 000-12-3456",  # area 000
    "SSN 912-34-5678",  # 9xx areas are not SSNs (ITINs and the like)
    "SSN 123-00-6789",  # group 00
    "SSN 123-45-0000",  # serial 0000
    "Call me at 212-555-0134 tomorrow",  # a phone
    "SSN? call 212-555-0134",  # a phone even beside the word
    "The meeting is on 2024-03-14",  # a date
    "ticket 123-45-6789 is closed",  # the shape alone says nothing
    "order 123456789 shipped",  # nine digits alone are no SSN
    "SSN: 1234-56-7890",  # too long in the first group
    "SSN 123-45-67890",  # a longer number, not an SSN
])
def test_hard_negatives(text: str):
    assert spans(recognizer, text) == []
