"""Domain errors: each one carries where it happened and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class LocpipeError(Exception):
    """A problem with the user's input, reported as one line and exit code 2."""

    message: str
    """What is wrong, as a sentence without a final period."""
    path: Path | str | None = None
    """The file at fault, if there is one."""
    line: int | None = None
    """1-based line in `path`, if known."""
    hint: str | None = None
    """How to fix it."""

    def __reduce__(self) -> tuple[type[LocpipeError], tuple[object, ...]]:
        # Errors raised in worker processes travel back pickled.
        return (type(self), (self.message, self.path, self.line, self.hint))

    def __str__(self) -> str:
        return self.format()

    def format(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}error: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class WorkerLost(LocpipeError):
    """A worker process died (killed, out of memory) while working on a document.

    Not the input's fault, as far as anyone can tell: the command line ends the
    run with its own exit code, not the input errors' one.
    """
