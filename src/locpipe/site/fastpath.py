"""Fast paths of the editions' figures, each beside its slow twin in `editions`.

They follow the Markdown fast paths' switch (`config.FAST_PATHS`,
`LOCPIPE_FAST_PATHS=0`); `tests/test_editions.py` compares each with its twin on
generated text and on the CommonMark examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import filterfalse

from locpipe.config import FAST_PATHS

ENABLED = FAST_PATHS


def count_words(text: str, word: re.Pattern[str]) -> int:
    """`len(word.findall(text))` for `editions`' word pattern, most words uncut by it.

    Skips: matching the pattern over every word. Text splits at white space
    into pieces; a piece of letters alone (`str.isalpha`) is one word, and the
    pattern runs over the other pieces only, joined by spaces. Sound for a
    pattern with no anchors or look-around whose matches hold no white space and
    take a run of letters whole, as `markdown.text.WORD`'s do: no match crosses a
    piece's edge, so the matches are those of each piece alone.

    Measured on the visible text of `bench/bench_pipeline.py`'s articles (least
    CPU time of 5 runs over 1,000 editions, 4.3 million characters): counting
    the words takes 87 ms against 159 ms with the pattern alone, and the whole
    reading time 153 ms against 282 ms, about 0.5 s of CPU for the 4,000 editions
    of a 2,000-article build.
    """
    # A cut at white space cuts no piece: the counts of the parts add up.
    return sum(_count_words(part, word) for part in _parts(text))


def _count_words(text: str, word: re.Pattern[str]) -> int:
    pieces = text.split()
    letters = sum(map(str.isalpha, pieces))
    return letters + len(word.findall(" ".join(filterfalse(str.isalpha, pieces))))


CHUNK = 1 << 16
"""Characters counted at a time: the pieces of one 8 MB paragraph, each a str in a
list, take about nine times the text."""
_SPACE = re.compile(r"\s")
"""What `str.split` splits at (both are `str.isspace`)."""


def reading_counts(texts: Iterable[str], hidden: re.Pattern[str], cjk: re.Pattern[str],
                   word: re.Pattern[str]) -> tuple[int, int]:
    """Words and CJK characters of `editions.visible_text(texts)`, its CJK characters
    replaced by spaces, as `editions.reading_minutes` counts them.

    Skips: the visible text and its copy without CJK, each as long as the texts (a
    translated 8 MB paragraph is two copies of 16 MB). The texts are read a part at a
    time instead, cut where `hidden` matches (the visible text has a space there)
    and before white space: neither pattern's matches cross such a cut.
    """
    words = characters = 0
    for part in _visible_parts(texts, hidden):
        part, found = cjk.subn(" ", part)
        characters += found
        words += _count_words(part, word)
    return words, characters


def _visible_parts(texts: Iterable[str], hidden: re.Pattern[str]) -> Iterator[str]:
    for text in texts:
        start = 0
        for match in hidden.finditer(text):
            yield from _parts(text, start, match.start())
            start = match.end()
        yield from _parts(text, start, len(text))


def _parts(text: str, start: int = 0, stop: int | None = None) -> Iterator[str]:
    """`text[start:stop]` in parts of about CHUNK characters, each cut before a white
    space."""
    stop = len(text) if stop is None else stop
    while stop - start > CHUNK:
        cut = _SPACE.search(text, start + CHUNK, stop)
        if cut is None:
            break
        yield text[start:cut.start()]
        start = cut.start()
    yield text[start:stop]
