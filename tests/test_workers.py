"""Running a function over documents: results in order, ready ones in their places,
items taken lazily, worker processes only when there is work for two."""

from __future__ import annotations

import concurrent.futures
import operator
import os
import time
from collections.abc import Iterator
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
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
