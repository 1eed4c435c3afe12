"""`workbench review`: list, show, decide, redact, cover, approve, exclude and undo from the
command line. Every change goes through `workbench.core.review` (and its gate) exactly as the
window's Review page does; this module parses and prints."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from workbench.core.errors import BadInputError, Cancelled, Interrupted, WorkbenchError
from workbench.core.messages import label, t
from workbench.core.review.targets import find_artifact, find_artifacts, short_id
from workbench.core.workspace import Workspace

DECISIONS = {"redact": "redact", "pseudonymise": "pseudonymise", "pseudonymize": "pseudonymise",
             "alias": "pseudonymise", "keep": "keep"}


def add_parser(sub: Any, handler: Any, format_option: Any) -> None:
    p = sub.add_parser(
        "review", help=t("help.review._help"),
        description=t("help.review._description"))
    p.add_argument("dir", type=Path, help=t("help.review.dir"))
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--auto", action="store_true",
                      help=t("help.review.auto"))
    mode.add_argument("--list", action="store_true", help=t("help.review.list"))
    mode.add_argument("--show", metavar="ID", help=t("help.review.show"))
    mode.add_argument("--decide", nargs="+", metavar="FINDING=DECISION",
                      help=t("help.review.decide"))
    mode.add_argument("--redact", metavar="ID", help=t("help.review.redact"))
    mode.add_argument("--box", nargs=2, metavar=("ID", "X,Y,W,H"),
                      help=t("help.review.box"))
    mode.add_argument("--approve", nargs="+", metavar="ID",
                      help=t("help.review.approve"))
    mode.add_argument("--exclude", nargs="+", metavar="ID",
                      help=t("help.review.exclude"))
    mode.add_argument("--undo", action="store_true", help=t("help.review.undo"))
    p.add_argument("--state", choices=("pending", "approved", "excluded", "all"),
                   help=t("help.review.state"))
    p.add_argument("--all", action="store_const", const="all", dest="state",
                   help=t("help.review.all"))
    p.add_argument("--span", metavar="START:END",
                   help=t("help.review.span"))
    p.add_argument("--everywhere", action="store_true",
                   help=t("help.review.everywhere"))
    p.add_argument("--image-out", type=Path, metavar="FILE",
                   help=t("help.review.image-out"))
    format_option(p)
    p.set_defaults(handler=handler)


def run(args: argparse.Namespace, ws: Workspace, progress_mode: str) -> int:
    """One review action on an open workspace; returns the exit code."""
    if args.image_out and not args.show:
        raise BadInputError(t("review.image_out_only"))
    if args.span and not args.redact:
        raise BadInputError(t("review.span_with"))
    if args.everywhere and not (args.decide or args.redact):
        raise BadInputError(t("review.everywhere_with"))
    if args.state and not args.list:
        raise BadInputError(t("review.state_with"))
    if args.image_out:
        from workbench.core.package.bundle import check_output

        check_output(args.image_out, force=True, suffix=".png")
    if args.auto:
        return _auto(args, ws, progress_mode)
    if args.list:
        return _list_states(args, ws) if args.state else _list(args, ws, None)
    if args.show:
        return _show(args, ws)
    if args.decide:
        return _decide(args, ws)
    if args.redact:
        return _redact(args, ws)
    if args.box:
        return _box(args, ws)
    if args.approve or args.exclude:
        return _set_states(args, ws)
    return _undo(args, ws)


def _auto(args: argparse.Namespace, ws: Workspace, progress_mode: str) -> int:
    from workbench.core.review import decisions as review
    from workbench.core.review import scan
    from workbench.terminal.progress import call_with_progress

    try:
        summary = call_with_progress(review.auto_review, t("progress.review"), progress_mode,
                                     ws, cancel=args.cancel)
    except (KeyboardInterrupt, Cancelled):
        scanned, total = scan.scan_state(ws)
        approved = ws.status().by_state.get("approved", 0)
        raise Interrupted(t("interrupt.review", scanned=scanned, total=total,
                            approved=approved, workspace=args.dir)) from None
    if args.cancel.cancelled:
        # Every step checks the token: returning means the review ran to its end.
        print(t("interrupt.after_done"), file=sys.stderr)
        args.finished = True
    return _list(args, ws, summary)


def _list_states(args: argparse.Namespace, ws: Workspace) -> int:
    """`--list --state S` / `--list --all`: every item in a state (or all), with its state."""
    items = [a for a in ws.artifact_summaries()
             if args.state == "all" or str(a.state) == args.state]
    if args.format == "json":
        _print_json({"state": args.state,
                     "items": [{"artifact": a.id, "id": short_id(a.id), "title": a.title,
                                "kind": str(a.kind), "state": str(a.state),
                                "findings": a.findings} for a in items]})
        return 0
    print(t("review.items", count=len(items), state=args.state, colon=":" if items else "."))
    for a in items:
        print(t("review.item", id=short_id(a.id), state=str(a.state), kind=a.kind,
                title=a.title))
    return 0


def _list(args: argparse.Namespace, ws: Workspace, summary: Any) -> int:
    from workbench.core.review import decisions as review

    left = review.unresolved(ws)
    if args.format == "json":
        _print_json({"decided": summary.decided if summary else 0,
                     "approved": summary.approved if summary else 0,
                     "left": [{"artifact": u.artifact_id, "id": short_id(u.artifact_id),
                               "title": u.title, "kind": u.kind, "reasons": list(u.reasons)}
                              for u in left]})
        return 0
    if summary is not None:
        print(t("review.decided", decided=summary.decided, approved=summary.approved))
    print(t("review.left", count=len(left), colon=t("list.colon") if left else t("list.stop")))
    for item in left:
        print(t("review.left_item", id=short_id(item.artifact_id), kind=label("kind", item.kind),
                title=item.title, reasons="; ".join(item.reasons)))
    if left:
        print(t("review.next", workspace=args.dir))
    return 0


def _show(args: argparse.Namespace, ws: Workspace) -> int:
    from workbench.core.review.redact import RedactionContext, swept_spans

    target = find_artifact(ws, args.show)
    artifact = ws.artifact(target.id)
    findings = ws.findings(target.id)
    swept = swept_spans(artifact, findings, RedactionContext.of(ws))
    picture = _picture(ws, artifact) if artifact.image_blob else None
    if args.image_out:
        if picture is None:
            raise BadInputError(t("review.image_out_only"))
        _write_preview(ws, picture, findings, args.image_out)
    if args.format == "json":
        _print_json({
            "artifact": artifact.id, "id": short_id(artifact.id), "kind": str(artifact.kind),
            "title": artifact.title, "state": str(artifact.state), "text": artifact.text,
            "image": {"width": picture.width, "height": picture.height} if picture else None,
            "findings": [{"id": f.id, "entity": f.entity, "start": f.start, "end": f.end,
                          "value": f.value, "decision": f.decision, "party": f.party,
                          "detector": f.detector, "box": list(f.box) if f.box else None}
                         for f in findings],
            "swept": [{"start": w.start, "end": w.end, "entity": w.entity, "value": w.value,
                       "decision": w.decision} for w in swept]})
        return 0
    print(t("review.header", id=short_id(artifact.id), kind=label("kind", artifact.kind),
            title=artifact.title, state=label("state", artifact.state)))
    offset = 0
    for line in artifact.text.split("\n"):
        print(f"{offset:>7} | {line}")
        offset += len(line) + 1
    if picture is not None:
        print(t("review.image", width=picture.width, height=picture.height,
                id=short_id(artifact.id)))
    if args.image_out:
        print(t("review.image_written", path=args.image_out))
    print(t("review.findings", count=len(findings)) if findings else t("review.no_findings"))
    for f in findings:
        where = ",".join(map(str, f.box)) if f.box else f"{f.start}:{f.end}"
        print(t("review.finding", id=f.id, where=where, entity=label("entity", f.entity),
                decision=label("decision", f.decision),
                value=f.value))
    if swept:
        print(t("review.swept", count=len(swept)))
    for w in swept:
        print(t("review.swept_one", where=f"{w.start}:{w.end}", entity=w.entity,
                decision=w.decision, value=w.value))
    return 0


def _picture(ws: Workspace, artifact: Any) -> Any:
    """The picture upright, as the export sees it (EXIF orientation applied)."""
    import io

    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(ws.read_blob(artifact.image_blob))) as image:
        upright = ImageOps.exif_transpose(image)
        upright.load()
        return upright.copy()


def _write_preview(ws: Workspace, picture: Any, findings: list[Any], out: Path) -> None:
    import io

    from workbench.core.atomic import atomic_write
    from workbench.core.messages import language
    from workbench.core.review.redact import RedactionContext, image_boxes, paint_boxes

    boxes = image_boxes(findings, RedactionContext.of(ws), "zh" if language() == "zh" else "en")
    data = io.BytesIO()
    paint_boxes(picture, boxes).convert("RGB").save(data, format="PNG")
    try:
        atomic_write(out, data.getvalue())
    except OSError as exc:
        raise BadInputError(t("error.cannot_write", path=out,
                              reason=exc.strerror or exc)) from exc


def _decide(args: argparse.Namespace, ws: Workspace) -> int:
    from workbench.core.review import decisions as review

    wanted = []
    for item in args.decide:
        finding, _, decision = item.partition("=")
        if not finding.strip().lstrip("#").isdigit() or decision.strip().lower() not in DECISIONS:
            raise BadInputError(t("review.bad_decide", value=item))
        wanted.append((int(finding.strip().lstrip("#")),
                       review.Decision(DECISIONS[decision.strip().lower()])))
    results = []
    failures = 0
    code = 0
    for finding_id, decision in wanted:
        try:
            count = review.decide(ws, finding_id, decision, args.everywhere)
        except WorkbenchError as err:
            failures += 1
            code = max(code, err.exit_code)
            _error(f"#{finding_id}: {err}")
            results.append({"finding": finding_id, "error": str(err)})
            continue
        results.append({"finding": finding_id, "decision": str(decision), "changed": count})
        if args.format != "json":
            print(t("review.decided_one" if count != 1 else "review.decided_one_single",
                    id=finding_id, decision=label("decision", decision), count=count))
    return _finish(args, results, failures, len(wanted), code)


def _redact(args: argparse.Namespace, ws: Workspace) -> int:
    from workbench.core.review import decisions as review

    if not args.span:
        raise BadInputError(t("review.span_needed"))
    start, _, end = args.span.partition(":")
    if not (start.strip().isdigit() and end.strip().isdigit()):
        raise BadInputError(t("review.bad_span", value=args.span))
    target = find_artifact(ws, args.redact)
    ids = review.redact_span(ws, target.id, int(start), int(end), args.everywhere)
    if args.format == "json":
        _print_json({"artifact": target.id, "findings": ids})
    else:
        print(t("review.redacted" if len(ids) != 1 else "review.redacted_single",
                count=len(ids), ids=", ".join(f"#{i}" for i in ids)))
    return 0


def _box(args: argparse.Namespace, ws: Workspace) -> int:
    from workbench.core.review import decisions as review

    ref, text = args.box
    parts = text.replace(" ", "").split(",")
    if len(parts) != 4 or not all(p.isdigit() for p in parts):
        raise BadInputError(t("review.bad_box", value=text))
    x, y, w, h = (int(p) for p in parts)
    if w <= 0 or h <= 0:
        raise BadInputError(t("review.bad_box", value=text))
    target = find_artifact(ws, ref)
    artifact = ws.artifact(target.id)
    if artifact.image_blob is None or str(artifact.kind) != "image":
        raise BadInputError(t("review.not_image", id=short_id(target.id)))
    picture = _picture(ws, artifact)
    if x + w > picture.width or y + h > picture.height:
        raise BadInputError(t("review.box_outside", value=text, width=picture.width,
                              height=picture.height))
    ids = review.redact_box(ws, target.id, (x, y, w, h))
    if args.format == "json":
        _print_json({"artifact": target.id, "findings": ids})
    else:
        print(t("review.boxed", ids=", ".join(f"#{i}" for i in ids)))
    return 0


def _set_states(args: argparse.Namespace, ws: Workspace) -> int:
    from workbench.core.review import decisions as review

    approving = bool(args.approve)
    targets = find_artifacts(ws, args.approve or args.exclude)  # all named, or nothing done
    results = []
    failures = 0
    code = 0
    for target in targets:
        try:
            if approving:
                review.approve(ws, target.id)
            else:
                review.exclude(ws, target.id)
        except WorkbenchError as err:
            failures += 1
            code = max(code, err.exit_code)
            _error(t("review.item_refused", id=short_id(target.id), title=target.title,
                     reason=err))
            results.append({"artifact": target.id, "error": str(err)})
            continue
        results.append({"artifact": target.id,
                        "state": "approved" if approving else "excluded"})
        if args.format != "json":
            print(t("review.approved" if approving else "review.excluded",
                    id=short_id(target.id), title=target.title))
    return _finish(args, results, failures, len(targets), code)


def _undo(args: argparse.Namespace, ws: Workspace) -> int:
    from workbench.core.review import decisions as review

    count = review.undo(ws)
    if args.format == "json":
        _print_json({"undone": count})
    else:
        print(t("review.undone", count=count) if count else t("review.nothing_to_undo"))
    return 0


def _finish(args: argparse.Namespace, results: list[dict[str, Any]], failures: int,
            total: int, code: int) -> int:
    if args.format == "json":
        _print_json({"results": results})
    elif failures:
        _error(t("review.refused_some", count=failures, total=total))
    return code


def _error(message: str) -> None:
    print(t("error.prefix", message=message), file=sys.stderr)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
