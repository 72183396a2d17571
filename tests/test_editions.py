"""Editions: their figures, the publishing policy and the front matter a site build reads."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzz_support import documents
from locpipe.config import EDITION_FIELDS
from locpipe.markdown.segment import segment_text
from locpipe.markdown.text import WORD
from locpipe.po.state import Key, Message, State, translations
from locpipe.site import editions, fastpath
from locpipe.site.editions import (
    CJK_CHAR,
    HIDDEN_MARKUP,
    Edition,
    EditionText,
    content_hash,
    count_words,
    edition_keys,
    edition_metadata,
    judged,
    reading_minutes,
    renamed,
    source_edition,
    target_edition,
    visible_text,
    with_metadata,
)
from pipeline_support import corpus

META = {"lang": "zh-Hans", "translation_key": "a", "completeness": 0.5}


def edition(locale: str = "zh_Hans", translated: int = 3, total: int = 4) -> Edition:
    lang = locale.replace("_", "-")
    return Edition("guide", locale, lang, f"{lang}/guide.md", total, translated)


@pytest.mark.parametrize(("locale", "shown"), [("en", "May 20, 2026"),
                                               ("zh_Hans", "2026年5月20日")])
def test_edition_metadata(locale: str, shown: str) -> None:
    meta = edition_metadata(edition(locale), "en", {"date": dt.date(2026, 5, 20)}, ["Body."])
    assert meta == {"lang": locale.replace("_", "-"), "translation_key": "guide",
                    "source_lang": "en", "completeness": 0.75, "date_display": shown,
                    "reading_time_minutes": 1}


def test_no_date_no_date_display() -> None:
    assert "date_display" not in edition_metadata(edition(), "en", {"date": "soon"}, [])


def test_completeness_of_an_empty_article_is_whole() -> None:
    assert edition(translated=0, total=0).completeness == 1.0
    assert edition(translated=1, total=3).completeness == 0.3333


def body_texts(markdown: str) -> list[str]:
    """What the build hands to `reading_minutes`: the body segments' inline Markdown."""
    return [s.msgid for s in segment_text(markdown, "a.md").segments if s.context is None]


@pytest.mark.parametrize(("markdown", "minutes"), [
    ("word " * 230, 1), ("word " * 231, 2), ("中" * 300, 1), ("中" * 301, 2),
    ("word " * 115 + "中" * 150, 1), ("word " * 116 + "中" * 150, 2),
    ("```\n" + "code " * 1000 + "\n```\n", 1),
    ("---\ntitle: " + "word " * 500 + "\n---\n\nShort.\n", 1),
    ("| a |\n| - |\n" + "| word |\n" * 231, 2),
    ("[word](https://example.com/" + "word/" * 300 + ")\n", 1),
])
def test_reading_time_counts_visible_words_and_cjk_characters(markdown: str,
                                                             minutes: int) -> None:
    assert reading_minutes(body_texts(markdown)) == minutes


def test_visible_text_drops_what_is_not_shown() -> None:
    text = visible_text(["# Title", 'Some *emph*, `code` [link](http://x.example "T"), '
                         "<b>bold</b>, <https://y.example> and a note[^n1]."])
    for hidden in ("x.example", '"T"', "<b>", "</b>", "y.example", "n1"):
        assert hidden not in text
    assert [w for w in re.findall(r"\w+", text)] == [
        "Title", "Some", "emph", "code", "link", "bold", "and", "a", "note"]


# Letters of several scripts, digits, what may join them (`'`, `’`, `-`, `.`, `,`), white
# space of every kind (`str.split` splits at `\x1c`), marks and letter-like numbers.
WORDY = st.text(st.sampled_from("aZé\u0301ß9٣²Ⅻ_'’-.,;: \t\n\x1c\x85\u3000\xa0中文ก"),
                max_size=60)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(WORDY, st.text(max_size=40)))
def test_the_word_count_fast_path_is_the_pattern(text: str) -> None:
    assert fastpath.count_words(text, WORD) == count_words(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(WORDY, max_size=20).map("".join), st.integers(1, 30))
def test_the_word_count_of_a_long_text_in_parts_is_the_pattern(text: str, chunk: int) -> None:
    original = fastpath.CHUNK
    fastpath.CHUNK = chunk
    try:
        assert fastpath.count_words(text, WORD) == count_words(text)
    finally:
        fastpath.CHUNK = original


