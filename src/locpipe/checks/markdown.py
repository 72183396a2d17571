"""What markdown-it-py makes of a segment: the facts the markup rules compare.

The rules judge a translation on what the parser sees, never on counted
characters: `**` beside full-width punctuation is not emphasis, and `【链接】(url)`
is not a link, however many brackets it has.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, overload

from markdown_it.token import Token

from locpipe.markdown import chunks, fastpath
from locpipe.markdown.dialects import GFM, Dialect
from locpipe.markdown.grammar import document_block_parser, full_parser

HEADING = "heading"
PARAGRAPH = "paragraph"
TABLE_CELL = "table cell"
FRONT_MATTER = "front matter"

_FOOTNOTE_LABEL = re.compile(r"\[\^([^\]\s]+)\]")
_PIPE = re.compile(r"(?<!\\)\|")
# Stand-ins in the reader's text. An image or raw HTML is neither Chinese nor
# Latin, so no typography rule fires next to it; inline code counts as Latin
# for spacing, and its contents (`--flag`, `a,b`) are not prose to judge.
OBJECT = "\ufffc"
CODE = "\ue000"


References = Mapping[str, Mapping[str, str]]
"""Link reference definitions as markdown-it keeps them: normalised label -> href, title."""


@dataclass
class Markup:
    """The inline facts of one segment's text, as markdown-it-py parses it."""

    blocks: tuple[str, ...] = ()
    """Block token types in order (without `inline`): the text's block structure."""
    links: Counter[str] = field(default_factory=Counter)
    """Link destinations, autolinks included."""
    images: Counter[str] = field(default_factory=Counter)
    """Image sources."""
    code: Counter[str] = field(default_factory=Counter)
    """Contents of inline code spans."""
    marks: Counter[str] = field(default_factory=Counter)
    """Parsed emphasis: `em`, `strong` and `s` spans."""
    footnotes: Counter[str] = field(default_factory=Counter)
    """Footnote reference labels."""
    html: list[str] = field(default_factory=list)
    """Raw HTML pieces (inline tags and HTML blocks)."""
    texts: Sequence[str] = field(default_factory=list)
    """Literal text tokens: what the reader sees as characters, markup excluded
    (`Texts` once parsed)."""
    plain: str = ""
    """The reader's text: emphasis markers removed, `CODE` for code, `OBJECT` for the rest."""

    @property
    def urls(self) -> Counter[str]:
        return self.links + self.images


class Texts(Sequence[str]):
    """Literal text tokens as spans of the reader's text, which holds each of them
    whole: a long segment's tokens are not a second copy of it, held by every
    entry's markup through a check. Equal to any sequence of the same strings."""

    def __init__(self, plain: str, spans: array[int]) -> None:
        self.plain = plain
        self.spans = spans
        """Start and end in `plain` of each token, in order."""

    @classmethod
    def of(cls, texts: Sequence[str], pieces: Sequence[str], plain: str) -> Texts:
        """`texts` as spans of `plain`, the join of `pieces`, among which each of
        them is (the same object), in order."""
        spans, found, offset = array("q"), 0, 0
        for piece in pieces:
            # By identity: a piece that is the next text (or an equal string the
            # interpreter shares with it, which slices to the same) is its place.
            if found < len(texts) and piece is texts[found]:
                spans.extend((offset, offset + len(piece)))
                found += 1
            offset += len(piece)
        return cls(plain, spans)

    def __len__(self) -> int:
        return len(self.spans) // 2

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        at = 2 * range(len(self))[index]  # negative indexes, and IndexError, as a list's
        return self.plain[self.spans[at]:self.spans[at + 1]]

    def __iter__(self) -> Iterator[str]:
        spans = self.spans
        return (self.plain[spans[i]:spans[i + 1]] for i in range(0, len(spans), 2))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal to lists, which are unhashable

    def __repr__(self) -> str:
        return repr(list(self))


def parse(text: str, context: str = PARAGRAPH, references: References | None = None,
          dialect: Dialect = GFM) -> Markup:
    """Parse `text` as the content of a block of kind `context`."""
    return _parse(text, context, _freeze(references or {}), dialect)


def _freeze(references: References) -> tuple[tuple[str, str, str], ...]:
    return tuple(sorted((k, v.get("href", ""), v.get("title", ""))
                        for k, v in references.items()))


# Characters that can start inline markup anywhere in a line (or that the parser
# rewrites first: NUL, CR), and ones that can start a block at the beginning of
# one. Text without them parses as itself.
_INLINE_SPECIAL = frozenset("*_`[]<>&\\|~^$\0\r")
_BLOCK_START = frozenset("#>-+*=|0123456789`~< \t")
_PLAIN_BLOCKS = {PARAGRAPH: ("paragraph_open", "paragraph_close"),
                 HEADING: ("heading_open", "heading_close")}


