"""Scanning a workspace: run the detector over every artifact not yet scanned, store findings."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from workbench.core import logs
from workbench.core.errors import (
    BadInputError,
    ImportFailed,
    WorkspaceDamaged,
    coded,
    reason_of,
)
from workbench.core.ingest import ImportContext, extract_all
from workbench.core.ingest.artifacts import Artifact, Segment
from workbench.core.ingest.chat import SELF_SENDER
from workbench.core.messages import Message
from workbench.core.pii.findings import Finding
from workbench.core.pii.linking import squash, variants
from workbench.core.pii.parties import SELF_KEY, PartyTagger
from workbench.core.pii.people import KnownPerson, pinyin_forms
from workbench.core.pii.profile import SelfProfile
from workbench.core.progress import CancelToken, ProgressCallback, no_progress
from workbench.core.review import gate
from workbench.core.workspace import ArtifactRow, NewFinding, Workspace

# Texts analysed together (times the worker processes): big enough for the models' batches,
# small enough that an interrupted scan loses little. Each artifact is then saved on its own.
SEGMENTS_PER_BATCH = 512
# And at most about this many characters (times the worker processes): a few seconds of
# analysis, so long documents are saved, and counted, a few at a time (hundreds of chat
# messages come to less).
CHARS_PER_BATCH = 40_000


log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from multiprocessing.queues import Queue
    from multiprocessing.synchronize import Event


class Analyzer(Protocol):
    """What a scan needs of a detector: Detector, DetectorPool, or a test's stand-in."""

    def analyze_many(self, texts: Sequence[str], lang: str = "auto",
                     progress: ProgressCallback = no_progress,
                     cancel: CancelToken | None = None,
                     processes: int = 1) -> list[list[Finding]]: ...


@dataclass(frozen=True)
class ScanSummary:
    scanned: int
    skipped_unchanged: int
    findings: int


def scan_state(ws: Workspace) -> tuple[int, int]:
    """(artifacts whose saved scan is current, all artifacts), read from what is stored: what
    an interrupted scan kept."""
    key = current_scan_key(ws)
    done = {a: k for a, (k, mac) in ws.scan_records().items() if mac}
    states = ws.artifact_states()
    return sum(1 for artifact_id, _ in states if done.get(artifact_id) == key), len(states)


# The scan key of each workspace this process has open, with the state of its people (and
# the detector version) it was worked out from: the gate asks for it on every item opened.
_scan_keys: dict[str, tuple[str, str]] = {}
_scan_keys_lock = threading.Lock()


def cached_scan_key(ws: Workspace) -> str | None:
    """The scan key if this process has worked it out for the people as they are now; None
    when `current_scan_key` must work it out (it transliterates every name seen: a window
    asks for it off the UI thread)."""
    from workbench.core.pii import version

    state = f"{version.DETECTOR_VERSION}|{ws.people_fingerprint()}"
    with _scan_keys_lock:
        cached = _scan_keys.get(str(ws.root.resolve()))
    return cached[1] if cached is not None and cached[0] == state else None


def current_scan_key(ws: Workspace) -> str:
    """The key a scan made now would carry: the installed detector and the people known now."""
    from workbench.core.pii import version

    cached = cached_scan_key(ws)
    if cached is not None:
        return cached
    root = str(ws.root.resolve())
    state = f"{version.DETECTOR_VERSION}|{ws.people_fingerprint()}"
    key = scan_key(version.DETECTOR_VERSION, known_people(ws))
    with _scan_keys_lock:
        _scan_keys[root] = (state, key)
    return key


# The workspace keeps the last `known_people` a scan worked out (sealed, with the state of the
# people and the detector it came from), so a process that did not scan (the window, once
# the scan's child process is done) needs no pinyin for the names: loading pypinyin's tables
# holds the interpreter for a quarter of a second, which the window would feel.
KNOWN_PEOPLE_SETTING = "known_people"


def _people_state(ws: Workspace) -> str:
    from workbench.core.pii import version

    return f"{version.DETECTOR_VERSION}|{ws.people_fingerprint()}"


def remember_known_people(ws: Workspace, people: list[KnownPerson]) -> None:
    ws.set_setting(KNOWN_PEOPLE_SETTING, json.dumps(
        {"state": _people_state(ws), "people": [asdict(p) for p in people]},
        ensure_ascii=False))


