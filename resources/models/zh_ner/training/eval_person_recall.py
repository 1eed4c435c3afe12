"""PERSON precision / recall on the UNER dev set: model alone, jieba `nr` alone, and union.

    python eval_person_recall.py [--model ../model] [--dev ../data/uner_zh_gsdsimp_dev.jsonl]

Two matching criteria are reported:
  * exact   - predicted span == gold span (same as `spacy evaluate`)
  * overlap - a gold name counts as found if any predicted PERSON span overlaps it; a
              prediction counts as correct if it overlaps any gold PERSON span. This is
              the relevant view for PII redaction (a partly covered name is still masked).
jieba names are words whose jieba.posseg flag is `nr` (person name); pass --jieba-flags
to widen it (e.g. `nr,nrfg,nrt`). For the union, predicted spans from both sources are
pooled (overlapping spans are kept as-is; exact matching dedups identical spans).
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import spacy

HERE = Path(__file__).resolve().parent


def jieba_names(text: str, flags: set[str]) -> set[tuple[int, int]]:
    import jieba.posseg as pseg

    spans, pos = set(), 0
    for pair in pseg.cut(text):
        start = text.find(pair.word, pos)
        if start < 0:
            continue
        end = start + len(pair.word)
        pos = end
        if pair.flag in flags and pair.word.strip():
            spans.add((start, end))
    return spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(gold: list[set], pred: list[set]) -> dict[str, float]:
    tp = sum(len(g & p) for g, p in zip(gold, pred))
    n_gold = sum(map(len, gold))
    n_pred = sum(map(len, pred))
    found = sum(sum(any(overlaps(x, y) for y in p) for x in g) for g, p in zip(gold, pred))
    correct = sum(sum(any(overlaps(y, x) for x in g) for y in p) for g, p in zip(gold, pred))

    def prf(p_num, r_num):
        p = p_num / n_pred if n_pred else 0.0
        r = r_num / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    ep, er, ef = prf(tp, tp)
    op, orr, of = prf(correct, found)
    return {"n_pred": n_pred, "exact_p": ep, "exact_r": er, "exact_f": ef, "overlap_p": op, "overlap_r": orr, "overlap_f": of}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=HERE.parent / "model")
    ap.add_argument("--dev", type=Path, default=HERE.parent / "data" / "uner_zh_gsdsimp_dev.jsonl")
    ap.add_argument("--jieba-flags", default="nr")
    args = ap.parse_args()

    import jieba

    jieba.setLogLevel(logging.WARNING)
    flags = set(args.jieba_flags.split(","))
    nlp = spacy.load(args.model)
    rows = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in rows]

    gold = [{(s["start"], s["end"]) for s in r["spans"] if s["label"] == "PERSON"} for r in rows]
    model = [
        {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"} for doc in nlp.pipe(texts, batch_size=64)
    ]
    jb = [jieba_names(t, flags) for t in texts]
    union = [m | j for m, j in zip(model, jb)]

    print(f"dev: {args.dev.name}  sentences={len(rows)}  gold PERSON={sum(map(len, gold))}  jieba flags={sorted(flags)}")
    print(f"{'system':<16}{'n_pred':>7}  {'P':>6} {'R':>6} {'F':>6}   {'P~':>6} {'R~':>6} {'F~':>6}")
    print(f"{'':<16}{'':>7}  {'exact':^20}   {'overlap':^20}")
    for name, pred in (("model", model), ("jieba nr", jb), ("model ∪ jieba", union)):
        s = score(gold, pred)
        print(
            f"{name:<16}{s['n_pred']:>7}  {s['exact_p']:6.1%} {s['exact_r']:6.1%} {s['exact_f']:6.1%}"
            f"   {s['overlap_p']:6.1%} {s['overlap_r']:6.1%} {s['overlap_f']:6.1%}"
        )


if __name__ == "__main__":
    main()
