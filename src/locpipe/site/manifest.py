"""`manifest.json`: what the site build receives about every article and edition.

The text is exactly `json.dumps(manifest, indent=2, ensure_ascii=False)` with a
final newline, streamed: each article is rendered where it is built and kept in
the build cache, so that a rebuild only copies it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from babel import Locale

from locpipe.site.editions import Edition


def manifest_chunks(locales: list[str], source_locale: str,
                    articles: Iterable[str]) -> Iterator[str]:
    """The text of `manifest.json`, what the site build receives, piece by piece.

    `articles` are `manifest_article` texts, sorted by slug, taken one at a
    time; the result is what `json.dumps(..., indent=2, ensure_ascii=False)`
    gives for the whole document, with a final newline.
    """
    head = json.dumps({"source_locale": source_locale,
                       "locales": [locale_entry(loc) for loc in locales]},
                      ensure_ascii=False, indent=2)
    yield head[:-2] + ',\n  "articles": ['
    separator = "\n    "
    for text in articles:
        yield separator + text
        separator = ",\n    "
    yield "]\n}\n" if separator == "\n    " else "\n  ]\n}\n"


def manifest_article(slug: str, editions: Sequence[Edition]) -> str:
    """One article of the manifest, indented for its place in `manifest_chunks`
    (rendered where the article is built, so that a rebuild only copies it)."""
    text = json.dumps(_article(slug, editions), ensure_ascii=False, indent=2)
    return text.replace("\n", "\n    ")


def _article(slug: str, editions: Sequence[Edition]) -> dict[str, Any]:
    return {
        "translation_key": slug,
        "editions": [_edition_entry(e) for e in editions if e.published],
        "skipped": [{"locale": e.locale, "lang": e.lang, "completeness": e.completeness,
                     "reason": e.reason} for e in editions if not e.published],
    }


def _edition_entry(e: Edition) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "locale": e.locale, "lang": e.lang, "path": e.path, "completeness": e.completeness,
        "translated": e.translated, "fuzzy": e.fuzzy, "untranslated": e.untranslated,
        "sha256": e.sha256}
    if e.assets:  # only articles that link files have the key
        entry["assets"] = [{"path": a.path, "source": a.source} for a in e.assets]
    return entry


def locale_entry(locale: str) -> dict[str, str]:
    return {"locale": locale, "lang": locale.replace("_", "-"), "name": display_name(locale)}


def display_name(locale: str) -> str:
    """The locale's name in itself, as CLDR writes it (`中文（简体）`)."""
    loc = Locale.parse(locale)
    name = str(loc.languages.get(loc.language, loc.language))  # CLDR data: text
    details = [d for d in (loc.scripts.get(loc.script or ""),
                           loc.territories.get(loc.territory or "")) if d]
    if not details:
        return name
    # CLDR's localeDisplayPattern: full-width brackets in Chinese.
    if loc.language == "zh":
        return f"{name}（{'，'.join(details)}）"
    return f"{name} ({', '.join(details)})"
