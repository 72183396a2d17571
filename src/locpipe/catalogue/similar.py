"""Find the most similar old text for a changed one, in near-linear time.

A merge compares every new text with every old one it could inherit a
translation from. Scoring all pairs is quadratic: 500 changed texts against
500 old ones is 250,000 comparisons. Small pools are still scored whole; large
ones go through an index of words and runs of two and three words (characters,
for CJK) first, and only the few old texts that share the most rare runs with
the new one are scored. An edited paragraph keeps most of its runs, so its old
version is among them.

Scoring one pair is itself quadratic in the texts' length (an LCS): two
versions of a 1 MB paragraph took 38 s. Long pairs are scored by `ratio`,
linear in their length: exact where the changes lie in one stretch, a lower
bound otherwise (see `ratio`).
"""

from __future__ import annotations

import gc
import heapq
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

# Babel's Catalog.update uses difflib's 0.6 cut-off: the same bar on rapidfuzz's 0-100 scale.
CUTOFF = 60.0
EXACT_PAIRS = 5_000
"""Up to this many (new, old) pairs every pair is scored: the index would not pay off."""
COMMON = 16
"""A shingle found in more old texts than this says little and would cost a lot."""
RAREST = 8
"""Shingles of the new text looked up: its rarest ones, which say the most."""
CANDIDATES = 8
"""Old texts scored for each new one, the best by shared rare shingles."""

LONG = 4_096
"""A new text longer than this is scored with `ratio`, one pair at a time."""
EXACT_CELLS = 1 << 24
"""Largest product of two changed stretches' lengths scored exactly (about 10 ms)."""
CHUNK = 2_048
"""Length of the aligned pieces a larger changed stretch is scored in."""

_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def split_words(text: str) -> list[str]:
    """The words of `text`, lower-cased; within CJK, which has no spaces, each
    character is a word."""
    words: list[str] = _WORD.findall(text.lower())
    if _CJK.search(text):
        words = [part for word in words
                 for part in (word if _CJK.search(word) else [word])]
    return words


def shingles(text: str) -> set[str]:
    """Words, and runs of two and three neighbouring words (characters, within CJK)."""
    words = split_words(text)
    return {*words, *map(" ".join, pairwise(words)),
            *map(" ".join, zip(words, words[1:], words[2:], strict=False))}


