"""The skill folder (ARCHITECTURE.md §7, Agent Skills spec): redacted references, scrubbed images,
SKILL.md with an index, and the consent that travels with it."""

from __future__ import annotations

import heapq
import io
import json
import math
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from workbench import __version__
from workbench.core.errors import BadInputError, RefusedError, coded
from workbench.core.ingest.artifacts import ArtifactKind, ArtifactState
from workbench.core.messages import Joined, label, t
from workbench.core.pii.pseudonyms import alias
from workbench.core.pii.script import dominant_language
from workbench.core.review import gate
from workbench.core.review.redact import (
    Box,
    RedactedArtifact,
    RedactionContext,
    check_picture_boxes,
    paint_boxes,
    picture_boxes,
    redact_artifact,
)
from workbench.core.workspace import ArtifactRow, StoredFinding, Workspace

MAX_BODY_LINES = 480
NAME_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PLACEHOLDER_LABELS = {"image": ("image", "图片"), "recalled": ("recalled message", "撤回的消息"),
                       "file": ("file", "文件"), "voice": ("voice message", "语音"),
                       "video": ("video", "视频"), "sticker": ("sticker", "表情"),
                       "binary": ("binary attachment", "二进制附件")}


@dataclass
class Reference:
    path: str  # relative to the skill folder
    kind: str
    title: str
    started_at: str | None
    ended_at: str | None
    topics: list[str] = field(default_factory=list)
    digest_out: str = ""
    language: str = ""  # "zh" or "en": the language of its text ("" for an image)


def skill_name_for(ws: Workspace) -> str:
    """A valid Agent Skills name from the employee's own name (pinyin for hanzi)."""
    profile = ws.profile
    latin = next((a for a in profile.aliases if a.isascii() and a.strip()), None)
    if latin is None:
        # Only here: loading pypinyin's tables holds the interpreter a while (the window).
        from pypinyin import lazy_pinyin

        latin = " ".join(lazy_pinyin(profile.name))
    slug = re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-") or "employee"
    return f"{slug}-work"


# What a build writes at the top of a skill folder; its SKILL.md names this tool as source.
_BUILT = frozenset({"SKILL.md", "references", "assets", "consent"})
_SOURCE_MARK = b'source: "consent-workbench '


def _an_earlier_build(target: Path) -> bool:
    """A folder an earlier build wrote, holding nothing else at its top: only such a folder
    is replaced by a new build (a folder of the user's that happens to have the skill's name
    is never deleted)."""
    if target.is_symlink() or not target.is_dir():
        return False
    skill_md = target / "SKILL.md"
    try:
        names = {p.name for p in target.iterdir()}
        if not names <= _BUILT or skill_md.is_symlink() or not skill_md.is_file():
            return False
        with skill_md.open("rb") as file:
            return _SOURCE_MARK in file.read(16384)
    except OSError:
        return False


def build_skill(ws: Workspace, parent: Path, name: str | None = None) -> Path:
    """Write the skill folder for the approved artifacts under `parent`; returns its path."""
    name = name or skill_name_for(ws)
    if not NAME_PATTERN.match(name) or len(name) > 64:
        raise coded(BadInputError, "skill.bad-name", name)
    if Path(parent).exists() and not Path(parent).is_dir():
        raise coded(BadInputError, "skill.parent-is-file", parent)
    target = Path(parent) / name
    if (target.exists() or target.is_symlink()) and not _an_earlier_build(target):
        raise coded(BadInputError, "skill.target-taken", target)
    # The gate, again, from stored state: only artifacts whose approval holds are written.
    void = [b for b in gate.export_blockers(ws) if b.rule is not gate.Rule.PENDING]
    if void:
        shown: tuple[object, ...] = tuple(b.line_message() for b in void[:5])
        raise coded(RefusedError, "skill.cannot-build",
                    Joined(shown + (("…",) if len(void) > 5 else ())))
    approved = [a for a in ws.artifacts() if a.state == ArtifactState.APPROVED]
    if not approved:
        raise coded(RefusedError, "skill.none-approved")
    # What leaves is redacted with a context checked against every stored finding, alias
    # and person, not only against the review version a window trusts while it works.
    context = RedactionContext.of(ws, strict=True)
    findings_by_artifact: dict[str, list[StoredFinding]] = {}
    for f in ws.findings():
        findings_by_artifact.setdefault(f.artifact_id, []).append(f)
    # Of a picture only its pixels leave: a span to redact that cannot be painted on it is
    # refused here, from stored state, whatever let its approval through.
    for artifact in approved:
        if artifact.kind is ArtifactKind.IMAGE:
            check_picture_boxes(artifact, findings_by_artifact.get(artifact.id, []), context)
    staging = Path(parent) / f".{name}.building"
    if staging.exists():
        shutil.rmtree(staging)
    for folder in ("references", "assets"):
        (staging / folder).mkdir(parents=True, mode=0o700)
    references = _write_references(ws, staging, approved, findings_by_artifact, context)
    record = _write_consent(ws, staging)
    (staging / "SKILL.md").write_text(
        skill_md(name, ws, references, record, context), encoding="utf-8")
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    return target


