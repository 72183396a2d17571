"""Running one function over many documents, in worker processes when asked.

Results come back in document order, so the output does not depend on the
number of jobs.

The pool is locpipe's own rather than `concurrent.futures`, for what a run
over a project needs of it:

- a worker starts only when a chunk of documents is waiting and no worker is
  idle, and never more than `PER_CPU` per CPU: `-j 100000` on three articles
  starts at most three, not a hundred thousand;
- the pool knows which document each worker holds, so a worker that dies
  (killed, out of memory) fails the run with one line naming that document;
- a run that ends early (Ctrl-C, SIGTERM, an error) stops every worker within
  `GRACE` seconds: workers ignore SIGINT (the parent decides), turn SIGTERM
  into an orderly exit that removes their temporary files, and on Linux are
  sent SIGTERM by the kernel should the parent die without stopping them.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from locpipe.errors import WorkerLost
from locpipe.jobs import files
from locpipe.jobs.signals import STOPPING, held

if TYPE_CHECKING:  # a run that finds everything up to date never loads them
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

Progress = Callable[[int], None]
CHUNK = 16
"""Most documents a worker takes at a time."""
WINDOW = 8
"""Chunks per worker that may be queued at once; with `CHUNK`, how far the
results run ahead of the caller, so that memory does not grow with the project."""
PER_CPU = 2
"""Most workers per CPU, whatever `--jobs` asks: more would only share the same
cores while each holds its own memory."""
GRACE = 1.0
"""Seconds a stopped worker has to remove its temporary files before it is killed."""
T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    return os.cpu_count() or 1


def worker_limit(jobs: int) -> int:
    """How many worker processes `jobs` may start: at most `PER_CPU` per CPU."""
    return max(1, min(jobs, default_jobs() * PER_CPU))


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
            progress: Progress | None = None, name: Callable[[T], str] = repr,
            setup: Setup | None = None,
            lost: Callable[[int], object] | None = None) -> Iterator[R]:
    """`func` over `items` in order, on `jobs` processes; each result as it comes."""
    return run_ordered(func, items, jobs, progress, name, setup, lost=lost)


def run_ordered(func: Callable[[T], R], items: Iterable[T | Ready[R]], jobs: int,
                progress: Progress | None = None,
                name: Callable[[T], str] = repr, setup: Setup | None = None,
                warm: Callable[[], object] | None = None,
                lost: Callable[[int], object] | None = None) -> Iterator[R]:
    """`func` over the items that are not `Ready`, each result in the place of its item.

    `items` is taken lazily, at most `CHUNK * WINDOW` items per worker ahead of
    the result being handed back. Worker processes start only once two items
    need `func`: a run with one document to redo does it in this process.
    `name` says which document an item is about, for the error line of a
    worker that dies. `setup` runs in this process first (which may do items too)
    and once in each worker. `warm` runs in this process just before the first
    worker starts, so that what every item needs first (imports, a glossary) is
    loaded once and shared by the forked workers, not loaded again in each; a run
    with nothing to do never calls it. `lost` gets the process id of a worker that
    died, before the run fails: a killed worker cannot remove its own temporary files.
    """
    if setup is not None:
        setup.func(*setup.args)
    if jobs <= 1:
        results: Iterator[R] = (i.result if isinstance(i, Ready) else func(i) for i in items)
    else:
        results = _Ordered(func, worker_limit(jobs), name, setup, warm, lost).run(items)
    for result in results:
        yield result
        if progress:
            progress(1)


def stop_all() -> None:
    """Stop the workers of every run still going, at once.

    For the command line, when an interrupt unwinds past a run: a run stops its
    own workers when its generator is closed, but the interrupt's traceback may
    keep the generator alive until the command has long reported its exit.
    """
    for pool in list(_RUNNING):
        pool.stop(finished=False)


@dataclass(eq=False)
class _Chunk(Generic[T, R]):
    """Items that go to one worker together, and their results as they come."""

    items: list[T]
    sealed: bool = False
    """Whether the chunk is complete: no item joins it any more, it may be sent."""
    sent: bool = False
    results: list[R] = field(default_factory=list)
    error: BaseException | None = None
    """What `func` raised on the item after the last result, if it raised."""

    @property
    def done(self) -> bool:
        return self.error is not None or len(self.results) == len(self.items)


@dataclass(eq=False)
class _Worker:
    """One worker process, its end of the pipe, and the chunk it is working on."""

    process: BaseProcess
    conn: Connection
    chunk: _Chunk[Any, Any] | None = None


_RUNNING: list[_Ordered[Any, Any]] = []
"""Runs whose workers may be alive, for `stop_all`."""
_PARENT_ENDS: list[Connection] = []
"""The parent's ends of every worker's pipe. A forked worker closes its copies:
a worker holding another's pipe open would keep that one from ever seeing the
parent go."""


@dataclass(eq=False)
class _Ordered(Generic[T, R]):
    """The parallel half of `run_ordered`: a queue of ready results and chunks, in order."""

    func: Callable[[T], R]
    limit: int
    """Most worker processes to start."""
    name: Callable[[T], str]
    setup: Setup | None = None
    warm: Callable[[], object] | None = None
    """Called once, before the first worker is started (see `run_ordered`)."""
    lost: Callable[[int], object] | None = None
    """Called with the process id of a worker that died (see `run_ordered`)."""
    queue: deque[Ready[R] | _Chunk[T, R]] = field(default_factory=deque)
    queued: int = 0
    """Items in the queue."""
    todo: int = 0
    """Items seen so far that need `func`."""
    waiting: deque[_Chunk[T, R]] = field(default_factory=deque)
    """Sealed chunks not yet sent, in queue order."""
    workers: list[_Worker] = field(default_factory=list)
    frozen: bool = False
    """Whether this process's objects were frozen for a worker (see `_idle`)."""

    def run(self, items: Iterable[T | Ready[R]]) -> Iterator[R]:
        _RUNNING.append(self)
        finished = False
        try:
            for item in items:
                self._put(item)
                while self.queued > CHUNK * WINDOW * self.limit:
                    yield from self._take()
            while self.queue:
                yield from self._take()
            finished = True
        finally:
            self.stop(finished)

    def _put(self, item: T | Ready[R]) -> None:
        last = self.queue[-1] if self.queue else None
        if isinstance(item, Ready):
            self._seal(last)  # the chunk before a ready result is complete
            self.queue.append(item)
        elif isinstance(last, _Chunk) and not last.sealed and len(last.items) < CHUNK:
            last.items.append(item)
            self.todo += 1
        else:
            self._seal(last)
            self.queue.append(_Chunk([item]))
            self.todo += 1
        self.queued += 1
        self._dispatch()

    def _seal(self, chunk: Ready[R] | _Chunk[T, R] | None) -> None:
        if isinstance(chunk, _Chunk) and not chunk.sealed:
            chunk.sealed = True
            self.waiting.append(chunk)

    def _dispatch(self) -> None:
        """Send waiting chunks to idle workers, starting workers up to the limit."""
        if self.todo < 2:  # one item to do: not worth a process
            return
        while self.waiting:
            worker = self._idle()
            if worker is None:
                return
            chunk = self.waiting.popleft()
            worker.conn.send(chunk.items)
            worker.chunk, chunk.sent = chunk, True

    def _idle(self) -> _Worker | None:
        for worker in self.workers:
            if worker.chunk is None:
                return worker
        if len(self.workers) >= self.limit:
            return None
        if self.warm is not None and not self.workers:
            self.warm()
        with held():  # a worker started is a worker known, so that it gets stopped
            # What this process holds (a translation memory's index) is left out of its
            # collections and of the worker's: those would write to every object's
            # header, and a forked worker would copy every page of it, for nothing.
            gc.freeze()
            self.frozen = True
            worker = _start(self.func, self.setup)
            self.workers.append(worker)
        return worker

    def _take(self) -> Iterator[R]:
        head = self.queue.popleft()
        if isinstance(head, Ready):
            self.queued -= 1
            yield head.result
            return
        self.queued -= len(head.items)
        self._seal(head)
        self._dispatch()
        if not head.sent:  # the only item to do: not worth a process
            self.waiting.remove(head)
            head.results = [self.func(item) for item in head.items]
        while not head.done:
            self._receive()
        if head.error is not None:
            raise head.error
        yield from head.results

    def _receive(self) -> None:
        """Wait for a message from a busy worker, or for one to die."""
        from multiprocessing.connection import wait

        busy = [worker for worker in self.workers if worker.chunk is not None]
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
        for worker in busy:
            if worker.conn in ready:
                self._message(worker)
            elif worker.process.sentinel in ready:
                raise self._lost(worker)

    def _message(self, worker: _Worker) -> None:
        chunk = worker.chunk
        assert chunk is not None
        try:
            kind, value = worker.conn.recv()
        except (EOFError, OSError):  # its end of the pipe closed: it died
            raise self._lost(worker) from None
        if kind == "result":
            chunk.results.append(value)
        else:
            chunk.error = value
        if chunk.done:
            worker.chunk = None
            self._dispatch()

    def _lost(self, worker: _Worker) -> WorkerLost:
        chunk = worker.chunk
        assert chunk is not None
        worker.process.join(GRACE)
        if self.lost is not None and worker.process.pid is not None:
            self.lost(worker.process.pid)
        item = chunk.items[len(chunk.results)]
        return WorkerLost(f"a worker process {_death(worker.process.exitcode)} while "
                          "working on this document", self.name(item),
                          hint="if it ran out of memory, try fewer --jobs")

    def stop(self, finished: bool) -> None:
        """End every worker: asked to, after a finished run; at once, after any other."""
        with held():  # a second Ctrl-C must not leave workers behind
            if self in _RUNNING:
                _RUNNING.remove(self)
            for worker in self.workers:
                _ask_to_stop(worker, finished)
            deadline = time.monotonic() + GRACE
            for worker in self.workers:
                worker.process.join(max(0.0, deadline - time.monotonic()))
            for worker in self.workers:
                if worker.process.is_alive():
                    worker.process.kill()
                    worker.process.join()
                worker.conn.close()
                _PARENT_ENDS.remove(worker.conn)
            if self.frozen:
                gc.unfreeze()  # collected again, now that no worker shares them
                self.frozen = False
            self.workers.clear()


