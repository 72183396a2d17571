"""The links and images of an article, read by the dialect's parser."""

from __future__ import annotations

from locpipe.markdown.dialects import dialect_named
from locpipe.markdown.links import Link, links
from locpipe.markdown.segment import segment_text


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
