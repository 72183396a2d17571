"""The one Markdown grammar: every parser locpipe runs is made here.

Segmentation, the structure guard of `build`, `check`'s Markdown rules and the
benchmarks' floor all parse with the parsers below, built from `grammar`, so
what a build verifies is what a check reads. A dialect is a change to
`grammar`, never a parser of its own somewhere else (`tests/test_house.py`
fails on a `MarkdownIt(` outside this module).
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin


def grammar() -> MarkdownIt:
    """CommonMark plus tables, strikethrough and footnotes (what sites commonly use).

    A new parser each call: `use` and `disable` change the parser they are called on.
    """
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin)


@cache
def full_parser() -> MarkdownIt:
    """Blocks and inline text: what a reader of the rendered page sees."""
    return grammar()


@cache
def block_parser() -> MarkdownIt:
    """Block structure only: no inline parsing, and footnote definitions left where
    they are written (footnote_tail would drop unreferenced ones)."""
    return grammar().disable(["inline", "footnote_tail"])


@cache
def code_span_parser() -> MarkdownIt:
    """Telling literal backticks from code spans, without the inline rules that never
    take a backtick (emphasis, strikethrough, line breaks)."""
    return grammar().disable(["emphasis", "strikethrough", "newline"])


@cache
def document_block_parser() -> MarkdownIt:
    """`block_parser` for a whole file, its YAML front matter read as one block, so that
    line maps and reference definitions are those of the file as written."""
    return grammar().use(front_matter_plugin).disable(["inline", "footnote_tail"])
