"""The command line: argument parsing and printing over `workbench.core`, no logic of its own."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench import __version__
from workbench.core import clock
from workbench.core.display import columns, visible
from workbench.core.errors import (
    BadInputError,
    Cancelled,
    ImportFailed,
    Interrupted,
    NotAWorkspace,
    WorkbenchError,
    WorkspaceExists,
    coded,
    os_reason,
    unexpected_reason,
)
from workbench.core.messages import label, t

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from workbench.core.services.consenting import ConsentTerms, CurrentConsent
    from workbench.core.services.receiving import Check, PurgeResult
    from workbench.core.services.workspaces import Workspace


def main(argv: list[str] | None = None) -> int:
    global _warned
    os.umask(0o077)
    _warned = False  # once per command
    args = _parser().parse_args(argv)
    verbose = bool(getattr(args, "verbose", False))
    if args.command is None:
        return _open_gui(["--verbose"] if verbose else [])
    from workbench.core import logs
    from workbench.terminal.interrupt import interruptible

    logs.setup(verbose=verbose, stderr=verbose)
    command = " ".join(filter(None, (args.command, _subcommand(args))))
    log.info("cli.start command=%s version=%s", command, __version__)
    started = time.monotonic()
    try:
        with interruptible() as token:
            args.cancel = token
            code = _run(args)
            # A Ctrl-C that Python swallowed mid-step still ends the command as interrupted,
            # unless the command says its whole work was done (`_done_despite_interrupt`).
            finished = getattr(args, "finished", False)
            code = 130 if token.cancelled and code == 0 and not finished else code
        log.info("cli.end command=%s exit=%d duration_ms=%d", command, code,
                 logs.elapsed_ms(started))
        return code
    finally:
        logs.close()


def _subcommand(args: argparse.Namespace) -> str:
    """The action of a command that has actions (`keys new`), for the log."""
    value = getattr(args, "keys_command", None) or getattr(args, "action", None)
    return value if isinstance(value, str) else ""


def _run(args: argparse.Namespace) -> int:
    """The command's handler; every failure a user can meet becomes one line and an exit
    code (0 ok, 1 refused by a check, 2 bad input, 130 interrupted)."""
    try:
        return int(args.handler(args) or 0)
    except Cancelled:
        log.info("cli.cancelled")
        _error(t("interrupt.nothing_changed"))
        return 130
    except WorkbenchError as err:
        from workbench.core.display import visible
        from workbench.core.logs import describe

        log.info("cli.refused error=%s exit=%d", describe(err), err.exit_code)
        # Messages can quote names from a package or a file: never let them drive the terminal.
        _error(visible(err))
        return err.exit_code
    except KeyboardInterrupt:
        log.info("cli.interrupted")
        _error(t("interrupt.nothing_changed"))
        return 130
    except EOFError:
        # Ctrl-D (or a closed stdin) at a prompt: nothing was answered, so nothing was done.
        log.info("cli.end_of_input")
        _error(t("cli.end-of-input"))
        return 2
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error of ours.
        sys.stderr.close()
        return 0
    except OSError as exc:
        log.info("cli.os_error", exc_info=True)
        where = exc.filename or "?"
        if isinstance(exc, FileNotFoundError):
            _error(t("error.no_such_path", path=where))
        elif isinstance(exc, IsADirectoryError):
            _error(t("error.not_a_file", path=where))
        elif isinstance(exc, NotADirectoryError):
            _error(t("error.not_a_folder", path=where))
        else:
            _error(t("error.cannot_read", path=where, reason=os_reason(exc)))
        return 2
    except Exception as exc:
        log.error("cli.unexpected", exc_info=True)
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        _error(t("error.unexpected", reason=unexpected_reason(exc)))  # the log has the rest
        return 1


def _error(message: str) -> None:
    print(t("error.prefix", message=message), file=sys.stderr)


def _done_despite_interrupt(args: argparse.Namespace) -> None:
    """A Ctrl-C that arrived during a step that could not stop halfway, once the whole
    command's work is done: the command succeeded, and says when the interrupt came."""
    if args.cancel.cancelled:
        print(t("interrupt.after_done"), file=sys.stderr)
        args.finished = True


def _output(path: Path | None, force: bool = True, suffix: str = ".json") -> Path | None:
    """A file an option names for writing, checked as export checks its package before any
    work: a missing or unwritable folder, a folder given for a file, or (unless `force`) a
    file that exists — each one line, exit 2."""
    from workbench.core.services.exporting import check_output

    return None if path is None else check_output(path, force, suffix)


def _existing(path: Path) -> Path:
    """A path the user gave that must exist: a missing one is bad input (exit 2), not a
    verification failure."""
    if not path.exists():
        raise BadInputError(t("error.no_such_path", path=path))
    return path


# argparse's own words, which it passes through gettext's `_` (no catalogue ships for them).
_ARGPARSE_WORDS = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
    "show this help message and exit": "argparse.help",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "the following arguments are required: %s": "argparse.required",
    "one of the arguments %s is required": "argparse.one-required",
    "not allowed with argument %s": "argparse.not-allowed",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid-choice",
    "expected one argument": "argparse.one-argument",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
}


