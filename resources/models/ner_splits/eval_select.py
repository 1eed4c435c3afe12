"""PERSON / LOCATION / ORG scores of a spaCy NER model alone on the ``select`` sentences.

    python eval_select.py --model ../zh_ner/model --lang zh     # CLUENER + Weibo select parts
    python eval_select.py --model ../en_ner/model --lang en     # CoNLL-2003 + WNUT-17
    python eval_select.py --model en_core_web_sm --lang en      # the stock model, for comparison

Matching as in benchmarks/quality.py: same class, overlap >= 50 % of the gold span, one-to-one.
The ``select`` part is what training used to pick model-best; the held-out ``dev`` part is
read only by ``benchmarks/quality.py --dev-splits``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import spacy

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpora  # noqa: E402 - path set-up above

LABELS = {"PER": "PERSON", "PERSON": "PERSON", "LOC": "LOCATION", "GPE": "LOCATION",
          "LOCATION": "LOCATION", "ORG": "ORG"}


def match(gold: list[tuple[int, int, str]], pred: list[tuple[int, int, str]]) -> tuple[int, int]:
    """(gold spans found, predictions that found one), one-to-one, best overlap first."""
    cands = []
    for gi, (gs, ge, gl) in enumerate(gold):
        for pi, (ps, pe, pl) in enumerate(pred):
            ov = min(ge, pe) - max(gs, ps)
            if pl == gl and ov > 0 and ov >= 0.5 * (ge - gs):
                cands.append((-ov / (ge - gs), gi, pi))
    used_g, used_p = set(), set()
    for _, gi, pi in sorted(cands):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return len(used_g), len(used_p)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--lang", choices=("zh", "en"), required=True)
    args = ap.parse_args()
    nlp = spacy.load(args.model, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    for corpus in [c for c, (lang, _) in corpora.DOMAINS.items() if lang == args.lang]:
        sents = [s for s in corpora.load(corpus) if s.part == "select"]
        totals = {k: [0, 0, 0, 0] for k in ("PERSON", "LOCATION", "ORG")}
        for s, doc in zip(sents, nlp.pipe([s.text for s in sents], batch_size=256), strict=True):
            pred = [(e.start_char, e.end_char, LABELS[e.label_]) for e in doc.ents if e.label_ in LABELS]
            for label, t in totals.items():
                g = [x for x in s.spans if x[2] == label]
                p = [x for x in pred if x[2] == label]
                found, right = match(g, p)
                t[0] += len(g)
                t[1] += len(p)
                t[2] += found
                t[3] += right
        for label, (ng, np_, found, right) in totals.items():
            r = found / ng if ng else 0.0
            p = right / np_ if np_ else 0.0
            f = 2 * r * p / (r + p) if r + p else 0.0
            print(f"{corpus:10} {label:8} gold {ng:4}  R {r:.3f}  P {p:.3f}  F1 {f:.3f}")


if __name__ == "__main__":
    main()
