"""The one Markdown grammar: every parser locpipe runs is made here.

Segmentation, the structure guard of `build`, `check`'s Markdown rules and the
benchmarks' floor all parse with the parsers below, built from `grammar` for the
project's dialect (`markdown.dialects`), so what a build verifies is what a check
reads and what the site generator renders. A dialect is a set of extensions given
to `grammar`, never a parser of its own somewhere else (`tests/test_house.py` fails
on a `MarkdownIt(` outside this module).
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core.normalize import NEWLINES_RE, NULL_RE
from markdown_it.rules_core.state_core import StateCore
from mdit_py_plugins.front_matter import front_matter_plugin

from locpipe.markdown.dialects import GFM, Dialect


def grammar(dialect: Dialect = GFM) -> MarkdownIt:
    """CommonMark with the dialect's extensions.

    A new parser each call: `use` and `disable` change the parser they are called on.
    """
    md = MarkdownIt("commonmark")
    md.core.ruler.at("normalize", normalize)
    return dialect.install(md)


def normalize(state: StateCore) -> None:
    """markdown-it's `normalize` rule, without copying a text it leaves as it is: its
    pattern also replaces each `\n` with itself, a copy of the whole body (8 MB of
    text take 16 or 32 MB as a str). `tests/test_commonmark.py` compares the two."""
    if "\r" in state.src:
        state.src = NEWLINES_RE.sub("\n", state.src)
    if "\0" in state.src:
        state.src = NULL_RE.sub("\ufffd", state.src)


@cache
def full_parser(dialect: Dialect = GFM) -> MarkdownIt:
    """Blocks and inline text: what a reader of the rendered page sees."""
    return grammar(dialect)


@cache
def block_parser(dialect: Dialect = GFM) -> MarkdownIt:
    """Block structure only: no inline parsing, and footnote definitions left where
    they are written (footnote_tail would drop unreferenced ones)."""
    return _without(grammar(dialect), "inline", "footnote_tail")


@cache
def code_span_parser(dialect: Dialect = GFM) -> MarkdownIt:
    """Telling literal backticks from code spans, without the inline rules that never
    take a backtick (emphasis, strikethrough, line breaks)."""
    return _without(grammar(dialect), "emphasis", "strikethrough", "newline")


@cache
def document_block_parser(dialect: Dialect = GFM) -> MarkdownIt:
    """`block_parser` for a whole file, its YAML front matter read as one block, so that
    line maps and reference definitions are those of the file as written."""
    return _without(grammar(dialect).use(front_matter_plugin), "inline", "footnote_tail")


def _without(md: MarkdownIt, *rules: str) -> MarkdownIt:
    """`md` with those of `rules` it has disabled (a dialect may lack footnotes)."""
    return md.disable(list(rules), ignoreInvalid=True)
