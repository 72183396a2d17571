"""Text facts shared by the stages: CJK characters, line breaks, unwrapping."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

# Han, kana, bopomofo, CJK punctuation and full-width forms: scripts written
# without spaces, where a soft line break must not become a space.
_CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003134f"
)
CJK_CHAR = re.compile(f"[{_CJK}]")
HIDDEN_MARKUP = re.compile(
    r"\]\([^()\s]*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)|<[^<>\n]*>|\[\^[^\]\s]*\]")
"""What inline Markdown shows no reader: link destinations and titles, HTML tags and
footnote labels (a regular expression, not a parse: for word counts and reading times)."""
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*")
"""A word of a script written with spaces: letters joined by apostrophes or hyphens
(`don't`, `well-being`), or a number with its separators (`3.5`, `1,000`)."""
_LINE = re.compile(r"[^\r\n]*(\r\n|\r|\n|$)")
# The pattern `is_hard_break` reads from the end; its slow twin in the tests.
_HARD_BREAK = re.compile(r"(?:  +|(?<!\\)(?:\\\\)*\\)$")


def is_cjk(char: str) -> bool:
    return bool(char) and CJK_CHAR.match(char) is not None


def is_cjk_locale(locale: str) -> bool:
    """Whether a locale writes without spaces between words (its editions join lines)."""
    return locale.split("_")[0] in {"zh", "ja", "yue", "wuu", "lzh"} or is_cjk(locale[:1])


@dataclass(frozen=True)
class Line:
    """One source line."""

    start: int
    """Offset of its first character in the document."""
    end: int
    """Offset just past its last character, before the line ending."""
    eol: str
    """Its line ending: `\\n`, `\\r\\n`, `\\r` or empty at the end of the text."""


def split_lines(text: str) -> list[Line]:
    """Lines with their offsets; markdown-it counts `\\r\\n`, `\\r` and `\\n` alike."""
    return [Line(*span) for span in _line_spans(text)]


class LineTable(Sequence[Line]):
    """`split_lines(text)` kept as two arrays of offsets, each `Line` made when asked
    for: a list of them takes about 160 bytes a line, 18 MB for an 8 MB paragraph
    wrapped at 72 columns, where the arrays take 16 bytes a line.
    `tests/test_text.py` compares the two."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts, self._ends = array("q"), array("q")
        for line in _line_spans(text):
            self._starts.append(line[0])
            self._ends.append(line[1])

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> Line: ...

    @overload
    def __getitem__(self, index: slice) -> list[Line]: ...

    def __getitem__(self, index: int | slice) -> Line | list[Line]:
        if isinstance(index, slice):
            return [self._line(i) for i in range(*index.indices(len(self)))]
        return self._line(range(len(self))[index])

    def _line(self, i: int) -> Line:
        end = self._ends[i]
        eol = 2 if self._text.startswith("\r\n", end) else int(end < len(self._text))
        return Line(self._starts[i], end, self._text[end:end + eol])


def _line_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Start, end and line ending of each line, as `split_lines` lists them."""
    for match in _LINE.finditer(text):
        if match.start() == len(text) and match.start() > 0:
            return
        eol = match.group(1)
        yield match.start(), match.end() - len(eol), eol


def is_hard_break(line: str) -> bool:
    """Whether a Markdown line ends in a hard break (two spaces or a backslash).

    Read from the end: `_HARD_BREAK.search` tries every position of the text, and
    `unwrap` asks about the text joined so far, so a paragraph of many lines took
    time quadratic in its length (1 MB on 72-column lines: minutes). The same
    answer: `tests/test_text.py` compares the two.
    """
    ends = (line, line[:-1]) if line.endswith("\n") else (line,)  # `$` also before a last \n
    return any(end.endswith("  ") or (len(end) - len(end.rstrip("\\"))) % 2 == 1
               for end in ends)


def join_soft(left: str, right: str) -> str:
    """Join two lines across a soft break: a space, except between CJK characters."""
    left, right = left.rstrip(" \t"), right.lstrip(" \t")
    if left and right and is_cjk(left[-1]) and is_cjk(right[0]):
        return left + right
    return f"{left} {right}"


def unwrap(lines: Iterable[str]) -> str:
    """Inline Markdown lines as one string: soft breaks joined, hard breaks kept.

    The same text as joining line by line with `join_soft` (its slow twin in
    `tests/test_text.py`), but in pieces: a join that copies the text so far, and
    a strip or hard-break test of all of it, once per line, took time quadratic in
    the length of a paragraph of many lines (1 MB on 72 columns: 2 of extract's 8 s).
    """
    rest = iter(lines)  # a long paragraph's lines may come one at a time
    first = next(rest, None)
    if first is None:
        return ""
    parts = [first]
    for line in rest:
        right = line.lstrip(" \t")
        if is_hard_break(_tail(parts)):
            parts += ["\n", right]
            continue
        while parts and not parts[-1].rstrip(" \t"):
            parts.pop()  # `join_soft` strips the whole text so far
        if parts:
            parts[-1] = parts[-1].rstrip(" \t")
        if parts and right and is_cjk(parts[-1][-1]) and is_cjk(right[0]):
            parts.append(right)
        else:
            parts += [" ", right]
    return "".join(parts)


def _tail(parts: list[str]) -> str:
    """The end of `"".join(parts)` that decides `is_hard_break`: back to the last piece
    holding a character other than a space, a tab, a backslash or a line break."""
    taken: list[str] = []
    for part in reversed(parts):
        taken.append(part)
        if any(char not in " \t\\\n" for char in reversed(part)):
            break
    return "".join(reversed(taken))


def unwrap_text(text: str) -> str:
    """`unwrap` for a string a translator may have broken over lines."""
    return unwrap(text.split("\n")) if "\n" in text else text