def _argparse_word(text: str) -> str:
    code = _ARGPARSE_WORDS.get(text)
    return t(code) if code else text


def _parser() -> argparse.ArgumentParser:
    from workbench.core.services.consenting import category_choices

    argparse._ = _argparse_word  # type: ignore[attr-defined]  # argparse's gettext hook
    parser = argparse.ArgumentParser(
        prog="workbench",
        description=t("help.top._description"),
        epilog=t("help.exit_codes"),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=t("argparse.version"))
    parser.add_argument("-v", "--verbose", action="store_true", help=t("help.verbose"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("demo", help=t("help.demo._help"))
    p.add_argument("--headless", action="store_true", help=t("help.demo.headless"))
    p.add_argument("--dir", type=Path, help=t("help.demo.dir"))
    p.set_defaults(handler=_demo)

    p = sub.add_parser("init", help=t("help.init._help"))
    p.add_argument("dir", type=Path, help=t("help.init.dir"))
    p.add_argument("--name", help=t("help.init.name"))
    p.add_argument("--email", action="append", default=[], help=t("help.init.email"))
    p.add_argument("--phone", action="append", default=[], help=t("help.init.phone"))
    p.add_argument("--alias", action="append", default=[],
                   help=t("help.init.alias"))
    p.add_argument("--id", action="append", default=[], dest="ids",
                   help=t("help.init.id"))
    p.add_argument("--profile", type=Path, help=t("help.init.profile"))
    p.add_argument("--timezone", help=t("help.init.timezone"))
    p.set_defaults(handler=_init)

    p = sub.add_parser("import", help=t("help.import._help"))
    p.add_argument("dir", type=Path, help=t("help.import.dir"))
    p.add_argument("paths", type=Path, nargs="+",
                   help=t("help.import.paths"))
    _format_option(p)
    p.set_defaults(handler=_import)

    p = sub.add_parser("scan", help=t("help.scan._help"))
    p.add_argument("path", type=Path, help=t("help.scan.path"))
    p.add_argument("--lang", choices=("auto", "en", "zh"), default="auto",
                   help=t("help.scan.lang"))
    p.add_argument("--processes", type=int, default=1,
                   help=t("help.scan.processes"))
    _format_option(p)
    p.set_defaults(handler=_scan)

    from workbench.terminal import review as review_command

    review_command.add_parser(sub, _review, _format_option)

    p = sub.add_parser("build-skill", help=t("help.build-skill._help"))
    p.add_argument("dir", type=Path, help=t("help.build-skill.dir"))
    p.add_argument("--out", type=Path, required=True, help=t("help.build-skill.out"))
    p.add_argument("--name", help=t("help.build-skill.name"))
    p.set_defaults(handler=_build_skill)

    p = sub.add_parser("keys", help=t("help.keys._help"))
    keys_sub = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    k = keys_sub.add_parser("new", help=t("help.keys-new._help"))
    k.add_argument("--role", choices=("employee", "hr", "recipient"), required=True,
                   help=t("help.keys-new.role"))
    k.add_argument("--name", required=True, help=t("help.keys-new.name"))
    k.add_argument("--email", default="", help=t("help.keys-new.email"))
    k.add_argument("--another", action="store_true", help=t("help.keys-new.another"))
    k.set_defaults(handler=_keys_new)
    k = keys_sub.add_parser("list", help=t("help.keys-list._help"))
    _format_option(k)
    k.set_defaults(handler=_keys_list)
    k = keys_sub.add_parser("export", help=t("help.keys-export._help"))
    k.add_argument("id", help=t("help.keys-export.id"))
    k.set_defaults(handler=_keys_export)
    k = keys_sub.add_parser("move-to", help=t("help.keys-move-to._help"))
    k.add_argument("store", choices=("keyring", "file"),
                   help=t("help.keys-move-to.store"))
    k.set_defaults(handler=_keys_move_to)
    k = keys_sub.add_parser("import", help=t("help.keys-import._help"))
    k.add_argument("file", type=Path, help=t("help.keys-import.file"))
    k.add_argument("--fingerprint", metavar="DIGITS", help=t("help.keys-import.fingerprint"))
    k.add_argument("--replace", action="store_true",
                   help=t("help.keys-import.replace"))
    k.set_defaults(handler=_keys_import)
    k = keys_sub.add_parser("verify", help="mark a contact verified after comparing its "
                            "fingerprint with its owner")
    k.add_argument("contact", help="the contact's name, email or fingerprint")
    k.add_argument("--fingerprint", metavar="DIGITS", required=True,
                   help="the fingerprint they read to you by phone or in person (all of it, "
                   "or at least its last four groups)")
    k.set_defaults(handler=_keys_verify)

    p = sub.add_parser("consent", help=t("help.consent._help"),
                       description=t("help.consent._description"))
    p.add_argument("target", help=t("help.consent.target"))
    p.add_argument("--out", type=Path, help=t("help.consent.out"))
    p.add_argument("--force", action="store_true", help=t("help.consent.force"))
    p.add_argument("--employee", help=t("help.consent.employee"))
    p.add_argument("--request", type=Path, help=t("help.consent.request"))
    p.add_argument("--terms", type=Path, help=t("help.consent.terms"))
    p.add_argument("--purpose", action="append", default=[], help=t("help.consent.purpose"))
    p.add_argument("--controller", help=t("help.consent.controller"))
    p.add_argument("--controller-contact", default="",
                   help=t("help.consent.controller-contact"))
    p.add_argument("--countersigner", help=t("help.consent.countersigner"))
    p.add_argument("--recipient", action="append", default=[], help=t("help.consent.recipient"))
    p.add_argument("--delete-by", help=t("help.consent.delete-by"))
    p.add_argument("--separate-consent", action="append", default=[], metavar="CATEGORY",
                   help=t("help.consent.separate-consent", category_choices()))
    p.add_argument("--licence", help=t("help.consent.licence"))
    p.add_argument("--licence-fee", default="", help=t("help.consent.licence-fee"))
    p.add_argument("--licence-until", default="",
                   help=t("help.consent.licence-until"))
    p.add_argument("--language", choices=("zh-CN", "en"), help=t("help.consent.language"))
    p.add_argument("--decline", action="store_true", help=t("help.consent.decline"))
    p.add_argument("--identity", help=t("help.consent.identity"))
    p.add_argument("--yes", action="store_true", help=t("help.consent.yes"))
    _format_option(p)
    p.set_defaults(handler=_consent)

    p = sub.add_parser("verify-ledger", help=t("help.verify-ledger._help"))
    p.add_argument("file", type=Path, help=t("help.verify-ledger.file"))
    _format_option(p)
    p.set_defaults(handler=_verify_ledger)

    p = sub.add_parser("export", help=t("help.export._help"))
    p.add_argument("dir", type=Path, help=t("help.export.dir"))
    p.add_argument("--out", type=Path, required=True, help=t("help.export.out"))
    p.add_argument("--force", action="store_true", help=t("help.export.force"))
    p.add_argument("--identity", help=t("help.export.identity"))
    p.set_defaults(handler=_export)

    p = sub.add_parser("countersign", help=t("help.countersign._help"))
    p.add_argument("file", type=Path, help=t("help.countersign.file"))
    p.add_argument("--identity", help=t("help.countersign.identity"))
    p.add_argument("--accept-differences", action="store_true",
                   help=t("help.countersign.accept-differences"))
    p.add_argument("--yes", action="store_true", help=t("help.countersign.yes"))
    p.set_defaults(handler=_countersign)

    p = sub.add_parser("verify", help=t("help.verify._help"))
    p.add_argument("target", type=Path, help=t("help.verify.target"))
    _format_option(p)
    p.set_defaults(handler=_verify)

    p = sub.add_parser("open", help=t("help.open._help"))
    p.add_argument("file", type=Path, help=t("help.open.file"))
    p.add_argument("--out", type=Path, required=True, help=t("help.open.out"))
    p.add_argument("--identity", help=t("help.open.identity"))
    p.set_defaults(handler=_open)

    p = sub.add_parser("withdraw", help=t("help.withdraw._help"))
    p.add_argument("file", type=Path, help=t("help.withdraw.file"))
    p.add_argument("--out", type=Path, required=True, help=t("help.withdraw.out"))
    p.add_argument("--force", action="store_true", help=t("help.withdraw.force"))
    p.add_argument("--identity", help=t("help.withdraw.identity"))
    p.set_defaults(handler=_withdraw)

    p = sub.add_parser("revocation", help=t("help.revocation._help"))
    p.add_argument("action", choices=("import",), help=t("help.revocation.action"))
    p.add_argument("file", type=Path, help=t("help.revocation.file"))
    p.set_defaults(handler=_revocation)

    p = sub.add_parser("purge", help=t("help.purge._help"))
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("package", nargs="?", help=t("help.purge.package"))
    target.add_argument("--due", action="store_true", help=t("help.purge.due"))
    p.add_argument("--receipt-out", type=Path, help=t("help.purge.receipt-out"))
    p.add_argument("--force", action="store_true", help=t("help.purge.force"))
    p.set_defaults(handler=_purge)

    p = sub.add_parser("receipt", help=t("help.receipt._help"))
    p.add_argument("action", choices=("import",), help=t("help.receipt.action"))
    p.add_argument("file", type=Path, help=t("help.receipt.file"))
    p.set_defaults(handler=_receipt)

    p = sub.add_parser("deadlines", help=t("help.deadlines._help"))
    _format_option(p)
    p.set_defaults(handler=_deadlines)

    p = sub.add_parser("seal-skill", help=t("help.seal-skill._help"))
    p.add_argument("dir", type=Path, help=t("help.seal-skill.dir"))
    p.add_argument("--bundle", type=Path, required=True,
                   help=t("help.seal-skill.bundle"))
    p.add_argument("--identity", help=t("help.seal-skill.identity"))
    p.set_defaults(handler=_seal_skill)

    p = sub.add_parser("verify-skill", help=t("help.verify-skill._help"))
    p.add_argument("dir", type=Path, help=t("help.verify-skill.dir"))
    _format_option(p)
    p.set_defaults(handler=_verify_skill)

    p = sub.add_parser("status", help=t("help.status._help"))
    p.add_argument("dir", type=Path, help=t("help.status.dir"))
    _format_option(p)
    p.set_defaults(handler=_status)
    _finish_parsers(parser)
    return parser


def _format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("table", "json"), default="table",
                        help=t("help.format"))


# The commands with steps long enough to show progress.
_LONG_COMMANDS = frozenset({"import", "scan", "review", "export", "open", "purge"})


def _finish_parsers(parser: argparse.ArgumentParser) -> None:
    """Every command gets the exit codes in its help; the long ones get --quiet."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                child.epilog = child.epilog or t("help.exit_codes")
                # Also after the command (`workbench scan … -v`); SUPPRESS keeps a -v given
                # before the command from being reset by the command's own default.
                if not any("--verbose" in a.option_strings for a in child._actions):
                    child.add_argument("-v", "--verbose", action="store_true",
                                       default=argparse.SUPPRESS, help=t("help.verbose"))
                _finish_parsers(child)
                if name in _LONG_COMMANDS:
                    child.add_argument("-q", "--quiet", action="store_true",
                                       help=t("help.quiet"))


def _progress_mode(args: argparse.Namespace) -> str:
    from workbench.terminal.progress import wanted

    return wanted(getattr(args, "quiet", False), getattr(args, "format", None))


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))


def _demo(args: argparse.Namespace) -> int:
    from workbench.core.demo import default_demo_dir, run_demo

    target = args.dir or default_demo_dir()
    if not args.headless:
        verbose = ["--verbose"] if getattr(args, "verbose", False) else []
        return _open_gui(["--demo", str(target), *verbose])
    run_demo(target, print)
    return 0


def _init(args: argparse.Namespace) -> int:
    from workbench.core.services import workspaces

    if args.profile:
        profile = workspaces.profile_from_file(args.profile)
    elif args.name:
        profile = workspaces.make_profile(args.name, args.alias, args.email, args.phone,
                                          args.ids)
    else:
        raise coded(BadInputError, "workspace.no-profile")
    _warn_if_fallback()
    try:
        created = workspaces.create_workspace(args.dir, profile, args.timezone,
                                              sign_events=True)
    except WorkspaceExists as exc:
        # The app's "open it" is its Open button; here, the commands that work in it.
        raise coded(BadInputError, "init.exists", args.dir) from exc
    print(t("init.created", name=created.name, path=created.root, timezone=created.timezone))
    print(t("init.encrypted", store=created.key_store))
    return 0


def _import(args: argparse.Namespace) -> int:
    from workbench.core.services import importing
    from workbench.terminal.progress import progress

    _warn_if_fallback()
    with progress(t("progress.import"), _progress_mode(args)) as callback:
        summary = importing.import_paths(args.dir, args.paths, callback, args.cancel,
                                         sign_events=True)
    code = 2 if summary.failed else 0
    if args.format == "json":
        _print_json(importing.summary_json(summary))
        return code
    kinds = t("list.items").join(t("count.of", label=label("kind", k), count=n)
                                 for k, n in sorted(summary.added_by_kind.items()))
    print(t("import.added", added=summary.added,
            kinds=t("list.brackets", items=kinds) if kinds else ""))
    if summary.already_present:
        print(t("import.present", count=summary.already_present))
    print(t("import.people", count=summary.people_added))
    for path, why in summary.skipped:
        print(t("import.skipped", path=path, reason=why))
    for path, note in summary.notes:
        print(t("import.note", path=path, note=note))
    if len(summary.failed) == 1:
        _error(str(ImportFailed(*summary.failed[0])))
    elif summary.failed:
        nothing = not summary.added and not summary.already_present
        _error(t("import.failed_head_none" if nothing else "import.failed_head",
                 count=len(summary.failed)))
        for path, why in summary.failed:
            print(t("import.failed", path=path, reason=why), file=sys.stderr)
    return code


def _scan(args: argparse.Namespace) -> int:
    from workbench.core.services import scanning
    from workbench.terminal.progress import progress, working

    mode = _progress_mode(args)
    if _existing(args.path).is_dir() and not (args.path / "workspace.sqlite").exists():
        raise NotAWorkspace(args.path)
    if args.path.is_dir():
        _warn_if_fallback()
        with progress(t("progress.scan"), mode) as callback:
            result = scanning.scan_workspace(args.path, callback, args.cancel, args.processes)
        if args.format == "json":
            _print_json(result.as_json())
        elif not result.scanned and not result.unchanged:
            print(t("scan.empty", workspace=args.path))
        else:
            print(t("scan.done", scanned=result.scanned, unchanged=result.unchanged,
                    findings=result.findings))
            total = sum(result.by_entity.values())
            if total != result.findings:
                print(t("scan.workspace-total", total=total))
            names = {entity: label("entity", entity) for entity in result.by_entity}
            width = max((columns(n) for n in names.values()), default=0) + 2
            for entity, count in result.by_entity.items():
                print(f"  {_column(names[entity], width)}{count}")
        return 0
    with working(t("progress.scan"), mode):
        report = scanning.scan_file(args.path, args.lang)
    if args.format == "json":
        _print_json(report)
        return 0
    groups = report.get("artifacts") or [{"title": args.path.name, "findings": report["findings"]}]
    for group in groups:
        print(t("scan.file", title=group["title"], count=len(group["findings"])))
        for f in group["findings"]:
            print(f"  {f['start']:>6}-{f['end']:<6} {_column(label('entity', f['entity']), 22)} "
                  f"{f['score']:.2f}  {f['text']!r}  ({label('detector', f['detector'])})")
    return 0


def _review(args: argparse.Namespace) -> int:
    from workbench.core.services import reviewing
    from workbench.terminal import review as review_command

    with _open_workspace(args.dir) as ws:
        try:
            return review_command.run(args, ws, _progress_mode(args))
        finally:
            reviewing.sign_pending(ws)


def _build_skill(args: argparse.Namespace) -> int:
    from workbench.core.services import exporting

    _warn_if_fallback()
    # The service checks the folder to write into before it opens the workspace.
    folder = exporting.build_skill(args.dir, args.out, args.name)
    print(t("skill.written", path=folder))
    return 0


def _open_workspace(path: Path) -> Workspace:
    """Workspaces are encrypted: their key may be in the passphrase file."""
    from workbench.core.services import workspaces

    _warn_if_fallback()
    return workspaces.open_workspace(path)


_warned = False


def _warn_if_fallback() -> None:
    """The fall-back warning (once per terminal session, never for a chosen file store) and
    the terminal passphrase prompt."""
    from workbench.core.services import identities

    global _warned
    if identities.uses_passphrase() and not _warned:
        _warned = True
        warning = identities.fallback_warning()
        if warning is not None:
            print(warning, file=sys.stderr)
        if sys.stdin.isatty():
            identities.set_passphrase_prompt(_terminal_passphrase)


def _terminal_passphrase(creating: bool) -> str:
    import getpass

    from workbench.core.services.identities import passphrase_problem

    if not creating:
        return getpass.getpass(t("cli.passphrase"))
    for _attempt in range(3):
        first = getpass.getpass(t("cli.passphrase-choose"))
        problem = passphrase_problem(first)
        if problem is not None:
            print(problem, file=sys.stderr)
            continue
        if getpass.getpass(t("cli.passphrase-repeat")) != first:
            print(t("cli.passphrase-mismatch"), file=sys.stderr)
            continue
        return first
    raise WorkbenchError(t("cli.passphrase-not-set"))


def _keys_new(args: argparse.Namespace) -> int:
    from workbench.core.services import identities

    _warn_if_fallback()
    card = identities.create_identity(args.role, args.name, args.email, args.another)
    print(t("keys.created", card=card.label()))
    print(t("keys.fingerprint", fingerprint=card.short))
    return 0


def _keys_list(args: argparse.Namespace) -> int:
    from workbench.core.services import identities
    from workbench.core.services.identities import IdentityCard, Verification

    rows: list[tuple[str, IdentityCard, Verification | None]] = [
        ("identity", c, None) for c in identities.own_identities()]
    rows += [("contact", c.card, c.verified) for c in identities.contacts()]
    if args.format == "json":
        _print_json([{"kind": kind, **card.as_json(),
                      "verified": kind == "identity" or mark is not None,
                      "verified_at": mark.verified_at if mark else None}
                     for kind, card, mark in rows])
        return 0
    if not rows:
        print(t("keys.none"))
    for kind, card, mark in rows:
        status = "" if kind == "identity" else (
            t("keys.verified-on", date=mark.verified_at[:10]) if mark
            else t("keys.not-verified"))
        # English shows the words `--role` takes; Chinese shows them in Chinese.
        print(f"{_column(label('keys-kind', kind), 9)} "
              f"{_column(label('keys-role', card.role.value), 10)} "
              f"{_column(visible(card.name), 20)} {_column(visible(card.email), 30)} "
              f"{card.short}  {status}".rstrip())
    if any(kind == "contact" and mark is None for kind, _card, mark in rows):
        print(t("keys.unverified-hint"))
    print(_key_store_line())
    return 0


def _column(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns (a hanzi takes two), and never run into
    what follows."""
    return text + " " * max(width - columns(text), 1)


def _key_store_line() -> str:
    from workbench.core.services import identities

    return identities.key_store_line()


def _keys_move_to(args: argparse.Namespace) -> int:
    from workbench.core.services import identities

    if args.store == "file" and sys.stdin.isatty():
        identities.set_passphrase_prompt(_terminal_passphrase)
    moved = identities.move_key_store(args.store)
    print(t("keys.moved", count=moved.names, store=moved.target.description))
    return 0


def _keys_export(args: argparse.Namespace) -> int:
    from workbench.core.services import identities

    sys.stdout.write(identities.card_text(args.id))
    return 0


def _keys_import(args: argparse.Namespace) -> int:
    from workbench.core.services import identities

    typed = args.fingerprint
    if typed is None and sys.stdin.isatty():
        card = identities.read_card(args.file)
        print(visible(card.label()))
        print(t("keys.fingerprint", fingerprint=card.short))
        # The default (just Enter) is "not verified": trust needs the digits typed.
        typed = input(t("keys.ask-fingerprint")).strip() or None
    contact = identities.import_contact(args.file, replace=args.replace, fingerprint=typed)
    card = contact.card
    print(t("keys.imported", card=visible(card.label())))
    if contact.verified is not None:
        print(t("keys.import-verified", fingerprint=card.short))
    else:
        print(t("keys.import-not-verified", fingerprint=card.short, id=card.fingerprint[:16]))
    return 0


def _keys_verify(args: argparse.Namespace) -> int:
    from workbench.core.services import identities

    card, mark = identities.verify_contact(args.contact, args.fingerprint)
    print(t("keys.verified-mark", card=visible(card.label()), how=mark.describe(),
            at=mark.verified_at))
    return 0


def _consent_terms(args: argparse.Namespace, base: dict[str, Any]) -> ConsentTerms:
    from workbench.core.services import consenting

    return consenting.terms_from_mapping(base, **_terms_overrides(args, base))


def _terms_overrides(args: argparse.Namespace, base: dict[str, Any]) -> dict[str, object]:
    """The command-line terms that take precedence over the terms file (empty: not given)."""
    from workbench.core.services import consenting

    separate = dict(base.get("separate_consent") or {})
    if args.separate_consent:
        chosen = {consenting.sensitive_category(c) for c in args.separate_consent}
        separate = {c: c in chosen for c in consenting.SENSITIVE_CATEGORIES}
    return {
        "purposes": args.purpose or None,
        "controller": {"name": args.controller, "contact": args.controller_contact}
        if args.controller else None,
        "countersigner": args.countersigner,
        "recipients": args.recipient or None,
        "delete_by": args.delete_by,
        "separate_consent": separate,
        "licence": {"terms": args.licence, "fee": args.licence_fee,
                    "until": args.licence_until} if args.licence else None,
        "language": args.language,
    }


def _consent(args: argparse.Namespace) -> int:
    from workbench.core.services import consenting

    _warn_if_fallback()
    now = clock.now_utc()
    if args.force and args.target != "request":
        raise BadInputError(t("consent.force-with-request"))
    if args.target == "request":
        if not args.out:
            raise BadInputError(t("consent.request-needs-out"))
        return _consent_request(args)

    employee = consenting.signing_identity(args.identity)
    request = consenting.read_request(args.request) if args.request else None
    base = consenting.terms_json(request.terms) if request else {}
    if args.terms:
        base = {**base, **consenting.terms_from_file(args.terms)}
    _require_delete_by(args, base)
    terms = _consent_terms(args, base)
    decision = "declined" if args.decline else "given"
    with _open_workspace(Path(args.target)) as ws:
        if not args.yes:
            print(consenting.preview_notice(ws, terms, now))
            if not sys.stdin.isatty():
                raise WorkbenchError(t("consent.confirm_with_yes"))
            ask = t("consent.ask_decline" if args.decline else "consent.ask_give")
            if input(ask).strip().lower() != "yes":
                print(t("consent.nothing_recorded"))
                return 1
        recorded = consenting.decide(ws, terms, decision, employee, now, request)
    _warn_unverified(recorded)
    if args.format == "json":
        _print_json(recorded.record)
    else:
        print(t(f"consent.recorded_{decision}", record=recorded.record_id,
                employee=employee.label(), delete_by=recorded.delete_by))
    return 0


def _consent_request(args: argparse.Namespace) -> int:
    """HR signs a request (`consent request`): the one way the app and the demo sign it."""
    from workbench.core.services import consenting, countersigning

    countersigning.hr_identity(args.identity)
    base = consenting.terms_from_file(args.terms) if args.terms else {}
    _require_delete_by(args, base)
    signed = countersigning.request_consent(
        base, args.out, clock.now_utc(), identity=args.identity, employee=args.employee,
        overrides=_terms_overrides(args, base), force=args.force)
    print(t("consent.request_for" if signed.employee else "consent.request_written",
            path=signed.path, employee=signed.employee))
    return 0


def _warn_unverified(current: CurrentConsent | None) -> None:
    from workbench.core.services import consenting

    for party in consenting.unverified_parties(current):
        print(t("consent.unverified-party", name=visible(party.name),
                fingerprint=party.fingerprint[:16]), file=sys.stderr)


def _require_delete_by(args: argparse.Namespace, base: dict[str, object]) -> None:
    """Consent has no end without a delete-by date: say which option gives it, rather than
    that an empty date is not a date."""
    if not (args.delete_by or base.get("delete_by")):
        raise BadInputError(t("consent.needs-delete-by"))


def _verify_ledger(args: argparse.Namespace) -> int:
    from workbench.core.services import consenting

    check = consenting.check_ledger(args.file)
    if args.format == "json":
        _print_json(check.as_json())
    elif check.ok:
        print(t("ledger.ok", entries=check.entries,
                signers=", ".join(a[:16] for a in check.actors) or t("ledger.nobody")))
    else:
        print(t("ledger.bad", line=check.bad_line, reason=check.reason, entries=check.entries))
    return 0 if check.ok else 1


def _export(args: argparse.Namespace) -> int:
    from workbench.core.services import consenting, exporting
    from workbench.terminal.progress import call_with_progress

    _warn_if_fallback()
    consenting.signing_identity(args.identity)  # refused before the workspace is opened
    before = _stamp(args.out)
    with _open_workspace(args.dir) as ws:
        try:
            result = call_with_progress(exporting.export, t("progress.export"),
                                        _progress_mode(args), ws, args.out, clock.now_utc(),
                                        args.identity, force=args.force)
        except (KeyboardInterrupt, Cancelled):
            # The package is written whole or not at all, but its ledger line comes after it.
            if _stamp(args.out) not in (before, None):
                raise Interrupted(t("interrupt.export_written", path=args.out)) from None
            raise Interrupted(t("interrupt.nothing_changed")) from None
        # After the package is made, not before: a refusal stays one line.
        _warn_unverified(consenting.current_record(ws))
    print(t("export.done", files=result.files, path=result.path))
    print(t("export.package", package=result.package))
    print(t("export.next"))
    return 0


def _stamp(path: Path) -> int | None:
    """When a file was last written (None: there is none), to tell whether a step wrote it."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _countersign(args: argparse.Namespace) -> int:
    from workbench.core.services import countersigning

    _existing(args.file)
    _warn_if_fallback()
    now = clock.now_utc()
    hr = countersigning.hr_identity(args.identity)
    review = countersigning.review_package(args.file, now, hr.fingerprint)
    _print_checks(review.checks)
    print("\n".join(review.terms.lines()))
    # Whom it will be readable by: each recipient's key, and whether it is a known contact.
    print(t("readers.heading"))
    for reader in review.readers:
        print(reader.line().text())
    print(t("readers.employee", visible(review.terms.summary["employee"]["name"])))
    unknown = review.unknown_readers()
    if unknown and not review.refused_readers():
        print(t("readers.unknown-warning", ", ".join(visible(r.name) for r in unknown)))
    if review.countersigned_at is not None:
        # A repeated step that changes nothing is not a failure (README, exit codes).
        print(t("countersign.already-short", visible(args.file.name), review.countersigned_at))
        return 0
    if review.verified and review.differences:
        print(t("countersign.wider"))
        for difference in review.differences:
            print(f"  - {difference.text}")
    countersigning.check_may_countersign(review, args.accept_differences)
    if not args.yes:
        if not sys.stdin.isatty():
            raise WorkbenchError(t("countersign.confirm_with_yes"))
        if input(t("countersign.ask")).strip().lower() != "yes":
            print(t("countersign.not_done"))
            return 1
    done = countersigning.countersign(args.file, now, hr.fingerprint,
                                      accept_differences=args.accept_differences,
                                      reviewed=review)
    print(t("countersign.done", path=args.file, hr=done.hr))
    return 0


def _print_checks(checks: Iterable[Check]) -> None:
    for check in checks:
        print(t("verify.check_ok" if check.ok else "verify.check_failed", title=check.title(),
                detail=check.text()))


def _verify(args: argparse.Namespace) -> int:
    from workbench.core.services import receiving

    if _existing(args.target).is_dir():
        checks = receiving.verify_skill(args.target, clock.now_utc())
    else:
        checks = list(receiving.verify_package(args.target, clock.now_utc()).checks)
    ok = all(c.ok for c in checks)
    if args.format == "json":
        _print_json({"verdict": "valid" if ok else "refused",
                     "checks": [c.as_json() for c in checks]})
    else:
        print(t("verify.valid" if ok else "verify.refused"))
        _print_checks(checks)
    return 0 if ok else 1


def _open(args: argparse.Namespace) -> int:
    from workbench.core.services import identities, receiving
    from workbench.terminal.interrupt import deferred
    from workbench.terminal.progress import call_with_progress

    _existing(args.file)
    receiving.check_open_folder(args.out)
    _warn_if_fallback()
    identities.choose_identity("recipient", args.identity)
    with deferred(args.cancel):  # a copy half taken into custody would escape its deadline
        result = call_with_progress(receiving.open_package, t("progress.open"),
                                    _progress_mode(args), args.file, args.out,
                                    clock.now_utc(), args.identity)
    _done_despite_interrupt(args)
    print(t("open.done", path=result.folder))
    print(t("open.delete_by", date=result.delete_by, package=result.package[7:19]))
    return 0


def _withdraw(args: argparse.Namespace) -> int:
    from workbench.core.services import consenting, deadlines

    if args.file.exists():
        _warn_if_fallback()
        result = consenting.withdraw(args.file, args.out, clock.now_utc(), args.identity,
                                     args.force)
    else:
        # Not a file: the id (or its first 8+ hex digits) `deadlines` shows for an export.
        given = str(args.file)
        if not re.fullmatch(r"(sha256:)?[0-9A-Fa-f]+", given.strip()):
            raise coded(BadInputError, "withdraw.not-found", visible(given))
        export = deadlines.export_to_withdraw(given)
        if not export.present:
            raise coded(BadInputError, "withdraw.moved", export.package[7:19], export.bundle)
        _warn_if_fallback()
        result = consenting.withdraw(export.bundle, args.out, clock.now_utc(), args.identity,
                                     args.force, expected=export.package)
    if result.already:
        print(t("withdraw.already", date=result.withdrawn_at[:10], path=result.path))
    else:
        print(t("withdraw.done", path=result.path))
    print(result.scope_message().text())
    return 0


def _revocation(args: argparse.Namespace) -> int:
    from workbench.core.services import receiving

    result = receiving.import_revocation(args.file)
    if result.already:
        print(t("revocation.already", package=result.package))
    elif result.held:
        print(t("revocation.held", package=result.package))
    else:
        print(t("revocation.kept", package=result.package, employee=result.employee))
    others = result.others_message()
    if others is not None and not result.already:
        print(others.text())
    return 0


def _purge(args: argparse.Namespace) -> int:
    from workbench.core.errors import RefusedError
    from workbench.core.services import receiving
    from workbench.terminal.interrupt import deferred

    _warn_if_fallback()
    mode = _progress_mode(args)
    try:
        with deferred(args.cancel):  # a purge stopped halfway would delete without a receipt
            results = _purge_now(args, mode)
    except RefusedError as err:
        if getattr(err, "code", None) != "custody.already-purged":
            raise
        # A repeated step that changes nothing is not a failure (README, exit codes).
        print(visible(err))
        return 0
    _print_purged(results)
    left = receiving.still_due(clock.now_utc()) if args.due else 0
    if args.due and not results and not left:
        print(t("purge.nothing_due"))
    if args.cancel.cancelled and left:
        raise Interrupted(t("purge.interrupted", done=len(results), left=left))
    _done_despite_interrupt(args)
    return 0


def _print_purged(results: list[PurgeResult]) -> None:
    for result in results:
        copies = sum(1 for r in result.removed if r["item"] == "opened copy")
        deleted = [r for r in result.removed if r["state"] == "deleted"]
        print(t("purge.done", package=result.package, count=len(deleted), copies=copies,
                receipt=result.receipt))
        for item in result.removed:
            print(t("purge.item", item=label("purge", item["item"].replace(" ", "-")),
                    path=item["path"], state=label("purge-state",
                                                   item["state"].replace(" ", "-"))))


def _purge_now(args: argparse.Namespace, mode: str) -> list[PurgeResult]:
    from workbench.core.services import receiving
    from workbench.terminal.progress import call_with_progress

    if args.due:
        results: list[PurgeResult] = call_with_progress(
            receiving.purge_due, t("progress.purge"), mode, clock.now_utc(), args.receipt_out,
            cancel=args.cancel, force=args.force)
    else:
        package = receiving.package_named(args.package)
        results = [call_with_progress(receiving.purge, t("progress.purge"), mode, package,
                                      clock.now_utc(), args.receipt_out, force=args.force)]
    return results


def _receipt(args: argparse.Namespace) -> int:
    from workbench.core.services import receiving

    result = receiving.import_receipt(args.file)
    print(t("receipt.already" if result.already else "receipt.done",
            recipient=result.recipient, package=result.package, when=result.deleted_at))
    return 0


def _deadlines(args: argparse.Namespace) -> int:
    from workbench.core.services import deadlines

    rows = deadlines.deadlines(clock.now_utc())
    if args.format == "json":
        _print_json([r.as_json() for r in rows])
        return 0
    if not rows:
        print(t("deadlines.none"))
    for row in rows:
        print(t("deadlines.row", side=_column(deadlines.side_message(row.side).text(), 8),
                package=row.package[7:23], counterpart=_column(visible(row.counterpart), 24),
                date=row.delete_by, days=row.days_left,
                status=deadlines.status_message(row.status).text()))
    print(t("deadlines.reach"))
    return 0


def _seal_skill(args: argparse.Namespace) -> int:
    from workbench.core.services import exporting

    folder, package = _existing(args.dir), _existing(args.bundle)
    _warn_if_fallback()
    checks = exporting.seal_skill(folder, package, clock.now_utc(), args.identity)
    _print_checks(checks)
    return 0 if all(c.ok for c in checks) else 1


def _verify_skill(args: argparse.Namespace) -> int:
    args.target = args.dir
    return _verify(args)


def _status(args: argparse.Namespace) -> int:
    from workbench.core.services import workspaces

    _warn_if_fallback()
    status = workspaces.status(args.dir)
    if args.format == "json":
        _print_json(status.as_json())
        return 0
    print(t("status.workspace", name=status.name))
    print(t("status.artifacts", count=status.artifacts) + "  ".join(
        t("count.of", label=label("state", state), count=n)
        for state, n in status.by_state.items()))
    for kind, states in sorted(status.by_kind_and_state.items()):
        print(f"  {label('kind', kind):<12}" + "  ".join(
            t("count.of", label=label("state", s), count=n) for s, n in sorted(states.items())))
    print(t("status.people", count=status.people))
    findings = status.extra.get("findings")
    if isinstance(findings, dict) and findings:
        print(t("status.findings", findings=", ".join(
            f"{label('entity', e)} {n}" for e, n in findings.items())))
    return 0


def _open_gui(gui_args: list[str]) -> int:
    if not _display_available():
        _error(t("error.no_display"))
        return 2
    try:
        from workbench.gui.app import main as gui_main
    except ImportError as exc:
        _error(t("error.gui_unavailable", reason=exc))
        return 2
    return gui_main(gui_args)


def _display_available() -> bool:
    """Whether Qt can open a window here (on Linux it needs X11 or Wayland, or a platform
    chosen by QT_QPA_PLATFORM such as offscreen)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


if __name__ == "__main__":
    raise SystemExit(main())