def ratio(a: str, b: str, score_cutoff: float = 0.0) -> float:
    """`fuzz.ratio(a, b)` in time linear in the texts' length, where the slow twin is
    quadratic: exact when the texts differ in a stretch short enough to score
    whole, else a lower bound; 0 below `score_cutoff`.

    A common start and end belong to a longest common subsequence, so stripping
    them keeps the score exact. A longer changed stretch is cut into `CHUNK`-long
    pieces at the same proportional places in both texts; the pieces' common
    subsequences joined are one of the whole, so the score can only be lower.
    """
    total = len(a) + len(b)
    if not total:
        return 100.0
    start = _common_start(a, b)
    end = _common_end(a, b, start)
    a_stop, b_stop = len(a) - end, len(b) - end
    a_size, b_size = a_stop - start, b_stop - start
    if 200 * (start + end + min(a_size, b_size)) < score_cutoff * total:
        return 0.0  # even the best case falls short
    if a_size * b_size <= EXACT_CELLS:
        common = LCSseq.similarity(a[start:a_stop], b[start:b_stop])
    else:
        # The changed stretches are read a piece at a time, never copied whole: an 8 MB
        # paragraph's stretch is 16 MB a copy once a character is Chinese.
        pieces = -(-max(a_size, b_size) // CHUNK)
        common = sum(LCSseq.similarity(x, y) for x, y in zip(
            _pieces(a, start, a_stop, pieces), _pieces(b, start, b_stop, pieces),
            strict=True))
    score = 200 * (start + end + common) / total
    return score if score >= score_cutoff else 0.0


BLOCK = 1 << 16
"""Characters compared at a time when looking for a common start or end: a slice is a
copy, so the first halving step of a long text would copy half of it."""


def _common_start(a: str, b: str, block: int = BLOCK) -> int:
    """Length of the common start: a block at a time, then by halving within the
    first block that differs; each step one C comparison."""
    size = min(len(a), len(b))
    low = 0
    while low < size and a[low:low + block] == b[low:low + block]:
        low = min(low + block, size)
    high = min(low + block, size)
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_end(a: str, b: str, start: int = 0, block: int = BLOCK) -> int:
    """Length of the common end of `a[start:]` and `b[start:]`, found as
    `_common_start` finds a start, from the other end, without reversed copies."""
    size = min(len(a), len(b)) - start
    ends = len(a), len(b)

    def same(low: int, high: int) -> bool:  # the last `high` but the last `low` agree
        return a[ends[0] - high:ends[0] - low] == b[ends[1] - high:ends[1] - low]

    low = 0
    while low < size and same(low, min(low + block, size)):
        low = min(low + block, size)
    high = min(low + block, size)
    while low < high:
        middle = (low + high + 1) // 2
        if same(low, middle):
            low = middle
        else:
            high = middle - 1
    return low


def _pieces(text: str, start: int, stop: int, count: int) -> Iterator[str]:
    """`text[start:stop]` in `count` pieces of (nearly) equal length, one at a time."""
    size = stop - start
    for i in range(count):
        yield text[start + size * i // count:start + size * (i + 1) // count]


@dataclass
class SimilarTexts:
    """The old texts of a merge, ready to be asked for the one most like a new text."""

    texts: Sequence[str]
    queries: int = 1
    """How many texts will be looked up: decides whether the index pays off."""
    _index: dict[str, list[int]] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.queries * len(self.texts) > EXACT_PAIRS:
            index: dict[str, list[int]] = defaultdict(list)
            for number, text in enumerate(self.texts):
                for shingle in shingles(text):
                    index[shingle].append(number)
            self._index = index

    def best(self, text: str) -> int | None:
        """Index of the most similar old text scoring at least `CUTOFF`, or None.

        Ties go to the earliest text, as with scoring every pair.
        """
        candidates = self._candidates(text) if self._index is not None else None
        if len(text) > LONG:
            numbers = range(len(self.texts)) if candidates is None else sorted(candidates)
            return self._best_of(text, numbers, ratio)
        if candidates is None:
            found = process.extractOne(text, self.texts, scorer=fuzz.ratio,
                                       score_cutoff=CUTOFF)
            return None if found is None else found[2]
        return self._best_of(text, sorted(candidates), fuzz.ratio)

    def _best_of(self, text: str, numbers: Sequence[int],
                 scorer: Callable[..., float]) -> int | None:
        """The best-scoring of the old texts `numbers`, ties to the earliest."""
        best, best_score = None, CUTOFF
        for number in numbers:
            score = scorer(text, self.texts[number], score_cutoff=best_score)
            if score and (best is None or score > best_score):
                best, best_score = number, score
        return best

    def _candidates(self, text: str) -> list[int] | None:
        """The old texts sharing the most of the new text's rarest shingles; None,
        to score them all, when no shingle is shared (a one-word text with a typo)
        or every shared one is common (texts made of a few words)."""
        assert self._index is not None
        found = [self._index.get(shingle) for shingle in shingles(text)]
        postings = sorted((numbers for numbers in found if numbers), key=len)[:RAREST]
        if not postings or len(postings[0]) > COMMON:
            return None
        weight: defaultdict[int, float] = defaultdict(float)
        for numbers in postings:
            if len(numbers) <= COMMON:
                for number in numbers:
                    weight[number] += 1 / len(numbers)
        ranked = heapq.nsmallest(CANDIDATES, weight.items(), key=lambda item: (-item[1], item[0]))
        return [number for number, _ in ranked]


@contextmanager
def no_collection() -> Iterator[None]:
    """A merge, or a memory's index, makes many small objects and no reference cycles:
    the collections they trigger would scan every one of them, again and again, for
    nothing.

    Measured with `bench_pipeline.merge_inputs` (every tenth text changed, median of
    five): 1,250 entries 69 -> 63 ms (9%), 5,000 entries 297 -> 226 ms (24%); the gain
    grows with the catalogue, as the collections' scans do. Its slow twin is the same
    merge with the collector on: the result does not depend on it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
