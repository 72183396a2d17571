"""The dialect benchmark, run small so it cannot rot: every dialect is timed against
the grammar before dialects and judged."""

from __future__ import annotations

import re

import pytest

from bench_support import load_bench
from locpipe.config import DIALECTS
from pipeline_support import corpus

LINE = re.compile(r"(\w+) +\d+\.\d\d s  x before \d+\.\d\d \(<= 100\.0\)  PASS")


def test_a_small_run_judges_every_dialect(capsys: pytest.CaptureFixture[str]) -> None:
    corpus()  # the pages are the shared corpus's: skips without it
    bench = load_bench("bench_dialects")
    assert bench.main(["--pages", "30", "--runs", "1", "--limit", "100"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("before ")
    assert [LINE.fullmatch(line).group(1) for line in lines[1:]] == list(DIALECTS)  # type: ignore[union-attr]


def test_a_dialect_over_the_limit_fails(capsys: pytest.CaptureFixture[str]) -> None:
    corpus()
    bench = load_bench("bench_dialects")
    assert bench.main(["--pages", "10", "--runs", "1", "--limit", "0.01"]) == 1
    assert "FAIL" in capsys.readouterr().out
