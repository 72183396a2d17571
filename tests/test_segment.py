"""Segments: one per leaf block, with the exact source span and its container prefixes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fuzz_support import documents
from locpipe.config import DIALECTS as DIALECT_NAMES
from locpipe.errors import LocpipeError
from locpipe.markdown import segment as segmentation
from locpipe.markdown.dialects import GFM, Dialect, dialect_named
from locpipe.markdown.segment import (
    Document,
    Segment,
    decode,
    read_document,
    segment_text,
    split_row,
)
from pipeline_support import ARTICLE, DIALECT_CORPUS, ROOT, corpus, corpus_dialect


def spans(doc: Document) -> list[tuple[str, str, int, str, tuple[str, ...]]]:
    """(kind, msgid, line, source span, prefixes) of every segment."""
    return [(s.kind, s.msgid, s.line, doc.text[s.start:s.end], s.prefixes)
            for s in doc.segments]


def test_the_article() -> None:
    doc = read_document(ROOT / ARTICLE, ROOT, ROOT / "content", ("title", "description"))
    assert (doc.path, doc.slug, doc.bom) == (ARTICLE, "how-does-acupuncture-work", False)
    kinds = [s.kind for s in doc.segments]
    assert kinds[:3] == ["front matter", "front matter", "paragraph"]
    assert kinds.count("heading") == 5
    assert kinds[-1] == "block quote"
    assert doc.segments[0].context == "title"
    assert doc.segments[0].msgid == "How Does Acupuncture Work?"
    assert doc.segments[-1].msgid.startswith("Please note: Individual responses")
    assert all(s.context is None for s in doc.segments[2:])
    lines = doc.text.splitlines()
    for segment in doc.segments[2:]:
        assert segment.msgid in lines[segment.line - 1]


def test_block_quotes_with_a_lazy_line_and_nesting() -> None:
    doc = segment_text("> First line\n> second line\nlazy line\n\n> > nested\n> > quote\n", "a.md")
    assert spans(doc) == [
        ("block quote", "First line second line lazy line", 1,
         "First line\n> second line\nlazy line", ("> ", "")),
        ("block quote", "nested quote", 5, "nested\n> > quote", ("> > ",)),
    ]


def test_list_items_nested_and_ordered() -> None:
    text = "- item one\n  continued\n  - nested item\n    more\n\n1. ordered\n   next\n"
    doc = segment_text(text, "a.md")
    assert spans(doc) == [
        ("list item", "item one continued", 1, "item one\n  continued", ("  ",)),
        ("list item", "nested item more", 3, "nested item\n    more", ("    ",)),
        ("list item", "ordered next", 6, "ordered\n   next", ("   ",)),
    ]


def test_table_cells_with_an_escaped_pipe_and_an_empty_cell() -> None:
    doc = segment_text("| A | B \\| C |\n|---|---|\n| 1 | `x` |\n|  | empty |\n", "a.md")
    assert [(k, m, n, src) for k, m, n, src, _ in spans(doc)] == [
        ("table header", "A", 1, "A"),
        ("table header", "B \\| C", 1, "B \\| C"),
        ("table cell", "1", 3, "1"),
        ("table cell", "`x`", 3, "`x`"),
        ("table cell", "empty", 4, "empty"),
    ]
    assert all(s.single_line for s in doc.segments)


def test_code_html_and_reference_definitions_are_copied_not_extracted() -> None:
    text = ("    indented code\n\n```py\nfenced code\n```\n\n<div>\nhtml block\n</div>\n\n"
            "[ref]: https://example.com\n\n<!-- comment -->\n")
    assert segment_text(text, "a.md").segments == []


def test_soft_breaks_unwrap_with_a_space_between_latin_words_only() -> None:
    doc = segment_text("中文段落\n第二行\nLatin\nwords\n", "a.md")
    assert doc.segments[0].msgid == "中文段落第二行 Latin words"


def test_hard_breaks_stay_in_the_msgid() -> None:
    doc = segment_text("one  \ntwo\\\nthree\n", "a.md")
    assert doc.segments[0].msgid == "one  \ntwo\\\nthree"


def test_headings_atx_and_setext() -> None:
    doc = segment_text("Title\nline two\n=====\n\n## ATX ##\n", "a.md")
    assert [(s.msgid, s.single_line) for s in doc.segments] == [
        ("Title line two", False), ("ATX", True)]
    assert doc.text[doc.segments[1].start:doc.segments[1].end] == "ATX"


def test_footnotes() -> None:
    doc = segment_text("Text[^1].\n\n[^1]: The note\n    continues.\n", "a.md")
    assert spans(doc) == [
        ("paragraph", "Text[^1].", 1, "Text[^1].", ()),
        ("footnote", "The note continues.", 3, "The note\n    continues.", ("    ",)),
    ]


def test_front_matter_fields_are_segments_with_a_context() -> None:
    text = "---\ntitle: A title\nauthor: Someone\ndescription: ' '\n---\n\nBody.\n"
    doc = segment_text(text, "a.md", front_matter_keys=("title", "author", "description"))
    assert [(s.context, s.msgid, s.line) for s in doc.segments] == [
        ("title", "A title", 2), ("author", "Someone", 3), (None, "Body.", 7)]


def test_a_front_matter_field_that_is_not_text_is_an_error_naming_the_line() -> None:
    with pytest.raises(LocpipeError) as caught:
        segment_text("---\ntitle: T\ndescription: 42\n---\n", "content/a.md")
    assert (caught.value.path, caught.value.line) == ("content/a.md", 3)
    assert "'description' must be text" in caught.value.message


def test_byte_order_mark_and_crlf() -> None:
    doc = segment_text("\ufeff# Title\r\n\r\nPara\r\nline\r\n", "a.md")
    assert doc.bom and not doc.text.startswith("\ufeff")
    assert doc.newline == "\r\n"
    assert spans(doc) == [("heading", "Title", 1, "Title", ()),
                          ("paragraph", "Para line", 3, "Para\r\nline", ("",))]


def test_identical_text_is_one_segment_per_place() -> None:
    doc = segment_text("Same.\n\nSame.\n\n- Same.\n", "a.md")
    assert [(s.kind, s.line) for s in doc.segments] == [
        ("paragraph", 1), ("paragraph", 3), ("list item", 5)]


def test_text_that_is_not_utf8_is_refused_with_its_line() -> None:
    with pytest.raises(LocpipeError) as caught:
        decode("line one\nline two \xe9\n".encode("latin-1"), "content/a.md")
    assert (caught.value.path, caught.value.line) == ("content/a.md", 2)
    assert "not UTF-8" in caught.value.message


@pytest.mark.parametrize(("row", "cells"), [
    ("| a | b |", [(2, "a"), (6, "b")]),
    ("a | b", [(0, "a"), (4, "b")]),
    ("| a \\| b | c |", [(2, "a \\| b"), (11, "c")]),
    ("| a \\\\| b |", [(2, "a \\\\"), (8, "b")]),
])
def test_split_row(row: str, cells: list[tuple[int, str]]) -> None:
    assert split_row(row) == cells


# The fast path of `_inline_segment` for a paragraph written as its text

def _both_ways(source: str, dialect: Dialect = GFM) -> tuple[Document, Document]:
    fast = segment_text(source, "a.md", dialect=dialect)
    original = segmentation.FAST
    segmentation.FAST = False
    try:
        return fast, segment_text(source, "a.md", dialect=dialect)
    finally:
        segmentation.FAST = original


def test_the_spanned_paragraph_is_the_general_path_s_on_the_commonmark_examples() -> None:
    for case in corpus():
        fast, slow = _both_ways(case["markdown"])
        assert fast.segments == slow.segments, case["example"]


def test_the_spanned_paragraph_is_the_general_path_s_on_the_dialect_corpus() -> None:
    pages = sorted(DIALECT_CORPUS.rglob("*.md")) if DIALECT_CORPUS.is_dir() else []
    if not pages:
        pytest.skip(f"the dialect corpus is missing: {DIALECT_CORPUS}")
    for page in pages:
        name = page.relative_to(DIALECT_CORPUS).as_posix()
        fast, slow = _both_ways(page.read_text(encoding="utf-8"), corpus_dialect(name))
        assert fast.segments == slow.segments, name


@settings(max_examples=300, deadline=None)
@given(source=documents(dialects=True), dialect=st.sampled_from(sorted(DIALECT_NAMES)))
@example(source="a  \nb\\\nc\n", dialect="gfm")
@example(source="a\r\nb\n", dialect="gfm")
@example(source=" a\n b \t\n\n", dialect="gfm")
def test_the_spanned_paragraph_is_the_general_path_s(source: str, dialect: str) -> None:
    fast, slow = _both_ways(source, dialect_named(dialect))
    assert fast.segments == slow.segments


def test_the_spanned_paragraph_answers_for_a_long_wrapped_paragraph(
        monkeypatch: pytest.MonkeyPatch) -> None:
    answered: list[Segment | None] = []
    spanned = segmentation._spanned_paragraph

    def spy(*args: Any) -> Segment | None:
        answered.append(spanned(*args))
        return answered[-1]

    monkeypatch.setattr(segmentation, "_spanned_paragraph", spy)
    text = "# Title\n\n" + "\n".join(f"Line {i} 中文 *x*  " for i in range(200)) + "\n"
    fast, slow = _both_ways(text)
    assert answered and answered[0] is not None
    assert fast.segments == slow.segments and len(fast.segments[1].prefixes) == 199
