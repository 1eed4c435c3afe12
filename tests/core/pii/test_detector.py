"""The detector end to end: routing, mixed text, merging, batching."""

from __future__ import annotations

import pytest

from workbench.core.pii import detector as detector_module
from workbench.core.pii.detector import Detector
from workbench.core.pii.findings import Finding, merge_findings
from workbench.core.pii.recognizers.known_people import KnownPerson


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector([KnownPerson("p:zhang", names=("张伟",)),
                     KnownPerson("self", names=("李娜", "Lina Li"), is_self=True)])


def found(detector: Detector, text: str, lang: str = "auto") -> set[tuple[str, str]]:
    return {(f.entity, f.text) for f in detector.analyze(text, lang)}


def test_email_right_next_to_hanzi(detector: Detector):
    # Presidio's \b patterns find nothing here unless compiled ASCII-only.
    assert found(detector, "请发邮件到a@b.com谢谢") == {("EMAIL_ADDRESS", "a@b.com")}


def test_mixed_chinese_and_english_text(detector: Detector):
    text = "Thanks Lina, 张伟的手机 13812345678, ping Priya Sharma at priya@corp.example.com"
    result = found(detector, text)
    assert {("PERSON", "Lina"), ("PERSON", "张伟"), ("PHONE_NUMBER", "13812345678"),
            ("PERSON", "Priya Sharma"), ("EMAIL_ADDRESS", "priya@corp.example.com")} <= result


def test_offsets_are_str_indices(detector: Detector):
    text = "😀 张伟：13812345678"
    (phone,) = [f for f in detector.analyze(text) if f.entity == "PHONE_NUMBER"]
    assert text[phone.start:phone.end] == "13812345678"


def test_no_overlapping_duplicates(detector: Detector):
    text = ("好的，出问题直接打我手机 13812345678，身份证110105199003071239，"
            "邮件 zhang.wei@x.example.com")
    findings = [f for f in detector.analyze(text) if not f.entity.startswith("SENSITIVE_")]
    for a in findings:
        for b in findings:
            assert a is b or a.end <= b.start or b.end <= a.start, (a, b)


def test_sensitive_sentence_keeps_the_identifiers_inside_it(detector: Detector):
    result = found(detector, "报销单我帮你提，卡号 6222021001123456789 对吧？")
    assert ("BANK_CARD", "6222021001123456789") in result
    assert any(entity == "SENSITIVE_FINANCIAL" for entity, _ in result)


def test_known_person_is_marked(detector: Detector):
    (name,) = [f for f in detector.analyze("问一下 Zhang Wei 吧") if f.entity == "PERSON"]
    assert (name.text, name.person) == ("Zhang Wei", "p:zhang")
    (me,) = [f for f in detector.analyze("李娜收到") if f.entity == "PERSON"]
    assert me.is_self


def test_forced_language_still_finds_patterns(detector: Detector):
    assert ("PHONE_NUMBER", "13812345678") in found(detector, "打我手机 13812345678", lang="en")
    assert ("EMAIL_ADDRESS", "tom@x.example.com") in found(detector, "mail tom@x.example.com",
                                                           lang="zh")


def test_repeated_texts_are_analysed_once(detector: Detector, monkeypatch):
    batches: list[list[str]] = []
    original = detector._analyze_batch

    def spy(texts, lang):
        batches.append(list(texts))
        return original(texts, lang)

    monkeypatch.setattr(detector, "_analyze_batch", spy)
    results = detector.analyze_many(["收到", "打我 13812345678", "收到", "收到"])
    assert sum(len(b) for b in batches) == 2
    assert results[0] == results[2] == results[3] == []
    assert results[1][0].entity == "PHONE_NUMBER"


def test_cancel_stops_the_scan(detector: Detector):
    from workbench.core.errors import Cancelled
    from workbench.core.progress import CancelToken

    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        detector.analyze_many(["a", "b"], cancel=token)


@pytest.mark.slow
def test_worker_processes_give_the_same_findings(detector: Detector, monkeypatch):
    monkeypatch.setattr(detector_module, "PARALLEL_THRESHOLD", 10)
    texts = [f"消息{i}：请联系张伟 1381234{i:04d}，或 tom{i}@x.example.com" for i in range(40)]
    seen = []
    parallel = detector.analyze_many(texts, processes=2, progress=lambda d, t, _: seen.append(d))
    assert parallel == detector.analyze_many(texts)
    assert seen[-1] == 40


def test_merge_prefers_score_then_length_and_keeps_the_owner():
    a = Finding("PERSON", 0, 3, 0.7, "Tom", "SpacyRecognizer")
    b = Finding("PERSON", 0, 3, 0.6, "Tom", "KnownPeopleRecognizer", person="p:tom")
    c = Finding("PERSON", 0, 9, 0.7, "Tom Baker", "SpacyRecognizer")
    assert merge_findings([a, b]) == [Finding("PERSON", 0, 3, 0.7, "Tom", "SpacyRecognizer",
                                              person="p:tom")]
    assert merge_findings([a, c]) == [c]


def test_employee_numbers_are_found_in_both_languages(detector: Detector):
    """New-user trial: "工号 E10234" reached the skill unredacted."""
    for text in ("交接文档：我的工号 E10234，有问题找我", "Badge: employee ID E10234, floor 3"):
        found = {(f.entity, f.text) for f in detector.analyze(text)}
        assert ("EMPLOYEE_ID", "E10234") in found, found


def test_the_chinese_model_is_named_as_chinese_wherever_it_is_shown(detector: Detector):
    # A finding in Chinese text says it was found by the Chinese model, in the reader's
    # language: never "(English)" and never a class name.
    from workbench.core.messages import CATALOGUE, label

    by_model = [f for f in detector.analyze("陈静说下周去上海出差，王芳也去。", "zh")
                if f.entity in ("PERSON", "LOCATION") and f.detector not in (
                    "ChineseNameRecognizer", "ChineseChatNameRecognizer", "KnownPeopleRecognizer")]
    assert by_model, "the Chinese model found nothing"
    english_model = {f.detector for f in detector.analyze("Priya Sharma flew to Berlin.", "en")
                     if f.entity in ("PERSON", "LOCATION")}
    for finding in by_model:
        assert f"detector.{finding.detector}" in CATALOGUE, finding.detector
        assert finding.detector not in english_model
        assert "中文" in label("detector", finding.detector, "zh")
        assert "Chinese" in label("detector", finding.detector, "en")


def test_a_chinese_finding_stored_before_the_models_had_names_of_their_own_says_chinese():
    from workbench.core.messages import label
    from workbench.core.pii.findings import shown_detector

    assert "中文" in label("detector", shown_detector("SpacyRecognizer", "上海"), "zh")
    assert "英文" in label("detector", shown_detector("SpacyRecognizer", "Berlin"), "zh")
    assert shown_detector("ChineseNameRecognizer", "张伟") == "ChineseNameRecognizer"