@settings(max_examples=200, deadline=None)
@given(documents())
def test_reading_minutes_are_the_same_both_ways_on_random_documents(source: str) -> None:
    texts = body_texts(source)
    assert reading_minutes(texts, fast=True) == reading_minutes(texts, fast=False)


def _counted_whole(texts: list[str]) -> tuple[int, int]:
    text, cjk = CJK_CHAR.subn(" ", visible_text(texts))
    return count_words(text), cjk


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(WORDY, st.sampled_from(["[a](b)", '](x "t y")', "<b c>", "[^n]"])),
                max_size=20).map("".join), st.integers(1, 30))
def test_the_reading_counts_in_parts_are_those_of_the_whole_text(text: str, chunk: int
                                                                 ) -> None:
    original = fastpath.CHUNK
    fastpath.CHUNK = chunk
    try:
        counted = fastpath.reading_counts([text, text[::-1]], HIDDEN_MARKUP, CJK_CHAR, WORD)
    finally:
        fastpath.CHUNK = original
    assert counted == _counted_whole([text, text[::-1]])


@settings(max_examples=100, deadline=None)
@given(documents())
def test_the_reading_counts_are_the_same_both_ways_on_random_documents(source: str) -> None:
    texts = body_texts(source)
    assert fastpath.reading_counts(texts, HIDDEN_MARKUP, CJK_CHAR, WORD) == \
        _counted_whole(texts)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12), st.text(max_size=40), st.integers(0, 40), st.integers(1, 7))
def test_an_edition_text_in_parts_is_its_text(head: str, body: str, start: int,
                                             chunk: int) -> None:
    original = editions.CHUNK
    editions.CHUNK = chunk
    try:
        text = EditionText(head, body, min(start, len(body)))
        assert "".join(text.chunks()) == str(text) == head + body[min(start, len(body)):]
        assert content_hash(text) == content_hash(str(text))
    finally:
        editions.CHUNK = original


def test_reading_minutes_are_the_same_both_ways_on_the_commonmark_examples() -> None:
    texts = [visible_text(body_texts(example["markdown"])) for example in corpus()]
    assert [fastpath.count_words(t, WORD) for t in texts] == [count_words(t) for t in texts]
    assert sum(map(count_words, texts)) > 1000  # the examples were read


class TestWithMetadata:
    def test_values_replaced_in_place_and_new_keys_before_the_closing_line(self) -> None:
        text = "---\ntitle: T\nlang: en # source\nauthor: A\n---\n\nBody\n"
        assert with_metadata(text, META, "a.md") == (
            "---\ntitle: T\nlang: zh-Hans # source\nauthor: A\n"
            "translation_key: a\ncompleteness: 0.5\n---\n\nBody\n")

    def test_a_document_without_front_matter_gets_one(self) -> None:
        assert with_metadata("# Body\n", META, "a.md") == (
            "---\nlang: zh-Hans\ntranslation_key: a\ncompleteness: 0.5\n---\n# Body\n")

    def test_crlf_and_byte_order_mark(self) -> None:
        text = "\ufeff---\r\ntitle: T\r\n---\r\nBody\r\n"
        assert with_metadata(text, {"lang": "de"}, "a.md") == (
            "\ufeff---\r\ntitle: T\r\nlang: de\r\n---\r\nBody\r\n")
        assert with_metadata("\ufeffBody\r\n", {"lang": "de"}, "a.md") == (
            "\ufeff---\r\nlang: de\r\n---\r\nBody\r\n")

    def test_values_are_quoted_when_yaml_needs_it(self) -> None:
        meta = {"translation_key": "yes", "lang": "x: y", "reading_time_minutes": 3,
                "flag": True}
        out = with_metadata("---\nlang: en\n---\n", meta, "a.md")
        assert yaml.safe_load(out.split("---")[1]) == meta

    def test_a_block_scalar_value_is_replaced_whole(self) -> None:
        text = "---\nlang: >-\n  en\nauthor: A\n---\n"
        out = with_metadata(text, {"lang": "de"}, "a.md")
        assert yaml.safe_load(out.split("---")[1]) == {"lang": "de", "author": "A"}


