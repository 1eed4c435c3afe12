"""The benchmark corpora are what detector quality is measured against: keep them honest."""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks.corpus import (
    CARD_ENTITIES,
    EN_NEGATIVE,
    EN_POSITIVE,
    ENTITIES,
    ZH_NEGATIVE,
    ZH_POSITIVE,
    LabelledMessage,
    chat_stream,
    cn_id_ok,
    iban_ok,
    labelled_messages,
    luhn_ok,
    validate_message,
)


@pytest.fixture(scope="module")
def corpus() -> list[LabelledMessage]:
    return labelled_messages()


def test_checksum_helpers_agree_with_published_examples():
    assert cn_id_ok("11010519491231002X")  # the GB 11643 example id
    assert not cn_id_ok("110105194912310021")  # same id, wrong check character
    assert not cn_id_ok("110105194902300026")  # 30 February
    assert luhn_ok("4111 1111 1111 1111") and not luhn_ok("4111 1111 1111 1112")
    assert iban_ok("DE89 3704 0044 0532 0130 00") and iban_ok("GB82WEST12345698765432")
    assert not iban_ok("DE89 3704 0044 0532 0130 01")


def test_size_and_language_mix(corpus: list[LabelledMessage]):
    assert len(corpus) >= 600
    langs = Counter(m.lang for m in corpus)
    assert set(langs) == {"en", "zh", "mixed"}
    assert langs["en"] / len(corpus) == pytest.approx(0.5, abs=0.02)
    assert (langs["zh"] + langs["mixed"]) / len(corpus) == pytest.approx(0.5, abs=0.02)
    assert langs["mixed"] / len(corpus) == pytest.approx(0.15, abs=0.02)
    assert len(EN_POSITIVE) + len(EN_NEGATIVE) >= 60
    assert len(ZH_POSITIVE) + len(ZH_NEGATIVE) >= 60


def test_every_span_matches_its_text_and_checksums_hold(corpus: list[LabelledMessage]):
    for msg in corpus:
        validate_message(msg)  # offsets, no overlaps, value shapes, checksums
        for span in msg.spans:
            value = msg.text[span.start : span.end]
            assert value == value.strip() and value
            if span.entity == "CN_RESIDENT_ID":
                assert cn_id_ok(value)
            elif span.entity in CARD_ENTITIES:
                assert luhn_ok(value)
                assert not cn_id_ok(value.replace(" ", "").replace("-", ""))
            elif span.entity == "IBAN_CODE":
                assert iban_ok(value)
        for decoy in msg.decoys:
            value = msg.text[decoy.start : decoy.end]
            if decoy.entity == "BAD_RESIDENT_ID":
                assert not cn_id_ok(value)
            elif decoy.entity == "BAD_CARD":
                assert not luhn_ok(value)
    counts = Counter(s.entity for m in corpus for s in m.spans)
    assert all(counts[e] >= 20 for e in ENTITIES), counts
    ids = [m.text[s.start : s.end] for m in corpus for s in m.spans if s.entity == "CN_RESIDENT_ID"]
    assert any(i.endswith("X") for i in ids)


def test_decoy_and_no_entity_shares(corpus: list[LabelledMessage]):
    assert sum(bool(m.decoys) for m in corpus) / len(corpus) >= 0.25
    assert sum(not m.spans for m in corpus) / len(corpus) == pytest.approx(0.2, abs=0.03)
    kinds = Counter(d.entity for m in corpus for d in m.decoys)
    for kind in ("ORDER_NO", "VERSION_IPLIKE", "BAD_RESIDENT_ID", "BAD_CARD", "OTP", "HONORIFIC"):
        assert kinds[kind] > 0, kind


def test_labelled_corpus_is_deterministic(corpus: list[LabelledMessage]):
    assert labelled_messages() == corpus
    assert labelled_messages(seed=7, n=80) == labelled_messages(seed=7, n=80)
    assert labelled_messages(seed=8, n=80) != labelled_messages(seed=7, n=80)


def test_chat_stream_is_deterministic_and_well_formed():
    first = chat_stream(seed=11, n=2000)
    assert first == chat_stream(seed=11, n=2000)
    assert first != chat_stream(seed=12, n=2000)
    assert len(first) == 2000
    assert all(2 <= len(m) <= 200 for m in first)
    repeats = len(first) - len(set(first))
    assert repeats > 400  # acknowledgements and re-posted lines repeat, as in a real chat
