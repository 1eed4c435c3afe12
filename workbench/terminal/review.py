"""`workbench review`: list, show, decide, redact, cover, approve, exclude and undo from the
command line. Every change goes through `workbench.core.services.reviewing` (and its gate)
exactly as the window's Review page does; this module parses and prints."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from workbench.core.display import visible
from workbench.core.errors import BadInputError, Cancelled, Interrupted, WorkbenchError
from workbench.core.messages import Joined, label, t
from workbench.core.services import reviewing
from workbench.core.services.reviewing import Workspace, short_id

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
    p.add_argument("--force", action="store_true", help=t("help.review.force"))
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
    if args.force and not args.image_out:
        raise BadInputError(t("review.force_with"))
    if args.image_out:
        reviewing.check_picture_out(args.image_out, args.force)
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
    from workbench.terminal.progress import call_with_progress

    try:
        summary = call_with_progress(reviewing.auto_review, t("progress.review"),
                                     progress_mode, ws, cancel=args.cancel)
    except (KeyboardInterrupt, Cancelled):
        kept = reviewing.progress_so_far(ws)
        raise Interrupted(t("interrupt.review", scanned=kept.scanned, total=kept.total,
                            approved=kept.approved, workspace=args.dir)) from None
    if args.cancel.cancelled:
        # Every step checks the token: returning means the review ran to its end.
        print(t("interrupt.after_done"), file=sys.stderr)
        args.finished = True
    return _list(args, ws, summary)


def _list_states(args: argparse.Namespace, ws: Workspace) -> int:
    """`--list --state S` / `--list --all`: every item in a state (or all), with its state."""
    items = reviewing.items(ws, args.state)
    if args.format == "json":
        _print_json({"state": args.state,
                     "items": [{"artifact": a.id, "id": short_id(a.id), "title": a.title,
                                "kind": str(a.kind), "state": str(a.state),
                                "findings": a.findings} for a in items]})
        return 0
    which = t("review.state-all") if args.state == "all" else label("state", args.state)
    print(t("review.items", count=len(items), state=which,
            colon=t("list.colon") if items else t("list.stop")))
    for a in items:
        print(t("review.item", id=short_id(a.id), state=label("state", a.state),
                kind=label("kind", a.kind), title=a.title))
    return 0


def _list(args: argparse.Namespace, ws: Workspace,
          summary: reviewing.AutoReviewSummary | None) -> int:
    left = reviewing.unresolved(ws)
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
    target = reviewing.find_item(ws, args.show)
    shown = reviewing.show(ws, target.id)
    artifact, findings, swept, size = (shown.artifact, shown.findings, shown.swept,
                                       shown.picture_size)
    if args.image_out:
        if size is None:
            raise BadInputError(t("review.image_out_only"))
        reviewing.write_painted_picture(ws, artifact.id, args.image_out, args.force)
    if args.format == "json":
        _print_json({
            "artifact": artifact.id, "id": short_id(artifact.id), "kind": str(artifact.kind),
            "title": artifact.title, "state": str(artifact.state), "text": artifact.text,
            "image": {"width": size[0], "height": size[1]} if size else None,
            "findings": [{"id": f.id, "entity": f.entity, "start": f.start, "end": f.end,
                          "place": None if f.box else _place_json(shown, f.start, f.end),
                          "value": f.value, "decision": f.decision, "party": f.party,
                          "detector": f.detector, "box": list(f.box) if f.box else None}
                         for f in findings],
            "swept": [{"start": w.start, "end": w.end, "place": _place_json(shown, w.start, w.end),
                       "entity": w.entity, "value": w.value, "decision": w.decision}
                      for w in swept]})
        return 0
    print(t("review.header", id=short_id(artifact.id), kind=label("kind", artifact.kind),
            title=artifact.title, state=label("state", artifact.state)))
    # Who said each message (a chat's segments carry a sender): the reviewer must see who
    # posted a password or an ID, as the export will show it.
    speakers = {start: segment for start, segment
                in zip(reviewing.segment_starts(artifact), artifact.segments, strict=True)
                if start is not None and segment.sender}
    offset = 0
    for line in artifact.text.split("\n"):
        if (segment := speakers.get(offset)) is not None:
            print(f"{'':>7}   {(segment.time or '')[11:16]} {visible(segment.sender or '')}:")
        print(f"{offset:>7} | {line}")
        offset += len(line) + 1
    if size is not None:
        print(t("review.image", width=size[0], height=size[1], id=short_id(artifact.id)))
    if args.image_out:
        print(t("review.image_written", path=args.image_out))
    print(t("review.findings", count=len(findings)) if findings else t("review.no_findings"))
    for f in findings:
        where = ",".join(map(str, f.box)) if f.box else str(shown.place(f.start, f.end))
        print(t("review.finding", id=f.id, where=where, entity=label("entity", f.entity),
                decision=label("decision", f.decision),
                value=f.value))
    if swept:
        print(t("review.swept", count=len(swept)))
    for w in swept:
        print(t("review.swept_one", where=str(shown.place(w.start, w.end)),
                entity=label("entity", w.entity), decision=label("decision", w.decision),
                value=w.value))
    return 0


def _place_json(shown: reviewing.ShownItem, start: int, end: int) -> dict[str, Any]:
    """Where a finding is, for scripts: `start`/`end` stay the stored offsets (a title's are
    negative); the place says which part holds it, with offsets into that part."""
    place = shown.place(start, end)
    return {"in": place.part, "start": place.start, "end": place.end}


def _decide(args: argparse.Namespace, ws: Workspace) -> int:
    wanted = []
    for item in args.decide:
        finding, _, decision = item.partition("=")
        if not finding.strip().lstrip("#").isdigit() or decision.strip().lower() not in DECISIONS:
            raise BadInputError(t("review.bad_decide", value=item))
        wanted.append((int(finding.strip().lstrip("#")),
                       reviewing.Decision(DECISIONS[decision.strip().lower()])))
    results = []
    failures = 0
    code = 0
    for finding_id, decision in wanted:
        try:
            count = reviewing.decide(ws, finding_id, decision, args.everywhere)
        except WorkbenchError as err:
            failures += 1
            code = max(code, err.exit_code)
            _error(t("review.finding_refused", id=finding_id, reason=err))
            results.append({"finding": finding_id, "error": str(err)})
            continue
        results.append({"finding": finding_id, "decision": str(decision), "changed": count})
        if args.format != "json":
            print(t("review.decided_one" if count != 1 else "review.decided_one_single",
                    id=finding_id, decision=label("decision", decision), count=count))
    return _finish(args, results, failures, len(wanted), code)


def _redact(args: argparse.Namespace, ws: Workspace) -> int:
    if not args.span:
        raise BadInputError(t("review.span_needed"))
    start, _, end = args.span.partition(":")
    if not (start.strip().isdigit() and end.strip().isdigit()):
        raise BadInputError(t("review.bad_span", value=args.span))
    target = reviewing.find_item(ws, args.redact)
    ids = reviewing.redact_text(ws, target.id, int(start), int(end), args.everywhere)
    if args.format == "json":
        _print_json({"artifact": target.id, "findings": ids})
    else:
        print(t("review.redacted" if len(ids) != 1 else "review.redacted_single",
                count=len(ids), ids=", ".join(f"#{i}" for i in ids)))
    return 0


def _box(args: argparse.Namespace, ws: Workspace) -> int:
    ref, text = args.box
    parts = text.replace(" ", "").split(",")
    if len(parts) != 4 or not all(p.isdigit() for p in parts):
        raise BadInputError(t("review.bad_box", value=text))
    x, y, w, h = (int(p) for p in parts)
    target = reviewing.find_item(ws, ref)
    ids = reviewing.redact_area(ws, target.id, (x, y, w, h))
    if args.format == "json":
        _print_json({"artifact": target.id, "findings": ids})
    else:
        print(t("review.boxed", ids=", ".join(f"#{i}" for i in ids)))
    return 0


def _set_states(args: argparse.Namespace, ws: Workspace) -> int:
    approving = bool(args.approve)
    targets = reviewing.find_items(ws, args.approve or args.exclude)  # all named, or nothing done
    results = []
    failures = 0
    code = 0
    wanted = reviewing.ArtifactState.APPROVED if approving else reviewing.ArtifactState.EXCLUDED
    for target in targets:
        if target.state == wanted:
            # A repeated step changes nothing and says so, rather than "Approved" again.
            results.append({"artifact": target.id, "state": wanted.value, "already": True})
            if args.format != "json":
                print(t("review.already-approved" if approving else "review.already-excluded",
                        id=short_id(target.id), title=target.title))
            continue
        try:
            if approving:
                reviewing.approve(ws, target.id)
            else:
                reviewing.exclude(ws, target.id)
        except WorkbenchError as err:
            failures += 1
            code = max(code, err.exit_code)
            if isinstance(err, reviewing.NotApprovable):
                # Its own sentence names the title: the id and the reasons, title once.
                _error(t("review.item_not_approvable", id=short_id(target.id),
                         title=target.title,
                         reasons=Joined(tuple(b.message() for b in err.blockers))))
            else:
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
    undone = reviewing.undo(ws)
    if args.format == "json":
        _print_json({"undone": undone.count, "decisions": undone.decisions,
                     "marked": undone.marked, "restored": undone.restored,
                     "reopened": list(undone.reopened)})
    else:
        print(undone.message() if undone.count else t("review.nothing_to_undo"))
    return 0


def _finish(args: argparse.Namespace, results: list[dict[str, Any]], failures: int,
            total: int, code: int) -> int:
    if args.format == "json":
        _print_json({"results": results})
    elif failures and total > 1:
        # One item refused: its reason was the whole story, said once.
        _error(t("review.refused_some", count=failures, total=total))
    return code


def _error(message: str) -> None:
    print(t("error.prefix", message=message), file=sys.stderr)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