keys = st.sets(st.tuples(st.none() | st.just("title"), st.text("ab", min_size=1, max_size=4)),
               max_size=12)
messages = st.lists(st.builds(Message, st.none() | st.just("title"),
                              st.text("abc", min_size=1, max_size=4),
                              st.sampled_from(["", "译"]), st.booleans(), st.just(0)),
                    max_size=16, unique_by=lambda m: (m.context, m.msgid))


@given(keys, messages, st.data())
def test_figures_count_each_entry_once_by_its_state(found: set[Key], catalogue: list[Message],
                                                   data: st.DataObject) -> None:
    states = {(m.context, m.msgid): m.state for m in catalogue}
    publishable = sorted((k for k in found if states.get(k) is State.TRANSLATED),
                         key=lambda k: (k[0] or "", k[1]))
    refused = data.draw(st.lists(st.sampled_from(publishable), unique=True)
                        if publishable else st.just([]))
    edition = target_edition("a", "zh_Hans", found, catalogue, refused)
    assert (edition.lang, edition.path) == ("zh-Hans", "zh-Hans/a.md")
    assert edition.total == len(found)
    assert edition.translated + edition.fuzzy + edition.untranslated == edition.total
    assert edition.translated == len(set(translations(catalogue)) & found) - len(refused)
    assert edition.fuzzy == sum(states.get(k) is State.FUZZY for k in found)
    assert source_edition("a", "en", found).completeness == 1.0


@given(st.integers(0, 20), st.integers(0, 20), st.sampled_from([0.0, 0.25, 0.5, 0.8, 1.0]))
def test_an_edition_below_the_threshold_is_left_out_and_says_why(
        translated: int, extra: int, threshold: float) -> None:
    edition = Edition("a", "de", "de", "de/a.md", translated + extra, translated)
    judgement = judged(edition, threshold)
    assert judgement.published == (edition.completeness >= threshold)
    assert replace(judgement, published=True, reason="") == edition
    if not judgement.published:
        assert judgement.reason == (f"completeness {edition.completeness:.0%} is below "
                                    f"the threshold {threshold:.0%}")


@pytest.mark.parametrize(("dialect", "key"), [
    ("gfm", "translation_key"), ("commonmark", "translation_key"), ("mkdocs", "translation_key"),
    ("vitepress", "translation_key"), ("docusaurus", "translation_key"),
    ("mdbook", "translation_key"), ("hugo", "translationKey"),
])
def test_edition_keys_default_to_the_dialect_s_own_names(dialect: str, key: str) -> None:
    keys = edition_keys(dialect, {})
    assert keys["translation_key"] == key and keys["lang"] == "lang"
    assert set(keys) == set(EDITION_FIELDS)


def test_chosen_edition_keys_rename_and_leave_out_fields() -> None:
    keys = edition_keys("hugo", {"lang": "language", "reading_time_minutes": None})
    meta = edition_metadata(edition(), "en", {}, ["Body."])
    assert renamed(meta, keys) == {"language": "zh-Hans", "translationKey": "guide",
                                   "source_lang": "en", "completeness": 0.75}


@pytest.mark.parametrize(("text", "expected"), [
    ('+++\ntitle = "T"\n[params]\nx = 1\n+++\nBody\n',
     # tomlkit sets the new keys apart from the table with a blank line
     '+++\ntitle = "T"\nlang = "zh-Hans"\ncompleteness = 0.5\n\n[params]\nx = 1\n+++\nBody\n'),
    ('+++\r\nlang = "en"  # kept\r\n+++\r\nBody\r\n',
     '+++\r\nlang = "zh-Hans"  # kept\r\ncompleteness = 0.5\r\n+++\r\nBody\r\n'),
    ('{\n    "title": "T",\n    "lang": "en"\n}\nBody\n',
     '{\n    "title": "T",\n    "lang": "zh-Hans",\n    "completeness": 0.5\n}\nBody\n'),
    ('{"title": "T"}\nBody\n', '{"title": "T", "lang": "zh-Hans", "completeness": 0.5}\nBody\n'),
])
def test_edition_fields_are_written_in_the_form_of_the_front_matter(text: str,
                                                                    expected: str) -> None:
    assert with_metadata(text, {"lang": "zh-Hans", "completeness": 0.5}, "a.md") == expected