def _remembered_people(ws: Workspace) -> list[KnownPerson] | None:
    stored = ws.setting(KNOWN_PEOPLE_SETTING)
    if not stored:
        return None
    data = json.loads(stored)
    if data.get("state") != _people_state(ws):
        return None  # people, profile or detector changed since: worked out again
    return [_person_from_json(person) for person in data["people"]]


def _person_from_json(person: dict[str, Any]) -> KnownPerson:
    def strings(field: str) -> tuple[str, ...]:
        return tuple(str(v) for v in person.get(field, ()))

    return KnownPerson(key=str(person["key"]), names=strings("names"), emails=strings("emails"),
                       phones=strings("phones"), ids=strings("ids"),
                       bank_cards=strings("bank_cards"), is_self=bool(person.get("is_self")))


def known_people(ws: Workspace) -> list[KnownPerson]:
    """The employee (key "self") and everyone in the people table, matched to self by name or
    address so that "Lina Li" seen in Slack is known to be the employee."""
    remembered = _remembered_people(ws)
    if remembered is not None:
        return remembered
    return _work_out_people(ws)


def _work_out_people(ws: Workspace) -> list[KnownPerson]:
    profile = ws.profile
    me = self_person(profile)
    my_names = {n.casefold() for n in me.names}
    my_emails = {e.casefold() for e in me.emails}
    my_names |= {_squash(f) for n in me.names for f in pinyin_forms(n)}
    others: list[KnownPerson] = []
    # Every squashed form (pinyin included) of every name seen -> the first colleague with
    # it: each name's forms are computed once, not once per colleague it is compared with.
    owner_of: dict[str, int] = {}
    # A short form of a full name seen ("Kevin" of "Kevin Zhou", 欧阳 of 欧阳建国) -> its
    # colleague, so the short form seen later is the same person (pii/linking.py).
    variant_of: dict[str, int] = {}
    for index, person in enumerate(ws.people()):
        name, email = (person.name or "").strip(), (person.email or "").strip()
        if (name.casefold() in my_names or _squash(name) in my_names
                or email.casefold() in my_emails):
            me = replace(me, names=_add(me.names, name), emails=_add(me.emails, email))
            continue
        forms = _forms(name) if name else set()
        shorter = variants(name) if name else set()  # "Kevin" when "Kevin Zhou" comes second
        owners = [owner_of[f] for f in forms | shorter if f in owner_of]
        if name and squash(name) in variant_of:
            owners.append(variant_of[squash(name)])
        if owners:
            # "张伟" in Feishu and "Zhang Wei" in Slack are one colleague with one alias.
            same = min(owners)
            others[same] = replace(others[same], names=_add(others[same].names, name),
                                   emails=_add(others[same].emails, email))
        else:
            same = len(others)
            others.append(KnownPerson(f"person:{index}", names=(name,) if name else (),
                                      emails=(email,) if email else ()))
        for form in forms:
            owner_of.setdefault(form, same)
        for form in shorter:
            variant_of.setdefault(form, same)
    return [me, *others]


def _squash(name: str) -> str:
    return "".join(name.split()).casefold()


def _forms(name: str) -> set[str]:
    return {_squash(name)} | {_squash(f) for f in pinyin_forms(name)}


# The latest sender keys of each workspace this process has open, with the state of its
# people they were worked out from (pinyin for every name costs a while at hundreds of them).
_senders: dict[str, tuple[str, dict[str, str]]] = {}
_senders_lock = threading.Lock()


def cached_sender_keys(ws: Workspace) -> dict[str, str] | None:
    """`sender_keys` if they are already worked out for the people as they are, else None
    (for the window, which must not wait for them)."""
    root, state = str(ws.root.resolve()), ws.people_fingerprint()
    with _senders_lock:
        cached = _senders.get(root)
        return dict(cached[1]) if cached is not None and cached[0] == state else None


def sender_keys(ws: Workspace) -> dict[str, str]:
    """Chat sender name -> the person key its messages are attributed to."""
    cached = cached_sender_keys(ws)
    if cached is not None:
        return cached
    root, state = str(ws.root.resolve()), ws.people_fingerprint()
    # Exporters write this for the employee's own messages (ingest/chat.py).
    keys: dict[str, str] = {SELF_SENDER: SELF_KEY}
    for person in known_people(ws):
        for name in person.names:
            keys.setdefault(name, person.key)
    with _senders_lock:
        _senders[root] = (state, keys)
    return dict(keys)


