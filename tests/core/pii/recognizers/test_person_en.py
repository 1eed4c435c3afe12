"""GivenNameRecognizer: first names (and full names) from lexicons in English, Chinese and
mixed chat, without spaCy; names that are also words only in strong patterns."""

from __future__ import annotations

import random
import time

import pytest
from presidio_analyzer import RecognizerResult

from tests.core.pii.recognizers.helpers import scores, spans
from workbench.core.paths import resources_dir
from workbench.core.pii.recognizers.person_en import (
    AMBIGUOUS,
    GIVEN,
    SURNAME,
    GivenNameRecognizer,
    fold,
    lexicons,
)

LEXICONS = resources_dir() / "lexicons"


@pytest.fixture(scope="module")
def recognizer() -> GivenNameRecognizer:
    r = GivenNameRecognizer()
    r.load()
    return r


def names(recognizer: GivenNameRecognizer, text: str) -> list[str]:
    """The PERSON spans in text order."""
    found = sorted(recognizer.analyze(text, []), key=lambda r: r.start)
    assert all(r.entity_type == "PERSON" for r in found)
    return [text[r.start:r.end] for r in found]


def entries(file_name: str) -> list[str]:
    lines = (LEXICONS / file_name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Thanks Sophie!", ["Sophie"]),
    ("Paging Andrew: prod is down again", ["Andrew"]),
    ("Host: Lucas", ["Lucas"]),
    ("Dear Arjun,\nplease find the deck attached.", ["Arjun"]),
    ("Kenji and Priya will join, Olga is out today", ["Kenji", "Priya", "Olga"]),
    ("Looping in José and Zoë", ["José", "Zoë"]),
    ("Anna's PR is ready", ["Anna"]),
    ("Anne-Marie and Jean-Luc approved", ["Anne-Marie", "Jean-Luc"]),
])
def test_given_name_alone(recognizer: GivenNameRecognizer, text: str, expected: list[str]):
    assert names(recognizer, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("请 Chiara 联系客户", ["Chiara"]),
    ("请Anna确认", ["Anna"]),
    ("找 Kenji。", ["Kenji"]),
    ("，Wei 在看 log", ["Wei"]),
    ("谢谢Lucas的帮助！", ["Lucas"]),
    ("Anna、Lucas和Wei都在", ["Anna", "Lucas", "Wei"]),
    ("Zhang Wei 说明天上线", ["Zhang Wei"]),
    ("Chen Jing 和 Liu Yang 负责", ["Chen Jing", "Liu Yang"]),
    ("@Jun 看一下这个 bug", ["Jun"]),
])
def test_mixed_script(recognizer: GivenNameRecognizer, text: str, expected: list[str]):
    assert names(recognizer, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Rachel Müller from Berlin asked", ["Rachel Müller"]),
    ("Meeting with Emma Reyes at 3", ["Emma Reyes"]),
    ("Arjun Fischer approved it", ["Arjun Fischer"]),
    ("cc Lucas Okafor", ["Lucas Okafor"]),
    ("Sophie Hughes Engineering Manager", ["Sophie Hughes"]),
    ("Thanks Priya Venkataraman!", ["Priya Venkataraman"]),  # unknown surname, still a name
    ("Anna Maria Rossi", ["Anna Maria Rossi"]),
    ("John F. Kennedy", ["John F. Kennedy"]),
    ("Jan de Vries and Maria da Silva", ["Jan de Vries", "Maria da Silva"]),
    ("Nguyen Van Minh signed", ["Nguyen Van Minh"]),
    ("Kim Min-jun and Park Ji-hoon", ["Kim Min-jun", "Park Ji-hoon"]),
    ("Taylor Swift", ["Taylor Swift"]),  # an ambiguous surname after a clear given name
])
def test_full_names_are_one_span(recognizer: GivenNameRecognizer, text: str,
                                 expected: list[str]):
    assert names(recognizer, text) == expected


