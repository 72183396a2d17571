"""Front matter: where it is, what it says, where each value sits, how values are written."""

from __future__ import annotations

import pytest
import tomllib
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.errors import LocpipeError
from locpipe.markdown.frontmatter import (
    _SIMPLE_WORDS,
    _reads_back,
    body_offset,
    parse_front_matter,
    toml_with,
    write_value,
    yaml_scalar,
)
from locpipe.markdown.segment import segment_text
from locpipe.markdown.splice import assemble

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


def test_comment_lines_may_come_before_the_first_key() -> None:
    text = "---\n# Updated by the build.\nversions:\n  vue: 3.5.28\ntitle: T\n---\n\n# Install\n"
    fm = parse_front_matter(text, "a.md")
    assert fm is not None and fm.data == {"versions": {"vue": "3.5.28"}, "title": "T"}
    assert (fm.lines["versions"], fm.values["title"].line) == (3, 5)
    segments = segment_text(text, "a.md").segments
    assert [(s.kind, s.msgid) for s in segments] == [("front matter", "T"), ("heading", "Install")]


@pytest.mark.parametrize("text", [
    "No front matter\n",
    "---\n\nA thematic break, then text\n",
    "---\nNot a key line\n---\n",
    "---\n# A heading after a thematic break\n\nText\n",
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
TRICKY = st.text(st.sampled_from("aZ译é.,-/_0 :#'\"\t\x85\xa0\u2028\u3000：\ufeff\U0001f600"),
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


# ------------------------------------------------------------ TOML and JSON front matter

TOML_ARTICLE = (
    "+++\n"
    "# Hugo's own keys, as `hugo new` writes them\n"
    'title = "Plain title"   # shown in the page\n'
    "description = 'Literal: value'\n"
    "date = 2026-05-20T10:00:00+08:00\n"
    'tags = ["health", "tcm"]\n'
    'summary = """Two\nlines"""\n'
    "\n"
    "[params]\n"
    'author = "Qikan Yin"\n'
    "+++\n"
    "\n"
    "Body\n"
)
JSON_ARTICLE = '{\n  "title": "Plain title",\n  "tags": ["a", "b"],\n  "weight": 3\n}\n\nBody\n'


def test_toml_values_and_their_spans() -> None:
    fm = parse_front_matter(TOML_ARTICLE, "a.md")
    assert fm is not None and fm.form == "toml"
    assert fm.data == tomllib.loads(TOML_ARTICLE.split("+++\n")[1])
    spans = {key: TOML_ARTICLE[s.start:s.end] for key, s in fm.values.items()}
    assert spans == {"title": '"Plain title"', "description": "'Literal: value'",
                     "date": "2026-05-20T10:00:00+08:00", "summary": '"""Two\nlines"""'}
    assert {k: s.line for k, s in fm.values.items()} == {"title": 3, "description": 4,
                                                         "date": 5, "summary": 7}
    assert fm.lines["tags"] == 6
    assert "author" not in fm.values  # a table's key is not a top-level field
    assert TOML_ARTICLE[fm.body_start:] == "\nBody\n"
    assert body_offset(TOML_ARTICLE) == fm.body_start


def test_json_values_and_their_spans() -> None:
    fm = parse_front_matter(JSON_ARTICLE, "a.md")
    assert fm is not None and fm.form == "json"
    assert fm.data == {"title": "Plain title", "tags": ["a", "b"], "weight": 3}
    assert {k: JSON_ARTICLE[s.start:s.end] for k, s in fm.values.items()} == \
        {"title": '"Plain title"', "weight": "3"}
    assert fm.values["title"].line == 2
    assert JSON_ARTICLE[fm.body_start:] == "\nBody\n"
    assert body_offset(JSON_ARTICLE) == fm.body_start


@pytest.mark.parametrize("text", [
    "+++\n",                              # CommonMark: a paragraph
    "+++\n\nText\n",
    "+++ not front matter\ntitle = x\n+++\n",
    "{{< figure src=\"a.png\" >}}\n",     # a Hugo shortcode
    "{: .class }\n",                      # an attribute list
    "{#id}\n",
])
def test_what_is_not_toml_or_json_front_matter(text: str) -> None:
    assert parse_front_matter(text, "a.md") is None
    assert body_offset(text) == 0


@pytest.mark.parametrize(("text", "line", "message"), [
    ('+++\ntitle = "T"\n\nBody\n', 1, "`+++` is never closed"),
    ('+++\ntitle = "T"\nbad = [unclosed\n+++\n', 3, "not valid TOML"),
    ('+++\ntitle = "T"\ntitle = "again"\n+++\n', 3, "not valid TOML"),
    ('{\n  "title": "T",\n  "bad" 1\n}\n', 3, "not valid JSON"),
    ('{\n  "title": "T"\n\nBody\n', 4, "not valid JSON"),
])
def test_toml_and_json_errors_name_the_file_and_line(text: str, line: int,
                                                     message: str) -> None:
    with pytest.raises(LocpipeError) as caught:
        parse_front_matter(text, "content/a.md")
    assert (caught.value.path, caught.value.line) == ("content/a.md", line)
    assert message in caught.value.message


def _spliced(text: str, key: str, value: str) -> str:
    fm = parse_front_matter(text, "a.md")
    assert fm is not None
    span = fm.values[key]
    return text[:span.start] + write_value(fm, key, value) + text[span.end:]


@pytest.mark.parametrize("text", [TOML_ARTICLE, JSON_ARTICLE])
def test_identity_translations_rebuild_the_front_matter_byte_for_byte(text: str) -> None:
    fm = parse_front_matter(text, "a.md")
    assert fm is not None
    translated = [k for k in ("title", "description") if k in fm.values]
    doc = segment_text(text, "a.md", front_matter_keys=translated)
    identity = {(s.context, s.msgid): s.msgid for s in doc.segments}
    assert assemble(doc, identity).text == text
    # Written again by the writers, a value the source wrote their way is the same bytes.
    for key in translated:
        assert _spliced(text, key, fm.data[key]) == text


def test_tomlkit_keeps_every_byte_of_what_it_does_not_change() -> None:
    source = TOML_ARTICLE.split("+++\n")[1]
    assert toml_with(source, {}, "\n") == source
    assert toml_with(source, {"title": "Plain title"}, "\n") == source


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
       st.sampled_from(['"', "'", '"""', "'''"]))
def test_every_string_written_in_toml_reads_back_and_only_its_value_changes(
        text: str, quote: str) -> None:
    source = f"+++\ntitle = {quote}T{quote}  # c\nother = 1\n[params]\nx = 2\n+++\nBody\n"
    out = _spliced(source, "title", text)
    data = tomllib.loads(out.split("+++\n")[1])
    assert data == {"title": text, "other": 1, "params": {"x": 2}}
    assert out.endswith("  # c\nother = 1\n[params]\nx = 2\n+++\nBody\n")


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_every_string_written_in_json_reads_back(text: str) -> None:
    out = _spliced(JSON_ARTICLE, "title", text)
    fm = parse_front_matter(out, "a.md")
    assert fm is not None and fm.data["title"] == text and out.endswith("}\n\nBody\n")


def test_a_key_after_a_dotted_key_has_no_span_rather_than_a_wrong_one() -> None:
    text = '+++\nparams.x = 1\ntitle = "T"\n+++\n'
    fm = parse_front_matter(text, "a.md")
    assert fm is not None and fm.data["title"] == "T" and "title" not in fm.values
