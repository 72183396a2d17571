"""Simplified to Traditional Chinese for a derived catalogue: OpenCC, the glossary, quotes.

`Converter.convert` turns one `msgstr` (inline Markdown) of the source locale into the
derived locale's text. The text is cut into pieces first:

- **kept** pieces, copied byte for byte: code spans, autolinks and raw HTML, link and
  image destinations (with their titles), bare URLs, `{{ interpolations }}`;
- **glossary** pieces: every preferred or accepted glossary form found in the source
  text (with the source locale's exceptions: 气 in 天气 is not the term) is written in
  the target locale's form of the same term, never OpenCC's choice (s2t writes 鍼灸,
  the glossary 針灸);
- every other piece goes through OpenCC (the official C++ library's `opencc` wheel),
  then the region's quotes: “” -> 「」 and ‘’ -> 『』 unless `quotes: keep`.

OpenCC maps Han characters and phrases only, so Markdown's ASCII syntax (`*`, `[`,
`#`, `|`, backslashes) passes through unchanged; `tests/test_convert.py` proves it on
generated Markdown, and `unchanged_markup` re-checks every converted text that has
code, links or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import opencc

from locpipe.catalogue import fastpath
from locpipe.config import Derivation
from locpipe.glossary.terms import Glossary
from locpipe.markdown import chunks
from locpipe.markdown.grammar import full_parser
from locpipe.po.state import DERIVED_NOTE

# Spans no converter may touch, leftmost first. A code span is a run of backticks up
# to the next run of the same length (CommonMark 6.1); a destination is what follows
# `](` up to its `)`, or a reference definition's URL and title.
_KEPT = re.compile(
    r"(?<![`\\])(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`)"   # `code`, ``co`de``
    r"|<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>"             # <https://autolink>
    r"|<[^<>\s@]+@[^<>\s]+>"                                 # <mail@autolink>
    r"|</?[A-Za-z][^<>]*>|<!--.*?-->"                        # raw HTML
    r"|\]\((?:<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"  # ](destination
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"        #   "title")
    r"|\]\[[^\]]*\]"                                           # ][reference label]
    r"|^\[[^\]]+\]:.*$"                                      # [ref]: url "title"
    r"|(?:https?|ftp)://[^\s<>()\[\]`\u3000-\u303f\uff01-\uff5e]+"  # bare URL, up to code
    r"|\{\{.*?\}\}",                                         # {{ interpolation }}
    re.DOTALL | re.MULTILINE,
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_MARKUP = fastpath.MARKS
_LATIN = "A-Za-z0-9\u00c0-\u024f"
_CORNER = {"“": "「", "”": "」", "‘": "『", "’": "』"}
# ‘’ between Latin letters is an apostrophe (Qikan Yin’s), not a quotation mark.
_QUOTES = re.compile(rf"[“”]|‘|(?<![{_LATIN}])’|’(?![{_LATIN}])")


@dataclass(frozen=True)
class Piece:
    """A stretch of one text and what conversion does to it."""

    text: str
    """The text as written in the source locale."""
    kind: str
    """`convert` (OpenCC and quotes), `kept` (copied) or `glossary` (already converted)."""
    replacement: str = ""
    """The glossary's target form, for a `glossary` piece."""


@lru_cache(maxsize=8)
def opencc_converter(config: str) -> opencc.OpenCC:
    """One OpenCC converter per configuration and process: loading one reads its
    dictionaries (milliseconds), converting with it afterwards is cheap."""
    return opencc.OpenCC(config)