def _third_party_senders(artifacts: list[ArtifactRow], people: list[KnownPerson]) -> list[str]:
    """Person keys of chat senders other than the employee, in order of appearance, so a
    colleague who is only ever a sender still gets an alias."""
    by_name = {name: p.key for p in people for name in p.names}
    found = []
    for artifact in artifacts:
        for segment in artifact.segments:
            key = by_name.get(segment.sender or "")
            if key and key != SELF_KEY:
                found.append(key)
    return list(dict.fromkeys(found))


def _add(values: tuple[str, ...], value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*values, value))) if value else values


def self_person(profile: SelfProfile) -> KnownPerson:
    return KnownPerson(SELF_KEY, names=profile.names(), emails=profile.emails,
                       phones=profile.phones, ids=profile.ids, bank_cards=profile.bank_cards,
                       is_self=True)


def scan_key(detector_version: str, people: list[KnownPerson]) -> str:
    """A scan is reused only for the same detector and the same known people."""
    people_json = json.dumps([p.__dict__ for p in people], sort_keys=True, ensure_ascii=False)
    return f"{detector_version}:{hashlib.sha256(people_json.encode()).hexdigest()[:16]}"


def scan_workspace(
    ws: Workspace,
    make_detector: Callable[[list[KnownPerson]], Analyzer] | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    processes: int = 1,
    force: bool = False,
) -> ScanSummary:
    """Scan every text artifact whose content, detector or known people changed."""
    from workbench.core.pii import version
    from workbench.core.pii.detector import Detector, DetectorPool

    started = time.monotonic()
    if not ws.people_hold():
        # A person deleted outside the app would go undetected by this scan.
        raise coded(WorkspaceDamaged, "workspace.people-altered")
    people = _remembered_people(ws)
    if people is None:
        people = _work_out_people(ws)
        remember_known_people(ws, people)
    key = scan_key(version.DETECTOR_VERSION, people)
    # A scan from before scans were sealed (empty MAC) is done again: the gate needs the MAC.
    done = {} if force else {a: k for a, (k, mac) in ws.scan_records().items() if mac}
    artifacts = ws.artifacts()
    todo = [a for a in artifacts if done.get(a.id) != key]
    if not todo:
        log.info("scan.done workspace=%s scanned=0 unchanged=%d findings=0", ws.id,
                 len(artifacts))
        return ScanSummary(0, len(artifacts), 0)
    if make_detector is not None:
        detector = make_detector(people)
    elif processes > 1:
        detector = DetectorPool(people, processes)
    else:
        detector = Detector(people)
    try:
        summary = _scan(ws, detector, people, key, todo, len(artifacts), progress, cancel,
                        processes)
        log.info("scan.done workspace=%s scanned=%d unchanged=%d findings=%d people=%d "
                 "processes=%d detector=%s duration_ms=%d", ws.id, summary.scanned,
                 summary.skipped_unchanged, summary.findings, len(people), processes,
                 version.DETECTOR_VERSION, logs.elapsed_ms(started))
        return summary
    finally:
        close = getattr(detector, "close", None)
        if close is not None:
            close()


def _scan(ws: Workspace, detector: Analyzer, people: list[KnownPerson], key: str,
          todo: list[ArtifactRow], total: int, progress: ProgressCallback,
          cancel: CancelToken | None, processes: int) -> ScanSummary:
    tagger = PartyTagger(people[0], people[1:])
    # Names found earlier in artifacts not rescanned now still anchor their variants.
    tagger.learn(f.value for f in ws.findings() if f.entity == "PERSON")
    total_findings = 0
    done = 0
    workers = max(1, processes)
    for batch in _batches(todo, SEGMENTS_PER_BATCH * workers, CHARS_PER_BATCH * workers):
        batch_started = time.monotonic()
        segments = [(artifact, offset, text, box) for artifact in batch
                    for (offset, text), box in zip(segment_spans(artifact),
                                                   _segment_boxes(artifact), strict=True)]
        # Titles and file names are scanned like bodies: they reach the skill as headings.
        segments += [(artifact, *span, None) for artifact in batch
                     if (span := title_span(artifact)) is not None]

        def batch_progress(part: int, whole: int, label: str, _done: int = done) -> None:
            # Counts only what is saved: the batch's items are not, until analysed. The call
            # itself says the scan is alive, so a line is printed every few seconds.
            progress(_done, len(todo), label)

        found = detector.analyze_many(
            [text for _, _, text, _ in segments], progress=batch_progress, cancel=cancel,
            processes=processes)
        # Full names first, so "Kevin" and "Zhou总" link to the "Kevin Zhou" seen anywhere in
        # the chunk, whatever the order of the messages.
        tagger.learn(f.text for findings in found for f in findings if f.entity == "PERSON")
        results: dict[str, list[NewFinding]] = {a.id: [] for a in batch}
        for (artifact, offset, text, box), findings in zip(segments, found, strict=True):
            # 娜娜 where 李娜 is named in the material: the same person, with one alias.
            findings = [*findings, *tagger.nicknames_in(text, findings)]
            results[artifact.id].extend(_new_finding(f, offset, tagger, box, text)
                                        for f in findings)
        # One transaction per artifact: an interrupt keeps every artifact saved before it.
        for artifact in batch:
            ws.save_scan({artifact.id: results[artifact.id]}, key,
                         _third_party_senders([artifact], people))
            # What the scan found anew in an approved artifact sends it back to review.
            gate.void_approvals(ws, [artifact.id], "rescanned")
            total_findings += len(results[artifact.id])
            done += 1
            progress(done, len(todo), "")
        log.debug("scan.batch artifacts=%d texts=%d findings=%d duration_ms=%d", len(batch),
                  len(segments), sum(len(results[a.id]) for a in batch),
                  logs.elapsed_ms(batch_started))
    return ScanSummary(len(todo), total - len(todo), total_findings)