def _is_plain(text: str, context: str) -> bool:
    """True when markdown-it would make `text` one text token in one block.

    A fast path: `_parse` then skips `full_parse`, its slow twin, which
    `tests/test_fastpath.py` compares it with in full. It saves 6% of `check`
    (0.20 s of 3.36 s CPU on 2,000 articles, `python bench/bench_fastpath.py`);
    `LOCPIPE_FAST_PATHS=0` turns it off.
    """
    # The parser strips a block's text as `str.strip` does: any Unicode space
    # (U+3000, U+00A0) at either end is not the reader's text.
    return (context in _PLAIN_BLOCKS and bool(text) and "\n" not in text
            and text[0] not in _BLOCK_START and not text[0].isspace()
            and not text[-1].isspace() and _INLINE_SPECIAL.isdisjoint(text)
            and not (context == HEADING and text.endswith("#")))  # a closing `#` sequence


@lru_cache(maxsize=4096)
def _parse(text: str, context: str, refs: tuple[tuple[str, str, str], ...],
           dialect: Dialect = GFM) -> Markup:
    if fastpath.ENABLED and _is_plain(text, context):
        # Most prose has no markup; markdown-it is the slow part of a check run.
        return Markup(blocks=_PLAIN_BLOCKS[context], texts=[text], plain=text)
    return full_parse(text, context, refs, dialect)


def forget_parses() -> None:
    """Empty `_parse`'s cache: its keys are whole texts, and its values their parts."""
    _parse.cache_clear()


def full_parse(text: str, context: str, refs: tuple[tuple[str, str, str], ...] = (),
               dialect: Dialect = GFM) -> Markup:
    """`parse` without the shortcut for plain text. A long text's inline tokens are read
    piece by piece (`chunks.parse`), never all in memory at once."""
    types: list[str] = []
    markup = Markup()
    plain: list[str] = []
    texts: list[str] = []
    header = False
    for token, children in chunks.parse(full_parser(dialect), _wrap(text, context),
                                        _env(text, refs)):
        types.append(token.type)
        # A table cell is parsed under a one-column header row (`x`) that only makes
        # it a table: the header's text is not the cell's.
        header = token.type == "thead_open" or (header and token.type != "thead_close")
        if token.type == "html_block":
            markup.html.append(token.content.strip())
        for child in () if header else _descendants(children):
            _collect(child, markup, plain, texts)
    markup.blocks = _blocks(types, text, context)
    markup.plain = "".join(plain)
    markup.texts = Texts.of(texts, plain, markup.plain)
    return markup


def _env(text: str, refs: tuple[tuple[str, str, str], ...]) -> dict[str, Any]:
    # Footnote definitions live outside the segment: declare every label the
    # text uses, so `[^1]` parses as a reference and a dropped one shows.
    labels = {":" + label: -1 for label in _FOOTNOTE_LABEL.findall(text)}
    references = {k: {"href": href, "title": title} for k, href, title in refs}
    return {"references": references, "footnotes": {"refs": labels, "list": {}}}


def _wrap(text: str, context: str) -> str:
    if context == HEADING:
        return "# " + text
    if context == TABLE_CELL:
        return "| x |\n| --- |\n| " + text + " |"
    return text


def _blocks(types: list[str], text: str, context: str) -> tuple[str, ...]:
    # The footnote plugin appends a footnote list to any text with a reference:
    # that belongs to the document, not to the segment's structure.
    blocks = tuple(t for t in types if t != "inline" and not t.startswith("footnote"))
    if context == TABLE_CELL:
        # Extra cells in a row are dropped without a trace: count the pipes.
        blocks += (f"cells:{len(_PIPE.findall(text)) + 1}",)
    return blocks


def _descendants(children: Iterable[Token]) -> Iterator[Token]:
    for child in children:
        yield child
        if child.type != "image":
            yield from _descendants(child.children or ())


def _collect(token: Token, markup: Markup, plain: list[str], texts: list[str]) -> None:
    kind = token.type
    if kind == "text":
        texts.append(token.content)
        plain.append(token.content)
    elif kind == "code_inline":
        markup.code[token.content] += 1
        plain.append(CODE)
    elif kind == "link_open":
        markup.links[str(token.attrs.get("href", ""))] += 1
    elif kind == "image":
        markup.images[str(token.attrs.get("src", ""))] += 1
        plain.append(OBJECT)
    elif kind in ("em_open", "strong_open", "s_open"):
        markup.marks[kind.removesuffix("_open")] += 1
    elif kind == "footnote_ref":
        markup.footnotes[str(token.meta.get("label", ""))] += 1
    elif kind == "html_inline":
        markup.html.append(token.content)
        plain.append(OBJECT)
    elif kind in ("softbreak", "hardbreak"):
        plain.append(" ")


def document_references(source: str, dialect: Dialect = GFM) -> dict[str, dict[str, str]]:
    """The link reference definitions of a whole Markdown document."""
    env: dict[str, Any] = {}
    if "]:" not in source:
        return {}
    document_block_parser(dialect).parse(source, env)
    refs = env.get("references", {})
    return {k: {"href": v.get("href", ""), "title": v.get("title", "")} for k, v in refs.items()}
