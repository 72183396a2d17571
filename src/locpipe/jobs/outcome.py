"""What a job did to the files of a project, for the command line to report."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

E = TypeVar("E")


BACK = 4
"""How many of the paths before one it may be written against: a build writes each
article's editions one language after another, so the path most like an edition's
is the same language's of the article before, `len(locales)` back."""


@dataclass
class PathList:
    """Paths in the order added, kept as one block of UTF-8: each path as which of the
    `BACK` paths before it it is most like (one byte), the length of what it shares
    with that one (one byte, up to 255), the rest, and a NUL (which no path holds).
    A cold build of 30,000 articles writes 60,000 files, each of whose paths differs
    from one just before only in its last few letters: a list of their strings was
    about 8 MB of what the run holds at its peak, a block of whole paths 4 MB."""

    _lines: bytearray = field(default_factory=bytearray)
    _count: int = 0
    _last: list[bytes] = field(default_factory=list)
    """The last `BACK` paths added, the latest first, which the next is written against."""
    _first: list[bytes] = field(default_factory=list)
    """The first `BACK` paths, written against nothing before them: a list joined to
    another is written again against that one's (`__iadd__`), without decoding."""
    _first_end: int = 0
    """Where the lines after `_first` begin."""

    def append(self, path: str) -> None:
        self._add(path.encode("utf-8", "surrogateescape"))

    def _add(self, path: bytes) -> None:
        back = shared = 0
        for i, last in enumerate(self._last):
            alike = _shared(last, path)
            if alike > shared:
                back, shared = i, alike
        self._lines += bytes((back, shared)) + path[shared:] + b"\0"
        self._last.insert(0, path)
        del self._last[BACK:]
        if self._count < BACK:
            self._first.append(path)
            self._first_end = len(self._lines)
        self._count += 1

    def __iadd__(self, other: PathList) -> PathList:
        for path in other._first:  # the rest only look back to paths within `other`
            self._add(path)
        if other._count > BACK:
            self._lines += memoryview(other._lines)[other._first_end:]
            self._count += other._count - BACK
            self._last = list(other._last)
        return self

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        for path in _decoded(self._lines):
            yield path.decode("utf-8", "surrogateescape")


def _decoded(lines: bytes | bytearray) -> Iterator[bytes]:
    """The paths of a `PathList`'s block, as bytes."""
    lines, start, last = bytes(lines), 0, list[bytes]()
    while start < len(lines):
        end = lines.index(b"\0", start + 2)
        back, shared = lines[start], lines[start + 1]
        path = last[back][:shared] + lines[start + 2:end] if shared else lines[start + 2:end]
        yield path
        last.insert(0, path)
        del last[BACK:]
        start = end + 1


def _shared(a: bytes, b: bytes) -> int:
    """How many bytes `a` and `b` begin with alike, up to 255 (what one byte holds):
    from the first differing bit of the two as numbers, without a loop over bytes."""
    n = min(len(a), len(b), 255)
    differ = int.from_bytes(a[:n], "big") ^ int.from_bytes(b[:n], "big")
    return n - (differ.bit_length() + 7) // 8


@dataclass
class Outcome:
    """What a job did, for the command line to report."""

    written: PathList = field(default_factory=PathList)
    """Paths of the files written, for `--verbose`."""
    unchanged: int = 0
    """How many files were found as they should be: a count, since a rerun of a large
    project finds thousands and reports only their number."""
    warnings: list[str] = field(default_factory=list)

    def add(self, other: Outcome) -> None:
        self.written += other.written
        self.unchanged += other.unchanged
        self.warnings += other.warnings


@dataclass
class Finished(Generic[E]):
    """One document's part of a job, and what the cache keeps of it."""

    outcome: Outcome
    entry: E
    """The document's cache entry for the next run."""
    line: str = ""
    """The entry's line in the last run's cache, when it was read from there: written
    back as it was, without encoding it again."""


def record(outcome: Outcome, path: Path, written: bool) -> None:
    if written:
        outcome.written.append(str(path))
    else:
        outcome.unchanged += 1
