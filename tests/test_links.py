"""The links and images of an article, read by the dialect's parser."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzz_support import documents
from locpipe.config import DIALECTS
from locpipe.markdown.dialects import Dialect, dialect_named
from locpipe.markdown.links import Link, file_links, parsed_links
from locpipe.markdown.segment import segment_text
from locpipe.project import may_reach_file
from pipeline_support import DIALECT_CORPUS, corpus, corpus_dialect


def test_links_and_images_with_their_lines() -> None:
    text = ("+++\ntitle = \"T\"\n+++\n\nText with [a link](a.md)\nand ![an\nimage](b.png) "
            "then [c][ref].\n\n    ![indented code](no.png)\n\n[ref]: c.pdf\n")
    assert file_links(segment_text(text, "a.md")) == [
        Link("a.md", 5, False), Link("b.png", 6, True), Link("c.pdf", 7, False)]


def test_only_links_that_may_reach_a_file_are_given() -> None:
    text = ("[web](https://example.com/a.png) [site](/guide/a.png) [anchor](#top) "
            "<https://example.com> [mail](mailto:a@b.c) [here](a.png) [up](../b.png)\n")
    assert file_links(segment_text(text, "a.md")) == [
        Link("a.png", 1, False), Link("../b.png", 1, False)]


def test_the_dialect_s_blocks_are_read_and_code_is_not() -> None:
    text = ('!!! note "Title"\n\n    ![inside a note](note.png)\n\n'
            "```\n![in a fence](fence.png)\n```\n")
    mkdocs = segment_text(text, "a.md", dialect=dialect_named("mkdocs"))
    assert file_links(mkdocs) == [Link("note.png", 3, True)]
    # To plain GFM the note's body is an indented code block: nothing to copy.
    assert file_links(segment_text(text, "a.md")) == []


# The fast path (the segmentation's parse, inline text parsed only where a link can
# start) against its slow twin (a full parse of the body of its own).

DIALECT_NAMES = tuple(DIALECTS)
PAGES = sorted(p.relative_to(DIALECT_CORPUS).as_posix() for p in DIALECT_CORPUS.rglob("*")
               if p.suffix in (".md", ".mdx")) if DIALECT_CORPUS.is_dir() else []


def _agree(text: str, dialect: Dialect) -> list[Link]:
    doc = segment_text(text, "a.md", dialect=dialect)
    fast = file_links(doc, fast=True)
    assert fast == file_links(doc, fast=False) == [
        link for link in parsed_links(doc) if may_reach_file(link.target)]
    return fast


def test_the_fast_path_agrees_on_the_commonmark_examples() -> None:
    found = 0
    for dialect in (dialect_named("commonmark"), dialect_named("gfm")):
        for example in corpus():
            found += len(_agree(example["markdown"], dialect))
    assert found > 40  # the examples are full of links: the comparison compared some


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
    assert _agree(text, dialect_named("gfm")) == [Link("./guide.pdf", 1, False)]


def test_destinations_that_only_look_like_urls_are_parsed() -> None:
    # An entity, an escape or a percent sign hides what the destination is: parse it.
    text = ("[a](&#104;ttps:x.png) [b](h\\ttp:x.png) [c](ht%74p:x.png) [d](<x y.png>)\n"
            "[e](\n./f.png)\n")
    assert [link.target for link in _agree(text, dialect_named("gfm"))] == [
        "h%5Cttp:x.png", "ht%74p:x.png", "x%20y.png", "./f.png"]
