"""The memory's word-run index: the flat arrays hold what the plain dict holds, and a
memory sent to another process builds its index there."""

from __future__ import annotations

import pickle
import random
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from locpipe.catalogue import postings as postings_module
from locpipe.catalogue.memory import SCAN, Memory
from locpipe.catalogue.postings import (
    LONG,
    indexed_runs,
    indexed_runs_slow,
    postings,
    postings_slow,
)
from test_memory import units
from test_similar import edit, prose

PIECES = ["qi", "Yin", "yang", "flows", "qi-flows", "针", "灸", "针灸", "气血", "a", ",", "。"]


@given(st.lists(st.sampled_from(PIECES), max_size=3 * LONG).map(" ".join) | st.text())
def test_indexed_runs_are_the_filtered_shingles(text: str) -> None:
    """Words repeat (so a text's runs are fewer than its words suggest), CJK is split
    into characters, and the texts cross `LONG` runs both ways."""
    assert indexed_runs(text) == indexed_runs_slow(text)


def sample_texts() -> list[str]:
    rng = random.Random(7)
    texts = [prose(rng, rng.randint(1, 40)) for _ in range(2000)]
    return [*texts, "针灸通过刺激神经系统释放内啡肽。", "气血运行于经络之中。", "…", "", "None"]


def test_the_index_holds_what_the_plain_build_holds() -> None:
    """Short and long texts, Chinese ones, texts without a word: each run's numbers,
    in order, and no run more."""
    memory = Memory(units(sample_texts()))
    index, plain = memory._postings(), postings_slow(memory._texts)
    assert {run: index.get(run) for run in plain} == plain
    assert len(index) == len(plain) > SCAN and len(index.entries) == sum(map(len, plain.values()))
    assert index.get("none") == plain["none"] and index.get("no such run") is None


@given(st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join), st.integers(0, 2005),
       st.integers(0, 2005))
def test_a_cut_is_the_numbers_within_the_range(text: str, low: int, high: int) -> None:
    index = postings(sorted(sample_texts(), key=len))
    found = index.spans(text)
    cuts = index.cut([rank for _, _, rank in found], low, high)
    for (_, run, _), (first, stop) in zip(found, cuts, strict=True):
        assert index.between(first, stop) == [n for n in index.get(run) or [] if low <= n < high]


def test_an_empty_memory_has_an_empty_index() -> None:
    index = postings([])
    assert len(index) == 0 and index.spans("qi flows") == [] and index.get("qi") is None


def test_a_pickled_memory_builds_its_index_in_the_other_process() -> None:
    """String hashes differ between processes: an index sent along would find nothing.
    The other process, with another hash seed, answers as this one does."""
    rng = random.Random(3)
    texts = [prose(rng, rng.randint(10, 40)) for _ in range(1500)]
    memory = Memory(units(texts))
    asked = [edit(rng, text) for text in texts[:40]]
    here = [found and found.unit.source for found in (memory.best(None, t, 75) for t in asked)]
    assert memory._index is not None and pickle.loads(pickle.dumps(memory))._index is None
    script = ("import pickle, sys\n"
              "memory, asked = pickle.load(sys.stdin.buffer)\n"
              "found = (memory.best(None, t, 75) for t in asked)\n"
              "pickle.dump([f and f.unit.source for f in found], sys.stdout.buffer)\n")
    there = subprocess.run([sys.executable, "-c", script], input=pickle.dumps((memory, asked)),
                           capture_output=True, check=True, env={"PYTHONHASHSEED": "12345"})
    assert pickle.loads(there.stdout) == here and sum(map(bool, here)) >= 30


@given(st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join), st.integers(0, 2005),
       st.integers(0, 2005))
def test_short_runs_read_whole_give_what_a_search_gives(text: str, low: int, high: int) -> None:
    """`cut` reads runs of up to `BUCKET * 8` texts whole and searches longer ones."""
    index = postings(sorted(sample_texts(), key=len))
    ranks = [rank for _, _, rank in index.spans(text)]
    read = index.cut(ranks, low, high)
    original = postings_module.BUCKET
    try:
        postings_module.BUCKET = 0  # every run counts as long: searched
        assert index.cut(ranks, low, high) == read
    finally:
        postings_module.BUCKET = original
