"""Applying review decisions: redacted and pseudonymised text, per segment, via presidio-anonymizer.

Two layers: each finding's span is replaced (overlaps merged, a redaction always wins), then
a sweep replaces any remaining occurrence of a value that was redacted or pseudonymised
anywhere in the workspace — in titles, sender names and text alike — so a value the detector
missed in one place cannot leak from there.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import rfc8785

from workbench.core.pii.parties import normalise
from workbench.core.pii.script import dominant_language
from workbench.core.pseudonyms import alias
from workbench.core.scan import segment_spans, title_span
from workbench.core.workspace import ArtifactRow, StoredFinding, Workspace

REDACT, PSEUDONYMISE, KEEP, PENDING = "redact", "pseudonymise", "keep", "pending"

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


@dataclass
class RedactionContext:
    """Workspace-wide facts every artifact's redaction needs."""

    aliases: Mapping[str, int]
    sweep: list[tuple[re.Pattern[str], str, str]]  # (pattern, entity, pseudonym key or "")
    sender_keys: Mapping[str, str]  # chat sender name -> person key ("self" keeps the name)

    @classmethod
    def of(cls, ws: Workspace) -> RedactionContext:
        from workbench.core.scan import sender_keys

        findings = ws.findings()
        return cls(ws.pseudonym_ordinals(), _sweep(findings), sender_keys(ws))

    def alias_for(self, person_key: str | None, language: str) -> str | None:
        if person_key is None or person_key not in self.aliases:
            return None
        return alias(self.aliases[person_key], language)

    def pseudonym(self, entity: str, person_key: str | None, language: str) -> str:
        named = self.alias_for(person_key, language)
        return pseudonym_text(entity, named, language) if named else placeholder(entity,
                                                                                  language)


def _sweep(findings: Iterable[StoredFinding]) -> list[tuple[re.Pattern[str], str, str]]:
    """Values redacted or pseudonymised somewhere and kept nowhere, longest first."""
    kept = {(f.entity, normalise(f.entity, f.value)) for f in findings if f.decision == KEEP}
    chosen: dict[str, tuple[str, str]] = {}
    for f in findings:
        if f.decision not in (REDACT, PSEUDONYMISE) or len(f.value.strip()) < 2:
            continue
        if (f.entity, normalise(f.entity, f.value)) in kept or f.entity.startswith("SENSITIVE_"):
            continue
        key = f.person_key if f.decision == PSEUDONYMISE and f.person_key else ""
        chosen.setdefault(f.value.strip(), (f.entity, key))
    patterns = []
    for value in sorted(chosen, key=len, reverse=True):
        entity, key = chosen[value]
        body = re.escape(value)
        if value.isascii() and entity == "PERSON":
            # An alias never replaces part of a file name, path or identifier:
            # "recon_Runbook.md", "ops/kevin.sh", "zhaomin_1990" keep their letters.
            body = rf"(?<![A-Za-z0-9_/\\.\-]){body}(?![A-Za-z0-9_/\\]|[.\-][A-Za-z0-9])"
        elif value.isascii():
            body = rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])"
        patterns.append((re.compile(body, re.IGNORECASE if value.isascii() else 0), entity, key))
    return patterns


_engine = None


def apply_replacements(text: str, replacements: list[Replacement]) -> str:
    """Replace spans with presidio-anonymizer, after merging overlaps ourselves: within a
    group of overlapping spans the union is replaced, by a redaction if any member redacts."""
    global _engine
    merged = merge_overlaps(replacements)
    if not merged:
        return text
    # Imported here: presidio-anonymizer pulls in spaCy (about a second), which the window
    # process should pay only when it first shows a redacted preview.
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    if _engine is None:
        _engine = AnonymizerEngine()
    results = [RecognizerResult(f"R{i}", r.start, r.end, 1.0) for i, r in enumerate(merged)]
    operators = {f"R{i}": OperatorConfig("replace", {"new_value": r.value})
                 for i, r in enumerate(merged)}
    return _engine.anonymize(text, results, operators).text


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
    for pattern, entity, key in context.sweep:
        if pattern.search(text):
            replacement = (context.pseudonym(entity, key, language) if key
                           else placeholder(entity, language))
            text = pattern.sub(lambda _m, r=replacement: r, text)
    return text


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
        return "sha256:" + hashlib.sha256(rfc8785.dumps(self.canonical())).hexdigest()


def redact_artifact(artifact: ArtifactRow, findings: list[StoredFinding],
                    context: RedactionContext) -> RedactedArtifact:
    language = dominant_language(artifact.text or artifact.title)
    counts: dict[str, dict[str, int]] = {}
    for f in findings:
        counts.setdefault(f.decision, {}).setdefault(f.entity, 0)
        counts[f.decision][f.entity] += 1
    offsets = iter(segment_spans(artifact))
    segments = []
    title: str | None = None
    for segment in artifact.segments:
        if segment.placeholder is not None:
            segments.append(RedactedSegment(segment.text, _sender(segment.sender, context,
                                                                  language),
                                            segment.time, segment.field, segment.placeholder))
            continue
        offset, text = next(offsets)
        redacted = _redacted_span(text, offset, findings, context, language)
        if title is None and text == artifact.title:
            title = redacted  # an email's subject: its findings are the title's
        segments.append(RedactedSegment(redacted, _sender(segment.sender, context, language),
                                        segment.time, segment.field, None))
    if title is None:
        span = title_span(artifact)
        title = (_redacted_span(span[1], span[0], findings, context, language) if span
                 else sweep_text(artifact.title, context, language))
    return RedactedArtifact(
        id=artifact.id, kind=artifact.kind.value,
        title=title, language=language,
        started_at=artifact.started_at, ended_at=artifact.ended_at,
        segments=tuple(segments), counts=counts,
    )


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


def image_boxes(findings: Iterable[StoredFinding], context: RedactionContext,
                language: str) -> list[tuple[tuple[int, int, int, int], str | None]]:
    """(box, alias or None) for each image finding that is redacted (None: solid box) or
    pseudonymised (a box with the alias written in it)."""
    out = []
    for f in findings:
        if f.box is None or f.decision not in (REDACT, PSEUDONYMISE):
            continue
        label = context.alias_for(f.person_key, language) if f.decision == PSEUDONYMISE else None
        out.append((f.box, label))
    return out


Box = tuple[int, int, int, int]


def paint_boxes(image, boxes: list[tuple[Box, str | None]]):  # type: ignore[no-untyped-def]
    """Solid black boxes over redacted regions; white boxes with the alias for pseudonyms."""
    from PIL import ImageDraw

    painted = image.copy()
    draw = ImageDraw.Draw(painted)
    for (x, y, w, h), label in boxes:
        if label is None:
            draw.rectangle((x, y, x + w, y + h), fill="black")
            continue
        font = _font(max(8, int(h * 0.75)), label)
        while font.size > 8 and font.getlength(label) > w - 4:
            font = _font(font.size - 1, label)
        # The alias may still be wider than the name it replaces: widen the box to fit it.
        w = max(w, int(font.getlength(label)) + 4)
        draw.rectangle((x, y, x + w, y + h), fill="white", outline="black")
        draw.text((x + 2, y + max(0, (h - font.size) // 2)), label, fill="black", font=font)
    return painted


def _font(size: int, text: str):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    if not text.isascii():
        for path in _CJK_FONTS:
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                continue
    return ImageFont.load_default(size)
