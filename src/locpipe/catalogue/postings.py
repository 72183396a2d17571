"""The translation memory's word-run index: each run of words -> the texts that have it.

`Memory` numbers its distinct source texts by length and asks this index for the
texts that share a query's rarest runs (words, and runs of two and three words;
characters for CJK). It is built once per memory, on the first fuzzy query.

At 100,000 texts the runs are millions, most of them found once. As a dict of
strings to lists (`postings_slow`, the slow twin) they are millions of objects
scattered over the heap: building and probing it cost more per run the larger it
grows, through cache misses: 14x the time for 10x the texts. Here a run is a 64-bit
hash beside a text number, in flat arrays sorted once; the runs themselves are
dropped as soon as they are hashed. Measured with `bench/bench_translation_memory.py`
(CPU seconds, 10,000 / 100,000 texts): build 0.82 / 11.6 s as a dict, 0.6 / 6.3 s
here; the lookups 0.32 / 3.38 s, and here 0.24 / 2.4 s.

Two runs with one hash (about one pair in 10^12 at that size) would share their
numbers: one text more among a query's candidates, each scored exactly. Python's
string hash is salted per process, so an index is never sent to another process:
`Memory` drops it when pickled and the other process builds its own.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

from locpipe.catalogue.similar import no_collection, shingles, split_words

LONG = 21
"""Runs (words, pairs, triples) of a text from which only its triples are indexed and
looked up: eight words and more (an edit of one word leaves three or more of them)."""


TEXT_BITS = 32
"""An entry of the index is its run's rank shifted by this, plus the text's number."""


@dataclass(frozen=True)
class Postings:
    """The index of a memory's texts, as three arrays."""

    keys: NDArray[np.int64]
    """The distinct hashes of the runs, ascending."""
    starts: NDArray[np.int64]
    """Run `keys[i]`'s texts are `entries[starts[i]:starts[i + 1]]`."""
    entries: NDArray[np.int64]
    """`i << TEXT_BITS | number` for each text of run `keys[i]`: ascending, so that one
    search finds where a run's texts reach a number, for every run at once."""

    def __len__(self) -> int:
        return len(self.keys)

    def spans(self, text: str) -> list[tuple[int, str, int]]:
        """(texts, run, rank) for each run of `text` the index holds: the run is
        `keys[rank]`. One search for all of them."""
        return self._spans(indexed_runs(text))

    def get(self, run: str) -> list[int] | None:
        """The numbers of the texts that have `run`, or None."""
        found = self._spans([run])
        if not found:
            return None
        rank = found[0][2]
        return self.between(int(self.starts[rank]), int(self.starts[rank + 1]))

    def cut(self, ranks: Sequence[int], low: int, high: int) -> list[tuple[int, int]]:
        """For each run `keys[rank]`, its texts numbered within [low, high), as the
        (first, end) of their entries."""
        bounds = np.array(ranks, dtype=np.int64) << TEXT_BITS
        places = np.searchsorted(self.entries, np.concatenate((bounds + low, bounds + high)))
        found: list[int] = places.tolist()
        return list(zip(found[:len(ranks)], found[len(ranks):], strict=True))

    def between(self, first: int, stop: int) -> list[int]:
        """The numbers of the texts of `entries[first:stop]`."""
        found: list[int] = (self.entries[first:stop] & ((1 << TEXT_BITS) - 1)).tolist()
        return found

    def _spans(self, runs: Iterable[str]) -> list[tuple[int, str, int]]:
        found = list(runs)
        if not found or not len(self.keys):
            return []
        wanted = np.fromiter(map(hash, found), dtype=np.int64, count=len(found))
        places = np.searchsorted(self.keys, wanted).clip(max=len(self.keys) - 1)
        held = (self.keys[places] == wanted).tolist()
        sizes = (self.starts[places + 1] - self.starts[places]).tolist()
        return [(size, run, place) for run, size, place, ok
                in zip(found, sizes, places.tolist(), held, strict=True) if ok]


def postings(texts: Sequence[str]) -> Postings:
    """The index of `texts`: their runs hashed in one pass, then sorted once."""
    hashes, counts = array("q"), array("q")
    with no_collection():  # the runs made and dropped are many small objects, no cycles
        for text in texts:
            runs = indexed_runs(text)
            hashes.extend(map(hash, runs))
            counts.append(len(runs))
    keys = np.frombuffer(hashes, dtype=np.int64)  # the array's own memory, not a copy
    numbers = np.repeat(np.arange(len(texts), dtype=np.int64),
                        np.frombuffer(counts, dtype=np.int64))
    order = np.argsort(keys, kind="stable")  # stable: each run's numbers stay in order
    keys, numbers = keys[order], numbers[order]
    new_run = np.concatenate((np.ones(min(len(keys), 1), bool), np.diff(keys) != 0))
    ranks = np.cumsum(new_run) - 1
    starts = np.append(np.flatnonzero(new_run), len(keys)).astype(np.int64)
    return Postings(keys[new_run], starts, ranks << TEXT_BITS | numbers)


def postings_slow(texts: Sequence[str]) -> dict[str, list[int]]:
    """`postings` the plain way: the slow twin, for tests."""
    index: dict[str, list[int]] = {}
    for number, text in enumerate(texts):
        for run in indexed_runs_slow(text):
            index.setdefault(run, []).append(number)
    return index


def indexed_runs(text: str) -> set[str]:
    """The runs a text is indexed and looked up by: `shingles`, or for a text of `LONG`
    runs or more only its runs of three, which are rarer than its words and pairs: an
    edited paragraph keeps most of them, and they are a third of what `shingles` gives.

    `indexed_runs_slow` says the same as a filter of `shingles`; this makes the runs of
    three first, and the words and pairs only when those are too few to decide: most
    of a memory is paragraphs, whose pairs would be made only to be thrown away."""
    words = split_words(text)
    triples = set(map(" ".join, zip(words, words[1:], words[2:], strict=False)))
    if len(triples) >= LONG:
        return triples
    runs = triples.union(words, map(" ".join, pairwise(words)))
    return runs if len(runs) < LONG else triples


def indexed_runs_slow(text: str) -> set[str]:
    """`indexed_runs` as it is defined: the slow twin, for tests."""
    runs = shingles(text)
    return runs if len(runs) < LONG else {run for run in runs if run.count(" ") == 2}
