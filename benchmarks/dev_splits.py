"""Owns the quality report on real text: the held-out dev splits of four public NER corpora.

The splits are made by ``resources/models/ner_splits/corpora.py`` (10 % of CLUENER, Weibo NER,
CoNLL-2003 and WNUT-17 training files, chosen by a salted hash of each sentence and listed in
``heldout.tsv``); the trained models never saw them. The corpora themselves are not in the
repository: they are read from ``/work/shared/nlp`` (or ``$WORKBENCH_NLP_DATA``), and the report
is skipped with a message when they are absent.

Classes: PERSON, LOCATION and ORG. A predicted ``LOCATION``/``ADDRESS``/``GPE`` counts as
LOCATION and ``ORGANIZATION``/``ORG`` as ORG; other predicted types are ignored. Matching is
``quality.match``: same class, overlap >= 50 % of the gold span, one-to-one. The workbench
detector does not report organisations (they are not personal data), so its ORG row is empty.

@-mentions: WNUT-17 leaves Twitter handles (``@paulwalk``) unlabelled, while the workbench
pseudonymises them as PERSON on purpose (a handle identifies a person). A PERSON prediction
that covers exactly one ``@handle`` token and no gold span is therefore *not scored* (neither
TP nor FP) for any system; the report says how many were set aside.

``--part select`` scores the 3 % *selection* part instead (also never trained on, but allowed
for choosing detector settings); the ``dev`` part is for reporting only.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from benchmarks.corpus import LabelledMessage, Span

ROOT = Path(__file__).resolve().parent.parent
CORPORA_MODULE = ROOT / "resources" / "models" / "ner_splits" / "corpora.py"
CLASSES = ("PERSON", "LOCATION", "ORG")
DEV_CLASS = {
    "PERSON": "PERSON",
    "LOCATION": "LOCATION", "ADDRESS": "LOCATION", "GPE": "LOCATION",
    "ORG": "ORG", "ORGANIZATION": "ORG",
}
PERSON_TARGETS = {"recall": 0.90, "precision": 0.85}
_HANDLE = re.compile(r"@\w+$")


def corpora() -> ModuleType:
    """The split recipe module (it lives beside the models, not in the benchmarks package)."""
    name = "workbench_ner_splits_corpora"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, CORPORA_MODULE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def unavailable_reason() -> str | None:
    """Why the report cannot run here, or None when the corpora are present."""
    c = corpora()
    if not c.available():
        return (f"dev-split report skipped: the NER corpora are not at {c.data_root()} "
                "(set WORKBENCH_NLP_DATA to the folder holding train/ and zh-ner/)")
    return None


def dev_messages(corpus: str, part: str = "dev") -> list[LabelledMessage]:
    c = corpora()
    lang = c.DOMAINS[corpus][0]
    sentences = (c.dev_sentences(corpus) if part == "dev"
                 else [s for s in c.load(corpus) if s.part == part])
    return [LabelledMessage(s.text, lang, tuple(Span(lab, a, b) for a, b, lab in s.spans))
            for s in sentences]


def is_unlabelled_handle(msg: LabelledMessage, entity: str, start: int, end: int) -> bool:
    """A PERSON prediction on an @handle the corpus did not label (see the module docstring)."""
    if entity != "PERSON" or any(g.start < end and start < g.end for g in msg.spans):
        return False
    left = start - 1 if start > 0 and msg.text[start - 1] == "@" else start
    token = msg.text[left:end]
    before_ok = left == 0 or msg.text[left - 1].isspace()
    after_ok = end == len(msg.text) or not (msg.text[end].isalnum() or msg.text[end] == "_")
    return bool(_HANDLE.match(token)) and before_ok and after_ok


@dataclass(frozen=True)
class Score:
    support: int
    predicted: int
    tp_gold: int
    tp_pred: int

    @property
    def recall(self) -> float | None:
        return self.tp_gold / self.support if self.support else None

    @property
    def precision(self) -> float | None:
        return self.tp_pred / self.predicted if self.predicted else None

    @property
    def f1(self) -> float | None:
        r, p = self.recall, self.precision
        if r is None or p is None or r + p == 0:
            return None if r is None or p is None else 0.0
        return 2 * r * p / (r + p)


def scored_predictions(msg: LabelledMessage, preds: Sequence) -> list:
    """The predictions that count, re-labelled to the report's classes."""
    from benchmarks.quality import Pred

    return [Pred(DEV_CLASS[p.entity], p.start, p.end, p.score, p.detector) for p in preds
            if p.entity in DEV_CLASS
            and not is_unlabelled_handle(msg, DEV_CLASS[p.entity], p.start, p.end)]


def handles_set_aside(msgs: Sequence[LabelledMessage], predictions: Sequence[Sequence]) -> int:
    return sum(1 for msg, preds in zip(msgs, predictions, strict=True) for p in preds
               if p.entity in DEV_CLASS
               and is_unlabelled_handle(msg, DEV_CLASS[p.entity], p.start, p.end))


