"""The links and images of an article, as the dialect's parser reads them.

What the site generator renders as a link or an image is what the parser finds:
reference links, links inside containers, admonitions and tabs included, and
nothing inside code. Raw HTML and shortcodes are not read.

`links` reads the parse that segmentation made (`Document.parse`): its block tokens
and reference definitions are the full parse's, so only the inline text that can hold
a link is parsed, with the same inline rules. Every link starts with `[` (inline,
reference and image links) or `<` (autolinks); the dialects add no other (the grammar
has no linkify). Measured on the 2,000 benchmark articles: 4.5 s of CPU for the full
parse, 1.4 s for the inline text with `[` or `<`, about a fifth of a cold `build`.
`parsed_links`, the full parse, is its slow twin (`tests/test_links.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from locpipe.markdown.grammar import full_parser
from locpipe.markdown.segment import BodyParse, Document

_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Link:
    """A link or image destination in an article."""

    target: str
    """The destination as the parser gives it (percent-encoded)."""
    line: int
    """1-based line of the article where it is written."""
    image: bool


def links(doc: Document) -> list[Link]:
    """Every link and image destination of `doc`'s body, in document order."""
    if doc.parse is None:
        return parsed_links(doc)
    return _links(_with_link_children(doc.parse, doc), _first_line(doc))


def parsed_links(doc: Document) -> list[Link]:
    """`links` from a parse of its own: the whole body, block and inline."""
    body_start = doc.front_matter.body_start if doc.front_matter else 0
    return _links(full_parser(doc.dialect).parse(doc.text[body_start:]), _first_line(doc))


def _first_line(doc: Document) -> int:
    body_start = doc.front_matter.body_start if doc.front_matter else 0
    return len(_BREAK.findall(doc.text, 0, body_start)) + 1


def _with_link_children(parse: BodyParse, doc: Document) -> list[Token]:
    """The parse's tokens, each inline token that may hold a link given its children
    (a block-only parse leaves them empty)."""
    md = full_parser(doc.dialect)
    for token in parse.tokens:
        if token.type == "inline" and not token.children and (
                "[" in token.content or "<" in token.content):
            token.children = []
            md.inline.parse(token.content, md, parse.env, token.children)
    return parse.tokens


def _links(tokens: list[Token], first: int) -> list[Link]:
    found: list[Link] = []
    for token in tokens:
        if token.type == "inline" and token.children and token.map is not None:
            found.extend(_inline_links(token.children, first + token.map[0]))
    return found


def _inline_links(children: list[Token], line: int) -> list[Link]:
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
