"""Ctrl-C on the command line: it always stops the command, and is never lost.

Python turns SIGINT into KeyboardInterrupt wherever the main thread is. When that is inside a
`__del__` (the `regex` module's parser frees its `Group` nodes in one while the detectors
load), Python can only print "Exception ignored in: <function Group.__del__>" and the
interrupt is gone. So the handler also sets a cancel token that long operations check between
steps: an interrupt that was swallowed stops the command at its next step, and the noise of
the swallowed one is not printed."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from workbench.core.messages import t
from workbench.core.progress import CancelToken


@contextmanager
def interruptible() -> Iterator[CancelToken]:
    """Within: Ctrl-C raises KeyboardInterrupt and cancels the token it yields."""
    token = CancelToken()
    if threading.current_thread() is not threading.main_thread():
        yield token
        return

    def on_interrupt(signum: int, frame: Any) -> None:
        if not token.cancelled:
            token.cancel()
            print(t("interrupt.stopping"), file=sys.stderr, flush=True)
        raise KeyboardInterrupt

    previous_hook = sys.unraisablehook

    def quiet_hook(unraisable: Any) -> None:
        # The token carries a swallowed Ctrl-C on; its "Exception ignored" text is noise.
        if isinstance(unraisable.exc_value, KeyboardInterrupt) and token.cancelled:
            return
        previous_hook(unraisable)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    sys.unraisablehook = quiet_hook
    try:
        yield token
    finally:
        signal.signal(signal.SIGINT, previous)
        sys.unraisablehook = previous_hook



@contextmanager
def deferred(token: CancelToken) -> Iterator[None]:
    """A step that must not stop halfway (deleting a package, taking one into custody): a
    Ctrl-C within only cancels the token, and the command ends as interrupted after it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def later(signum: int, frame: Any) -> None:
        if not token.cancelled:
            token.cancel()
            print(t("interrupt.deferred"), file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, later)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
