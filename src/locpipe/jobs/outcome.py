"""What a job did to the files of a project, for the command line to report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from locpipe.jobs.files import write_text_atomic

E = TypeVar("E")


@dataclass
class Outcome:
    """What a job did, for the command line to report."""

    written: list[str] = field(default_factory=list)
    """Paths of the files written, for `--verbose` (strings: a cold run writes many)."""
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
