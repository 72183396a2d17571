"""Find the most similar old text for a changed one, in near-linear time.

A merge compares every new text with every old one it could inherit a
translation from. Scoring all pairs is quadratic: 500 changed texts against
500 old ones is 250,000 comparisons. Small pools are still scored whole; large
ones go through an index of words and runs of two and three words (characters,
for CJK) first, and only the few old texts that share the most rare runs with
the new one are scored. An edited paragraph keeps most of its runs, so its old
version is among them.
"""

from __future__ import annotations

import gc
import heapq
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz import fuzz, process

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
        if candidates is None:
            found = process.extractOne(text, self.texts, scorer=fuzz.ratio,
                                       score_cutoff=CUTOFF)
            return None if found is None else found[2]
        best, best_score = None, CUTOFF
        for number in sorted(candidates):
            score = fuzz.ratio(text, self.texts[number], score_cutoff=best_score)
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
