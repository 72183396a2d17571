"""The matcher benchmark, run small so it cannot rot.

Timings on a shared machine are noisy: the quick run checks that every row is
measured and printed; PASS/FAIL is the full benchmark's verdict.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest

from bench_support import load_bench

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "content" / "how-does-acupuncture-work.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("bench_matcher")


def test_generated_glossary_is_deterministic(bench: ModuleType) -> None:
    first, again = bench.generated_terms(50), bench.generated_terms(50)
    assert [t.locales["en"].preferred for t in first] == \
        [t.locales["en"].preferred for t in again]
    assert len({t.id for t in first}) == 50
    assert len(bench.glossary_of(300, bench.project_terms(20))) == 300


def test_quick_run_prints_a_ratio_per_locale(bench: ModuleType,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    bench.main(quick=True, large=2000)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all(re.search(r"2000 terms [\d.]+ ms, ratio [\d.]+x .* (PASS|FAIL)$", line)
               for line in lines)


def test_a_per_term_loop_fails_the_same_measure(bench: ModuleType) -> None:
    result = bench.measure("loop", "en", ARTICLE, large=300, runs=3,
                           build=bench.per_term_regex_finder)
    assert not result.passed
    assert result.line().endswith("FAIL")