def _write_references(ws: Workspace, root: Path, approved: list[ArtifactRow],
                      findings: dict[str, list[StoredFinding]],
                      context: RedactionContext) -> list[Reference]:
    references: list[Reference] = []
    counters: Counter[str] = Counter()
    parents = {child: parent for parent in (a.id for a in approved)
               for child in ws.attachments_of(parent)}
    email_paths: dict[str, str] = {}
    for artifact in sorted(approved, key=lambda a: (a.started_at or "", a.title)):
        kind = artifact.kind
        if kind is ArtifactKind.IMAGE:
            counters["image"] += 1
            path = f"assets/image-{counters['image']:03d}.png"
            placed = picture_boxes(artifact, findings.get(artifact.id, []), context,
                                   dominant_language(artifact.text or artifact.title))
            if placed.unplaced:  # checked before the build began; never written unpainted
                check_picture_boxes(artifact, findings.get(artifact.id, []), context)
            scrub_image(ws.read_blob(artifact.image_blob or ""), root / path, placed.boxes)
            references.append(Reference(path, "image", f"image {counters['image']}",
                                        artifact.started_at, artifact.ended_at))
            continue
        redacted = redact_artifact(artifact, findings.get(artifact.id, []), context)
        day = _day(redacted.started_at)
        if kind is ArtifactKind.CHAT:
            counters["chat"] += 1
            path = f"references/chats/{day or 'undated'}-chat-{counters['chat']:03d}.md"
            text = chat_markdown(redacted)
        elif kind is ArtifactKind.EMAIL:
            counters["email"] += 1
            path = f"references/emails/{day or 'undated'}-email-{counters['email']:03d}.md"
            email_paths[artifact.id] = path
            text = email_markdown(redacted)
        elif kind is ArtifactKind.ATTACHMENT:
            counters["attachment"] += 1
            parent = email_paths.get(parents.get(artifact.id, ""), "")
            stem = Path(parent).stem if parent else "email"
            path = f"references/emails/{stem}-attachment-{counters['attachment']:03d}.md"
            text = document_markdown(redacted)
        elif kind is ArtifactKind.SKILL_FILE:
            counters["skill"] += 1
            path = f"references/colleague-skill/file-{counters['skill']:03d}.md"
            text = document_markdown(redacted)
        else:
            counters["doc"] += 1
            path = f"references/docs/doc-{counters['doc']:03d}.md"
            text = document_markdown(redacted)
        (root / path).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        (root / path).write_text(text, encoding="utf-8")
        references.append(Reference(path, kind.value, redacted.title, redacted.started_at,
                                     redacted.ended_at, digest_out=redacted.digest,
                                     language=redacted.language))
    _add_topics(root, references)
    return references


def _day(started_at: str | None) -> str:
    """The date a reference's file name starts with; anything but a date is "undated" (the
    name must never be a path)."""
    day = (started_at or "")[:10]
    return day if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else ""


def _placeholder_text(kind: str | None, language: str) -> str:
    en, zh = _PLACEHOLDER_LABELS.get(kind or "", ("attachment", "附件"))
    return f"_[{zh}]_" if language == "zh" else f"_[{en}]_"


def chat_markdown(chat: RedactedArtifact) -> str:
    lines = [f"# {chat.title}", ""]
    for segment in chat.segments:
        time = (segment.time or "")[11:16]
        text = (_placeholder_text(segment.placeholder, chat.language)
                if segment.placeholder else segment.text.replace("\n", "  \n"))
        lines.append(f"{time} — {segment.sender or '?'}: {text}  ")
    return "\n".join(lines).rstrip() + "\n"


def email_markdown(mail: RedactedArtifact) -> str:
    labels = {"from": "From", "to": "To", "cc": "Cc", "date": "Date"}
    lines = [f"# {mail.title}", ""]
    for segment in mail.segments:
        if segment.field in labels:
            lines.append(f"- **{labels[segment.field]}:** {segment.text}")
    body = next((s.text for s in mail.segments if s.field == "body"), "")
    lines += ["", body.strip()]
    return "\n".join(lines).rstrip() + "\n"


