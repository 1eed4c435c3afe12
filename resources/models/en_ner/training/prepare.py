"""Build the English NER training corpora (spaCy DocBin) from the shared NER corpora.

    python prepare.py --out corpus      # needs /work/shared/nlp (or $WORKBENCH_NLP_DATA)

train.spacy  = the ``train`` part of CoNLL-2003 and WNUT-17 (WNUT twice: it is the small,
               social-media half), plus
               * a lower-cased copy of a seeded LOWER_SHARE of those sentences (chat and social
                 media often write names in lower case: "ask kevin", "ray rice");
               * seeded synthetic workplace-chat lines (augment_en.py): English first names,
                 pinyin names (Zhang Wei, Kevin Zhou), lower case, and name-free
                 negatives ("Runbook updated", "see you at 09:05").
select.spacy = the ``select`` part of CoNLL-2003 and WNUT-17 (checkpoint selection).
The held-out ``dev`` part (../../ner_splits/heldout.tsv) is never read here.

Sentences are built from the corpus tokens (``Doc(words=...)``), so gold tokens align exactly.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "ner_splits"))
sys.path.insert(0, str(HERE))
import augment_en  # noqa: E402 - path set-up above
import corpora  # noqa: E402

LOWER_SHARE = 0.3
WNUT_COPIES = 2


def to_doc(nlp: spacy.language.Language, words: list[str], spans: list[tuple[int, int, str]]) -> Doc:
    """Doc from tokens; spans are character offsets in " ".join(words)."""
    doc = Doc(nlp.vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
    ents = []
    for a, b, lab in spans:
        sp = doc.char_span(a, b, label=lab, alignment_mode="strict")
        if sp is None:
            raise ValueError(f"span does not align: {words} {a}:{b}")
        ents.append(sp)
    doc.ents = ents
    return doc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=HERE / "corpus")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--n-synthetic", type=int, default=3000)
    ap.add_argument("--wnut-copies", type=int, default=WNUT_COPIES,
                    help="times the WNUT-17 train part is added (social media is scarce)")
    args = ap.parse_args()
    if not corpora.available():
        raise SystemExit(f"NER corpora not found under {corpora.data_root()}")
    rng = random.Random(args.seed)
    heldout = corpora.read_heldout_file()
    nlp = spacy.blank("en")
    train, select = DocBin(store_user_data=False), DocBin(store_user_data=False)
    counts: dict[str, int] = {}
    for name in corpora.corpora_for("en"):
        for s in corpora.load(name):
            if s.part == "dev":
                continue
            assert s.digest not in heldout[name], (name, s.index)
            assert s.words is not None
            if s.part == "select":
                select.add(to_doc(nlp, s.words, s.spans))
                counts[f"{name}:select"] = counts.get(f"{name}:select", 0) + 1
                continue
            for _ in range(args.wnut_copies if name == "wnut17" else 1):
                train.add(to_doc(nlp, s.words, s.spans))
                counts[f"{name}:train"] = counts.get(f"{name}:train", 0) + 1
            if rng.random() < LOWER_SHARE:
                train.add(to_doc(nlp, [w.lower() for w in s.words], s.spans))
                counts["lower-cased copies"] = counts.get("lower-cased copies", 0) + 1
    banned = {s.text[a:b].lower() for c in ("conll2003", "wnut17") for s in corpora.load(c)
              if s.part == "dev" for a, b, lab in s.spans if lab == "PERSON"}
    for words, spans in augment_en.generate(args.n_synthetic, rng, banned):
        train.add(to_doc(nlp, words, spans))
        counts["synthetic"] = counts.get("synthetic", 0) + 1
    args.out.mkdir(parents=True, exist_ok=True)
    train.to_disk(args.out / "train.spacy")
    select.to_disk(args.out / "select.spacy")
    for k, v in sorted(counts.items()):
        print(f"{k:24} {v}")
    print(f"train {len(train)} docs, select {len(select)} docs")


if __name__ == "__main__":
    main()