def test_scores(recognizer: GivenNameRecognizer):
    assert scores(recognizer, "Thanks Sophie!") == {"Sophie": 0.6}
    assert scores(recognizer, "Rachel Müller") == {"Rachel Müller": 0.75}
    assert scores(recognizer, "Mr. Smith") == {"Smith": 0.7}
    # Rule 1 alone must pass the analyzer's 0.4 threshold without context words.
    assert min(scores(recognizer, "请Anna确认").values()) >= 0.6


@pytest.mark.parametrize(("text", "expected"), [
    ("Hi Will, can you check?", ["Will"]),
    ("Thanks Grace!", ["Grace"]),
    ("cc Mark", ["Mark"]),
    ("Paging Frank:", ["Frank"]),
    ("@May please review", ["May"]),
    ("Mrs. May said yes", ["May"]),
    ("Will Smith", ["Will Smith"]),
    ("Grace Hopper wrote the first compiler", ["Grace Hopper"]),
    ("Frank Miller", ["Frank Miller"]),
    ("Jack Chen joined", ["Jack Chen"]),
])
def test_ambiguous_names_in_strong_patterns(recognizer: GivenNameRecognizer, text: str,
                                            expected: list[str]):
    assert names(recognizer, text) == expected


@pytest.mark.parametrize("text", [
    "Will you check the logs?",
    "May 5th works for me",
    "the grace period ends Friday",
    "Summer sale starts soon",
    "Frank feedback is welcome",
    "Mark as done please",
    "Grant access to the finance folder",
    "Bill the client for March",
    "Chase the vendor for the invoice",
    "Roger that",
    "Max connections reached",
    "Ruby gem update",
    "Jack White",  # both words are ambiguous: no evidence it is a person
    "Will Power",
])
def test_ambiguous_names_alone_are_not_reported(recognizer: GivenNameRecognizer, text: str):
    assert names(recognizer, text) == []


@pytest.mark.parametrize("text", [
    "Jenkins log shows the failure",
    "Docker build is broken",
    "Kafka consumer lag is high",
    "Swift package manager",
    "Rust and Go and Java",
    "Grafana alert fired; Redis memory is high",
    "Travis CI and Hudson are gone",
    "Claude said the fix is wrong",
    "Aurora cluster failover",
])
def test_tech_words(recognizer: GivenNameRecognizer, text: str):
    assert names(recognizer, text) == []


@pytest.mark.parametrize("text", [
    "See you Monday", "June 2024 release", "April Fools", "August numbers", "Jan 5",
    "Thu 3pm", "Due in December", "Every Wednesday",
])
def test_months_and_days(recognizer: GivenNameRecognizer, text: str):
    assert names(recognizer, text) == []


@pytest.mark.parametrize("text", [
    "New York office", "San Diego", "St. Louis", "Hong Kong office hours", "Sri Lanka",
    "Victoria Street is closed", "Ho Chi Minh City", "Round Robin scheduling",
    "Sydney office", "Jordan team",
])
def test_places(recognizer: GivenNameRecognizer, text: str):
    assert names(recognizer, text) == []


@pytest.mark.parametrize("text", [
    "Can you take a look?", "An issue with the build", "Please review the PR",
    "Great work everyone!", "Per the spec this is fine", "Ping me when done",
    "Happy Friday team!", "Hope this helps", "Will do, thanks.",
])
def test_sentence_initial_common_words(recognizer: GivenNameRecognizer, text: str):
    assert names(recognizer, text) == []


@pytest.mark.parametrize("text", [
    "thanks tom", "ping sophie about it", "anna", "ANNA CHEN", "lucas okafor",
])
def test_lowercase_and_all_caps_never_match(recognizer: GivenNameRecognizer, text: str):
    assert names(recognizer, text) == []


