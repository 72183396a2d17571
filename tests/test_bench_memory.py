"""The memory benchmark, run small: every step measured at N and 10 x N, every ratio a
number, every target a verdict. A small project is all start-up, so PASS is not
asserted here."""

from __future__ import annotations

import math
import re
from pathlib import Path
from types import ModuleType

import pytest

from bench_support import load_bench, small_output


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("bench_memory")


@pytest.fixture(scope="module")
def small_run(bench: ModuleType) -> str:
    return small_output(bench)  # once for the module: capsys is function-scoped


def _row(output: str, name: str) -> list[str]:
    rows = [re.split(r"\s{2,}", line.strip()) for line in output.splitlines()]
    found = [row for row in rows if row[0] == name]
    assert len(found) == 1, f"{len(found)} rows {name!r}"
    return found[0]


def test_every_step_has_two_peaks_and_their_ratio(bench: ModuleType, small_run: str) -> None:
    assert "20 docs" in small_run and "200 docs" in small_run
    for step in bench.STEPS:
        small, large, ratio = (float(v) for v in _row(small_run, step)[1:])
        assert small > 0 and large > 0
        assert ratio == pytest.approx(large / small, abs=0.01)


def test_every_step_has_a_target_with_a_verdict(bench: ModuleType, small_run: str) -> None:
    for step in bench.STEPS:
        columns = _row(small_run, f"{step} peak memory, 10xN / N")
        assert math.isfinite(float(columns[1]))
        assert columns[2] == f"<= {bench.LIMIT:g}"
        assert columns[3] in ("PASS", "FAIL")
    last = small_run.strip().splitlines()[-1]
    match = re.fullmatch(r"targets: (\d+) passed, (\d+) failed", last)
    assert match is not None
    assert sum(int(n) for n in match.groups()) == len(bench.STEPS)
    assert small_run.count("  PASS") == int(match.group(1))


def test_the_changed_catalogue_loses_one_translation(bench: ModuleType, tmp_path: Path) -> None:
    folder = tmp_path / "locales" / "zh_Hans" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    path = folder / "a.po"
    path.write_text('msgid ""\nmsgstr ""\n\nmsgid "One"\nmsgstr "一"\n\nmsgid "Two "\n'
                    '"lines"\nmsgstr "译："\n"Two "\n"lines"\n', encoding="utf-8")
    bench._change_one_catalogue(tmp_path)
    assert path.read_text(encoding="utf-8").endswith('msgid "Two "\n"lines"\nmsgstr ""\n')
