"""Detector throughput: naive Presidio vs ours vs the spaCy NER limit, on one seeded corpus.

    python benchmarks/scan_bench.py [--messages 100000] [--naive-sample 5000] [--processes 2]

(a) naive Presidio: `AnalyzerEngine.analyze` per message, default recognizers, the stock
    small English spaCy model (full pipeline, as Presidio loads it). At ~150 messages/s it would
    take over ten minutes on 100k messages, so it runs on the first `--naive-sample` messages
    of the same corpus and its rate is reported per second like the others.
(b) ours: `Detector.analyze_many` over every message, `--processes` workers.
(c) the limit: spaCy `nlp.pipe` over every message with the English model the detector uses
    (tok2vec + ner only), `n_process=2`.
Targets: (b) >= 5 x (a) and (b) >= 0.5 x (c); peak memory < 1.5 GB. The last two lines
printed are the two ratios.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import chat_stream


def peak_memory_mb() -> float:
    """Largest resident set of this process and of any one worker it started (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def naive_presidio(texts: list[str]) -> float:
    from workbench.core.pii.models import stock_english_model
    from workbench.core.pii.offline import make_tldextract_offline

    make_tldextract_offline()
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": stock_english_model()}],
    })
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    analyzer.analyze("warm up", language="en")
    started = time.perf_counter()
    for text in texts:
        analyzer.analyze(text, language="en")
    return len(texts) / (time.perf_counter() - started)


def ours(texts: list[str], processes: int) -> tuple[float, int]:
    from workbench.core.pii.detector import Detector

    detector = Detector()
    detector.analyze("warm up 张伟 13812345678")
    started = time.perf_counter()
    found = detector.analyze_many(texts, processes=processes)
    elapsed = time.perf_counter() - started
    return len(texts) / elapsed, sum(len(f) for f in found)


def spacy_limit(texts: list[str], processes: int) -> float:
    import spacy

    from workbench.core.pii.models import ENGLISH_DISABLED, english_model

    nlp = spacy.load(english_model(), exclude=list(ENGLISH_DISABLED))
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=256, n_process=processes):
        pass
    return len(texts) / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--naive-sample", type=int, default=5_000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)

    texts = chat_stream(seed=args.seed, n=args.messages)
    print(f"corpus: {len(texts):,} messages, {len(set(texts)):,} distinct, "
          f"seed {args.seed}")
    sample = texts[:min(args.naive_sample, len(texts))]
    rate_a = naive_presidio(sample)
    print(f"(a) naive Presidio        {rate_a:10,.0f} msg/s   ({len(sample):,}-message sample)")
    rate_b, findings = ours(texts, args.processes)
    print(f"(b) Consent Workbench     {rate_b:10,.0f} msg/s   ({findings:,} findings, "
          f"{args.processes} processes)")
    rate_c = spacy_limit(texts, args.processes)
    print(f"(c) spaCy NER limit       {rate_c:10,.0f} msg/s   (nlp.pipe, n_process="
          f"{args.processes})")
    print(f"peak memory: {peak_memory_mb():,.0f} MB (this process + largest worker)")
    print(f"(b)/(a) = {rate_b / rate_a:.2f}   target >= 5")
    print(f"(b)/(c) = {rate_b / rate_c:.2f}   target >= 0.5")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