@pytest.mark.parametrize("text", [
    "mail anna.Smith@example.com", "/home/Anna/notes.txt", "Anna_Smith", "x-Anna",
    "getAnnaName()", "Anna@example.com",
])
def test_identifiers_paths_and_addresses(recognizer: GivenNameRecognizer, text: str):
    assert names(recognizer, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Mr. Smith called", ["Smith"]),
    ("Ask Dr Okonkwo", ["Okonkwo"]),
    ("Ms. Brown and Prof. Tanaka", ["Brown", "Tanaka"]),
    ("Dr. Emma Reyes", ["Emma Reyes"]),
    ("Mr. Wang Wei", ["Wang Wei"]),
])
def test_title_labels_the_name_only(recognizer: GivenNameRecognizer, text: str,
                                    expected: list[str]):
    assert names(recognizer, text) == expected


def test_surname_alone_without_title_is_not_reported(recognizer: GivenNameRecognizer):
    assert names(recognizer, "Smith said Müller agreed") == []


def test_results_name_the_recognizer_and_honour_entities(recognizer: GivenNameRecognizer):
    (found,) = recognizer.analyze("Thanks Sophie!", ["PERSON"])
    assert found.recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] == (
        "GivenNameRecognizer")
    assert recognizer.analyze("Thanks Sophie!", ["EMAIL_ADDRESS"]) == []
    assert spans(recognizer, "Thanks Sophie!") == [("PERSON", "Sophie")]


def test_lexicon_sizes_and_duplicates():
    given, surnames, ambiguous = (entries(n) for n in (
        "given_names.txt", "surnames_latin.txt", "name_words_ambiguous.txt"))
    assert 2500 <= len(given) <= 4100
    assert 1400 <= len(surnames) <= 2000
    for listed in (given, ambiguous):
        keys = [fold(name) for name in listed]
        assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})


def test_every_clear_given_name_is_found_alone(recognizer: GivenNameRecognizer):
    flags = lexicons().flags
    missed = [name for name in entries("given_names.txt")
              if not flags[fold(name)] & AMBIGUOUS
              and names(recognizer, f"请 {name} 确认") != [name]]
    assert missed == []


def test_ambiguous_words_are_names_or_known_words():
    flags = lexicons().flags
    ambiguous_given = [w for w in entries("name_words_ambiguous.txt")
                       if flags[fold(w)] & GIVEN]
    # The ambiguous list must cover the classic cases (the rest are tool and place words).
    for word in ("Will", "May", "Grace", "Ruby", "Jack", "Summer", "Frank", "Mark"):
        assert word in ambiguous_given
    assert flags[fold("Jenkins")] & SURNAME and flags[fold("Jenkins")] & AMBIGUOUS


def test_speed_10000_messages():
    r = GivenNameRecognizer()
    r.load()
    templates = [
        "Thanks Sophie! I'll merge the PR after the Jenkins build is green.",
        "请 Chiara 联系客户，确认一下 Q3 的合同",
        "Paging Andrew: prod alerts in Grafana again, can you take a look?",
        "Will you check the Kafka consumer lag before the May 5th release?",
        "Hi Will, Rachel Müller from Berlin asked about the Docker image",
        "，Wei 在看 log，Zhang Wei 说明天上线",
        "Dear Arjun, please find the updated deck attached. Regards, Emma Reyes",
        "the grace period for the Ruby gem upgrade ends on Monday",
        "ok sounds good, thanks",
        "Mr. Smith from New York joined the call with Lucas Okafor",
        "今天的 standup 改到下午三点，大家注意",
        "cc Mark and Jack Chen on the Jira ticket PROJ-1234 please",
    ]
    rng = random.Random(7)
    messages = [f"{rng.choice(templates)} #{i}" for i in range(10_000)]
    best = float("inf")
    for _ in range(3):  # best of three: the target is the code's speed, not the CI's load
        started = time.perf_counter()
        hits = sum(len(r.analyze(message, [])) for message in messages)
        best = min(best, time.perf_counter() - started)
    assert hits > 5_000
    assert best < 0.3, f"{best:.3f} s"
