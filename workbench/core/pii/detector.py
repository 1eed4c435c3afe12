"""The detector: routes each text to the English and/or Chinese analysis, in batches."""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, TimeoutError

from workbench.core.pii.offline import make_tldextract_offline

# Before Presidio and spaCy are imported (they import requests and urllib3).
make_tldextract_offline()

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from workbench.core.pii import engine
from workbench.core.pii.chinese import has_surname_character
from workbench.core.pii.findings import Finding, merge_findings
from workbench.core.pii.headers import header_spans
from workbench.core.pii.longer_names import yield_to_longer_names
from workbench.core.pii.people import KnownPerson
from workbench.core.pii.plausible import plausible
from workbench.core.pii.recognizers.known_people import (
    IS_SELF_KEY,
    PERSON_KEY,
    KnownPeopleRecognizer,
)
from workbench.core.pii.script import has_latin_words, languages_for
from workbench.core.pii.version import DETECTOR_VERSION
from workbench.core.progress import CancelToken, ProgressCallback, no_progress

BATCH_SIZE = 256
# And at most this many characters: a batch of long documents is analysed a few seconds at a
# time, so progress (and cancelling) come between them. Chat messages never reach it.
BATCH_CHARS = 32_000
# Below this many distinct texts, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 4000


class Detector:
    """Finds personal data in texts. Build one per workspace (it knows the workspace's
    people); the language models are loaded once per process and shared."""

    version = DETECTOR_VERSION

    def __init__(self, known_people: Sequence[KnownPerson] = ()) -> None:
        self.known_people = tuple(known_people)
        # Run beside Presidio rather than inside it: Presidio drops one of two findings with
        # the same span and score, and the known-people one carries who the value belongs to.
        self.known = KnownPeopleRecognizer(list(self.known_people))
        self.known.load()
        self.analyzer = engine.build_analyzer()
        self.nlp = engine.nlp_engine()

    def analyze(self, text: str, lang: str = "auto") -> list[Finding]:
        return self.analyze_many([text], lang)[0]

    def analyze_many(
        self,
        texts: Sequence[str],
        lang: str = "auto",
        progress: ProgressCallback = no_progress,
        cancel: CancelToken | None = None,
        processes: int = 1,
    ) -> list[list[Finding]]:
        """Findings for each text, in order. Repeated texts are analysed once; very long
        texts in overlapping pieces (spaCy refuses texts over a million characters, and
        memory stays bounded)."""
        if any(len(t) > MAX_PIECE for t in texts):
            return _in_pieces(self, texts, lang, progress, cancel, processes)
        unique = list(dict.fromkeys(texts))
        if processes > 1 and len(unique) >= PARALLEL_THRESHOLD:
            found = self._analyze_in_workers(unique, lang, processes, progress, cancel)
        else:
            found = {}
            done = 0
            for batch in slices(unique, BATCH_SIZE, BATCH_CHARS):
                if cancel:
                    cancel.check("The scan")
                progress(done, len(unique), "")
                found.update(zip(batch, self._analyze_batch(batch, lang), strict=True))
                done += len(batch)
            progress(len(unique), len(unique), "")
        return [found[text] for text in texts]

    def _analyze_batch(self, texts: list[str], lang: str) -> list[list[Finding]]:
        plans = [languages_for(text, lang) for text in texts]
        artifacts = {language: self._nlp_artifacts(texts, plans, language)
                     for language in engine.LANGUAGES}
        results = []
        for index, (text, plan) in enumerate(zip(texts, plans, strict=True)):
            raw: list[RecognizerResult] = self.known.analyze(text, [])
            for position, language in enumerate(plan):
                # In mixed text the patterns run once (with the first language); the second
                # language adds only what its model reads: names and places.
                entities = list(engine.NER_ENTITIES) if position else None
                if position and not self._needs_model(text, language):
                    continue
                raw.extend(self.analyzer.analyze(
                    text, language=language, entities=entities,
                    nlp_artifacts=artifacts[language].get(index)
                    or self.nlp.empty_artifacts(language),
                ))
            # 欧阳娜娜 is someone else, though 娜娜 is the employee's nickname.
            raw = yield_to_longer_names(text, raw)
            headers = header_spans(text)
            results.append(merge_findings(
                _finding(text, r) for r in raw
                if _worth_reporting(text, r) and not _in_header(headers, r)))
        return results

    def _nlp_artifacts(self, texts: list[str], plans: list[tuple[str, ...]],
                       language: str) -> dict[int, NlpArtifacts]:
        """Run a language's model over the texts of the batch that need it, with nlp.pipe."""
        wanted = [i for i, (text, plan) in enumerate(zip(texts, plans, strict=True))
                  if language in plan and self._needs_model(text, language)]
        if not wanted:
            return {}
        processed = self.nlp.process_batch([texts[i] for i in wanted], language,
                                           batch_size=BATCH_SIZE)
        # Each item is (text, artifacts): the context Presidio may add comes only with tuples.
        return {i: item[1] for i, item in zip(wanted, processed, strict=True)}

    @staticmethod
    def _needs_model(text: str, language: str) -> bool:
        """Whether a language's model can find anything here. The English model also reads
        lower-case names ("ask kevin"), so any Latin word needs it; a Chinese name starts with
        a surname character."""
        if language == "en":
            return has_latin_words(text)
        return has_surname_character(text)

    def _analyze_in_workers(
        self,
        texts: list[str],
        lang: str,
        processes: int,
        progress: ProgressCallback,
        cancel: CancelToken | None,
    ) -> dict[str, list[Finding]]:
        with DetectorPool(self.known_people, processes) as pool:
            results = pool.analyze_many(texts, lang, progress, cancel)
        return dict(zip(texts, results, strict=True))