def _ask_to_stop(worker: _Worker, finished: bool) -> None:
    if finished and worker.chunk is None:
        try:
            worker.conn.send(None)
            return
        except OSError:
            pass  # it has gone already; terminating it costs nothing
    worker.process.terminate()


def _death(code: int | None) -> str:
    """How a worker ended, for its error line: "was killed by SIGKILL"."""
    if code is not None and code < 0:
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with code {code}"


def _start(func: Callable[[T], R], setup: Setup | None = None) -> _Worker:
    import multiprocessing

    # fork where there is one: the worker starts with the parent's modules loaded.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    here, there = context.Pipe()
    _PARENT_ENDS.append(here)
    process = context.Process(target=_serve, args=(func, there, os.getpid(), setup),
                              daemon=True)
    process.start()
    there.close()
    return _Worker(process, here)


class _Told(BaseException):
    """SIGTERM in a worker: unwinds its stack, so that `with` blocks on the way remove
    their temporary files, before the worker dies of the signal after all."""


def _serve(func: Callable[[T], R], conn: Connection, parent: int,
           setup: Setup | None = None) -> None:
    """A worker's life: chunks in, one message per item out, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which decides
    signal.signal(signal.SIGTERM, _told)
    if hasattr(signal, "pthread_sigmask"):  # started while the parent held them
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)
    files.forget_inherited()
    for end in _PARENT_ENDS:
        end.close()
    try:
        _die_with(parent)
        if setup is not None:
            setup.func(*setup.args)
        _work(func, conn)
    except _Told:
        files.remove_unfinished()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)  # its exit status says what ended it
    finally:
        files.remove_unfinished()


def _work(func: Callable[[T], R], conn: Connection) -> None:
    while True:
        try:
            items = conn.recv()
        except EOFError:
            return  # the parent has gone
        if items is None:
            return
        for item in items:
            try:
                message = ("result", func(item))
                conn.send(message)
            except Exception as exc:
                conn.send(("error", _portable(exc)))
                break


def _told(signum: int, frame: object) -> None:
    raise _Told


def _die_with(parent: int) -> None:
    """Linux: have the kernel send SIGTERM when the parent dies, even by SIGKILL."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the request took effect
        raise _Told


def _portable(exc: Exception) -> Exception:
    """`exc`, or a stand-in with its text if it would not survive the pipe."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc
