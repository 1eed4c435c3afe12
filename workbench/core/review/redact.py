"""Applying review decisions: redacted and pseudonymised text, per segment.

Two layers: each finding's span is replaced (overlaps merged, a redaction always wins), then
a sweep replaces any remaining occurrence of a detected value that was redacted or
pseudonymised anywhere in the workspace — in titles, sender names and text alike — so a value
the detector missed in one place cannot leak from there. A span redacted by hand is not swept:
asked for everywhere, each place becomes a finding of its own. `swept_spans` says where the
sweep redacts in an item, so review can show all that the export redacts. The sweep is one
pass of one pattern over each text, however many values the workspace holds, and the
workspace-wide facts it needs are computed once per state of the workspace's findings, not
once per item.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
import string
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import rfc8785

from workbench.core.pii.parties import normalise
from workbench.core.pii.pseudonyms import alias
from workbench.core.pii.script import dominant_language
from workbench.core.review.dates import names_day
from workbench.core.review.scan import segment_spans, title_span
from workbench.core.workspace import ArtifactRow, StoredFinding, Workspace

if TYPE_CHECKING:
    # Pillow loads only when a picture is painted.
    from PIL import Image, ImageFont

T = TypeVar("T")

REDACT, PSEUDONYMISE, KEEP, PENDING = "redact", "pseudonymise", "keep", "pending"
MANUAL = "MANUAL"  # the entity of a span the user redacted by hand

# Typed placeholders in the artifact's language: [PHONE] / [电话].
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "PERSON": ("NAME", "姓名"),
    "EMAIL_ADDRESS": ("EMAIL", "邮箱"),
    "PHONE_NUMBER": ("PHONE", "电话"),
    "CN_RESIDENT_ID": ("ID NUMBER", "身份证号"),
    "CN_PASSPORT": ("PASSPORT", "护照号"),
    "BANK_CARD": ("CARD", "银行卡号"),
    "CREDIT_CARD": ("CARD", "信用卡号"),
    "IBAN_CODE": ("IBAN", "银行账号"),
    "IP_ADDRESS": ("IP", "IP地址"),
    "URL": ("URL", "链接"),
    "ADDRESS": ("ADDRESS", "地址"),
    "LOCATION": ("PLACE", "地点"),
    "SECRET": ("SECRET", "密钥"),
    "WECHAT_ID": ("WECHAT ID", "微信号"),
    "EMPLOYEE_ID": ("EMPLOYEE NUMBER", "工号"),
    "US_SSN": ("SSN", "社会安全号"),
    "CN_CAR_PLATE": ("PLATE NUMBER", "车牌号"),
    "DATE_OF_BIRTH": ("DATE OF BIRTH", "出生日期"),
    "SENSITIVE_HEALTH": ("HEALTH INFORMATION", "健康信息"),
    "SENSITIVE_FINANCIAL": ("FINANCIAL INFORMATION", "财务信息"),
    "SENSITIVE_RELIGION": ("RELIGIOUS INFORMATION", "宗教信息"),
    "SENSITIVE_BIOMETRIC": ("BIOMETRIC INFORMATION", "生物识别信息"),
    "SENSITIVE_WHEREABOUTS": ("WHEREABOUTS", "行踪信息"),
    "SENSITIVE_MINOR": ("INFORMATION ABOUT A MINOR", "未成年人信息"),
    "SENSITIVE_SEX_LIFE": ("PRIVATE INFORMATION", "私密信息"),
    "MANUAL": ("REDACTED", "已遮盖"),
}


def pseudonym_text(entity: str, alias_name: str, language: str) -> str:
    """A colleague's name becomes their alias; their phone or email a placeholder that says
    whose it was, so the same person reads as the same person everywhere."""
    if entity == "PERSON":
        return alias_name
    en, zh = {"EMAIL_ADDRESS": ("email", "邮箱"), "PHONE_NUMBER": ("phone", "电话"),
              "WECHAT_ID": ("WeChat ID", "微信号")}.get(
        entity, ("detail", "信息"))
    return f"[{alias_name}的{zh}]" if language == "zh" else f"[{alias_name}'s {en}]"


def placeholder(entity: str, language: str) -> str:
    en, zh = PLACEHOLDERS.get(entity, ("REDACTED", "已遮盖"))
    return f"[{zh}]" if language == "zh" else f"[{en}]"


@dataclass(frozen=True)
class Replacement:
    start: int
    end: int
    value: str
    redacts: bool  # a redaction beats a pseudonym where they overlap


# Latin letters match in either case; other scripts exactly. Folding only A-Z keeps every
# offset of the folded text equal to the original's.
_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_WORD = frozenset(string.ascii_letters + string.digits)


@dataclass(frozen=True)
class Sweep:
    """Every value redacted or pseudonymised somewhere and kept nowhere, found in one pass:
    Latin values only as whole words and in any case; where values overlap at one place the
    longest wins. A small pattern of the values' first three characters (and where a Latin
    value may start: not inside a word) finds the places where one may start; only those are
    compared. (A pattern of the values themselves takes seconds to compile at ten thousand
    values, and an alternation of them a millisecond per line.)"""

    targets: Mapping[str, tuple[str, str]]  # folded value -> (entity, pseudonym key or "")
    # First three (or two) folded characters -> (length, values of that length), longest first.
    starts: Mapping[str, tuple[tuple[int, frozenset[str]], ...]]
    pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, chosen: Mapping[str, tuple[str, str]]) -> Sweep:
        targets: dict[str, tuple[str, str]] = {}
        for value in sorted(chosen, key=len, reverse=True):
            if len(value) >= 2:  # a single character is never swept
                targets.setdefault(value.translate(_FOLD), chosen[value])
        starts: dict[str, dict[int, set[str]]] = {}
        for value in targets:
            starts.setdefault(value[:_PREFIX], {}).setdefault(len(value), set()).add(value)
        latin = _prefix_pattern(p for p in starts if any(
            v.isascii() for values in starts[p].values() for v in values))
        other = _prefix_pattern(p for p in starts if any(
            not v.isascii() for values in starts[p].values() for v in values))
        alternatives = ([rf"(?<![a-z0-9])(?={latin})"] if latin else []) + \
            ([f"(?={other})"] if other else [])
        pattern = re.compile("|".join(alternatives)) if alternatives else None
        return cls(targets, {prefix: tuple((n, frozenset(values[n]))
                                           for n in sorted(values, reverse=True))
                             for prefix, values in starts.items()}, pattern)

    def __len__(self) -> int:
        return len(self.targets)

    def replace(self, text: str, replacement: Callable[[str, str], str]) -> str:
        """`text` with each value found replaced by `replacement(entity, key)`."""
        parts: list[str] = []
        done = 0
        for at, end, entity, key in self.spans(text):
            parts += [text[done:at], replacement(entity, key)]
            done = end
        if not parts:
            return text
        parts.append(text[done:])
        return "".join(parts)

    def spans(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        """(start, end, entity, pseudonym key or "") of each value found in `text`, in order
        and not overlapping: what `replace` replaces."""
        if self.pattern is None:
            return
        folded = text.translate(_FOLD)
        done = 0
        for match in self.pattern.finditer(folded):
            at = match.start()
            if at < done:
                continue
            found = self._longest_at(folded, at)
            if found is not None:
                done = at + len(found)
                yield (at, done, *self.targets[found])

    def _longest_at(self, folded: str, at: int) -> str | None:
        # Values of three or more characters are filed under three, two-character ones
        # under two: the longer prefix first, so the longest value wins.
        for size in (_PREFIX, 2):
            for length, values in self.starts.get(folded[at:at + size], ()):
                if length < size:
                    continue
                end = at + length
                value = folded[at:end]
                if value not in values:
                    continue
                if value.isascii() and ((at and folded[at - 1] in _WORD)
                                        or (end < len(folded) and folded[end] in _WORD)):
                    continue
                if value.isascii() and self.targets[value][0] == "PERSON" \
                        and _inside_identifier(folded, at, end):
                    continue
                return value
        return None


_PREFIX = 3
_NAME_GLUE = frozenset("_/\\.-")


def _inside_identifier(folded: str, at: int, end: int) -> bool:
    """A Latin name inside a file name, path or identifier ("recon_runbook.md",
    "ops/kevin.sh", "zhaomin_1990") is not a name there: an alias never replaces it."""
    before = folded[at - 1] if at else ""
    after = folded[end] if end < len(folded) else ""
    following = folded[end + 1] if end + 1 < len(folded) else ""
    return (before in _NAME_GLUE and before != "") or after in ("_", "/", "\\") \
        or (after in (".", "-") and following in _WORD)


def _prefix_pattern(prefixes: Iterable[str]) -> str:
    """A pattern matching any of these (two- or three-character) prefixes."""
    tree: dict[str, dict[str, set[str]]] = {}
    for prefix in prefixes:
        third = tree.setdefault(prefix[0], {}).setdefault(prefix[1], set())
        third.add(prefix[2:])
    branches = []
    for first, seconds in sorted(tree.items()):
        options = []
        for second, thirds in sorted(seconds.items()):
            chars = "".join(re.escape(c) for c in sorted(t for t in thirds if t))
            # A two-character prefix needs no third character at all.
            tail = "" if "" in thirds or not chars else f"[{chars}]"
            options.append(re.escape(second) + tail)
        branches.append(re.escape(first) + "(?:" + "|".join(options) + ")")
    return "(?:" + "|".join(branches) + ")" if branches else ""


@dataclass
class RedactionContext:
    """Workspace-wide facts every artifact's redaction needs."""

    aliases: Mapping[str, int]
    sweep: Sweep
    sender_keys: Mapping[str, str]  # chat sender name -> person key ("self" keeps the name)
    _senders: dict[tuple[str, str], str | None] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, ws: Workspace, *, strict: bool = False) -> RedactionContext:
        """The context for the workspace as it is now. Built once per state of its findings,
        people and aliases, so approving one item costs the same in a workspace of ten items
        or of ten thousand. Whether that state moved on is told by the workspace's review
        version (one small query, see `Workspace.review_version`); with `strict`, as for
        what leaves the workspace, by `Workspace.review_fingerprint` (a digest of every
        finding, alias and person as stored, some tens of milliseconds at scale), which no
        edit of the database can leave unchanged by putting a number back."""
        from workbench.core.review.scan import sender_keys

        root = str(ws.root.resolve())
        version = None if strict else ws.review_version()
        with _cache_lock:
            cached = _cache.get(root)
        if cached is not None and version is not None and cached.version == version:
            return cached.context
        fingerprint = ws.review_fingerprint()
        if cached is not None and cached.fingerprint == fingerprint:
            if version is not None:
                with _cache_lock:
                    if _cache.get(root) is cached:
                        _cache[root] = _Cached(version, fingerprint, cached.context)
            return cached.context
        if strict:
            version = ws.review_version()
        # Both keys are read before the context is built: a change made meanwhile leaves a
        # context newer than its keys, never older, and the next call builds it again.
        context = cls(ws.pseudonym_ordinals(), sweep_of(ws.findings()), sender_keys(ws))
        with _cache_lock:
            _cache[root] = _Cached(version, fingerprint, context)
        return context

    @classmethod
    def aliases_only(cls, aliases: Mapping[str, int]) -> RedactionContext:
        """Enough to name a colleague by alias; sweeps nothing."""
        return cls(aliases, Sweep.of({}), {})

    def alias_for(self, person_key: str | None, language: str) -> str | None:
        if person_key is None or person_key not in self.aliases:
            return None
        return alias(self.aliases[person_key], language)

    def pseudonym(self, entity: str, person_key: str | None, language: str) -> str:
        named = self.alias_for(person_key, language)
        return pseudonym_text(entity, named, language) if named else placeholder(entity,
                                                                                  language)


