"""SensitiveCategoryRecognizer: PIPL Art. 28 categories found per sentence, in both languages."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest
from presidio_analyzer import RecognizerResult

from workbench.core.pii.recognizers.sensitive import (
    MATCHED_TERM_KEY,
    SensitiveCategoryRecognizer,
    default_lexicon_path,
)

ENTITIES = {
    "SENSITIVE_HEALTH", "SENSITIVE_FINANCIAL", "SENSITIVE_RELIGION", "SENSITIVE_BIOMETRIC",
    "SENSITIVE_WHEREABOUTS", "SENSITIVE_MINOR", "SENSITIVE_SEX_LIFE",
}


@pytest.fixture(scope="module")
def recognizer() -> SensitiveCategoryRecognizer:
    return SensitiveCategoryRecognizer()


def found(recognizer: SensitiveCategoryRecognizer, text: str) -> list[tuple[str, str, str]]:
    return [(r.entity_type, text[r.start:r.end], r.recognition_metadata[MATCHED_TERM_KEY])
            for r in recognizer.analyze(text, None)]


@pytest.mark.parametrize(
    ("text", "entity", "sentence", "term"),
    [
        # The project's sample chat: these must be found.
        ("我下周请病假做手术，发布那天不在，文档交接给 Tom", "SENSITIVE_HEALTH",
         "我下周请病假做手术，发布那天不在，文档交接给 Tom", "病假"),
        ("我周一住院，诊断书在附件，请帮我转给 HR。", "SENSITIVE_HEALTH",
         "我周一住院，诊断书在附件，请帮我转给 HR", "住院"),
        ("私人：最近在照顾生病的母亲，周三下午请假。", "SENSITIVE_HEALTH",
         "私人：最近在照顾生病的母亲，周三下午请假", "生病"),
        ("明白，祝顺利。报销单我帮你提，卡号 6222021001123456789 对吧？", "SENSITIVE_FINANCIAL",
         "报销单我帮你提，卡号 6222021001123456789 对吧", "卡号"),
        ("I'm having surgery next week", "SENSITIVE_HEALTH",
         "I'm having surgery next week", "surgery"),
        ("my salary was cut", "SENSITIVE_FINANCIAL", "my salary was cut", "salary"),
        ("my daughter starts primary school", "SENSITIVE_MINOR",
         "my daughter starts primary school", "daughter"),
        ("she is pregnant", "SENSITIVE_HEALTH", "she is pregnant", "pregnant"),
        ("my fingerprint data", "SENSITIVE_BIOMETRIC", "my fingerprint data", "fingerprint"),
        # The other categories, one each way.
        ("他信佛，周末去寺庙。", "SENSITIVE_RELIGION", "他信佛，周末去寺庙", "信佛"),
        ("I'm fasting for Ramadan this month", "SENSITIVE_RELIGION",
         "I'm fasting for Ramadan this month", "Ramadan"),
        ("别把我的家庭住址发群里", "SENSITIVE_WHEREABOUTS", "别把我的家庭住址发群里", "家庭住址"),
        ("Here is my itinerary for Tokyo", "SENSITIVE_WHEREABOUTS",
         "Here is my itinerary for Tokyo", "itinerary"),
        ("他跟我说他是同性恋", "SENSITIVE_SEX_LIFE", "他跟我说他是同性恋", "同性恋"),
        ("he came out as gay last year", "SENSITIVE_SEX_LIFE",
         "he came out as gay last year", "came out as"),
        ("公司要录入人脸和声纹", "SENSITIVE_BIOMETRIC", "公司要录入人脸和声纹", "人脸"),
        ("下午去幼儿园接孩子", "SENSITIVE_MINOR", "下午去幼儿园接孩子", "幼儿园"),
        ("房贷和信用卡都还没还", "SENSITIVE_FINANCIAL", "房贷和信用卡都还没还", "房贷"),
    ],
)
def test_finds_the_sentence_around_a_sensitive_term(
    recognizer: SensitiveCategoryRecognizer, text: str, entity: str, sentence: str, term: str
) -> None:
    assert (entity, sentence, term) in found(recognizer, text)


@pytest.mark.parametrize(
    "text",
    [
        "the health check endpoint is down",
        "服务健康检查失败",
        "kill the child process",
        "子进程挂了",
        "credit to Tom for the fix",
        "Happy bank holiday",
        "the patch is sick!",
        "灰度发布先看 p99 延迟。",
        "Rollout done.",
        "we need to pay down tech debt this quarter",
        "It's not brain surgery, just restart it",
        "Please add the key fingerprint to known_hosts",
        "pass it as props.children",
        "Are you kidding me? JSON from Jason again",
        "这是小学生错误",
        "初中级工程师培训下周开始",
        "男同事和女同事都来开会",
        "属性向量和线性关系都算好了",
        "这个问题定位信息在日志里",
        "六一儿童节快乐！",
    ],
)
def test_ignores_workplace_false_friends(recognizer: SensitiveCategoryRecognizer,
                                          text: str) -> None:
    assert found(recognizer, text) == []


def test_result_shape(recognizer: SensitiveCategoryRecognizer) -> None:
    (result,) = recognizer.analyze("I'm having surgery next week.", ["SENSITIVE_HEALTH"])
    assert (result.start, result.end, result.score) == (0, 28, 0.6)
    assert result.recognition_metadata == {
        RecognizerResult.RECOGNIZER_NAME_KEY: "SensitiveCategoryRecognizer",
        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        MATCHED_TERM_KEY: "surgery",
    }


def test_supports_all_seven_entities(recognizer: SensitiveCategoryRecognizer) -> None:
    assert set(recognizer.get_supported_entities()) == ENTITIES


@pytest.mark.parametrize("language", ["en", "zh"])
def test_loads_both_languages_whatever_it_is_filed_under(language: str) -> None:
    recognizer = SensitiveCategoryRecognizer(supported_language=language)
    assert recognizer.supported_language == language
    assert found(recognizer, "我周一住院") == [("SENSITIVE_HEALTH", "我周一住院", "住院")]
    assert found(recognizer, "my salary was cut") == [
        ("SENSITIVE_FINANCIAL", "my salary was cut", "salary")]


def test_mixed_language_message(recognizer: SensitiveCategoryRecognizer) -> None:
    assert found(recognizer, "我的salary被砍了") == [
        ("SENSITIVE_FINANCIAL", "我的salary被砍了", "salary")]


def test_one_result_per_category_and_sentence(recognizer: SensitiveCategoryRecognizer) -> None:
    text = "我儿子生病住院了，手术在周五。Deploy v2.3.1 is out. My son is in hospital\n  ok  "
    assert found(recognizer, text) == [
        ("SENSITIVE_HEALTH", "我儿子生病住院了，手术在周五", "生病"),
        ("SENSITIVE_HEALTH", "My son is in hospital", "hospital"),
        ("SENSITIVE_MINOR", "我儿子生病住院了，手术在周五", "儿子"),
        ("SENSITIVE_MINOR", "My son is in hospital", "son"),
    ]


def test_entities_argument_filters(recognizer: SensitiveCategoryRecognizer) -> None:
    results = recognizer.analyze("我儿子生病了", ["SENSITIVE_MINOR"])
    assert [r.entity_type for r in results] == ["SENSITIVE_MINOR"]
    assert recognizer.analyze("我儿子生病了", ["PERSON"]) == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Two SURGERIES this year", "surgery"),
        ("She was hospitalized", "hospitalized"),
        ("I'm on sick-leave", "sick leave"),
        ("I'm on sick\nleave", "sick leave"),
        ("I called in sick today", "called in sick"),
        ("Got a doctor’s note", "doctor's note"),
        ("My sons are fine", "son"),
        ("both pregnancies went well", "pregnancy"),
    ],
)
def test_english_inflections_and_spelling(recognizer: SensitiveCategoryRecognizer, text: str,
                                           term: str) -> None:
    assert [t for _, _, t in found(recognizer, text)][:1] == [term]


def test_exclude_only_hides_the_overlapping_occurrence(
    recognizer: SensitiveCategoryRecognizer,
) -> None:
    assert found(recognizer, "kill the child process, then pick up my child") == [
        ("SENSITIVE_MINOR", "kill the child process, then pick up my child", "child")]


def test_every_lexicon_term_is_found_on_its_own(recognizer: SensitiveCategoryRecognizer) -> None:
    lexicon = json.loads(default_lexicon_path().read_text(encoding="utf-8"))
    missed = []
    for spec in lexicon["categories"].values():
        for term in spec["en"] + spec["zh"]:
            if (spec["entity"], term, term) not in found(recognizer, term):
                missed.append(term)
    assert missed == []


def test_lexicon_is_well_formed() -> None:
    lexicon = json.loads(default_lexicon_path().read_text(encoding="utf-8"))
    assert lexicon["version"] == 1
    assert {spec["entity"] for spec in lexicon["categories"].values()} == ENTITIES
    for name, spec in lexicon["categories"].items():
        for key in ("en", "zh", "exclude"):
            lowered = [term.lower() for term in spec[key]]
            assert len(lowered) == len(set(lowered)), f"duplicate in {name}.{key}"
    for name in ("health", "financial", "minor"):
        assert 30 <= len(lexicon["categories"][name]["en"]) <= 90
        assert 30 <= len(lexicon["categories"][name]["zh"]) <= 90


def test_custom_lexicon(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps({"version": 1, "categories": {"pets": {
        "entity": "SENSITIVE_PET", "en": ["hamster"], "zh": ["仓鼠"], "exclude": ["hamster wheel"],
    }}}), encoding="utf-8")
    recognizer = SensitiveCategoryRecognizer(lexicon_path=path)
    assert recognizer.get_supported_entities() == ["SENSITIVE_PET"]
    assert found(recognizer, "my hamsters! 我的仓鼠") == [
        ("SENSITIVE_PET", "my hamsters", "hamster"), ("SENSITIVE_PET", "我的仓鼠", "仓鼠")]
    assert found(recognizer, "stuck on the hamster wheel") == []


@pytest.mark.parametrize(
    "content",
    [{"version": 2, "categories": {}}, {"version": 1, "categories": {}},
     {"version": 1, "categories": {"x": {"entity": "X", "en": "not a list"}}}],
)
def test_bad_lexicon_fails_loudly(tmp_path: Path, content: dict) -> None:
    path = tmp_path / "lexicon.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(ValueError):
        SensitiveCategoryRecognizer(lexicon_path=path)


def test_empty_and_whitespace_text(recognizer: SensitiveCategoryRecognizer) -> None:
    assert recognizer.analyze("", None) == []
    assert found(recognizer, "  \n I had surgery \n ") == [
        ("SENSITIVE_HEALTH", "I had surgery", "surgery")]


@pytest.mark.slow
def test_ten_thousand_chat_messages_scan_fast(recognizer: SensitiveCategoryRecognizer) -> None:
    plain = ["灰度发布先看 p99 延迟。", "Rollout done.", "PR #4821 looks good, merging after CI",
             "明天上午十点评审接口文档，记得带上压测数据", "服务健康检查失败，回滚到 v2.3.1",
             "Can we move standup to 10:30? I have a conflict", "这个需求我周五前提测"]
    hot = ["我下周请病假做手术，发布那天不在", "my daughter starts primary school on Monday"]
    rng = random.Random(7)
    messages = [rng.choice(hot if rng.random() < 0.1 else plain) for _ in range(10_000)]
    started = time.perf_counter()
    hits = sum(len(recognizer.analyze(message, None)) for message in messages)
    elapsed = time.perf_counter() - started
    assert hits > 0
    # The target is 0.5 s (measured ~0.07 s); the slack keeps a loaded CI machine from failing.
    assert elapsed < 1.5, f"{elapsed:.2f} s"
