"""Front matter: where it is, what it says, where each value sits, how values are written."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.errors import LocpipeError
from locpipe.markdown.frontmatter import (
    _SIMPLE_WORDS,
    _reads_back,
    body_offset,
    parse_front_matter,
    yaml_scalar,
)

ARTICLE = "---\ntitle: Plain title\ndescription: 'Quoted: value'\ndate: 2026-05-20\n---\n\nBody\n"


def test_values_and_their_spans() -> None:
    fm = parse_front_matter(ARTICLE, "a.md")
    assert fm is not None
    assert fm.data["title"] == "Plain title"
    title, description = fm.values["title"], fm.values["description"]
    assert ARTICLE[title.start:title.end] == "Plain title"
    assert (title.line, title.plain) == (2, True)
    assert ARTICLE[description.start:description.end] == "'Quoted: value'"
    assert (description.line, description.plain) == (3, False)
    assert ARTICLE[fm.body_start:] == "\nBody\n"
    assert body_offset(ARTICLE) == fm.body_start


def test_a_block_scalar_span_stops_before_the_line_break_that_ends_it() -> None:
    text = "---\ndescription: >-\n  Folded\n  text\nauthor: Me\n---\n"
    fm = parse_front_matter(text, "a.md")
    assert fm is not None
    span = fm.values["description"]
    assert text[span.start:span.end] == ">-\n  Folded\n  text"
    replaced = text[:span.start] + '"New"' + text[span.end:]
    assert yaml.safe_load(replaced.split("---")[1]) == {"description": "New", "author": "Me"}


@pytest.mark.parametrize("text", [
    "No front matter\n",
    "---\n\nA thematic break, then text\n",
    "---\nNot a key line\n---\n",
    "",
])
def test_no_front_matter(text: str) -> None:
    assert parse_front_matter(text, "a.md") is None
    assert body_offset(text) == 0


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_front_matter_with_either_line_ending(newline: str) -> None:
    text = newline.join(["---", "title: T", "...", "Body"])
    fm = parse_front_matter(text, "a.md")
    assert fm is not None and fm.data == {"title": "T"}
    assert text[fm.body_start:] == "Body"


@pytest.mark.parametrize(("text", "line", "message"), [
    ("---\ntitle: T\n\nBody\n", 1, "never closed"),
    ("---\ntitle: T\nbad: [unclosed\n---\n", 4, "not valid YAML"),
    ("---\ntitle: T\n\tfoo: bar\n---\n", 3, "not valid YAML"),
])
def test_errors_name_the_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(LocpipeError) as caught:
        parse_front_matter(text, "content/a.md")
    assert caught.value.path == "content/a.md"
    assert caught.value.line == line
    assert message in caught.value.message


@pytest.mark.parametrize(("text", "written"), [
    ("Plain text", "Plain text"),
    ("针灸是如何起效的？", "针灸是如何起效的？"),
    ("Acupuncture: how it works", '"Acupuncture: how it works"'),
    ('"Quoted" start', '"\\"Quoted\\" start"'),
    ("# not a comment", '"# not a comment"'),
    ("- not a list", '"- not a list"'),
    ("yes", '"yes"'),
    ("2026-05-20", '"2026-05-20"'),
    ("42", '"42"'),
    ("null", '"null"'),
    ("[not, a, list]", '"[not, a, list]"'),
    ("trailing space ", '"trailing space "'),
    ("two\nlines", '"two\\nlines"'),
    ("", '""'),
])
def test_yaml_scalar_is_plain_only_when_that_reads_back(text: str, written: str) -> None:
    assert yaml_scalar(text, plain_ok=True) == written
    assert yaml.safe_load(f"k: {written}\n") == {"k": text}


def test_yaml_scalar_keeps_quotes_when_the_source_had_them() -> None:
    assert yaml_scalar("Plain text", plain_ok=False) == '"Plain text"'


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_every_string_reads_back(text: str) -> None:
    for plain_ok in (True, False):
        written = yaml_scalar(text, plain_ok)
        assert yaml.safe_load(f"k: {written}\n") == {"k": text}


LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])
# Letters, then anything YAML might misread: indicators, breaks, controls, non-ASCII.
TRICKY = st.text(st.sampled_from("aZ译é.,-_0 :#'\"\t\x85\xa0\u2028\u3000：\ufeff\U0001f600"),
                 max_size=12)


@settings(max_examples=800, deadline=None)
@given(st.sampled_from("aZ译é09٣"), TRICKY)
def test_the_words_written_without_a_parser_read_back_in_both_yaml_parsers(
        first: str, rest: str) -> None:
    text = first + rest
    _reads_back.cache_clear()
    if not _reads_back(text):
        return
    for loader in LOADERS:
        assert yaml.load(f"k: {text}\n", Loader=loader) == {"k": text}, loader


def test_full_width_punctuation_and_dates_need_no_parser() -> None:
    assert _SIMPLE_WORDS.fullmatch("译：Time First Recovery About。")
    assert _SIMPLE_WORDS.fullmatch("November 9, 2026")
    assert yaml_scalar("2026年11月9日", plain_ok=True) == "2026年11月9日"
    assert yaml_scalar("2026-11-09", plain_ok=True) == '"2026-11-09"'
    assert not _SIMPLE_WORDS.fullmatch("a\u2028b")