@dataclass(frozen=True)
class _Cached:
    version: int | None  # `Workspace.review_version` read before it was built
    fingerprint: str  # `Workspace.review_fingerprint` read before it was built
    context: RedactionContext


# The latest context of each workspace this process has open (the window keeps one workspace
# open at a time; the key is its folder). Guarded: tasks build contexts on pool threads.
_cache: dict[str, _Cached] = {}
_cache_lock = threading.Lock()


def forget_contexts() -> None:
    """Drop cached contexts (they hold decrypted values): on closing a workspace, in tests."""
    with _cache_lock:
        _cache.clear()


def sweep_of(findings: Iterable[StoredFinding]) -> Sweep:
    """Values detected as personal data, redacted or pseudonymised somewhere and kept nowhere.
    A manual redaction is of its span only: the user chose that span, and asks for the same
    text everywhere with "everywhere", which records a redaction at each place (and so review
    shows each one)."""
    findings = list(findings)
    kept = {(f.entity, normalise(f.entity, f.value)) for f in findings if f.decision == KEEP}
    chosen: dict[str, tuple[str, str]] = {}
    for f in findings:
        if f.decision not in (REDACT, PSEUDONYMISE) or len(f.value.strip()) < 2:
            continue
        if f.entity == MANUAL:
            continue
        if (f.entity, normalise(f.entity, f.value)) in kept or f.entity.startswith("SENSITIVE_"):
            continue
        key = f.person_key if f.decision == PSEUDONYMISE and f.person_key else ""
        chosen.setdefault(f.value.strip(), (f.entity, key))
    return Sweep.of(chosen)


