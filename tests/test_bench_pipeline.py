"""The pipeline benchmark, run small: every row is there and every ratio is a number.

A tiny corpus is dominated by start-up, so PASS is not asserted here.
"""

from __future__ import annotations

import math
import random
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from bench_support import load_bench, small_output

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_bench("bench_pipeline")


@pytest.fixture(scope="module")
def small_run(bench: ModuleType) -> str:
    return small_output(bench)  # once for the module: capsys is function-scoped


def _columns(line: str) -> list[str]:
    return re.split(r"\s{2,}", line.strip())


def _row(output: str, name: str) -> list[str]:
    """The columns of the row labelled `name` (or `name, ...` for sized targets)."""
    rows = [_columns(line) for line in output.splitlines() if line.startswith(name)]
    rows = [row for row in rows if row[0] == name or row[0].startswith(f"{name}, ")]
    assert len(rows) == 1, f"{len(rows)} rows {name!r}"
    return rows[0]


def test_every_step_has_a_finite_ratio_to_the_floor(bench: ModuleType, small_run: str) -> None:
    for name in bench.STEPS:
        seconds, cpu, ratio = (float(value) for value in _row(small_run, name)[1:])
        assert seconds > 0 and cpu >= 0
        assert math.isfinite(ratio) and ratio > 0
    assert float(_row(small_run, bench.STEPS[0])[-1]) == 1.0


def test_peak_memory_at_n_and_ten_n(small_run: str) -> None:
    assert "4 docs" in small_run and "40 docs" in small_run
    for command in ("extract", "build"):
        small, large, ratio = (float(v) for v in _row(small_run, command)[1:])
        assert small > 0 and large > 0 and math.isfinite(ratio)


def test_every_target_has_a_verdict_and_a_finite_measure(bench: ModuleType,
                                                         small_run: str) -> None:
    for name in bench.TARGETS:
        columns = _row(small_run, name)
        assert math.isfinite(float(columns[1]))
        assert columns[3].split()[0] in ("PASS", "FAIL")
    assert "glossary matching, 500 / 20 terms" in small_run
    assert "catalogue merge, 500 / 125 entries" in small_run


def test_summary_line_counts_the_targets(bench: ModuleType, small_run: str) -> None:
    last = small_run.strip().splitlines()[-1]
    match = re.fullmatch(r"targets: (\d+) passed, (\d+) failed", last)
    assert match is not None
    assert sum(int(n) for n in match.groups()) == len(bench.TARGETS)
    verdicts = [line for line in small_run.splitlines() if re.search(r"  (PASS|FAIL)", line)]
    assert sum("PASS" in line for line in verdicts) == int(match.group(1))


def test_corpus_is_deterministic_and_looks_like_articles(bench: ModuleType,
                                                         tmp_path: Path) -> None:
    corpus = sys.modules["corpus"]
    examples = corpus.load_examples()
    assert 600 < len(examples) <= 655
    spec = corpus.CorpusSpec(documents=3, terms=20)
    for name in ("a", "b"):
        corpus.write_project(tmp_path / name, spec, examples)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    assert [(tmp_path / "a" / f).read_bytes() for f in files] == \
        [(tmp_path / "b" / f).read_bytes() for f in files]
    text = next((tmp_path / "a" / "content").rglob("*.md")).read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: ") and "\ndate: 2026-" in text
    assert "\n## " in text and re.search(r"[\u4e00-\u9fff]", text)
    assert (tmp_path / "a" / "locpipe.yaml").read_text() == "locales: [zh_Hans]\n"


def test_glossary_size_is_bounded(bench: ModuleType, tmp_path: Path) -> None:
    corpus = sys.modules["corpus"]
    with pytest.raises(ValueError, match="20 to 5,000"):
        corpus.write_project(tmp_path, corpus.CorpusSpec(documents=1, terms=10), [])


def test_merge_inputs_change_one_text_in_ten(bench: ModuleType) -> None:
    texts = bench.merge_texts(40)
    pot, old = bench.merge_inputs(texts, random.Random(0))
    changed = [new.msgid != before.msgid for new, before in zip(pot, old, strict=True)]
    assert sum(changed) == 4 and len(old) == 40
    assert all(e.msgstr.startswith(sys.modules["corpus"].MARKER) for e in old)


def test_catalogue_filled_from_text_equals_polib_fill(bench: ModuleType) -> None:
    template = (ROOT / "locales" / "templates" / "how-does-acupuncture-work.pot").read_text(
        encoding="utf-8")
    by_text = bench.polib.pofile(bench.pseudo_catalogue(template))
    by_polib = bench.polib.pofile(template)
    bench.pseudo_translate(by_polib)
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in by_text] == \
        [(e.msgctxt, e.msgid, e.msgstr) for e in by_polib]
    assert by_text.metadata["Language"] == "zh_Hans"
    assert all(e.msgstr.startswith("译：") for e in by_text)


def test_trees_are_compared_by_content(bench: ModuleType, tmp_path: Path) -> None:
    for name, body in (("a", "x"), ("b", "x"), ("c", "y")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "f.md").write_text(body)
    digests = {n: bench.tree_digests(tmp_path / n) for n in "abc"}
    assert bench.differing(digests["a"], digests["b"]) == 0
    assert bench.differing(digests["a"], digests["c"]) == 1
    assert bench.differing(digests["a"], {}) == 1
