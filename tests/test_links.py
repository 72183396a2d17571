"""The links and images of an article, read by the dialect's parser."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzz_support import documents
from locpipe.config import DIALECTS
from locpipe.markdown.dialects import Dialect, dialect_named
from locpipe.markdown.links import Link, links, parsed_links
from locpipe.markdown.segment import segment_text
from pipeline_support import DIALECT_CORPUS, corpus, corpus_dialect


def test_links_and_images_with_their_lines() -> None:
    text = ("+++\ntitle = \"T\"\n+++\n\nText with [a link](a.md)\nand ![an\nimage](b.png) "
            "then [c][ref].\n\n    ![indented code](no.png)\n\n[ref]: c.pdf\n")
    assert links(segment_text(text, "a.md")) == [
        Link("a.md", 5, False), Link("b.png", 6, True), Link("c.pdf", 7, False)]


def test_the_dialect_s_blocks_are_read_and_code_is_not() -> None:
    text = ('!!! note "Title"\n\n    ![inside a note](note.png)\n\n'
            "```\n![in a fence](fence.png)\n```\n")
    mkdocs = segment_text(text, "a.md", dialect=dialect_named("mkdocs"))
    assert links(mkdocs) == [Link("note.png", 3, True)]
    # To plain GFM the note's body is an indented code block: nothing to copy.
    assert links(segment_text(text, "a.md")) == []


# The fast path (the segmentation's parse, inline text parsed only where a link can
# start) against its slow twin (a full parse of the body of its own).

DIALECT_NAMES = tuple(DIALECTS)
PAGES = sorted(p.relative_to(DIALECT_CORPUS).as_posix() for p in DIALECT_CORPUS.rglob("*")
               if p.suffix in (".md", ".mdx")) if DIALECT_CORPUS.is_dir() else []


def _agree(text: str, dialect: Dialect) -> list[Link]:
    doc = segment_text(text, "a.md", dialect=dialect)
    fast = links(doc)
    assert fast == parsed_links(doc)
    return fast


def test_the_fast_path_agrees_on_the_commonmark_examples() -> None:
    found = 0
    for dialect in (dialect_named("commonmark"), dialect_named("gfm")):
        for example in corpus():
            found += len(_agree(example["markdown"], dialect))
    assert found > 200  # the examples are full of links: the comparison compared some


@pytest.mark.skipif(not PAGES, reason=f"the dialect corpus is missing: {DIALECT_CORPUS}")
def test_the_fast_path_agrees_on_every_dialect_page() -> None:
    found = 0
    for page in PAGES:
        text = (DIALECT_CORPUS / page).read_text(encoding="utf-8")
        found += len(_agree(text, corpus_dialect(page)))
    assert found > 1000


@settings(max_examples=400, deadline=None)
@given(documents(dialects=True), st.sampled_from(DIALECT_NAMES))
def test_the_fast_path_agrees_on_random_documents(text: str, name: str) -> None:
    _agree(text.removeprefix("\ufeff"), dialect_named(name))


def test_a_reference_defined_later_is_found_by_both() -> None:
    text = "See [the guide][g] and <https://example.com>.\n\n[g]: ./guide.pdf\n"
    assert _agree(text, dialect_named("gfm")) == [
        Link("./guide.pdf", 1, False), Link("https://example.com", 1, False)]