@dataclass(frozen=True)
class SweptSpan:
    """A place the workspace-wide sweep redacts although no finding of the item does."""

    start: int
    end: int
    entity: str
    value: str
    decision: str  # how it is replaced: REDACT, or PSEUDONYMISE (a colleague's alias)
    person_key: str | None = None  # whose alias replaces it (PSEUDONYMISE)


def swept_spans(artifact: ArtifactRow, findings: list[StoredFinding],
                context: RedactionContext) -> list[SweptSpan]:
    """Where in this item's text (and title of its own) the sweep replaces a value redacted or
    pseudonymised elsewhere, beyond what the item's own findings replace: what review must
    show so that it shows all that the export redacts. Offsets are the findings' (a title of
    its own at negative offsets). The export sweeps after the findings are replaced, so a
    place that overlaps a replaced finding is not swept there and is not listed."""
    replaced = sorted((f.start, f.end) for f in findings
                      if f.decision in (REDACT, PSEUDONYMISE) and f.box is None)
    parts = list(segment_spans(artifact))
    title = title_span(artifact)
    if title is not None:
        parts.insert(0, title)
    out = []
    for offset, text in parts:
        for at, end, entity, key in context.sweep.spans(text):
            start, stop = offset + at, offset + end
            if any(s < stop and start < e for s, e in replaced):
                continue
            out.append(SweptSpan(start, stop, entity, text[at:end],
                                 PSEUDONYMISE if key else REDACT, key or None))
    return out


