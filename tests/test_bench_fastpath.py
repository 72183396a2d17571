"""The fast-path benchmark, run small so it cannot rot: every step is timed both
ways and printed. What it measures at full size is in `markdown/fastpath.py`."""

from __future__ import annotations

import re

import pytest

from bench_support import load_bench
from locpipe.markdown import fastpath
from pipeline_support import corpus

LINE = re.compile(r"(build|check|assembly) +fast +\d+\.\d\d s  slow +\d+\.\d\d s  "
                  r"saved +-?\d+\.\d\d s = +-?\d+\.\d% of slow")


def test_a_small_run_times_every_step_both_ways(capsys: pytest.CaptureFixture[str]) -> None:
    corpus()  # the generated articles mix in spec examples: skips without them
    bench = load_bench("bench_fastpath")
    before = fastpath.ENABLED
    assert bench.main(["--documents", "3", "--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [LINE.fullmatch(line) is not None for line in lines] == [True] * 3, lines
    assert [line.split()[0] for line in lines] == ["build", "check", "assembly"]
    assert fastpath.ENABLED is before  # the switch is left as it was
