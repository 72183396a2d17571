"""Holding SIGINT and SIGTERM through the few steps that must not be cut in two."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

STOPPING = frozenset({signal.SIGINT, signal.SIGTERM})
"""The signals that stop a run: Ctrl-C, and what a CI runner or `kill` sends."""


@contextmanager
def held() -> Iterator[None]:
    """Deliver SIGINT and SIGTERM only once the block has ended.

    A temporary file must be known to its owner from the moment it exists, and
    a pool must finish stopping its workers, before an interrupt unwinds the
    stack: otherwise the file or the process would outlive the run. Python runs
    handlers only in the main thread, so elsewhere (and where there is no
    signal mask, on Windows) there is nothing to hold.
    """
    if (not hasattr(signal, "pthread_sigmask")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