def apply_replacements(text: str, replacements: list[Replacement]) -> str:
    """Replace spans, after merging overlaps: within a group of overlapping spans the union
    is replaced, by a redaction if any member redacts. (presidio-anonymizer did this splice
    before; importing it pulls in presidio-analyzer and spaCy, seconds per export process,
    for what is a join of non-overlapping slices.)"""
    merged = merge_overlaps(replacements)
    if not merged:
        return text
    parts = []
    position = 0
    for r in merged:
        parts += [text[position:r.start], r.value]
        position = r.end
    parts.append(text[position:])
    return "".join(parts)


def merge_overlaps(replacements: list[Replacement]) -> list[Replacement]:
    merged: list[list[Replacement]] = []
    for r in sorted(replacements, key=lambda r: (r.start, -r.end)):
        if merged and r.start < max(m.end for m in merged[-1]):
            merged[-1].append(r)
        else:
            merged.append([r])
    out = []
    for group in merged:
        start, end = min(r.start for r in group), max(r.end for r in group)
        redactions = [r for r in group if r.redacts]
        winner = max(redactions or group, key=lambda r: (r.end - r.start, -r.start))
        out.append(Replacement(start, end, winner.value, bool(redactions)))
    return out


def sweep_text(text: str, context: RedactionContext, language: str) -> str:
    def replacement(entity: str, key: str) -> str:
        return context.pseudonym(entity, key, language) if key else placeholder(entity,
                                                                                language)

    return context.sweep.replace(text, replacement)


@dataclass(frozen=True)
class RedactedSegment:
    text: str
    sender: str | None
    time: str | None
    field: str | None
    placeholder: str | None


