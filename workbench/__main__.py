"""`python -m workbench` and the `workbench` command: the command-line interface, with a
Ctrl-C that comes while it is still loading ending as any other interrupt does (one line,
exit 130), not as a traceback from whatever module was being imported."""

from __future__ import annotations

import sys


def run(argv: list[str] | None = None) -> int:
    try:
        from workbench.cli import main

        return main(argv)
    except KeyboardInterrupt:
        try:
            from workbench.core.messages import t

            print(t("error.prefix", message=t("interrupt.nothing_changed")), file=sys.stderr)
        except KeyboardInterrupt:
            pass  # a second Ctrl-C: just stop
        return 130


if __name__ == "__main__":
    raise SystemExit(run())