class DetectorPool:
    """The detector in worker processes only: the calling process loads no model and does no
    analysis, so a window that scans stays responsive. Workers start with the first call and
    stay until `close()`."""

    version = DETECTOR_VERSION

    def __init__(self, known_people: Sequence[KnownPerson] = (), processes: int = 2) -> None:
        self.known_people = tuple(known_people)
        self.processes = max(1, processes)
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> DetectorPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def analyze_many(
        self,
        texts: Sequence[str],
        lang: str = "auto",
        progress: ProgressCallback = no_progress,
        cancel: CancelToken | None = None,
        processes: int = 1,
    ) -> list[list[Finding]]:
        unique = list(dict.fromkeys(texts))
        if self._executor is None:
            # spawn, not fork: forking a process that runs Qt or other threads is unsafe.
            self._executor = ProcessPoolExecutor(
                self.processes, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker, initargs=(self.known_people,))
        # About four chunks per worker, so they share the work evenly: few long documents
        # are split by their length, not only by their number.
        chunk = max(64, min(BATCH_SIZE * 4, len(unique) // (self.processes * 4) or 1))
        chars = max(BATCH_CHARS // 8, sum(map(len, unique)) // (self.processes * 4))
        chunks = list(slices(unique, chunk, chars))
        futures = [self._executor.submit(_worker_analyze, part, lang) for part in chunks]
        found: dict[str, list[Finding]] = {}
        done = 0
        progress(0, len(unique), "")
        for part, future in zip(chunks, futures, strict=True):
            while True:
                if cancel and cancel.cancelled:
                    for pending in futures:
                        pending.cancel()
                    cancel.check("The scan")
                try:
                    result = future.result(timeout=0.2)
                    break
                except TimeoutError:
                    progress(done, len(unique), "")  # still working: the line stays alive
                    continue
            found.update(zip(part, result, strict=True))
            done += len(part)
            progress(done, len(unique), "")
        return [found[text] for text in texts]


def slices(texts: list[str], most: int, chars: int) -> Iterator[list[str]]:
    """Consecutive texts, at most `most` of them and about `chars` characters in all (at
    least one text each)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) >= most or size + len(text) > chars):
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


MAX_PIECE = 20_000
OVERLAP = 200


def pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) covering `text`: cut at a line break where one is near, otherwise
    with an overlap so a value on the cut is whole in one of the two pieces."""
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + MAX_PIECE)
        if end < len(text):
            newline = text.rfind("\n", start + MAX_PIECE // 2, end)
            end = newline + 1 if newline != -1 else end
        out.append((start, text[start:end]))
        if end >= len(text):
            break
        start = end if text[end - 1] == "\n" else end - OVERLAP
    return out


def _in_pieces(detector: Detector, texts: Sequence[str], lang: str, progress: ProgressCallback,
               cancel: CancelToken | None, processes: int) -> list[list[Finding]]:
    from dataclasses import replace

    layout = [pieces(t) if len(t) > MAX_PIECE else [(0, t)] for t in texts]
    flat = [piece for parts in layout for _, piece in parts]
    found = iter(detector.analyze_many(flat, lang, progress, cancel, processes))
    results = []
    for parts in layout:
        shifted = [replace(f, start=f.start + offset, end=f.end + offset)
                   for offset, _piece in parts for f in next(found)]
        results.append(merge_findings(shifted))
    return results


def _finding(text: str, found: RecognizerResult) -> Finding:
    metadata = found.recognition_metadata or {}
    end = _trimmed_end(text, found.entity_type, found.start, found.end)
    return Finding(
        entity=found.entity_type,
        start=found.start,
        end=end,
        score=float(found.score),
        text=text[found.start:end],
        detector=str(metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "")),
        person=metadata.get(PERSON_KEY),
        is_self=bool(metadata.get(IS_SELF_KEY, False)),
    )


# A URL needs a scheme or "www.": bare "rollback.sh" or "work.md" are file names whose
# extensions happen to be top-level domains.
_URL_START = re.compile(r"(?:[a-z][a-z0-9+.\-]*://|www\.)", re.IGNORECASE)


def _worth_reporting(text: str, found: RecognizerResult) -> bool:
    if found.entity_type == "URL":
        return _URL_START.match(text, found.start) is not None
    known = bool((found.recognition_metadata or {}).get(PERSON_KEY))
    return plausible(text, found.entity_type, found.start, found.end, known)


# What a column name may be mistaken for: a topic word, a name or place guess.
_HEADER_WORDS = frozenset({"PERSON", "LOCATION"})


def _in_header(headers: list[tuple[int, int]], found: RecognizerResult) -> bool:
    """A topic, name or place found inside a row of column names ("Name | Phone | Salary")."""
    if not headers or (found.entity_type not in _HEADER_WORDS
                       and not found.entity_type.startswith("SENSITIVE_")):
        return False
    if (found.recognition_metadata or {}).get(PERSON_KEY):
        return False  # a known person's name is theirs wherever it stands
    return any(start <= found.start and found.end <= end for start, end in headers)


_URL_END = re.compile(r"[^\x21-\x7e]|[.,;:!?)\]}'\"]+(?:[^\x21-\x7e]|$)")


def _trimmed_end(text: str, entity: str, start: int, end: int) -> int:
    """URLs stop at the first non-ASCII character and drop trailing punctuation: in Chinese
    text "见https://x.example/wiki看文档" the link ends before 看."""
    if entity != "URL":
        return end
    stop = _URL_END.search(text, start, end)
    return stop.start() if stop and stop.start() > start else end


_worker_detector: Detector | None = None


def _start_worker(known_people: Iterable[KnownPerson]) -> None:
    global _worker_detector
    import signal

    # Ctrl-C on a terminal reaches the whole process group; the parent alone decides what
    # stops and says what was kept (a worker's KeyboardInterrupt would break the pool).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_detector = Detector(tuple(known_people))


def _worker_analyze(texts: list[str], lang: str) -> list[list[Finding]]:
    assert _worker_detector is not None
    return _worker_detector.analyze_many(texts, lang)
