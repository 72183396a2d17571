"""The links and images of an article, as the dialect's parser reads them.

What the site generator renders as a link or an image is what the parser finds:
reference links, links inside containers, admonitions and tabs included, and
nothing inside code. Raw HTML and shortcodes are not read.

`file_links` gives the links that may reach a file beside the article (what `build`
copies as assets). Its fast path reads the parse segmentation made instead of parsing
the body again (`fastpath.file_link_tokens`); `parsed_links` is its slow twin.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from markdown_it.token import Token

from locpipe.markdown import chunks, fastpath
from locpipe.markdown.grammar import full_parser
from locpipe.markdown.segment import Document
from locpipe.project import may_reach_file

_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Link:
    """A link or image destination in an article."""

    target: str
    """The destination as the parser gives it (percent-encoded)."""
    line: int
    """1-based line of the article where it is written."""
    image: bool


def file_links(doc: Document, fast: bool | None = None) -> list[Link]:
    """The links and images of `doc`'s body whose destination `may_reach_file`, in
    document order. `fast` takes the fast path; None leaves it to `fastpath.ENABLED`."""
    fast = fastpath.ENABLED if fast is None else fast
    if not fast or doc.parse is None:
        return [link for link in parsed_links(doc) if may_reach_file(link.target)]
    tokens = fastpath.file_link_tokens(doc.parse, doc.dialect)
    return [link for link in _links(tokens, _first_line(doc)) if may_reach_file(link.target)]


def parsed_links(doc: Document) -> list[Link]:
    """Every link and image destination of `doc`'s body, from a parse of its own."""
    return _links(chunks.parse(full_parser(doc.dialect), doc.text[doc.body_start:], {}),
                  _first_line(doc))


def _first_line(doc: Document) -> int:
    return len(_BREAK.findall(doc.text, 0, doc.body_start)) + 1


def _links(tokens: Iterable[chunks.Block], first: int) -> list[Link]:
    found: list[Link] = []
    for token, children in tokens:
        if token.type == "inline" and token.map is not None:
            found.extend(_inline_links(children, first + token.map[0]))
    return found


def _inline_links(children: Iterable[Token], line: int) -> list[Link]:
    found = []
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "image" or child.type == "link_open":
            target = child.attrGet("src" if child.type == "image" else "href")
            if isinstance(target, str) and target:
                found.append(Link(target, line, child.type == "image"))
        if child.type == "image" and child.children:  # the alt text may break lines too
            line += sum(c.type in ("softbreak", "hardbreak") for c in child.children)
    return found
