"""The manifest: what the site build reads about every article and its editions."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from locpipe.site.editions import Edition
from locpipe.site.manifest import display_name, locale_entry, manifest_article, manifest_chunks


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



def test_manifest_lists_editions_and_says_why_one_was_left_out() -> None:
    english = edition("en", 4, 4)
    chinese = replace(edition("zh_Hans", 1, 4), published=False,
                      reason="completeness 25% is below the threshold 50%")
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
    english = edition("en", 4, 4)
    chinese = replace(edition("zh_Hans", 1, 4), published=False, reason="低于阈值")
    articles = [manifest_article(f"guide-{i}", [english, chinese]) for i in range(count)]
    text = "".join(manifest_chunks(["en", "zh_Hans"], "en", articles))
    whole = json.loads(text)
    assert len(whole["articles"]) == count
    assert text == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
