"""Owns the NER training corpora: readers, label mapping and the seeded held-out dev splits.

Every corpus under ``/work/shared/nlp`` (or ``$WORKBENCH_NLP_DATA``) is read into
``Sentence`` records (text + character-offset spans labelled PERSON / LOCATION / ORG). The
four *domain* corpora (CLUENER, Weibo, CoNLL-2003, WNUT-17) are split by a salted SHA-1 of
the sentence text, so the split does not depend on file order and identical sentences always
land on the same side:

* bucket < 10  (10 %) -> ``dev``: held out, only ``benchmarks/quality.py --dev-splits`` reads it;
* 10 <= bucket < 13 (3 %) -> ``select``: the checkpoint-selection set ``spacy train`` evaluates;
* otherwise -> ``train``.

People's Daily, MSRA and UNER are training material only (no ``dev`` part). ``heldout.tsv``
lists every held-out sentence (corpus, index in the file, SHA-1 of the text) so the split can
be checked against the files; ``python corpora.py --check`` recomputes and compares it.

Label mapping (what counts as a name): Weibo ``PER.NAM`` -> PERSON (``PER.NOM``, nominal
mentions such as 女人/老师, are not names and are dropped), ``LOC.NAM``/``GPE.NAM`` ->
LOCATION, ``ORG.NAM`` -> ORG; CLUENER ``name`` -> PERSON, ``address``/``scene`` -> LOCATION,
``company``/``organization``/``government`` -> ORG (``position``, ``book``, ``game``,
``movie`` dropped); CoNLL ``PER``/``LOC``/``ORG`` (``MISC`` dropped); WNUT ``person`` ->
PERSON, ``location`` -> LOCATION, ``corporation``/``group`` -> ORG (``product``,
``creative-work`` dropped). English sentences are the corpus tokens joined by single spaces.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
HELDOUT_FILE = HERE / "heldout.tsv"
SALT = "consent-workbench-ner-split-v1"
DEV_PERCENT = 10
SELECT_PERCENT = 3

DOMAINS: dict[str, tuple[str, str]] = {  # corpus -> (language, domain label for reports)
    "cluener": ("zh", "Chinese news/fiction (CLUENER)"),
    "weibo": ("zh", "Chinese social media (Weibo)"),
    "conll2003": ("en", "English news (CoNLL-2003)"),
    "wnut17": ("en", "English social media (WNUT-17)"),
}
TRAIN_ONLY: dict[str, str] = {"peoples_daily": "zh", "msra": "zh", "uner_zh": "zh"}

WEIBO = {"PER.NAM": "PERSON", "LOC.NAM": "LOCATION", "GPE.NAM": "LOCATION", "ORG.NAM": "ORG"}
CLUENER = {
    "name": "PERSON", "address": "LOCATION", "scene": "LOCATION",
    "company": "ORG", "organization": "ORG", "government": "ORG",
}
BIO3 = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORG"}
WNUT = {"person": "PERSON", "location": "LOCATION", "corporation": "ORG", "group": "ORG"}


@dataclass
class Sentence:
    """One sentence of a corpus with its mapped entity spans (end exclusive)."""

    corpus: str
    index: int
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    words: list[str] | None = None  # English: the corpus tokens (text is " ".join(words))

    @property
    def digest(self) -> str:
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()

    @property
    def part(self) -> str:
        return part_of(self.corpus, self.text)


def data_root() -> Path:
    return Path(os.environ.get("WORKBENCH_NLP_DATA", "/work/shared/nlp"))


def available() -> bool:
    root = data_root()
    return all((root / "train" / name).is_file() for name in FILES.values())


def part_of(corpus: str, text: str) -> str:
    if corpus not in DOMAINS:
        return "train"
    bucket = int(hashlib.sha1(f"{SALT}\0{corpus}\0{text}".encode()).hexdigest(), 16) % 100
    if bucket < DEV_PERCENT:
        return "dev"
    if bucket < DEV_PERCENT + SELECT_PERCENT:
        return "select"
    return "train"


def _blocks(path: Path) -> Iterator[list[list[str]]]:
    """Column files: one token per line, blank (or whitespace-only) line between sentences."""
    block: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if block:
                yield block
            block = []
            continue
        cols = line.split("\t") if "\t" in line else line.split(" ")
        block.append(cols)
    if block:
        yield block


def _tag_spans(tags: list[str], mapping: dict[str, str]) -> list[tuple[int, int, str]]:
    """Token-index spans from BIO / BIOES tags; unmapped types are dropped."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        continues = prefix in ("I", "E") and typ == kind and start >= 0
        if not continues:
            if start >= 0 and kind in mapping:
                spans.append((start, i, mapping[kind]))
            start, kind = (i, typ) if prefix in ("B", "S", "I") else (-1, "")
        if prefix in ("E", "S") and start >= 0:
            if kind in mapping:
                spans.append((start, i + 1, mapping[kind]))
            start, kind = -1, ""
    return spans


def _char_sentence(corpus: str, index: int, chars: list[str], tags: list[str],
                   mapping: dict[str, str]) -> Sentence:
    offsets, text = [], ""
    for ch in chars:
        offsets.append(len(text))
        text += ch
    offsets.append(len(text))
    spans = [(offsets[s], offsets[e], lab) for s, e, lab in _tag_spans(tags, mapping)]
    return Sentence(corpus, index, text, spans)


def _word_sentence(corpus: str, index: int, words: list[str], tags: list[str],
                   mapping: dict[str, str]) -> Sentence:
    starts, pos = [], 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    ends = [s + len(w) for s, w in zip(starts, words, strict=True)]
    spans = [(starts[s], ends[e - 1], lab) for s, e, lab in _tag_spans(tags, mapping)]
    return Sentence(corpus, index, " ".join(words), spans, words=list(words))