@dataclass(frozen=True)
class RedactedArtifact:
    id: str
    kind: str
    title: str
    language: str
    started_at: str | None
    ended_at: str | None
    segments: tuple[RedactedSegment, ...]
    counts: Mapping[str, Mapping[str, int]]  # decision -> entity -> count

    def canonical(self) -> dict[str, object]:
        return {"kind": self.kind, "title": self.title,
                "segments": [{k: v for k, v in s.__dict__.items() if v is not None}
                             for s in self.segments]}

    @property
    def digest(self) -> str:
        """The digest of what leaves the laptop for this artifact (ledger "digest out")."""
        return "sha256:" + hashlib.sha256(canonical_json(self.canonical())).hexdigest()


def canonical_json(value: Mapping[str, Any]) -> bytes:
    """RFC 8785 (JCS) bytes of a value built only of strings, lists and dicts with Latin keys.
    For such a value JCS is exactly `json.dumps` with sorted keys, no spaces and only JSON's
    own escapes (both escape the quote, the backslash and control characters alike, and sort
    ASCII keys alike), which runs in C; the `rfc8785` package, in pure Python, took a second
    per twenty thousand chat lines. Anything else goes to `rfc8785`."""
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                          allow_nan=False, default=_not_plain).encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError):
        return rfc8785.dumps(value)


def _not_plain(value: object) -> object:
    raise TypeError(f"not a plain JSON string value: {type(value).__name__}")


def redact_artifact(artifact: ArtifactRow, findings: list[StoredFinding],
                    context: RedactionContext) -> RedactedArtifact:
    language = dominant_language(artifact.text or artifact.title)
    counts: dict[str, dict[str, int]] = {}
    for f in findings:
        counts.setdefault(f.decision, {}).setdefault(f.entity, 0)
        counts[f.decision][f.entity] += 1
    spans = segment_spans(artifact)
    offsets = iter(spans)
    applied = _by_segment(findings, [offset for offset, _text in spans])
    segments = []
    title: str | None = None
    for segment in artifact.segments:
        if segment.placeholder is not None:
            segments.append(RedactedSegment(segment.text, _sender(segment.sender, context,
                                                                  language),
                                            segment.time, segment.field, segment.placeholder))
            continue
        offset, text = next(offsets)
        redacted = _redacted_span(text, offset, applied.get(offset, []), context, language)
        if title is None and text == artifact.title:
            title = redacted  # an email's subject: its findings are the title's
        segments.append(RedactedSegment(redacted, _sender(segment.sender, context, language),
                                        segment.time, segment.field, None))
    if title is None:
        span = title_span(artifact)
        title = (_redacted_span(span[1], span[0], findings, context, language) if span
                 else sweep_text(artifact.title, context, language))
    # A day the employee redacted in the text must not leave by the item's own dates, nor by
    # the title the importer wrote from them ("Chat with … · 2016-08-06").
    day_redacted = any(f.decision == REDACT and (names_day(f.value, artifact.started_at)
                                                 or names_day(f.value, artifact.ended_at))
                       for f in findings)
    if day_redacted:
        for stamp in (artifact.started_at, artifact.ended_at):
            if stamp and len(stamp) >= 10:
                title = title.replace(stamp[:10], placeholder(MANUAL, language))
    return RedactedArtifact(
        id=artifact.id, kind=artifact.kind.value,
        title=title, language=language,
        started_at=None if day_redacted else artifact.started_at,
        ended_at=None if day_redacted else artifact.ended_at,
        segments=tuple(segments), counts=counts,
    )


def _by_segment(findings: list[StoredFinding],
                starts: list[int]) -> dict[int, list[StoredFinding]]:
    """Segment start offset -> the redacted or pseudonymised findings that reach into it,
    so each segment looks at its own findings, not at all of the artifact's."""
    out: dict[int, list[StoredFinding]] = {}
    for f in findings:
        if f.decision not in (REDACT, PSEUDONYMISE) or not starts:
            continue
        first = max(bisect.bisect_right(starts, f.start) - 1, 0)
        last = max(bisect.bisect_left(starts, f.end) - 1, first)
        for index in range(first, last + 1):
            out.setdefault(starts[index], []).append(f)
    return out


