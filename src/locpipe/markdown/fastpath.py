"""Fast paths of assembly: parses `build` skips where it can prove their answer.

Each fast path answers a question its slow twin in `splice` answers by parsing.
`LOCPIPE_FAST_PATHS=0` turns them all off (`ENABLED`, read here and nowhere
else); `assemble(..., fast=False)` does so for one call.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from locpipe.markdown.segment import Document
from locpipe.markdown.text import unwrap_text

ENABLED = os.environ.get("LOCPIPE_FAST_PATHS", "1") != "0"
"""Whether `assemble` takes the fast paths unless told otherwise."""

# What a line may start with and still be nothing but paragraph text: anything but
# white space and the characters that open a block or a table.
_PLAIN_LINE = re.compile(r"[^\s#*+\-_=>`~<|\[0-9][^|\r\n]*")
# Without escapes, links, autolinks, HTML and entities (`&#96;`), only code spans
# decide which backticks are literal.
_HIDES_BACKTICKS = re.compile(r"[\\\[<&]")
_BACKTICK_RUN = re.compile(r"`+")


def plain_text(text: str) -> bool:
    """Whether every line of `text` (a translation, unwrapped) is plain paragraph text:
    parsed alone, it would be the same paragraph."""
    return all(_PLAIN_LINE.fullmatch(line) for line in text.split("\n"))


def plain_splice(doc: Document, written: Mapping[int, str]) -> bool:
    """Whether the splice keeps the block structure with no need to parse it again:
    every line it writes (`written`: segment index -> text) is plain paragraph text.

    Such a line cannot open, close or interrupt a block, be a setext underline or
    a table row (it has no `|`), nor change a container's indentation; so the
    blocks around it end where they ended in the source. Footnotes are left
    out by the caller: a dropped reference changes which definitions show.
    """
    for index, text in written.items():
        if doc.segments[index].context is not None:
            continue  # a front-matter value, written as one YAML scalar
        if not plain_text(unwrap_text(text)):
            return False
    return True


def simple_backticks(text: str) -> bool:
    """Whether only code spans decide which of `text`'s backticks are literal."""
    return _HIDES_BACKTICKS.search(text) is None


def unpaired_backticks(text: str) -> int:
    """The code-span rule alone: a run of n backticks opens a span closed by the next
    run of exactly n; a run with no such closer is literal text."""
    runs = [len(run) for run in _BACKTICK_RUN.findall(text)]
    closer: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        closer[i] = seen.get(runs[i])
        seen[runs[i]] = i
    literal, i = 0, 0
    while i < len(runs):
        end = closer[i]
        if end is None:
            literal += runs[i]
            i += 1
        else:
            i = end + 1
    return literal
