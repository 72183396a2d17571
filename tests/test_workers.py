"""Running a function over documents: results in order, ready ones in their places,
items taken lazily, worker processes only when there is work for two."""

from __future__ import annotations

import gc
import multiprocessing
import operator
import os
import signal
import time
from collections.abc import Iterator
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.errors import WorkerLost
from locpipe.jobs import workers
from locpipe.jobs.workers import Ready, run_ordered

# Each item: a number the worker negates, or a ready result (a string) passed on as it is.
items = st.lists(st.integers() | st.text(max_size=3).map(Ready), max_size=120)


def expected(values: list[int | Ready[int | str]]) -> list[int | str]:
    return [v.result if isinstance(v, Ready) else -v for v in values]


@pytest.mark.parametrize("jobs", [1, 2])
@settings(max_examples=20, deadline=None)  # each example may start a process pool
@given(values=items)
def test_results_come_back_in_the_order_of_their_items(jobs: int,
                                                       values: list[int | Ready[str]]) -> None:
    got = list(run_ordered(operator.neg, values, jobs))
    assert got == expected(values)  # type: ignore[arg-type]


@pytest.mark.parametrize("jobs", [1, 2])
def test_items_are_taken_a_bounded_window_ahead(jobs: int,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "CHUNK", 4)
    monkeypatch.setattr(workers, "WINDOW", 2)
    taken = []

    def values() -> Iterator[int | Ready[int]]:
        for n in range(1000):
            taken.append(n)
            yield Ready(n) if n % 3 else n

    results = run_ordered(operator.neg, values(), jobs)
    for position, result in enumerate(results):
        assert result == (-position if position % 3 == 0 else position)
        assert len(taken) <= position + 1 + 4 * 2 * jobs + 1
    assert len(taken) == 1000


def test_one_item_to_do_among_ready_ones_starts_no_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(workers, "_start", refuse)
    values: list[int | Ready[int]] = [Ready(n) for n in range(500)]
    values.insert(250, 7)
    assert list(run_ordered(operator.neg, values, 2)) == expected(values)  # type: ignore[arg-type]


def test_progress_counts_every_result() -> None:
    seen: list[int] = []
    values: list[int | Ready[int]] = [1, Ready(2), 3]
    list(run_ordered(operator.neg, values, 1, seen.append))
    assert seen == [1, 1, 1]


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    with pytest.raises(ZeroDivisionError):
        list(run_ordered(partial(operator.truediv, 1), [2, 0, 4], 2))


def _pid_after_a_while(_: int) -> int:
    time.sleep(0.05)  # long enough that one worker cannot take every chunk
    return os.getpid()


def test_work_is_spread_over_the_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "CHUNK", 2)
    pids = set(run_ordered(_pid_after_a_while, range(16), 2))
    assert len(pids) == 2 and os.getpid() not in pids


def _counting_starts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record every worker started, by its process id."""
    started: list[int] = []
    start = workers._start

    def counted(func: object, setup: workers.Setup | None = None) -> workers._Worker:
        worker = start(func, setup)  # type: ignore[arg-type]
        started.append(worker.process.pid or 0)
        return worker

    monkeypatch.setattr(workers, "_start", counted)
    return started


def test_no_more_workers_than_chunks_whatever_jobs_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "CHUNK", 1)
    started = _counting_starts(monkeypatch)
    assert set(run_ordered(_pid_after_a_while, range(3), 100_000)) <= set(started)
    assert 1 <= len(started) <= 3


def test_no_more_than_two_workers_per_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "CHUNK", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    started = _counting_starts(monkeypatch)
    pids = set(run_ordered(_pid_after_a_while, range(12), 100_000))
    assert len(started) == 2 and pids == set(started)  # started once, then reused


def _die_on_five(n: int) -> int:
    if n == 5:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel does when memory runs out
    return -n


def _children() -> set[int]:
    with open(f"/proc/{os.getpid()}/task/{os.getpid()}/children") as handle:
        return {int(pid) for pid in handle.read().split()}


needs_proc = pytest.mark.skipif(not os.path.exists(f"/proc/{os.getpid()}/task"),
                                reason="needs Linux's /proc")


@needs_proc
def test_a_worker_that_dies_fails_the_run_naming_its_document(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "CHUNK", 2)
    before = _children()
    with pytest.raises(WorkerLost) as raised:
        list(run_ordered(_die_on_five, range(12), 2, name=lambda n: f"content/{n}.md"))
    assert raised.value.path == "content/5.md"
    assert "killed by SIGKILL" in raised.value.message
    assert _children() == before  # the other worker is stopped too
    assert not multiprocessing.active_children()


@needs_proc
def test_a_run_left_early_stops_its_workers() -> None:
    before = _children()
    results = run_ordered(_pid_after_a_while, range(200), 2)
    next(results)
    assert _children() - before  # the workers are running
    results.close()
    assert _children() == before


@needs_proc
def test_stop_all_stops_a_run_whose_generator_is_still_alive() -> None:
    before = _children()
    results = run_ordered(_pid_after_a_while, range(200), 2)
    next(results)
    workers.stop_all()
    assert _children() == before
    results.close()


def _unpicklable_error(n: int) -> int:
    class Local(Exception):
        pass
    raise Local(f"item {n}")


def test_an_error_that_cannot_travel_arrives_as_its_text() -> None:
    with pytest.raises(RuntimeError, match="Local: item 0"):
        list(run_ordered(_unpicklable_error, range(4), 2))


_SET_UP: list[int] = []


def _remember(value: int) -> None:
    _SET_UP.append(value)


def _set_up_values(_: int) -> list[int]:
    return list(_SET_UP)


def test_setup_runs_here_and_once_in_each_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "CHUNK", 2)
    _SET_UP.clear()
    seen = list(run_ordered(_set_up_values, range(16), 2, setup=workers.Setup(_remember, (7,))))
    assert _SET_UP == [7]  # in this process, once
    assert all(values == [7] or values == [7, 7] for values in seen)  # forked after it, or not


_WARMED: list[int] = []


def _warm_up() -> None:
    _WARMED.append(os.getpid())


def _warmed_here(_: int) -> list[int]:
    return list(_WARMED)


def test_warm_runs_here_once_before_the_first_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "CHUNK", 2)
    _WARMED.clear()
    seen = list(run_ordered(_warmed_here, range(16), 2, warm=_warm_up))
    assert [os.getpid()] == _WARMED  # in this process, once
    assert seen == [[os.getpid()]] * 16  # every worker was forked after it


def test_warm_is_not_called_when_nothing_needs_a_worker() -> None:
    _WARMED.clear()
    ready = [Ready(1), Ready(2), 3]  # one item to do: done here, no worker
    assert list(run_ordered(operator.neg, ready, 2, warm=_warm_up)) == [1, 2, -3]
    assert list(run_ordered(operator.neg, [4, 5], 1, warm=_warm_up)) == [-4, -5]
    assert _WARMED == []


def _frozen(_: int) -> int:
    return gc.get_freeze_count()


def test_what_the_parent_holds_is_frozen_for_the_workers_and_thawed_after() -> None:
    """A worker's collections leave the parent's objects alone (their pages stay shared);
    once the run ends, this process collects them again."""
    assert gc.get_freeze_count() == 0
    held = [[n] for n in range(1000)]  # tracked objects the workers inherit
    counts = list(run_ordered(_frozen, range(64), 2))
    assert min(counts) >= len(held)
    assert gc.get_freeze_count() == 0