class Converter:
    """The conversion of one derived locale, built once per process and glossary."""

    def __init__(self, how: Derivation, target: str, terms: Glossary) -> None:
        self.how = how
        self.target = target
        self._opencc = opencc_converter(how.convert)
        self._glossary = terms
        self._forms = glossary_forms(terms, how.source, target)

    @property
    def label(self) -> str:
        """What the `#.` note of a derived entry names: source locale and configuration."""
        return f"{DERIVED_NOTE}{self.how.source} by OpenCC {self.how.convert}"

    def convert(self, text: str) -> str:
        """`text` of the source locale in the derived locale."""
        return self.convert_checked(text)[0]

    def convert_checked(self, text: str, fast: bool = True) -> tuple[str, bool]:
        """`text` converted, and whether its code spans, links and HTML are as they
        were (`unchanged_markup`, or `fastpath.markup_kept` where it can tell)."""
        if not _HAN.search(text) and not (self.how.quotes == "corner" and _QUOTES.search(text)):
            return text, True  # nothing OpenCC, the glossary or the quotes would change
        pieces = list(self.pieces(text))
        converted = "".join(self._piece(piece) for piece in pieces)
        if fast and fastpath.markup_kept(p.text for p in pieces if p.kind != "kept"):
            return converted, True
        return converted, unchanged_markup(text, converted)

    def pieces(self, text: str) -> Iterator[Piece]:
        """`text` cut into kept, glossary and converted pieces, in order."""
        for chunk, kept in split_kept(text):
            if kept:
                yield Piece(chunk, "kept")
            else:
                yield from self._glossary_pieces(chunk)

    def _glossary_pieces(self, chunk: str) -> Iterator[Piece]:
        if not self._forms or not _HAN.search(chunk):
            yield Piece(chunk, "convert")
            return
        done = 0
        for match in self._glossary.matcher(self.how.source).find(chunk):
            form = self._forms.get((match.term_id, match.form))
            if form is None or match.status not in ("preferred", "variant"):
                continue
            if match.start > done:
                yield Piece(chunk[done:match.start], "convert")
            yield Piece(match.text, "glossary", form)
            done = match.end
        if done < len(chunk):
            yield Piece(chunk[done:], "convert")

    def _piece(self, piece: Piece) -> str:
        if piece.kind == "kept":
            return piece.text
        if piece.kind == "glossary":
            return piece.replacement
        converted = piece.text
        if _HAN.search(converted):
            # OpenCC reads a C string: a NUL would end the text there.
            converted = "\0".join(str(self._opencc.convert(part))
                                   for part in converted.split("\0"))
        return corner_quotes(converted) if self.how.quotes == "corner" else converted


def split_kept(text: str) -> Iterator[tuple[str, bool]]:
    """(chunk, kept) in order: kept chunks are code, URLs, HTML and interpolations."""
    if not any(mark in text for mark in _MARKUP) and "{{" not in text:
        yield text, False
        return
    done = 0
    for match in _KEPT.finditer(text):
        if match.start() > done:
            yield text[done:match.start()], False
        yield match.group(), True
        done = match.end()
    if done < len(text):
        yield text[done:], False


def corner_quotes(text: str) -> str:
    """“” as 「」 and ‘’ as 『』, the Taiwan and Hong Kong house styles; an apostrophe
    between Latin letters stays."""
    return _QUOTES.sub(lambda m: _CORNER[m.group()], text)


def glossary_forms(terms: Glossary, source: str, target: str) -> dict[tuple[str, str], str]:
    """(term id, source form) -> the target form: preferred for preferred, and each
    accepted variant for the variant in the same place of the target's list."""
    forms: dict[tuple[str, str], str] = {}
    for term in terms:
        src, dst = term.forms(source), term.forms(target)
        if src is None or dst is None:
            continue
        forms[(term.id, src.preferred)] = dst.preferred
        for mine, theirs in zip(src.variants, dst.variants, strict=False):
            if not mine.pattern and not theirs.pattern:
                forms[(term.id, mine.text)] = theirs.text
    return forms


def unchanged_markup(source: str, converted: str) -> bool:
    """Whether `converted` has the code spans, link destinations, images and raw HTML
    of `source`, as the Markdown parser reads them: the guard of every conversion."""
    if not any(mark in source for mark in _MARKUP):
        return True
    return _markup(source) == _markup(converted)


def _markup(text: str) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    # A long text's tokens come piece by piece (`chunks.parse`), never all at once.
    for _, children in chunks.parse(full_parser(), text, {}, inline=True):
        for child in children:
            if child.type in ("code_inline", "html_inline"):
                found.append((child.type, child.content))
            elif child.type in ("link_open", "image"):
                found.append((child.type, str(child.attrs.get("href") or child.attrs.get("src"))))
    return found