def _redacted_span(text: str, offset: int, findings: list[StoredFinding],
                   context: RedactionContext, language: str) -> str:
    """`text`, found at `offset` in the artifact, with its findings' decisions applied."""
    end = offset + len(text)
    replacements = []
    for f in findings:
        if f.decision not in (REDACT, PSEUDONYMISE) or f.end <= offset or f.start >= end:
            continue
        value = (context.pseudonym(f.entity, f.person_key, language)
                 if f.decision == PSEUDONYMISE else placeholder(f.entity, language))
        replacements.append(Replacement(max(f.start, offset) - offset,
                                        min(f.end, end) - offset, value,
                                        f.decision == REDACT))
    return sweep_text(apply_replacements(text, replacements), context, language)


def _sender(sender: str | None, context: RedactionContext, language: str) -> str | None:
    if not sender:
        return sender
    known = (sender, language)
    if known not in context._senders:
        context._senders[known] = _sender_shown(sender, context, language)
    return context._senders[known]


def _sender_shown(sender: str, context: RedactionContext, language: str) -> str:
    key = context.sender_keys.get(sender)
    if key == "self":
        return sender
    named = context.alias_for(key, language)
    if named:
        return named
    swept = sweep_text(sender, context, language)
    # A sender nobody could place is still never shown by name.
    return swept if swept != sender else placeholder("PERSON", language)


# -- images -----------------------------------------------------------------------------------

_CJK_FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
              "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
              "/System/Library/Fonts/PingFang.ttc", "C:/Windows/Fonts/msyh.ttc")


Box = tuple[int, int, int, int]

# A box over text grows by this share of its line's height on every side: OCR's line boxes
# hug the glyphs' bodies, and an estimate of where characters sit may miss by a stroke, so
# edges of letters stayed readable beside a box that fitted the line exactly.
INK_MARGIN = 0.25


def span_boxes(artifact: ArtifactRow, start: int, end: int) -> list[Box] | None:
    """Where characters start..end of an image's text are in its picture: one box for each
    OCR line the span reaches, by where OCR placed the characters on it (`ocr.sub_box`),
    grown by `INK_MARGIN` to cover the glyphs' ink. `paint_boxes` clips them to the
    picture. None when some of the span has no place in the picture — a line read without a
    box, or offsets past the text — so it cannot be painted. A span of the title (negative
    offsets: the file name) is no part of the picture and needs no box."""
    from workbench.core.ingest.ocr import sub_box

    boxes: list[Box] = []
    offset = 0
    for segment in artifact.segments:
        if segment.placeholder is not None:
            continue
        text = segment.text
        begin, stop = max(start, offset), min(end, offset + len(text))
        if begin < stop:
            if segment.box is None:
                return None
            boxes.append(_grown(sub_box(segment.box, text, begin - offset, stop - offset,
                                        segment.chars)))
        offset += len(text) + 1  # the newline that joins lines
    return None if end > max(offset - 1, 0) else boxes


def _grown(box: Box) -> Box:
    x, y, w, h = box
    margin = max(2, round(h * INK_MARGIN))
    return (x - margin, y - margin, w + 2 * margin, h + 2 * margin)


@dataclass(frozen=True)
class PictureBoxes:
    """What painting an image's picture covers, and what it could not place."""

    boxes: list[tuple[Box, str | None]]  # (box, alias or None: a solid box)
    unplaced: int  # redacted or pseudonymised spans of its text with no place in the picture


def picture_boxes(artifact: ArtifactRow, findings: Iterable[StoredFinding],
                  context: RedactionContext, language: str) -> PictureBoxes:
    """Every box the export paints on an image: each area drawn by hand as drawn, and each
    span of its text that is redacted or pseudonymised — found by the detector, marked by
    hand, or swept as a value redacted elsewhere — where its characters are in the picture
    (`span_boxes`). A redaction is a solid box; a pseudonym a white box with the alias."""
    findings = list(findings)
    out: list[tuple[Box, str | None]] = []
    unplaced = 0
    spans: list[tuple[int, int, str | None]] = []
    for f in findings:
        if f.decision not in (REDACT, PSEUDONYMISE):
            continue
        label = context.alias_for(f.person_key, language) if f.decision == PSEUDONYMISE else None
        if f.start >= f.end:  # an area drawn on the picture
            if f.box is not None:
                out.append((f.box, label))
            continue
        spans.append((f.start, f.end, label))
    for swept in swept_spans(artifact, findings, context):
        label = (context.alias_for(swept.person_key, language)
                 if swept.decision == PSEUDONYMISE else None)
        spans.append((swept.start, swept.end, label))
    for start, end, label in spans:
        boxes = span_boxes(artifact, start, end)
        if boxes is None:
            unplaced += 1
            continue
        out += [(box, label) for box in boxes]
    return PictureBoxes(out, unplaced)


