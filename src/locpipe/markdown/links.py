"""The links and images of an article, as the dialect's parser reads them.

What the site generator renders as a link or an image is what the parser finds:
reference links, links inside containers, admonitions and tabs included, and
nothing inside code. Raw HTML and shortcodes are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from locpipe.markdown.grammar import full_parser
from locpipe.markdown.segment import Document

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
    body_start = doc.front_matter.body_start if doc.front_matter else 0
    first = len(_BREAK.findall(doc.text, 0, body_start)) + 1
    found: list[Link] = []
    for token in full_parser(doc.dialect).parse(doc.text[body_start:]):
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
