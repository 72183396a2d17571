"""The translation memory's word-run index: each run of words -> the texts that have it.

`Memory` numbers its distinct source texts by length and asks this index for the
texts that share a query's rarest runs (words, and runs of two and three words;
characters for CJK). It is built once per memory, on the first fuzzy query.

At 100,000 texts the runs are millions, most of them found once. As a dict of
strings to lists (`postings_slow`, the slow twin) they are millions of objects
scattered over the heap: building and probing it cost more per run the larger it
grows, through cache misses: 14x the time for 10x the texts. Here a run and a
text are one 64-bit integer in a flat array sorted once; the runs themselves are
dropped as soon as they are hashed. Measured with `bench/bench_translation_memory.py`'s
texts (CPU seconds at 10,000 / 100,000 texts): as a dict, build 1.15 / 13.6 s and
lookups 0.32 / 3.38 s (one process); here build 0.62 / 4.89 s and lookups
0.34 / 3.62 s (least of three processes): 7.9x and 10.6x for 10x the texts.
A query finds its runs through a directory of buckets of about `BUCKET` keys
and reads short runs whole, rather than searching the large arrays: at 100,000
texts that took the lookups from 3.82 to 3.62 s.

An entry is a run's hash, its low bits replaced by the text's number (17 bits
at 100,000 texts), so that one plain sort orders the index, without the random
reads of sorting one array by another. Two runs whose hashes agree in the bits
kept (at 100,000 texts, among about 2 million runs, a chance of about one in 60
that any two do) share their texts: a text more among a query's candidates,
each scored exactly. Python's string hash is salted per process, so an index is
never sent to another process: `Memory` drops it when pickled and the other
process builds its own.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

from locpipe.catalogue.similar import no_collection, shingles, split_words

BUCKET = 8
"""Keys per bucket of the index's directory, on average."""
LONG = 21
"""Runs (words, pairs, triples) of a text from which only its triples are indexed and
looked up: eight words and more (an edit of one word leaves three or more of them)."""


@dataclass(frozen=True)
class Postings:
    """The index of a memory's texts, as three arrays."""

    keys: NDArray[np.int64]
    """The distinct hashes of the runs, cut to `64 - bits` bits, ascending."""
    starts: NDArray[np.int64]
    """Run `keys[i]`'s texts are `entries[starts[i]:starts[i + 1]]`."""
    entries: NDArray[np.int64]
    """`keys[i] << bits | number` for each text of run `keys[i]`: ascending, so that
    one sort makes the index, and one search finds where a run's texts reach a
    number, for every run at once."""
    bits: int
    """Bits of an entry that hold the text's number."""
    directory: NDArray[np.int64]
    """Where each bucket of keys starts in `keys` (a bucket: the keys that agree in
    their top bits, about `BUCKET` of them), and where the last one ends."""
    shift: int
    """A key's bucket is `(key >> shift) + len(directory) // 2`."""

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def mask(self) -> int:
        """The bits of an entry that hold the text's number."""
        return (1 << self.bits) - 1

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
        chosen = np.array(ranks, dtype=np.intp)
        starts, ends = self.starts[chosen], self.starts[chosen + 1]
        if not len(chosen) or int((ends - starts).max()) > BUCKET * 8:
            bounds = self.keys[chosen] << self.bits
            places = np.searchsorted(self.entries, np.concatenate((bounds + low, bounds + high)))
            firsts, stops = places[:len(chosen)], places[len(chosen):]
        else:  # short runs, as the rarest mostly are: read them whole, not searched
            numbers, inside = self._rows(self.entries, starts, ends)
            numbers &= self.mask
            firsts = starts + ((numbers < low) & inside).sum(axis=1)
            stops = starts + ((numbers < high) & inside).sum(axis=1)
        return list(zip(firsts.tolist(), stops.tolist(), strict=True))

    def between(self, first: int, stop: int) -> list[int]:
        """The numbers of the texts of `entries[first:stop]`."""
        found: list[int] = (self.entries[first:stop] & self.mask).tolist()
        return found

    def _spans(self, runs: Iterable[str]) -> list[tuple[int, str, int]]:
        found = list(runs)
        if not found or not len(self.keys):
            return []
        wanted = np.fromiter(map(hash, found), dtype=np.int64, count=len(found)) >> self.bits
        bucket = (wanted >> self.shift) + len(self.directory) // 2
        firsts, ends = self.directory[bucket], self.directory[bucket + 1]
        keys, inside = self._rows(self.keys, firsts, ends)
        same = (keys == wanted[:, None]) & inside
        places = firsts + same.argmax(axis=1)
        sizes = (self.starts[places + 1] - self.starts[places]).tolist()
        return [(size, run, place) for run, size, place, ok
                in zip(found, sizes, places.tolist(), same.any(axis=1).tolist(), strict=True)
                if ok]

    @staticmethod
    def _rows(values: NDArray[np.int64], starts: NDArray[np.int64],
              ends: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
        """`values[starts[i]:ends[i]]` as the rows of one array, padded, and which of
        its cells are inside: a few reads of neighbouring memory, where a binary search
        of a large array would make a dozen far apart."""
        width = max(1, int((ends - starts).max()))
        columns = np.arange(width)
        places = np.minimum(starts[:, None] + columns, len(values) - 1)
        return values[places], columns < (ends - starts)[:, None]


def postings(texts: Sequence[str]) -> Postings:
    """The index of `texts`: their runs hashed in one pass, then sorted once."""
    hashes, counts = array("q"), array("q")
    with no_collection():  # the runs made and dropped are many small objects, no cycles
        for text in texts:
            runs = indexed_runs(text)
            hashes.extend(map(hash, runs))
            counts.append(len(runs))
    bits = max(1, (len(texts) - 1).bit_length())
    numbers = np.repeat(np.arange(len(texts), dtype=np.int64),
                        np.frombuffer(counts, dtype=np.int64))
    # The hash's low bits give way to the number: one plain sort orders both.
    entries = np.sort(np.frombuffer(hashes, dtype=np.int64) >> bits << bits | numbers)
    cut = entries >> bits
    new_run = np.concatenate((np.ones(min(len(cut), 1), bool), cut[1:] != cut[:-1]))
    starts = np.append(np.flatnonzero(new_run), len(cut)).astype(np.int64)
    keys = cut[new_run]
    # Buckets of about BUCKET keys, by their top bits: hashes spread evenly.
    top = max(1, min(62 - bits, (len(keys) // BUCKET).bit_length()))
    shift = 63 - bits - top
    buckets = (keys >> shift) + (1 << top)
    directory = np.searchsorted(buckets, np.arange((2 << top) + 1)).astype(np.int64)
    return Postings(keys, starts, entries, bits, directory, shift)


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
