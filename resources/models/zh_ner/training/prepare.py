"""Build the zh NER training corpora (spaCy DocBin) from the shared NER corpora.

    python prepare.py --out corpus      # needs /work/shared/nlp (or $WORKBENCH_NLP_DATA)

train.spacy  = the ``train`` part of CLUENER, Weibo, People's Daily, MSRA and UNER zh (train +
               dev) + corpus/synthetic.jsonl (augment.py) + name-swapped Weibo/UNER copies;
select.spacy = the ``select`` part of CLUENER and Weibo: what ``spacy train`` scores to pick
               model-best.
The held-out ``dev`` part (../../ner_splits/heldout.tsv) is never read here: prepare.py asserts
that no training or selection sentence is in it.

Tokenisation is spaCy's Chinese ``char`` segmenter (one token per character), so every span
aligns. Paragraphs longer than MAX_CHARS are cut at sentence-final punctuation (spans that
would cross a cut keep the paragraph whole).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.util import filter_spans

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "ner_splits"))
import corpora  # noqa: E402 - path set-up above

MAX_CHARS = 160
CUT = re.compile(r"(?<=[。！？；!?])")


def blank_zh() -> spacy.language.Language:
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})


def cut(s: corpora.Sentence) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Split a long paragraph into sentences without cutting through an entity."""
    if len(s.text) <= MAX_CHARS:
        return [(s.text, s.spans)]
    pieces, start = [], 0
    for m in CUT.finditer(s.text):
        end = m.end()
        if end - start >= 20 and not any(a < end < b for a, b, _ in s.spans):
            pieces.append((start, end))
            start = end
    pieces.append((start, len(s.text)))
    out = []
    for a, b in pieces:
        if s.text[a:b].strip():
            out.append((s.text[a:b], [(x - a, y - a, lab) for x, y, lab in s.spans if a <= x and y <= b]))
    return out


def add(db: DocBin, nlp: spacy.language.Language, text: str, spans: list[tuple[int, int, str]]) -> int:
    doc = nlp.make_doc(text)
    ents, dropped = [], 0
    for a, b, lab in spans:
        sp = doc.char_span(a, b, label=lab, alignment_mode="expand")
        if sp is None or not sp.text.strip():
            dropped += 1
            continue
        ents.append(sp)
    kept = filter_spans(ents)
    doc.ents = kept
    db.add(doc)
    return dropped + len(ents) - len(kept)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=HERE / "corpus")
    ap.add_argument("--synthetic", type=Path, default=HERE / "corpus" / "synthetic.jsonl")
    ap.add_argument("--repeat", action="append", default=[], metavar="CORPUS=N",
                    help="add the train part of CORPUS N times (e.g. weibo_ner=3: social media is scarce)")
    args = ap.parse_args()
    repeat = {k: int(v) for k, v in (r.split("=", 1) for r in args.repeat)}
    if not corpora.available():
        raise SystemExit(f"NER corpora not found under {corpora.data_root()}")
    heldout = corpora.read_heldout_file()
    nlp = blank_zh()
    train, select = DocBin(store_user_data=False), DocBin(store_user_data=False)
    counts: dict[str, int] = {}
    dropped = 0
    for name in corpora.corpora_for("zh"):
        for s in corpora.load(name):
            part = s.part
            if part == "dev":
                continue
            assert s.digest not in heldout.get(name, set()), (name, s.index)
            for _ in range(repeat.get(name, 1) if part == "train" else 1):
                for text, spans in cut(s):
                    dropped += add(train if part == "train" else select, nlp, text, spans)
                    counts[f"{name}:{part}"] = counts.get(f"{name}:{part}", 0) + 1
    synthetic = [json.loads(x) for x in args.synthetic.read_text(encoding="utf-8").splitlines() if x.strip()]
    for row in synthetic:
        dropped += add(train, nlp, row["text"], [(sp["start"], sp["end"], sp["label"]) for sp in row["spans"]])
    counts["synthetic"] = len(synthetic)
    args.out.mkdir(parents=True, exist_ok=True)
    train.to_disk(args.out / "train.spacy")
    select.to_disk(args.out / "select.spacy")
    for k, v in sorted(counts.items()):
        print(f"{k:24} {v}")
    print(f"train {len(train)} docs, select {len(select)} docs, dropped spans {dropped}")


if __name__ == "__main__":
    main()
