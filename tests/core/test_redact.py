from workbench.core.redact import Replacement, apply_replacements, merge_overlaps, placeholder


def test_typed_placeholders_in_the_artifact_language():
    assert placeholder("PHONE_NUMBER", "zh") == "[电话]"
    assert placeholder("PHONE_NUMBER", "en") == "[PHONE]"
    assert placeholder("UNKNOWN_THING", "en") == "[REDACTED]"


def test_replacements_through_presidio_anonymizer():
    text = "call 张伟 at 13812345678 now"
    out = apply_replacements(text, [Replacement(5, 7, "同事A", False),
                                    Replacement(11, 22, "[电话]", True)])
    assert out == "call 同事A at [电话] now"


def test_overlaps_merge_and_a_redaction_wins():
    merged = merge_overlaps([Replacement(0, 10, "[健康信息]", True),
                             Replacement(3, 5, "同事A", False),
                             Replacement(12, 15, "同事B", False),
                             Replacement(14, 18, "同事B", False)])
    assert merged == [Replacement(0, 10, "[健康信息]", True),
                      Replacement(12, 18, "同事B", False)]
    assert apply_replacements("abcdefghij--klmnopq", [Replacement(0, 4, "[X]", True),
                                                     Replacement(2, 6, "A", False)]) \
        == "[X]ghij--klmnopq"
