"""What a job did to the files of a project, for the command line to report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from locpipe.jobs.cache import Cache
from locpipe.jobs.files import write_text_atomic


@dataclass
class Outcome:
    """What a job did, for the command line to report."""

    written: list[str] = field(default_factory=list)
    """Paths of the files written (strings: a large project has many)."""
    unchanged: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)
    """Cache entries of the documents this outcome covers, on their way to the cache."""

    def add(self, other: Outcome) -> None:
        self.written += other.written
        self.unchanged += other.unchanged
        self.warnings += other.warnings
        self.cache.update(other.cache)

    def keep(self, other: Outcome, cache: Cache) -> None:
        """Add `other`, its cache entries going straight to `cache`."""
        for slug, entry in other.cache.items():
            cache.add(slug, entry)
        other.cache = {}
        self.add(other)


def record(outcome: Outcome, path: Path, written: bool) -> None:
    (outcome.written if written else outcome.unchanged).append(str(path))


def write_if_changed(path: Path, text: str, outcome: Outcome) -> None:
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        outcome.unchanged.append(str(path))
        return
    write_text_atomic(path, text)
    outcome.written.append(str(path))
