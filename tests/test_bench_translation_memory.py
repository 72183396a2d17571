"""The translation memory benchmark, run small: every size and scenario measured, every
target a verdict. A small run is dominated by start-up, so PASS is not asserted here."""

from __future__ import annotations

import math
import random
import re
from pathlib import Path
from types import ModuleType

import pytest

from bench_support import load_bench, small_output


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("bench_translation_memory")


@pytest.fixture(scope="module")
def small_run(bench: ModuleType) -> str:
    return small_output(bench)


def _columns(output: str, name: str) -> list[str]:
    rows = [re.split(r"\s{2,}", line.strip()) for line in output.splitlines()]
    found = [row for row in rows if row[0] == name]
    assert len(found) == 1, f"{len(found)} rows {name!r}"
    return found[0]


def test_both_sizes_are_measured_and_find_matches(small_run: str) -> None:
    for entries, lookups in (("500", "50"), ("5,000", "500")):
        columns = _columns(small_run, entries)
        assert columns[2] == lookups
        assert float(columns[1]) > 0 and float(columns[3]) > 0
        # An edited text or an exact copy is found for at least half the queries.
        assert int(columns[4].replace(",", "")) >= int(lookups.replace(",", ""))


def test_every_target_has_a_verdict(small_run: str) -> None:
    names = ["memory build, 5,000 / 500 entries", "memory lookup, 5,000 / 500 entries",
             "update, memory on / off, nothing new",
             "update, memory on / off, a tenth new articles"]
    for name in names:
        columns = _columns(small_run, name)
        assert math.isfinite(float(columns[1])) and columns[3] in ("PASS", "FAIL")
    last = small_run.strip().splitlines()[-1]
    assert re.fullmatch(r"targets: (\d+) passed, (\d+) failed", last)


def test_new_articles_share_all_but_one_paragraph(bench: ModuleType, tmp_path: Path) -> None:
    prose = "with enough words in it to count as prose, and more words, and more again."
    source = "---\ntitle: T\n---\n\n" + "\n\n".join(f"Paragraph {n} {prose}" for n in range(3))
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(source, encoding="utf-8")
    bench.new_articles(tmp_path, 1)
    copy = (tmp_path / "content" / "new" / "copy-0000.md").read_text(encoding="utf-8")
    old, new = source.split("\n\n"), copy.split("\n\n")
    assert len(old) == len(new) and sum(a != b for a, b in zip(old, new, strict=True)) == 1


def test_queries_mix_edits_new_texts_and_copies(bench: ModuleType) -> None:
    rng = random.Random(0)
    texts = bench.memory_texts(200, rng)
    asked = bench.queries(texts, 40, rng)
    assert sum(q in texts for q in asked) >= 10 and len(texts) == 200
