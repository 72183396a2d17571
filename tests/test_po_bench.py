"""The fast path's benchmark (`bench/bench_po.py`), run small so it cannot rot.

Timings of a tiny project say nothing; the test checks that both measures are
taken, on catalogues the fast path reads as its slow twin does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench_support import load_bench


def test_a_small_run_times_both_paths(tmp_path: Path) -> None:
    bench = load_bench("bench_po")
    spec = load_bench("corpus").SPEC_PATH
    if not spec.exists():
        pytest.skip(f"the CommonMark corpus is missing: {spec}")
    timings = bench.measure(tmp_path, 3, 1)
    assert [t.label.split(" ")[0] for t in timings] == ["read", "locpipe"]
    assert re.match(r"read 3 catalogues \(\d+ entries\)", timings[0].label)
    assert all(t.fast.wall > 0 and t.slow.wall > 0 and t.fast.cpu > 0 for t in timings)
    assert all(re.search(r"[\d.]+x wall, [\d.]+x CPU$", t.line()) for t in timings)


def test_a_catalogue_the_fast_path_leaves_to_polib_is_no_measure(tmp_path: Path) -> None:
    bench = load_bench("bench_po")
    path = tmp_path / "a.po"
    path.write_text('msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
                    'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n', encoding="utf-8")
    assert bench.fast_messages([path]) == [None]
    assert bench.slow_messages([path]) != [None]