def score_by_class(msgs: Sequence[LabelledMessage],
                   predictions: Sequence[Sequence]) -> dict[str, Score]:
    """Per-class scores of predictions (objects with entity/start/end) against the gold spans."""
    from benchmarks.quality import match

    totals = {k: [0, 0, 0, 0] for k in CLASSES}
    for msg, preds in zip(msgs, predictions, strict=True):
        counted = scored_predictions(msg, preds)
        gold_hit, pred_hit = match(msg.spans, counted, classes={k: k for k in CLASSES})
        for g, hit in zip(msg.spans, gold_hit, strict=True):
            totals[g.entity][0] += 1
            totals[g.entity][2] += hit is not None
        for p, hit in zip(counted, pred_hit, strict=True):
            totals[p.entity][1] += 1
            totals[p.entity][3] += hit is not None
    return {k: Score(*v) for k, v in totals.items()}


def _f(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def report(results: dict[str, dict[str, dict[str, Score]]], systems: Sequence[str]) -> list[str]:
    """results[corpus][system][class] -> lines: the full table, then the PERSON targets."""
    c = corpora()
    head = f"{'domain':34} {'class':8} {'gold':>5}"
    for system in systems:
        head += f" | {system + ' R':>10} {'P':>5} {'F1':>5}"
    lines = [head, "-" * len(head)]
    for corpus, by_system in results.items():
        for cls in CLASSES:
            row = f"{c.DOMAINS[corpus][1]:34} {cls:8} {by_system[systems[0]][cls].support:5d}"
            for system in systems:
                s = by_system[system][cls]
                row += f" | {_f(s.recall):>10} {_f(s.precision):>5} {_f(s.f1):>5}"
            lines.append(row)
        lines.append("")
    lines.append(f"PERSON targets (recall >= {PERSON_TARGETS['recall']:.2f}, precision >= "
                 f"{PERSON_TARGETS['precision']:.2f}) for {systems[0]}:")
    met = 0
    for corpus, by_system in results.items():
        s = by_system[systems[0]]["PERSON"]
        ok = ((s.recall or 0) >= PERSON_TARGETS["recall"]
              and (s.precision or 0) >= PERSON_TARGETS["precision"])
        met += ok
        lines.append(f"  {c.DOMAINS[corpus][1]:34} recall {_f(s.recall)}  "
                     f"precision {_f(s.precision)}  "
                     f"{'met' if ok else 'MISSED'}")
    lines.append(f"  {met}/{len(results)} domains met")
    return lines


def run(systems: dict[str, Callable[[list[str]], list]], domains: Sequence[str] | None = None,
        show_errors: int = 0, part: str = "dev") -> list[str]:
    """Score every system on every held-out domain; the report's lines."""
    from benchmarks.quality import _context

    reason = unavailable_reason()
    if reason:
        return [reason]
    c = corpora()
    chosen = list(domains or c.DOMAINS)
    results: dict[str, dict[str, dict[str, Score]]] = {}
    errors: list[str] = []
    lines = []
    for corpus in chosen:
        msgs = dev_messages(corpus, part)
        lines.append(f"{c.DOMAINS[corpus][1]}: {len(msgs)} {part} sentences, "
                     f"{sum(len(m.spans) for m in msgs)} gold spans")
        results[corpus] = {}
        for name, runner in systems.items():
            preds = runner([m.text for m in msgs])
            results[corpus][name] = score_by_class(msgs, preds)
            aside = handles_set_aside(msgs, preds)
            if aside:
                lines.append(f"  {name}: {aside} PERSON predictions on unlabelled "
                             "@handles not scored")
            if show_errors and name == next(iter(systems)):
                errors += _person_errors(corpus, msgs, preds, show_errors, _context)
    return [*lines, "", *report(results, list(systems)), *errors]


def _person_errors(corpus: str, msgs: Sequence[LabelledMessage], preds: Sequence[Sequence],
                   n: int, context: Callable[[str, int, int], str]) -> list[str]:
    from benchmarks.quality import Pred, match

    fns, fps = [], []
    for msg, found in zip(msgs, preds, strict=True):
        gold = [g for g in msg.spans if g.entity == "PERSON"]
        mine = [Pred("PERSON", p.start, p.end, p.score, p.detector)
                for p in scored_predictions(msg, found) if p.entity == "PERSON"]
        gold_hit, pred_hit = match(gold, mine, classes={"PERSON": "PERSON"})
        fns += [f"  FN {context(msg.text, g.start, g.end)}"
                for g, h in zip(gold, gold_hit, strict=True) if h is None]
        fps += [f"  FP ({p.detector}) {context(msg.text, p.start, p.end)}"
                for p, h in zip(mine, pred_hit, strict=True) if h is None]
    return ["", f"{corpus}: PERSON false negatives ({len(fns)}; first {n})", *fns[:n],
            f"{corpus}: PERSON false positives ({len(fps)}; first {n})", *fps[:n]]
