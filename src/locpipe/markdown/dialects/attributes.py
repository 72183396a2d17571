"""Attribute lists: `## Props {#props}` (VitePress, Hugo, Docusaurus, mdBook) and
`{ .class }` after a block (Python-Markdown's attr_list in MkDocs, Hugo's block
attributes).

Nothing to parse: to CommonMark they are text at the end of a heading or paragraph.
Segmentation leaves them out of the text and copies them (`attribute_tail`); a
translation may not add one.
"""

from __future__ import annotations

import re

from locpipe.markdown.dialects.base import Extension

# `{#id}`, `{ #id .class key=value }`, `{: .class }`: an id, class or key first.
_ATTRIBUTES = r"\{:?[ \t]*(?:[#.]\\?[\w-]|[\w-]+=)[^{}\r\n]*\}"
_TAIL = re.compile(rf"[ \t]*{_ATTRIBUTES}[ \t]*$")
_LINE = re.compile(rf"[ \t]*{_ATTRIBUTES}[ \t]*")


def attribute_tail(text: str) -> int:
    """Length of the attribute list that ends `text` (with the blanks before it), or 0."""
    match = _TAIL.search(text)
    return len(text) - match.start() if match else 0


def attribute_line(text: str) -> bool:
    """Whether `text` is nothing but an attribute list (Hugo's block attributes)."""
    return _LINE.fullmatch(text) is not None


EXTENSIONS = {"heading_attrs": Extension(), "attr_list": Extension()}
