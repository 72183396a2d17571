"""Running one function over many documents, in worker processes when asked.

Results come back in document order, so the output does not depend on the
number of jobs.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:  # a run that finds everything up to date never loads them
    from concurrent.futures import Future, ProcessPoolExecutor

Progress = Callable[[int], None]
CHUNK = 16
"""Most documents a worker takes at a time: a chunk's results travel together."""
WINDOW = 8
"""Chunks per worker that may be on their way at once; with `CHUNK`, how far the
results run ahead of the caller, so that memory does not grow with the project."""
T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    return os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class Ready(Generic[R]):
    """A result known without calling the function (a cache hit), passed on in its place."""

    result: R


@dataclass(frozen=True)
class Setup:
    """What every process of a run needs before its first item, handed over once per
    process rather than with every item (a run's translation memory): `func(*args)`."""

    func: Callable[..., None]
    args: tuple[object, ...] = ()


def run_map(func: Callable[[T], R], items: Sequence[T], jobs: int,
            progress: Progress | None = None, setup: Setup | None = None) -> Iterator[R]:
    """`func` over `items` in order, on `jobs` processes; each result as it comes."""
    return run_ordered(func, items, jobs, progress, setup)


def run_ordered(func: Callable[[T], R], items: Iterable[T | Ready[R]], jobs: int,
                progress: Progress | None = None, setup: Setup | None = None) -> Iterator[R]:
    """`func` over the items that are not `Ready`, each result in the place of its item.

    `items` is taken lazily, at most `CHUNK * WINDOW * jobs` items ahead of the
    result being handed back. Worker processes start only once two items need
    `func`: a run with one document to redo does it in this process. `setup` runs
    in this process first (which may do items too) and once in each worker.
    """
    if setup is not None:
        setup.func(*setup.args)
    if jobs <= 1:
        results: Iterator[R] = (i.result if isinstance(i, Ready) else func(i) for i in items)
    else:
        results = _Ordered(func, jobs, setup).run(items)
    for result in results:
        yield result
        if progress:
            progress(1)


@dataclass
class _Chunk(Generic[T, R]):
    """Items that go to one worker together."""

    items: list[T]
    future: Future[list[R]] | None = None
    """Its results on their way; None until it is sent."""


@dataclass
class _Ordered(Generic[T, R]):
    """The parallel half of `run_ordered`: a queue of ready results and chunks, in order."""

    func: Callable[[T], R]
    jobs: int
    setup: Setup | None = None
    queue: deque[Ready[R] | _Chunk[T, R]] = field(default_factory=deque)
    queued: int = 0
    """Items in the queue."""
    unsent: int = 0
    """Items in chunks not yet sent."""
    pool: ProcessPoolExecutor | None = None

    def run(self, items: Iterable[T | Ready[R]]) -> Iterator[R]:
        try:
            for item in items:
                self._put(item)
                while self.queued > CHUNK * WINDOW * self.jobs:
                    yield from self._take()
            while self.queue:
                yield from self._take()
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)

    def _put(self, item: T | Ready[R]) -> None:
        last = self.queue[-1] if self.queue else None
        if isinstance(item, Ready):
            self._send(last)  # the chunk before a ready result is complete
            self.queue.append(item)
        elif isinstance(last, _Chunk) and last.future is None and len(last.items) < CHUNK:
            last.items.append(item)
            self.unsent += 1
        else:
            self._send(last)
            self.queue.append(_Chunk([item]))
            self.unsent += 1
        self.queued += 1
        if self.pool is None and self.unsent >= 2:
            self._start()

    def _send(self, chunk: Ready[R] | _Chunk[T, R] | None) -> None:
        if isinstance(chunk, _Chunk) and chunk.future is None and self.pool is not None:
            chunk.future = self.pool.submit(_call_each, self.func, chunk.items)
            self.unsent -= len(chunk.items)

    def _start(self) -> None:
        from concurrent.futures import ProcessPoolExecutor  # only a run with work needs it

        setup = self.setup
        self.pool = (ProcessPoolExecutor(max_workers=self.jobs) if setup is None else
                     ProcessPoolExecutor(max_workers=self.jobs, initializer=setup.func,
                                         initargs=setup.args))
        for chunk in list(self.queue)[:-1]:  # the last chunk may still grow
            self._send(chunk)

    def _take(self) -> Iterator[R]:
        head = self.queue.popleft()
        if isinstance(head, Ready):
            self.queued -= 1
            yield head.result
            return
        self.queued -= len(head.items)
        self._send(head)
        if head.future is None:  # the only item to do: not worth a process
            self.unsent -= len(head.items)
            results = _call_each(self.func, head.items)
        else:
            results = head.future.result()
        yield from results


def _call_each(func: Callable[[T], R], items: list[T]) -> list[R]:
    return [func(item) for item in items]
