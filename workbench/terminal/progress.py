"""Progress of long commands on the terminal: a bar with counts and time left on a TTY (rich),
a plain line now and then otherwise, nothing when asked to be quiet. Always on stderr, so
stdout stays the command's result."""

from __future__ import annotations

import inspect
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from workbench.core.messages import t
from workbench.core.progress import ProgressCallback, no_progress

# Plain lines: none for a step shorter than FIRST_AFTER seconds; then at most one every
# LINE_EVERY seconds, and one at the end.
FIRST_AFTER = 1.0
LINE_EVERY = 5.0


def wanted(quiet: bool, output_format: str | None = None) -> str:
    """'bar', 'lines' or 'off' for this command."""
    if quiet or output_format == "json":
        return "off"
    return "bar" if sys.stderr.isatty() else "lines"


@contextmanager
def progress(what: str, mode: str) -> Iterator[ProgressCallback]:
    """A callback of the shape `workbench.core.progress` defines, shown as `mode` says."""
    if mode == "off":
        yield no_progress
    elif mode == "bar":
        with _bar(what) as callback:
            yield callback
    else:
        yield _Lines(what, sys.stderr)


@contextmanager
def working(what: str, mode: str) -> Iterator[None]:
    """For a step that reports no counts: a spinner with the time taken, or a line now and
    then, until it ends."""
    if mode == "off":
        yield
        return
    if mode == "bar":
        from rich.console import Console

        with Console(stderr=True).status(f"{what}…"):
            yield
        return
    stop = threading.Event()
    started = time.monotonic()

    def tick() -> None:
        if stop.wait(FIRST_AFTER):
            return
        print(t("progress.working", what=what, seconds=round(time.monotonic() - started)),
              file=sys.stderr, flush=True)
        while not stop.wait(LINE_EVERY):
            print(t("progress.working", what=what,
                    seconds=round(time.monotonic() - started)), file=sys.stderr, flush=True)

    thread = threading.Thread(target=tick, name="workbench-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=1)


@contextmanager
def _bar(what: str) -> Iterator[ProgressCallback]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TaskProgressColumn(), TimeRemainingColumn(),
               TextColumn("{task.fields[label]}", style="dim"))
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(what, total=None, label="")

        def update(done: int, total: int, label: str) -> None:
            bar.update(task, completed=done, total=total or None, label=label[:40])

        yield update


class _Lines:
    """`what: done/total (p%), about N s left`, at most every LINE_EVERY seconds."""

    def __init__(self, what: str, stream: TextIO, clock: Callable[[], float] = time.monotonic):
        self.what = what
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.last: float | None = None
        self.finished = False

    def __call__(self, done: int, total: int, label: str) -> None:
        now = self.clock()
        final = total > 0 and done >= total
        if self.finished or now - self.started < FIRST_AFTER:
            return
        if self.last is not None and not final and now - self.last < LINE_EVERY:
            return
        self.last = now
        self.finished = final
        eta = ""
        elapsed = now - self.started
        if 0 < done < total and elapsed > 0:
            eta = t("progress.eta", seconds=round(elapsed / done * (total - done)))
        percent = round(100 * done / total) if total else 0
        print(t("progress.line", what=self.what, done=done, total=total, percent=percent,
                eta=eta), file=self.stream, flush=True)


def call_with_progress(function: Callable[..., Any], what: str, mode: str, *args: Any,
                       **kwargs: Any) -> Any:
    """`function(*args, **kwargs)`, with a bar when it reports progress (it takes a
    `progress` callback) and a spinner when it does not."""
    if "progress" in inspect.signature(function).parameters:
        with progress(what, mode) as callback:
            return function(*args, progress=callback, **kwargs)
    with working(what, mode):
        return function(*args, **kwargs)
