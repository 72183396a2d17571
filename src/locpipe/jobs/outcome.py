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
    """Paths in the order added, kept as one block of UTF-8, each ended by a NUL (which
    no path holds): a cold build of 30,000 articles writes 60,000 files, and a list of
    their strings was about 8 MB of what the run holds at its peak; this is half."""

    _lines: bytearray = field(default_factory=bytearray)
    _count: int = 0

    def append(self, path: str) -> None:
        self._lines += path.encode("utf-8", "surrogateescape") + b"\0"
        self._count += 1

    def __iadd__(self, other: PathList) -> PathList:
        self._lines += other._lines
        self._count += other._count
        return self

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        for path in bytes(self._lines).split(b"\0")[:-1]:
            yield path.decode("utf-8", "surrogateescape")


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
