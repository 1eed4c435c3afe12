"""The NER corpora readers, the seeded hold-out and the dev-split report, without /work/shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import dev_splits
from benchmarks.corpus import LabelledMessage, Span
from benchmarks.quality import Pred

corpora = dev_splits.corpora()


def test_bioes_and_bio_tags_become_spans_and_unmapped_types_are_dropped() -> None:
    tags = ["B-PER", "E-PER", "O", "S-LOC", "B-MISC", "E-MISC", "I-ORG", "I-ORG"]
    assert corpora._tag_spans(tags, corpora.BIO3) == [(0, 2, "PERSON"), (3, 4, "LOCATION"),
                                                       (6, 8, "ORG")]


def test_weibo_nominal_mentions_are_not_names(tmp_path: Path) -> None:
    path = tmp_path / "weibo.conll"
    rows = [("女0", "B-PER.NOM"), ("人1", "I-PER.NOM"), ("王0", "B-PER.NAM"), ("芳1", "I-PER.NAM"),
            ("在0", "O"), ("2" + "0", "O"), ("京0", "B-GPE.NAM")]
    path.write_text("\n".join(f"{c}\t{t}" for c, t in rows) + "\n\n", encoding="utf-8")
    (s,) = corpora.read_weibo(path)
    assert s.text == "女人王芳在2京"
    assert [(s.text[a:b], lab) for a, b, lab in s.spans] == [("王芳", "PERSON"), ("京", "LOCATION")]


def test_cluener_ends_are_inclusive_and_position_is_not_a_name(tmp_path: Path) -> None:
    path = tmp_path / "cluener.jsonl"
    obj = {"text": "叶老桂博士说",
           "label": {"name": {"叶老桂": [[0, 2]]}, "position": {"博士": [[3, 4]]}}}
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (s,) = corpora.read_cluener(path)
    assert [(s.text[a:b], lab) for a, b, lab in s.spans] == [("叶老桂", "PERSON")]


def test_english_sentences_are_tokens_joined_by_spaces(tmp_path: Path) -> None:
    path = tmp_path / "wnut.conll"
    path.write_text("@paulwalk\tO\nray\tB-person\nrice\tI-person\nrocks\tO\n\t\n", encoding="utf-8")
    (s,) = corpora.read_wnut(path)
    assert s.text == "@paulwalk ray rice rocks"
    assert [(s.text[a:b], lab) for a, b, lab in s.spans] == [("ray rice", "PERSON")]


def test_the_split_is_seeded_by_text_and_holds_out_about_a_tenth() -> None:
    texts = [f"sentence number {i}" for i in range(5000)]
    parts = [corpora.part_of("conll2003", t) for t in texts]
    assert parts == [corpora.part_of("conll2003", t) for t in texts]
    assert 0.08 < parts.count("dev") / len(parts) < 0.12
    assert 0.02 < parts.count("select") / len(parts) < 0.04
    assert {corpora.part_of("msra", t) for t in texts} == {"train"}


def test_the_committed_heldout_list_covers_the_four_domains() -> None:
    listed = corpora.read_heldout_file()
    assert set(listed) == set(corpora.DOMAINS)
    assert all(len(digests) > 100 for digests in listed.values())


def test_report_is_skipped_with_a_message_when_the_corpora_are_absent(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_NLP_DATA", str(tmp_path))
    lines = dev_splits.run({"ours": lambda texts: [[] for _ in texts]})
    assert len(lines) == 1 and "skipped" in lines[0] and str(tmp_path) in lines[0]


def test_scores_per_class_with_unlabelled_handles_set_aside() -> None:
    msg = LabelledMessage("@kevin_z met Ray Rice in Paris", "en",
                          (Span("PERSON", 13, 21), Span("LOCATION", 25, 30)))
    preds = [Pred("PERSON", 1, 8, 0.7, "x"), Pred("PERSON", 13, 16, 0.7, "x"),
             Pred("PERSON", 17, 21, 0.7, "x"), Pred("ADDRESS", 25, 30, 0.5, "x"),
             Pred("DATE_TIME", 0, 3, 0.5, "x")]
    scores = dev_splits.score_by_class([msg], [preds])
    person, location = scores["PERSON"], scores["LOCATION"]
    # "Rice" covers half of "Ray Rice" and matches it; "Ray" is then a second fragment: a FP.
    assert (person.support, person.tp_gold, person.predicted, person.tp_pred) == (1, 1, 2, 1)
    assert (location.recall, location.precision, location.f1) == (1.0, 1.0, 1.0)
    assert scores["ORG"].recall is None and scores["ORG"].precision is None
    assert dev_splits.handles_set_aside([msg], [preds]) == 1
