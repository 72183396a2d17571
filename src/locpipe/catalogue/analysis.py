"""The leverage analysis translators are quoted and paid by: words per match band.

Every segment still to translate (an occurrence of a template entry without a
published translation) falls in one band, the first that fits, in the order
of `config.BANDS`: a *repetition* when the same source text came earlier in the
run (articles in slug order, entries and their occurrences in template order);
else by its best memory match: *100%* for the same text and msgctxt, then
95-99, 85-94, 75-84 and 50-74 by score, and *no match* below 50. The weighted
word count is each band's words times its weight (`analysis.weights`).

Words are counted as CAT tools count them: what a reader sees of the inline
Markdown (link destinations, HTML tags and footnote labels left out, as for the
reading time), each Han character or kana one word, and in other scripts each
run of letters (joined by apostrophes or hyphens: `don't`, `well-being`) or
number (`3.5`, `1,000`) one word. Punctuation and Markdown markers are not words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from locpipe.catalogue.memory import Memory
from locpipe.catalogue.similar import no_collection
from locpipe.config import BANDS
from locpipe.markdown.text import HIDDEN_MARKUP, WORD

LOWEST = 50.0
"""Below this score a match is no help: the segment is `no match`."""
_FLOORS = ((95.0, "95-99"), (85.0, "85-94"), (75.0, "75-84"), (LOWEST, "50-74"))
_HAN_KANA = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                       "\U00020000-\U0003134f]")
_ZERO = (0,) * len(BANDS)


def count_words(text: str) -> int:
    """Words of one segment, CAT-style: Han characters and kana one each, else `WORD`s."""
    visible = HIDDEN_MARKUP.sub(" ", text)
    characters = len(_HAN_KANA.findall(visible))
    return characters + len(WORD.findall(_HAN_KANA.sub(" ", visible)))


def band_of(score: float | None) -> str:
    """The band of a best memory match (None: nothing scored 50 or more)."""
    if score is None:
        return "no match"
    if score >= 100:
        return "100%"
    return next((name for floor, name in _FLOORS if score >= floor), "no match")


@dataclass(frozen=True)
class Tally:
    """Segments and words per band, in the order of `BANDS`."""

    segments: tuple[int, ...] = _ZERO
    words: tuple[int, ...] = _ZERO

    def __add__(self, other: Tally) -> Tally:
        return Tally(tuple(a + b for a, b in zip(self.segments, other.segments, strict=True)),
                     tuple(a + b for a, b in zip(self.words, other.words, strict=True)))

    def add(self, band: str, words: int) -> Tally:
        index = BANDS.index(band)
        return Tally(_bump(self.segments, index, 1), _bump(self.words, index, words))

    def weighted(self, weights: Sequence[float]) -> float:
        """Words times each band's weight, added up."""
        return sum(words * weight for words, weight in zip(self.words, weights, strict=True))

    @property
    def total_segments(self) -> int:
        return sum(self.segments)

    @property
    def total_words(self) -> int:
        return sum(self.words)


def _bump(values: tuple[int, ...], index: int, by: int) -> tuple[int, ...]:
    return (*values[:index], values[index] + by, *values[index + 1:])


@dataclass(frozen=True)
class Segment:
    """One entry still to translate: its key and how often the article has it."""

    context: str | None
    text: str
    occurrences: int = 1


@dataclass
class Run:
    """One locale's analysis, article after article: what came earlier is remembered."""

    memory: Memory
    seen: set[str] = field(default_factory=set)
    """Source texts analysed so far: the next occurrence of one is a repetition."""

    def article(self, segments: Iterable[Segment]) -> Tally:
        """The tally of one article's segments, in order."""
        tally = Tally()
        with no_collection():  # as in a merge: many lookups, no reference cycles
            for segment in segments:
                tally = self._segment(tally, segment)
        return tally

    def _segment(self, tally: Tally, segment: Segment) -> Tally:
        words = count_words(segment.text)
        first = segment.text not in self.seen
        if first:
            self.seen.add(segment.text)
            match = self.memory.best(segment.context, segment.text, LOWEST)
            tally = tally.add(band_of(None if match is None else match.score), words)
        for _ in range(segment.occurrences - first):
            tally = tally.add("repetitions", words)
        return tally
