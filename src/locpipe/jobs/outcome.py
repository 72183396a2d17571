"""What a job did to the files of a project, for the command line to report."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from locpipe.jobs.files import write_text_atomic

E = TypeVar("E")


@dataclass
class PathList:
    """Paths in the order added, kept as one block of UTF-8: each path as the length of
    what it shares with the one before (one byte, up to 255), the rest, and a NUL (which
    no path holds). A cold build of 30,000 articles writes 60,000 files, whose paths
    differ from the one before only in their last names: a list of their strings was
    about 8 MB of what the run holds at its peak, a block of whole paths 4 MB, this 2."""

    _lines: bytearray = field(default_factory=bytearray)
    _count: int = 0
    _last: bytes = b""
    """The last path added, which the next one is written against."""

    def append(self, path: str) -> None:
        self._add(path.encode("utf-8", "surrogateescape"))

    def _add(self, path: bytes) -> None:
        shared = _shared(self._last, path)
        self._lines += bytes((shared,)) + path[shared:] + b"\0"
        self._last = path
        self._count += 1

    def __iadd__(self, other: PathList) -> PathList:
        if not other._count:
            return self
        end = other._lines.index(b"\0", 1)  # the first path shares nothing: it is whole
        self._add(bytes(other._lines[1:end]))
        self._lines += other._lines[end + 1:]
        self._count += other._count - 1
        self._last = other._last
        return self

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        lines, start, last = bytes(self._lines), 0, b""
        while start < len(lines):
            end = lines.index(b"\0", start + 1)
            last = last[:lines[start]] + lines[start + 1:end]
            yield last.decode("utf-8", "surrogateescape")
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


def write_if_changed(path: Path, text: str, outcome: Outcome) -> None:
    if path.exists() and path.read_bytes() == text.encode("utf-8"):
        outcome.unchanged += 1
        return
    write_text_atomic(path, text)
    outcome.written.append(str(path))