def _batches(todo: list[ArtifactRow], segments: int,
             chars: int) -> Iterator[list[ArtifactRow]]:
    """Consecutive artifacts with about `segments` texts or `chars` characters in all (at
    least one artifact)."""
    batch: list[ArtifactRow] = []
    size = length = 0
    for artifact in todo:
        artifact_length = len(artifact.title) + sum(len(s.text) for s in artifact.segments)
        if batch and length + artifact_length > chars:
            yield batch
            batch, size, length = [], 0, 0
        batch.append(artifact)
        size += len(artifact.segments)
        length += artifact_length
        if size >= segments:
            yield batch
            batch, size, length = [], 0, 0
    if batch:
        yield batch


def scan_file(path: Path, lang: str = "auto") -> dict[str, Any]:
    """`workbench scan FILE` (ARCHITECTURE.md §6): a text file's findings with offsets into
    its decoded text; any other importable file's findings per extracted artifact."""
    from workbench.core.ingest import plan_import
    from workbench.core.ingest.base import read_text
    from workbench.core.ingest.documents import TEXT_SUFFIXES
    from workbench.core.pii.detector import Detector

    if path.suffix.lower() in TEXT_SUFFIXES or not path.suffix:
        text = read_text(path).text
        return {"findings": [f.as_json() for f in analyze_text(Detector(), text, lang)]}
    try:
        plan = plan_import([path])
        sources = extract_all(plan, ImportContext())
    except ImportFailed as exc:
        # The user is scanning, not importing: say so, with the reason.
        raise coded(BadInputError, "scan.cannot-read", exc.path.name, exc.path,
                    exc.reason) from exc
    detector = Detector()
    groups = []
    for source in sources:
        for artifact in _with_children(source.artifacts):
            findings = analyze_text(detector, artifact.text, lang)
            groups.append({"id": artifact.id, "title": artifact.title, "kind": str(artifact.kind),
                           "findings": [f.as_json() for f in findings]})
    return {"artifacts": groups}


def analyze_text(detector: Analyzer, text: str, lang: str = "auto") -> list[Finding]:
    """Findings over a whole text, analysed line by line (repeated lines once) with offsets
    shifted back into the text."""
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    found = detector.analyze_many([line for _, line in lines], lang)
    return [replace(f, start=f.start + start, end=f.end + start)
            for (start, _line), findings in zip(lines, found, strict=True) for f in findings]


def _with_children(artifacts: tuple[Artifact, ...]) -> list[Artifact]:
    out = []
    for artifact in artifacts:
        out.append(artifact)
        out.extend(_with_children(artifact.children))
    return out


def segment_spans(artifact: ArtifactRow) -> list[tuple[int, str]]:
    """(offset into the artifact's text, text) for each reviewable segment."""
    spans, offset = [], 0
    for segment in artifact.segments:
        if segment.placeholder is not None:
            continue
        spans.append((offset, segment.text))
        offset += len(segment.text) + 1  # the newline that joins segments
    return spans