def check_picture_boxes(artifact: ArtifactRow, findings: Iterable[StoredFinding],
                        context: RedactionContext) -> None:
    """Refuse (RefusedError) an image with a redacted span its picture cannot show painted:
    what leaves of an image is its picture, so a span that cannot be painted would leave
    readable."""
    from workbench.core.errors import RefusedError
    from workbench.core.messages import t

    placed = picture_boxes(artifact, findings, context, "en")
    if placed.unplaced:
        # The count stays a number, so English counts its words ("1 passage").
        params = (artifact.title, placed.unplaced)
        raise RefusedError(t("review.span-not-in-picture", *params, lang="en"),
                           code="review.span-not-in-picture", params=params)


# EXIF orientations that turn a picture a quarter turn: its upright width is its stored height.
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
_ORIENTATION = 0x0112


def read_picture(ws: Workspace, artifact: ArtifactRow, read: Callable[[bytes], T]) -> T:
    """`read` (`upright_picture`, `picture_size`) of the item's picture; a one-line refusal
    if the item is not a picture or its picture cannot be read."""
    from workbench.core.errors import BadInputError, coded, os_reason
    from workbench.core.ingest.artifacts import ArtifactKind

    if artifact.kind is not ArtifactKind.IMAGE or artifact.image_blob is None:
        raise coded(BadInputError, "review.not-image", artifact.id.removeprefix("sha256:")[:12],
                    artifact.title)
    try:
        return read(ws.read_blob(artifact.image_blob))
    except OSError as exc:  # Pillow's "cannot identify image file" is one
        raise coded(BadInputError, "review.picture-unreadable", artifact.title,
                    os_reason(exc)) from exc


def upright_picture(data: bytes) -> Image.Image:
    """The picture as review shows it and the export paints it: EXIF orientation applied."""
    import io

    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        upright = ImageOps.exif_transpose(image)
        upright.load()
        return upright.copy()


def picture_size(data: bytes) -> tuple[int, int]:
    """(width, height) of the upright picture, read from its header without decoding it."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        turned = image.getexif().get(_ORIENTATION) in _QUARTER_TURNS
    return (height, width) if turned else (width, height)


def paint_boxes(image: Image.Image, boxes: list[tuple[Box, str | None]]) -> Image.Image:
    """Solid black boxes over redacted regions; white boxes with the alias for pseudonyms."""
    from PIL import ImageDraw

    painted = image.copy()
    draw = ImageDraw.Draw(painted)
    for box, label in boxes:
        x, y, w, h = _clipped(box, painted.size)
        if w <= 0 or h <= 0:
            continue
        if label is None:
            draw.rectangle((x, y, x + w, y + h), fill="black")
            continue
        font = _font(max(8, int(h * 0.75)), label)
        while font.size > 8 and font.getlength(label) > w - 4:
            font = _font(int(font.size) - 1, label)
        # The alias may still be wider than the name it replaces: widen the box to fit it.
        w = max(w, int(font.getlength(label)) + 4)
        draw.rectangle((x, y, x + w, y + h), fill="white", outline="black")
        draw.text((x + 2, y + max(0, (h - font.size) // 2)), label, fill="black", font=font)
    return painted


def _clipped(box: Box, size: tuple[int, int]) -> Box:
    """The part of a box inside a picture of `size` (a box grown past an edge stops there)."""
    x, y, w, h = box
    left, top = max(x, 0), max(y, 0)
    return (left, top, min(x + w, size[0]) - left, min(y + h, size[1]) - top)


def _font(size: int, text: str) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    if not text.isascii():
        for path in _CJK_FONTS:
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                continue
    font = ImageFont.load_default(size)
    # Pillow built without FreeType gives a fixed-size bitmap font, which cannot be sized
    # to a box: the alias would not fit where the name was.
    if not isinstance(font, ImageFont.FreeTypeFont):
        raise RuntimeError("Pillow was built without FreeType: aliases cannot be drawn")
    return font