def document_markdown(doc: RedactedArtifact) -> str:
    lines = [f"# {doc.title}", ""]
    for segment in doc.segments:
        if segment.placeholder:
            lines.append(_placeholder_text(segment.placeholder, doc.language))
            continue
        if segment.field and segment.field.startswith("page ") and len(doc.segments) > 1:
            lines += [f"## {segment.field.capitalize()}", ""]
        lines += [segment.text.strip(), ""]
    return "\n".join(lines).rstrip() + "\n"


def scrub_image(source: bytes, target: Path,
                boxes: list[tuple[Box, str | None]] | None = None) -> None:
    """Paint the redaction boxes, then re-encode from pixels only (EXIF orientation applied
    first, as the reviewer saw it): no EXIF, XMP, ICC, GPS or text chunks survive, because
    none is copied."""
    try:
        with Image.open(io.BytesIO(source)) as image:
            upright = ImageOps.exif_transpose(image)
            mode = "RGBA" if upright.mode in ("RGBA", "LA", "P") else "RGB"
            pixels = Image.frombytes(mode, upright.size, upright.convert(mode).tobytes())
            if boxes:
                pixels = paint_boxes(pixels, boxes)
    except OSError as exc:
        raise coded(BadInputError, "skill.image-unreadable", exc) from exc
    buffer = io.BytesIO()
    pixels.save(buffer, format="PNG", optimize=True)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    target.write_bytes(buffer.getvalue())


# -- topics ----------------------------------------------------------------------------------

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{2,}")
_EN_STOP = frozenset("""the and for you are with this that have from your will can not but
all any our was were has had its his her they them then than into out about just what when
where which who how also been being there their would could should please thanks thank
hi hello dear let know need get got see one two new use used via per are is it on in to of a
an be by or as at if we me my so do did done does ok okay yes no re fwd fw cc""".split())


# Chinese is cut into words by jieba (loaded once, as the scan does): a topic is a word of
# two or more hanzi, never a run of characters across word boundaries; function words,
# pronouns and time words are not topics. TF-IDF over the references keeps the words that
# set a reference apart.
_ZH_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_ZH_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")
# jieba's tags for words that carry no topic: pronouns, particles, auxiliaries, conjunctions,
# prepositions, adverbs, numerals, measure words, time words, interjections, and names
# (a person is not a topic, and a name that escaped review must not become one).
_ZH_NO_TOPIC_TAGS = ("r", "u", "c", "p", "d", "m", "q", "t", "e", "y", "o", "nr", "f")
_ZH_STOP = frozenset("""已经 不要 可以 需要 就是 还是 这个 那个 这些 那些 什么 怎么 为什么 因为 所以
但是 如果 然后 现在 之前 之后 时候 一下 一些 没有 知道 觉得 应该 可能 进行 问题 情况 大家 我们
你们 他们 自己 好的 谢谢 收到 明白 辛苦 麻烦 同事 今天 明天 昨天 一起 直接 其他 以及
你好 您好""".split())


def _zh_words(body: str) -> list[str]:
    from workbench.core.pii.chinese import jieba_posseg

    cut = jieba_posseg()
    return [word for run in _ZH_RUN.findall(body) for word, tag in cut(run)
            if _ZH_WORD.match(word) and word not in _ZH_STOP and "同事" not in word
            and not tag.startswith(_ZH_NO_TOPIC_TAGS)]


def _terms(text: str) -> Counter[str]:
    """English words (not stop words) and Chinese words of a reference's redacted text."""
    body = _strip_markup(text)
    terms = Counter([w.lower() for w in _EN_WORD.findall(body)])
    # Filtered once per distinct term rather than once per occurrence.
    for term in [w for w in terms if w in _EN_STOP or w.startswith("colleague")]:
        del terms[term]
    terms.update(_zh_words(body))
    return terms


def _add_topics(root: Path, references: list[Reference]) -> None:
    """Up to five keywords per reference by TF-IDF over the references. Computed on
    redacted text, so no topic can be a removed value."""
    documents = {r.path: _terms((root / r.path).read_text(encoding="utf-8"))
                 for r in references if r.path.endswith(".md")}
    frequency = Counter(term for terms in documents.values() for term in terms)
    total = max(len(documents), 1)
    for reference in references:
        terms = documents.get(reference.path)
        if not terms:
            continue
        # Only the best terms are ranked: sorting every term of a long chat costs more than
        # the rest of the topic search, and five topics are always found near the top.
        scored = heapq.nsmallest(200, terms, key=lambda t: (
            -terms[t] * math.log(1 + total / frequency[t]), -len(t), t))
        topics: list[str] = []
        for term in scored:
            # "客户名单" and "客户" are one topic: the better-scored form stands for both.
            if not any(term in chosen or chosen in term for chosen in topics):
                topics.append(term)
            if len(topics) == 5:
                break
        reference.topics = topics


