"""Convert the NER jsonl files into spaCy DocBin (.spacy) corpora.

    python prepare.py                      # data/ + synthetic -> corpus/{train,dev}.spacy
    python prepare.py --no-synthetic       # original UNER train only

Tokenisation is spaCy's Chinese `char` segmenter (one token per character), so every
span aligns; `alignment_mode="expand"` is only a safety net. The dev set is converted
unchanged (no synthetic rows) and is the only set used for evaluation.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.util import filter_spans

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"


def blank_zh():
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def to_docbin(nlp, rows: list[dict]) -> tuple[DocBin, int]:
    db = DocBin(store_user_data=False)
    dropped = 0
    for row in rows:
        doc = nlp.make_doc(row["text"])
        ents = []
        for sp in row["spans"]:
            span = doc.char_span(sp["start"], sp["end"], label=sp["label"], alignment_mode="expand")
            if span is None or not span.text.strip():
                dropped += 1
                continue
            ents.append(span)
        kept = filter_spans(ents)
        dropped += len(ents) - len(kept)
        doc.ents = kept
        db.add(doc)
    return db, dropped


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=HERE / "corpus")
    ap.add_argument("--no-synthetic", action="store_true", help="do not add corpus/synthetic.jsonl to train")
    ap.add_argument("--synthetic", type=Path, default=HERE / "corpus" / "synthetic.jsonl")
    args = ap.parse_args()

    nlp = blank_zh()
    train_rows = read_jsonl(DATA / "uner_zh_gsdsimp_train.jsonl")
    if not args.no_synthetic:
        if not args.synthetic.exists():
            raise SystemExit(f"{args.synthetic} missing: run augment.py first (or pass --no-synthetic)")
        train_rows += read_jsonl(args.synthetic)
    dev_rows = read_jsonl(DATA / "uner_zh_gsdsimp_dev.jsonl")

    args.out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("train", train_rows), ("dev", dev_rows)):
        db, dropped = to_docbin(nlp, rows)
        db.to_disk(args.out / f"{name}.spacy")
        print(f"{name}: {len(rows)} docs -> {args.out / (name + '.spacy')} (dropped spans: {dropped})")


if __name__ == "__main__":
    main()
