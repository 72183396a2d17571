"""Reassembly: translations spliced into the source, every other byte copied."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.markdown.fastpath import unpaired_backticks
from locpipe.markdown.grammar import full_parser
from locpipe.markdown.segment import Document, segment_text
from locpipe.markdown.splice import Assembly, _literal_backticks, assemble
from pipeline_support import ARTICLE, ROOT, block_structure


def doc_of(text: str) -> Document:
    return segment_text(text, "content/a.md", front_matter_keys=("title", "description"))


def translate(text: str, translations: dict[str, str], cjk: bool = False,
              context: str | None = None) -> Assembly:
    """Assemble `text` with `translations` given by msgid (body text unless `context`)."""
    return assemble(doc_of(text), {(context, k): v for k, v in translations.items()}, cjk)


def test_identity_gives_the_source_back_byte_for_byte() -> None:
    text = (ROOT / ARTICLE).read_text(encoding="utf-8")
    doc = doc_of(text)
    identity = {(s.context, s.msgid): s.msgid for s in doc.segments}
    for cjk in (False, True):
        result = assemble(doc, identity, cjk)
        assert result.text == text
        assert result.fallbacks == []


def test_no_translations_give_the_source_back() -> None:
    text = "# T\n\nPara\nwrapped *here*.\n\n> quote\n"
    assert assemble(doc_of(text), {}).text == text


def test_translations_replace_only_their_spans() -> None:
    text = "# Title #\n\nKeep  \nme.\n\n    code\n\n[r]: /x 'y'\n\n* item\n"
    result = translate(text, {"Title": "Titel", "item": "Punkt"})
    assert result.text == "# Titel #\n\nKeep  \nme.\n\n    code\n\n[r]: /x 'y'\n\n* Punkt\n"
    assert result.translated == 2


@pytest.mark.parametrize(("source", "msgid", "target", "expected"), [
    ("> one\n> two\n", "one two", "eins  \nzwei", "> eins  \n> zwei\n"),
    ("> > one\n> > two\n", "one two", "eins  \nzwei  \ndrei",
     "> > eins  \n> > zwei  \n> > drei\n"),
    ("- a\n  - one\n    two\n", "one two", "eins\\\nzwei", "- a\n  - eins\\\n    zwei\n"),
    ("1. one\n   two\n", "one two", "eins  \nzwei  \ndrei", "1. eins  \n   zwei  \n   drei\n"),
    # a lazy continuation line keeps its (empty) prefix
    ("> one\ntwo\n", "one two", "eins  \nzwei", "> eins  \nzwei\n"),
    # a one-line source: the prefix is derived from the first line's containers
    ("> - one\n", "one", "eins  \nzwei", "> - eins  \n>   zwei\n"),
    ("- one\n", "one", "eins  \nzwei", "- eins  \n  zwei\n"),
    ("1. one\n", "one", "eins  \nzwei", "1. eins  \n   zwei\n"),
])
def test_container_prefixes_are_reapplied(source: str, msgid: str, target: str,
                                          expected: str) -> None:
    result = translate(source, {msgid: target})
    assert result.fallbacks == []
    assert result.text == expected
    assert block_structure(result.text) == block_structure(source)


def test_soft_breaks_in_a_translation_are_unwrapped_and_hard_breaks_kept() -> None:
    result = translate("Para.\n", {"Para.": "one\ntwo  \nthree\\\nfour"})
    assert result.text == "one two  \nthree\\\nfour\n"


def test_a_hard_break_follows_the_document_line_ending() -> None:
    result = translate("> one\r\n> two\r\n", {"one two": "eins  \nzwei"})
    assert result.text == "> eins  \r\n> zwei\r\n"


def test_byte_order_mark_and_crlf_are_kept() -> None:
    text = "\ufeff---\r\ntitle: T\r\n---\r\n\r\n# Head\r\n\r\nPara\r\nline\r\n"
    assert assemble(doc_of(text), {}).text == text
    result = translate(text, {"Head": "Kopf"})
    assert result.text == text.replace("Head", "Kopf")


class TestCjk:
    """In a CJK edition no line break may fall between two CJK characters."""

    def test_a_translators_line_break_between_cjk_characters_is_removed(self) -> None:
        result = translate("> One\n> two.\n", {"One two.": "第一行\n第二行"}, cjk=True)
        assert result.text == "> 第一行第二行\n"

    def test_a_hard_break_stays(self) -> None:
        result = translate("> One\n> two.\n", {"One two.": "第一行  \n第二行"}, cjk=True)
        assert result.text == "> 第一行  \n> 第二行\n"

    def test_an_untranslated_segment_with_soft_breaks_between_cjk_is_joined(self) -> None:
        source = "Intro.\n\n> 中文段落\n> 第二行\n> Latin\n> words\n\n- 列表\n  继续\n"
        result = translate(source, {}, cjk=True)
        assert result.text == "Intro.\n\n> 中文段落第二行 Latin words\n\n- 列表继续\n"
        assert block_structure(result.text) == block_structure(source)

    def test_the_source_language_edition_keeps_the_authors_wrapping(self) -> None:
        source = "> 中文段落\n> 第二行\n"
        assert translate(source, {}, cjk=False).text == source

    def test_latin_soft_breaks_are_left_alone(self) -> None:
        source = "Latin\nwords 中文\nLatin\n"
        assert translate(source, {}, cjk=True).text == source


PARAGRAPH = "# Heading\n\nA paragraph with `code`.\n\n| A | B |\n|---|---|\n| cell | two |\n"


@pytest.mark.parametrize(("target", "reason"), [
    ("one\n\ntwo", "a blank line would split the block in two"),
    ("# x", "it starts like a heading (`#`)"),
    ("- x", "it starts with a list marker (`-`, `*`, `+`)"),
    ("* x", "it starts with a list marker (`-`, `*`, `+`)"),
    ("1. x", "it starts with a numbered-list marker (`1.`)"),
    ("x  \n1. y", "it starts with a numbered-list marker (`1.`)"),
    ("> x", "it starts with `>`, which makes a block quote"),
    ("```\nx", "it opens a code fence"),
    ("    code", "it starts with four spaces, which makes a code block"),
    ("***", "it is a thematic break"),
    ("<div>", "it starts an HTML block"),
    ("[x]: /u", "it reads as a link reference definition, which is not shown"),
    ("unclosed `code", "a backtick opens a code span that is never closed"),
])
def test_a_translation_that_would_change_the_structure_falls_back(target: str,
                                                                   reason: str) -> None:
    result = translate(PARAGRAPH, {"A paragraph with `code`.": target, "Heading": "Kopf"})
    assert [(f.segment.msgid, f.reason) for f in result.fallbacks] == [
        ("A paragraph with `code`.", reason)]
    assert result.text == PARAGRAPH.replace("Heading", "Kopf")
    assert result.translated == 1


@pytest.mark.parametrize(("msgid", "target", "reason"), [
    ("cell", "a | b", "an unescaped `|` would split the table cell"),
    ("cell", "a  \nb", "a line break would end the heading or table cell early"),
    ("Heading", "a  \nb", "a line break would end the heading or table cell early"),
])
def test_headings_and_cells_stay_on_one_line(msgid: str, target: str, reason: str) -> None:
    result = translate(PARAGRAPH, {msgid: target})
    assert [f.reason for f in result.fallbacks] == [reason]
    assert result.text == PARAGRAPH


@pytest.mark.parametrize("row", ["|c|d|", "c|d"])
def test_a_backslash_before_a_cells_closing_pipe_falls_back(row: str) -> None:
    """markdown-it escapes a `|` after any backslash: the cell would swallow the next
    one, in a body row without changing the block structure."""
    source = f"| A | B |\n|---|---|\n{row}\n"
    result = translate(source, {"c": "C:\\"})
    assert [f.reason for f in result.fallbacks] == [
        "a `\\` at the end would escape the `|` that ends the table cell"]
    assert result.text == source
    spaced = translate("| A | B |\n|---|---|\n| c | d |\n", {"c": "C:\\"})
    assert (spaced.fallbacks, spaced.text) == ([], "| A | B |\n|---|---|\n| C:\\ | d |\n")


def test_an_escaped_pipe_is_fine_in_a_cell() -> None:
    result = translate(PARAGRAPH, {"cell": "a \\| b"})
    assert result.fallbacks == []
    assert "| a \\| b | two |" in result.text


@pytest.mark.parametrize(("value", "plain"), [
    ("Akupunktur: wie sie wirkt", False),
    ('"Zitat" am Anfang', False),
    ("# kein Kommentar", False),
    ("Einfacher Titel", True),
    ("针灸是如何起效的？", True),
])
def test_front_matter_translations_are_quoted_when_yaml_needs_it(value: str,
                                                                  plain: bool) -> None:
    source = "---\ntitle: Title\ndescription: \"Quoted source\"\n---\n\nBody.\n"
    result = assemble(doc_of(source), {("title", "Title"): value,
                                       ("description", "Quoted source"): value})
    head = result.text.split("---")[1]
    assert yaml.safe_load(head) == {"title": value, "description": value}
    assert (f"title: {value}\n" in head) is plain
    assert result.text.endswith("---\n\nBody.\n")


def test_front_matter_text_may_hold_what_would_break_the_body() -> None:
    source = "---\ntitle: Title\n---\n\nBody.\n"
    result = assemble(doc_of(source), {("title", "Title"): "# one\n\ntwo"})
    assert result.fallbacks == []
    assert yaml.safe_load(result.text.split("---")[1]) == {"title": "# one\n\ntwo"}


def test_a_translated_block_scalar_keeps_the_next_field_on_its_own_line() -> None:
    source = "---\ntitle: T\ndescription: >-\n  A folded\n  description\nauthor: A\n---\n\nBody.\n"
    result = assemble(doc_of(source), {("description", "A folded description"): "折叠的描述"})
    assert yaml.safe_load(result.text.split("---")[1]) == {
        "title": "T", "description": "折叠的描述", "author": "A"}
    assert result.text.endswith("\nauthor: A\n---\n\nBody.\n")


def parsed_literal_backticks(text: str) -> int:
    tokens = full_parser().parseInline(text)
    children = tokens[0].children or [] if tokens else []
    return sum(t.content.count("`") for t in children if t.type == "text")


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["`", "``", "a", " ", "*", "_", "~~", "\n", "\\", "[", "]",
                                  "](x)", "<", ">", "<b>", "<http://x>", "&#96;", "&amp;",
                                  "!", "^[", "[^", "(", ")", "](", "![", '"', "'", "x]",
                                  "[a](u)", "](u `t`)", '](u "t")', "](`u`)"]),
               max_size=16).map("".join))
def test_literal_backticks_are_counted_as_the_parser_counts_them(text: str) -> None:
    assert _literal_backticks(text, fast=True) == parsed_literal_backticks(text)


@pytest.mark.parametrize(("text", "literal"), [
    ("`a`", 0), ("``a`", 3), ("`a``b`", 0), ("a``b`", 3), ("``a`b``", 0), ("` `` `` `", 0),
    ("a`", 1),
])
def test_code_spans_pair_runs_of_equal_length(text: str, literal: int) -> None:
    assert unpaired_backticks(text) == literal == parsed_literal_backticks(text)


@pytest.mark.parametrize("text", [
    "[a](u`) `b`", "[a](u `t`) `b`", '[a](u "`") `b`', "[a](u '`') `b`", "[a](u (`)) `b`",
    "[a](u(`)) `b`", "[a `b](u) c`", "[`a](u)`", "`a [b` c](u)", "[a](u) `b` `c",
    "![`](x)", "![a](u`) `b`", "^[`a] `b", "x](`) `", "[a](<u`>) `b`",
])
def test_links_hide_the_backticks_of_their_destinations_and_titles(text: str) -> None:
    assert _literal_backticks(text, fast=True) == parsed_literal_backticks(text)
