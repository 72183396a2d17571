"""Running one function over many documents, in worker processes when asked.

Results come back in document order, so the output does not depend on the
number of jobs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

Progress = Callable[[int], None]
CHUNK = 32
"""Most documents a worker takes at a time."""
T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    return os.cpu_count() or 1


def run_map(func: Callable[[T], R], items: Sequence[T], jobs: int,
            progress: Progress | None = None) -> Iterator[R]:
    """`func` over `items` in order, on `jobs` processes; each result as it comes."""
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            yield func(item)
            if progress:
                progress(1)
        return
    # A chunk's results travel together and wait in the worker until the last is
    # done: chunks are capped so that memory does not grow with the project.
    chunk = max(1, min(CHUNK, len(items) // (jobs * 8)))
    from concurrent.futures import ProcessPoolExecutor  # only a run with work needs it

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for result in pool.map(func, items, chunksize=chunk):
            yield result
            if progress:
                progress(1)
