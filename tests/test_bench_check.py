"""The `locpipe check` benchmark, run small: it works and stays fast."""

from __future__ import annotations

from types import ModuleType

import pytest

from bench_support import load_bench


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("bench_check")


def test_small_mode_runs_quickly_and_finds_the_planted_errors(
        bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--small"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("check: 10 catalogues x 20 entries, 100-term glossary: ")
    result = bench.bench(5, 50, 10)
    assert result.seconds < 5
    assert result.findings > 0