def read_weibo(path: Path) -> list[Sentence]:
    out = []
    for i, block in enumerate(_blocks(path)):
        # each token is the character followed by its position in a jieba word ("科0", "技1")
        chars = [c[0][0] if c[0][1:].isdigit() else c[0][:-1] for c in block]
        out.append(_char_sentence("weibo", i, chars, [c[1] if len(c) > 1 else "O" for c in block], WEIBO))
    return out


def read_bio_chars(path: Path, corpus: str) -> list[Sentence]:
    out = []
    for i, block in enumerate(_blocks(path)):
        out.append(_char_sentence(corpus, i, [c[0] for c in block], [c[-1] for c in block], BIO3))
    return out


def read_cluener(path: Path) -> list[Sentence]:
    dec = json.JSONDecoder()
    raw = path.read_text(encoding="utf-8")
    pos, out = 0, []
    while True:
        while pos < len(raw) and raw[pos].isspace():
            pos += 1
        if pos >= len(raw):
            break
        obj, pos = dec.raw_decode(raw, pos)
        spans = [
            (s, e + 1, CLUENER[typ])
            for typ, ents in obj.get("label", {}).items() if typ in CLUENER
            for offsets in ents.values() for s, e in offsets
        ]
        out.append(Sentence("cluener", len(out), obj["text"], sorted(spans)))
    return out


def read_conll2003(path: Path) -> list[Sentence]:
    out = []
    for block in _blocks(path):
        if block[0][0] == "-DOCSTART-":
            continue
        out.append(_word_sentence("conll2003", len(out), [c[0] for c in block], [c[-1] for c in block], BIO3))
    return out


def read_wnut(path: Path) -> list[Sentence]:
    out = []
    for block in _blocks(path):
        out.append(_word_sentence("wnut17", len(out), [c[0] for c in block],
                                  [c[1] if len(c) > 1 else "O" for c in block], WNUT))
    return out


def read_uner(path: Path) -> list[Sentence]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            spans = [(s["start"], s["end"], s["label"]) for s in row["spans"]]
            out.append(Sentence("uner_zh", len(out), row["text"], spans))
    return out


FILES = {
    "cluener": "cluener.train.jsonl",
    "weibo": "weibo_ner.train.conll",
    "conll2003": "conll2003.eng.train",
    "wnut17": "wnut17.train.conll",
    "peoples_daily": "peoples_daily.dev.bio",
    "msra": "msra.test.bio",
}


def load(corpus: str) -> list[Sentence]:
    root = data_root()
    if corpus == "uner_zh":  # both published UNER zh splits are training material for us
        return [*read_uner(root / "zh-ner" / "uner_zh_gsdsimp_train.jsonl"),
                *[Sentence("uner_zh", 100_000 + s.index, s.text, s.spans)
                  for s in read_uner(root / "zh-ner" / "uner_zh_gsdsimp_dev.jsonl")]]
    path = root / "train" / FILES[corpus]
    if corpus == "cluener":
        return read_cluener(path)
    if corpus == "weibo":
        return read_weibo(path)
    if corpus == "conll2003":
        return read_conll2003(path)
    if corpus == "wnut17":
        return read_wnut(path)
    return read_bio_chars(path, corpus)


def corpora_for(lang: str) -> list[str]:
    return [c for c, (lg, _) in DOMAINS.items() if lg == lang] + [c for c, lg in TRAIN_ONLY.items() if lg == lang]


def heldout_rows() -> list[tuple[str, int, str]]:
    rows = []
    for corpus in DOMAINS:
        rows += [(s.corpus, s.index, s.digest) for s in load(corpus) if s.part == "dev"]
    return rows


def read_heldout_file() -> dict[str, set[str]]:
    """corpus -> SHA-1 digests of its held-out sentences, from the committed heldout.tsv."""
    out: dict[str, set[str]] = {c: set() for c in DOMAINS}
    for line in HELDOUT_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            corpus, _index, digest = line.split("\t")
            out[corpus].add(digest)
    return out


def dev_sentences(corpus: str) -> list[Sentence]:
    """The held-out sentences of a domain corpus, as listed in heldout.tsv (fails if they drift)."""
    listed = read_heldout_file()[corpus]
    got = [s for s in load(corpus) if s.part == "dev"]
    if {s.digest for s in got} != listed:
        raise RuntimeError(f"{corpus}: held-out sentences differ from heldout.tsv (data changed?)")
    return got


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write or check heldout.tsv (the held-out dev splits).")
    ap.add_argument("--write", action="store_true", help="(re)write heldout.tsv")
    ap.add_argument("--check", action="store_true", help="recompute the split and compare with heldout.tsv")
    args = ap.parse_args(argv)
    if not available():
        print(f"NER corpora not found under {data_root()}: nothing to do", file=sys.stderr)
        return 1
    rows = heldout_rows()
    for corpus in [*DOMAINS, *TRAIN_ONLY]:
        sents = load(corpus)
        parts = {p: sum(1 for s in sents if s.part == p) for p in ("train", "select", "dev")}
        print(f"{corpus:14} {len(sents):6} sentences  " + "  ".join(f"{k} {v}" for k, v in parts.items()))
    if args.write:
        lines = ["# corpus\tindex\tsha1(text) -- held-out dev sentences; see corpora.py"]
        lines += [f"{c}\t{i}\t{d}" for c, i, d in rows]
        HELDOUT_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(rows)} held-out sentence ids to {HELDOUT_FILE}")
    if args.check:
        listed = read_heldout_file()
        ok = all({d for c, _, d in rows if c == corpus} == listed[corpus] for corpus in DOMAINS)
        print("heldout.tsv matches" if ok else "heldout.tsv DIFFERS from the recomputed split")
        return 0 if ok else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
