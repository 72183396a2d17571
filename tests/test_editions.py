"""Editions: the front matter a site build reads, the figures and the manifest."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import yaml

from locpipe.markdown.segment import segment_text
from locpipe.site.editions import (
    Edition,
    display_name,
    edition_metadata,
    locale_entry,
    manifest_article,
    manifest_chunks,
    reading_minutes,
    visible_text,
    with_metadata,
)

META = {"lang": "zh-Hans", "translation_key": "a", "completeness": 0.5}


def edition(locale: str = "zh_Hans", translated: int = 3, total: int = 4) -> Edition:
    lang = locale.replace("_", "-")
    return Edition("guide", locale, lang, f"{lang}/guide.md", total, translated)


@pytest.mark.parametrize(("locale", "name"), [
    ("en", "English"), ("zh_Hans", "中文（简体）"), ("de", "Deutsch"),
    ("pt_BR", "português (Brasil)"), ("zh_Hant_TW", "中文（繁體，台灣）"),
])
def test_locale_names_in_their_own_language(locale: str, name: str) -> None:
    assert display_name(locale) == name
    assert locale_entry(locale) == {"locale": locale, "lang": locale.replace("_", "-"),
                                    "name": name}


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


def test_manifest_lists_editions_and_says_why_one_was_left_out() -> None:
    english = edition("en", 4, 4)
    chinese = edition("zh_Hans", 1, 4)
    chinese.published, chinese.reason = False, "completeness 25% is below the threshold 50%"
    article = manifest_article("guide", [english, chinese])
    text = "".join(manifest_chunks(["en", "zh_Hans"], "en", [article]))
    data = json.loads(text)
    assert data["source_locale"] == "en"
    assert [loc["name"] for loc in data["locales"]] == ["English", "中文（简体）"]
    article = data["articles"][0]
    assert article["translation_key"] == "guide"
    assert [e["lang"] for e in article["editions"]] == ["en"]
    assert article["skipped"] == [{"locale": "zh_Hans", "lang": "zh-Hans", "completeness": 0.25,
                                   "reason": "completeness 25% is below the threshold 50%"}]


@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_streamed_manifest_is_the_json_document_indented(count: int) -> None:
    english, chinese = edition("en", 4, 4), edition("zh_Hans", 1, 4)
    chinese.published, chinese.reason = False, "低于阈值"
    articles = [manifest_article(f"guide-{i}", [english, chinese]) for i in range(count)]
    text = "".join(manifest_chunks(["en", "zh_Hans"], "en", articles))
    whole = json.loads(text)
    assert len(whole["articles"]) == count
    assert text == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