def _strip_markup(text: str) -> str:
    return re.sub(r"\[[^\]]*\]|[#*_`>-]", " ", text)


# -- SKILL.md and consent --------------------------------------------------------------------


def _write_consent(ws: Workspace, root: Path) -> dict[str, Any] | None:
    from workbench.core.package import consent
    from workbench.core.workspace import workspace_ledger

    envelopes = ws.consent_envelopes()
    if not envelopes:
        return None
    record = consent.record_of(envelopes[-1])
    workspace_ledger.try_flush(ws)
    folder = root / "consent"
    folder.mkdir(mode=0o700)
    (folder / "record.json").write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
    (folder / "record.dsse.json").write_text(json.dumps(envelopes[-1], indent=2) + "\n",
                                             encoding="utf-8")
    if ws.ledger_path.exists():
        shutil.copyfile(ws.ledger_path, folder / "ledger.jsonl")
    (folder / "notice.md").write_text(ws.consent_notice(record["record_id"]), encoding="utf-8")
    return record


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def skill_language(references: list[Reference]) -> str:
    """The language SKILL.md is written in: that of most of the skill's text references (an
    agent reads the index with the material; whoever builds it gets the same file)."""
    counts = Counter(r.language for r in references if r.language in ("zh", "en"))
    return "zh" if counts["zh"] > counts["en"] else "en"


def skill_md(name: str, ws: Workspace, references: list[Reference], record: dict[str, Any] | None,
             context: RedactionContext) -> str:
    lang = skill_language(references)
    purposes = "; ".join(p["text"] for p in record["purposes"]) if record else ""
    employee = ws.profile.name
    description = t("skill-md.description", employee,
                    purposes or t("skill-md.their-work", lang=lang), lang=lang)
    licence = (record.get("licence", {}).get("terms") if record else None) or \
        "Proprietary; use only as the consent record in consent/ allows"
    delete_by = record["retention"]["delete_by"] if record else "none"
    front = [
        "---",
        f"name: {name}",
        f"description: {_yaml(description[:1024])}",
        f"license: {_yaml(licence)}",
        "metadata:",
        f"  consent-record: {_yaml('consent/record.json' if record else 'none')}",
        f"  consent-record-id: {_yaml(record['record_id'] if record else 'none')}",
        f"  delete-by: {_yaml(delete_by)}",
        f"  consent-ledger: {_yaml('consent/ledger.jsonl' if record else 'none')}",
        f"  source: {_yaml(f'consent-workbench {__version__}')}",
        "---",
        "",
    ]
    kinds = Counter(r.kind for r in references)
    contents = t("list.items", lang=lang).join(
        t("count.of", label=label("kind", k, lang), count=n, lang=lang)
        for k, n in sorted(kinds.items()))
    body = [
        "# " + t("skill-md.title", employee, lang=lang),
        "",
        t("skill-md.intro", lang=lang),
        "",
        t("skill-md.purpose", purposes or t("skill-md.not-consented", lang=lang), lang=lang),
        t("skill-md.delete-by", delete_by, lang=lang),
        "",
        t("skill-md.contents", contents, lang=lang),
        "",
        "## " + t("skill-md.participants", lang=lang),
        "",
        "- " + t("skill-md.the-employee", employee, lang=lang),
    ]
    participants = sorted(context.aliases.values())
    # Both forms of each alias, the skill's language first.
    forms = ("zh", "en") if lang == "zh" else ("en", "zh")
    body += [f"- {alias(o, forms[0])} / {alias(o, forms[1])}" for o in participants[:40]]
    if len(participants) > 40:
        body.append("- " + t("skill-md.more-colleagues", len(participants) - 40, lang=lang))
    body += ["", "## " + t("skill-md.references", lang=lang), "", t("skill-md.table", lang=lang),
             "|---|---|---|---|"]
    room = MAX_BODY_LINES - len(front) - len(body) - 4
    separator = t("list.items", lang=lang)
    for reference in references[:room]:
        body.append(f"| [{reference.path}]({reference.path}) | "
                    f"{label('kind', reference.kind, lang)} | {_dates(reference)} | "
                    f"{separator.join(reference.topics)} |")
    if len(references) > room:
        body.append("\n" + t("skill-md.more-files", len(references) - room, lang=lang))
    return "\n".join(front + body) + "\n"


def _dates(reference: Reference) -> str:
    start, end = (reference.started_at or "")[:10], (reference.ended_at or "")[:10]
    return start if start == end else f"{start} – {end}"
