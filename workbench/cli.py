"""The command line: argument parsing and printing over `workbench.core`, no logic of its own."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from workbench import __version__
from workbench.core.errors import WorkbenchError
from workbench.core.profile import SelfProfile


def main(argv: list[str] | None = None) -> int:
    os.umask(0o077)
    args = _parser().parse_args(argv)
    if args.command is None:
        return _open_gui([])
    try:
        return int(args.handler(args) or 0)
    except WorkbenchError as err:
        print(f"workbench: {err}", file=sys.stderr)
        return err.exit_code
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error of ours.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("workbench: interrupted; nothing was changed.", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Consent Workbench: review, redact and consent before your work materials "
        "become an AI skill. Run with no command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("demo", help="run the whole flow on bundled sample data")
    p.add_argument("--headless", action="store_true", help="no window: print each step")
    p.add_argument("--dir", type=Path, help="where to build the demo workspace")
    p.set_defaults(handler=_demo)

    p = sub.add_parser("init", help="create a workspace")
    p.add_argument("dir", type=Path)
    p.add_argument("--name", help="your name as colleagues write it")
    p.add_argument("--email", action="append", default=[], help="your email (repeatable)")
    p.add_argument("--phone", action="append", default=[], help="your phone (repeatable)")
    p.add_argument("--alias", action="append", default=[],
                   help="another name you go by, e.g. pinyin or a nickname (repeatable)")
    p.add_argument("--id", action="append", default=[], dest="ids",
                   help="an ID number of yours (repeatable)")
    p.add_argument("--profile", type=Path, help="read your identifiers from a JSON file")
    p.add_argument("--timezone", help="IANA zone that decides chat days (default: this machine's)")
    p.set_defaults(handler=_init)

    p = sub.add_parser("import", help="import files, folders and exports into a workspace")
    p.add_argument("dir", type=Path)
    p.add_argument("paths", type=Path, nargs="+")
    _format_option(p)
    p.set_defaults(handler=_import)

    p = sub.add_parser("scan", help="find personal data in a file, or scan a whole workspace")
    p.add_argument("path", type=Path, help="a file, or a workspace folder")
    p.add_argument("--lang", choices=("auto", "en", "zh"), default="auto")
    p.add_argument("--processes", type=int, default=1,
                   help="worker processes for large scans (default 1)")
    _format_option(p)
    p.set_defaults(handler=_scan)

    p = sub.add_parser("status", help="artifacts by kind and state, people count")
    p.add_argument("dir", type=Path)
    _format_option(p)
    p.set_defaults(handler=_status)
    return parser


def _format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("table", "json"), default="table")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


def _demo(args: argparse.Namespace) -> int:
    from workbench.core.demo import default_demo_dir, run_demo

    target = args.dir or default_demo_dir()
    if not args.headless:
        return _open_gui(["--demo", str(target)])
    run_demo(target, print)
    return 0


def _init(args: argparse.Namespace) -> int:
    from workbench.core.workspace import Workspace

    if args.profile:
        profile = SelfProfile.from_file(args.profile)
    elif args.name:
        profile = SelfProfile.from_json({"name": args.name, "aliases": args.alias,
                                         "emails": args.email, "phones": args.phone,
                                         "ids": args.ids})
    else:
        raise WorkbenchError("Give your name with --name (or a profile file with --profile).")
    with Workspace.create(args.dir, profile, args.timezone) as ws:
        print(f"Created workspace for {ws.profile.name} at {ws.root} "
              f"(time zone {ws.setting('timezone')}).")
    return 0


def _import(args: argparse.Namespace) -> int:
    from workbench.core.workspace import Workspace

    with Workspace.open(args.dir) as ws:
        summary = ws.import_paths(args.paths)
    if args.format == "json":
        _print_json({"added": summary.added, "already_present": summary.already_present,
                     "added_by_kind": summary.added_by_kind,
                     "people_added": summary.people_added,
                     "skipped": [str(p) for p in summary.skipped]})
        return 0
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(summary.added_by_kind.items()))
    print(f"Imported {summary.added} new artifacts" + (f" ({kinds})" if kinds else "") + ".")
    if summary.already_present:
        print(f"{summary.already_present} were already in the workspace.")
    print(f"{summary.people_added} new people seen.")
    for path in summary.skipped:
        print(f"Skipped {path}: not a format the workbench imports.")
    return 0


def _scan(args: argparse.Namespace) -> int:
    from workbench.core import scan

    if args.path.is_dir() and (args.path / "workspace.sqlite").exists():
        from workbench.core.workspace import Workspace

        with Workspace.open(args.path) as ws:
            summary = scan.scan_workspace(ws, processes=args.processes)
            by_entity = ws.findings_by_entity()
        if args.format == "json":
            _print_json({"scanned": summary.scanned, "unchanged": summary.skipped_unchanged,
                         "findings": summary.findings, "by_entity": by_entity})
        else:
            print(f"Scanned {summary.scanned} artifacts ({summary.skipped_unchanged} unchanged "
                  f"since the last scan); {summary.findings} findings.")
            for entity, count in by_entity.items():
                print(f"  {entity:<24}{count}")
        return 0
    report = scan.scan_file(args.path, args.lang)
    if args.format == "json":
        _print_json(report)
        return 0
    groups = report.get("artifacts") or [{"title": args.path.name, "findings": report["findings"]}]
    for group in groups:
        print(f"{group['title']}: {len(group['findings'])} findings")
        for f in group["findings"]:
            print(f"  {f['start']:>6}-{f['end']:<6} {f['entity']:<22} {f['score']:.2f}  "
                  f"{f['text']!r}  ({f['detector']})")
    return 0


def _status(args: argparse.Namespace) -> int:
    from workbench.core.workspace import Workspace

    with Workspace.open(args.dir) as ws:
        status = ws.status()
    if args.format == "json":
        _print_json(status.as_json())
        return 0
    print(f"Workspace: {status.name}")
    print(f"Artifacts: {status.artifacts}  "
          + "  ".join(f"{state}: {n}" for state, n in status.by_state.items()))
    for kind, states in sorted(status.by_kind_and_state.items()):
        print(f"  {kind:<12}" + "  ".join(f"{s}: {n}" for s, n in sorted(states.items())))
    print(f"People seen: {status.people}")
    findings = status.extra.get("findings") or {}
    if findings:
        print("Findings: " + ", ".join(f"{e} {n}" for e, n in findings.items()))
    return 0


def _open_gui(gui_args: list[str]) -> int:
    try:
        from workbench.gui.app import main as gui_main
    except ImportError as exc:
        print(f"workbench: the desktop app cannot start ({exc}).", file=sys.stderr)
        return 2
    return gui_main(gui_args)


if __name__ == "__main__":
    raise SystemExit(main())
