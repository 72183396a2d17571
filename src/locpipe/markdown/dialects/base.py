"""What an extension gives the grammar and segmentation (see `dialects`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markdown_it.ruler import RuleOptionsType
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


INTERRUPTS: RuleOptionsType = {"alt": ["paragraph", "reference", "blockquote", "list"]}
"""Rule options for a dialect's block that may start right under a line of text."""


@dataclass(frozen=True)
class Text:
    """Reader-visible text inside a line of structure (a title, a label, a caption)."""

    kind: str
    """How the catalogue names it (`tip container title`)."""
    start: int
    """Column in the opener's source line where the text starts."""
    end: int
    """Column just past it."""
    stops: str = ""
    """Characters a translation may not hold: they would end the text early (a quote)."""


@dataclass(frozen=True)
class Opened:
    """A block of a dialect: the kind its body's paragraphs get, and its texts."""

    kind: str | None
    """How the paragraphs inside are named (`warning container`); None for a leaf."""
    texts: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Extension:
    install: Callable[[MarkdownIt], None] | None = None
    """Adds the syntax to a parser; None when the parser needs nothing (heading ids)."""
    describe: Callable[[Token, str], Opened | None] | None = None
    """Reads an opening or leaf token and its first source line; None if not its own."""


NAME = re.compile(r"[ \t]*([\w-]+)")
"""The name after a fence's markup (`::: warning`, `/// note`)."""


def line_text(state: StateBlock, line: int) -> str:
    """Line `line` of the source, without its indentation or line break."""
    return state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]


def fence_name(token: Token, line: str) -> re.Match[str] | None:
    """The name written after the fence that opened `token`, in its first line."""
    return NAME.match(line, line.find(token.markup) + len(token.markup))


def quoted(line: str, after: int) -> tuple[int, int] | None:
    """Columns of the text inside the first `"..."` at or after column `after`."""
    first = line.find('"', after)
    last = line.rfind('"')
    if first < 0 or last <= first + 1:
        return None
    return first + 1, last


def trimmed(line: str, start: int, end: int) -> tuple[int, int] | None:
    """`start`..`end` without surrounding white space; None if nothing is left."""
    piece = line[start:end]
    if not piece.strip():
        return None
    start += len(piece) - len(piece.lstrip())
    return start, start + len(piece.strip())