def title_span(artifact: ArtifactRow) -> tuple[int, str] | None:
    """(offset, title) when the title is text of its own (a file name, a chat's name): its
    findings are stored at negative offsets, just before the text (the title ends at -1), so
    they overlap no segment. None when a segment holds the title (an email's subject is
    scanned there) or there is no title."""
    title = artifact.title
    if not title.strip() or any(s.text == title for s in artifact.segments
                                if s.placeholder is None):
        return None
    return -(len(title) + 1), title


def _segment_boxes(artifact: ArtifactRow) -> list[Segment | None]:
    """Each reviewable segment read from a picture (an OCR line with its box), else None."""
    return [s if s.box is not None else None for s in artifact.segments
            if s.placeholder is None]


def _new_finding(finding: Finding, offset: int, tagger: PartyTagger,
                 line: Segment | None = None, line_text: str = "") -> NewFinding:
    from workbench.core.ingest.ocr import sub_box

    party = tagger.tag(finding)
    box = (sub_box(line.box, line_text, finding.start, finding.end, line.chars)
           if line is not None and line.box is not None else None)
    return NewFinding(entity=finding.entity, start=finding.start + offset,
                      end=finding.end + offset, score=round(finding.score, 3),
                      detector=finding.detector, value=finding.text, party=party.party,
                      person_key=party.person_key, box=box)


def scan_in_subprocess(
    root: Path,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken | None = None,
    processes: int = 2,
) -> ScanSummary:
    """`scan_workspace` in a child process, for the desktop app: the window's process never
    imports the models or runs the analysis, so it stays responsive. Progress comes back
    through a queue; cancelling stops the child, and what it already saved stays saved."""
    from workbench.core.workspace import lock

    with lock.holding(root):  # the child works under this process's hold on the workspace
        return _scan_in_child(root, progress, cancel, processes)


def _scan_in_child(root: Path, progress: ProgressCallback, cancel: CancelToken | None,
                   processes: int) -> ScanSummary:
    import multiprocessing
    import queue

    from workbench.core.errors import WorkbenchError

    context = multiprocessing.get_context("spawn")
    messages = context.Queue()
    stop = context.Event()
    with Workspace.open(root) as ws:
        # The child gets the workspace key over its pipe: it may have no key store to ask.
        key = ws.key_for_child_process()
    child = context.Process(target=_scan_child, name="workbench-scan",  # not daemonic:
                            args=(str(root), messages, stop, processes, key))  # it has workers
    child.start()
    try:
        while True:
            if cancel is not None and cancel.cancelled:
                stop.set()
            try:
                kind, *payload = messages.get(timeout=0.1)
            except queue.Empty:
                if not child.is_alive():
                    log.error("scan.child_died exitcode=%s", child.exitcode)
                    raise coded(WorkbenchError, "scan.child-died") from None
                continue
            if kind == "progress":
                progress(*payload)
            elif kind == "done":
                return ScanSummary(*payload)
            elif kind == "cancelled":
                from workbench.core.errors import Cancelled

                raise Cancelled("The scan")
            else:
                raise WorkbenchError(payload[0])
    finally:
        child.join(timeout=10)
        if child.is_alive():
            child.terminate()


def _scan_child(root: str, messages: Queue[tuple[object, ...]], stop: Event, processes: int,
                key: tuple[str, str]) -> None:
    from workbench.core.errors import Cancelled, WorkbenchError
    from workbench.core.trust.sealing import remember_key
    from workbench.core.workspace import lock

    # The child writes to the same log file as the window (appending, like the window).
    logs.setup()
    remember_key(*key)
    lock.held_by_parent(Path(root))

    class StopToken(CancelToken):
        # Both ways of asking: the worker pool polls `cancelled`, the detector calls `check`.
        @property
        def cancelled(self) -> bool:
            return stop.is_set()

        def check(self, what: str = "The operation") -> None:
            if stop.is_set():
                raise Cancelled(what)

    try:
        with Workspace.open(Path(root)) as ws:
            summary = scan_workspace(ws, progress=lambda d, t, label: messages.put(
                ("progress", d, t, label)), cancel=StopToken(), processes=processes)
        messages.put(("done", summary.scanned, summary.skipped_unchanged, summary.findings))
    except Cancelled:
        messages.put(("cancelled",))
    except WorkbenchError as exc:
        messages.put(("error", str(exc)))
    except Exception as exc:
        log.error("scan.child_failed", exc_info=True)
        messages.put(("error", Message("scan.failed", (reason_of(exc),)).text()))
