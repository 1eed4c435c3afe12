from tests.core.pii.recognizers.helpers import scores
from workbench.core.pii.recognizers.cn_passport import CnPassportRecognizer

recognizer = CnPassportRecognizer()


def test_passport_formats_are_candidates():
    assert list(scores(recognizer, "E12345678")) == ["E12345678"]
    assert list(scores(recognizer, "EA1234567")) == ["EA1234567"]
    assert list(scores(recognizer, "G87654321")) == ["G87654321"]


def test_without_context_the_score_is_too_low_to_report():
    assert scores(recognizer, "型号 E12345678")["E12345678"] < 0.4


def test_near_misses():
    assert scores(recognizer, "e12345678 E1234567 XE12345678 E123456789") == {}
