"""Editions for a site build: edition front matter, figures and the manifest."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from babel import Locale

from locpipe.markdown.frontmatter import parse_front_matter, yaml_scalar
from locpipe.markdown.text import CJK_CHAR

# Reading speeds: about 230 words a minute for English prose (Brysbaert 2019
# puts silent reading at 238), about 300 characters a minute for Chinese.
WORDS_PER_MINUTE = 230
CJK_CHARS_PER_MINUTE = 300
BOM = "\ufeff"
# Link destinations (with a title), HTML tags and autolinks, footnote references.
_HIDDEN = re.compile(r"\]\([^()\s]*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)|<[^<>\n]*>|\[\^[^\]\s]*\]")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*")


@dataclass(slots=True)  # a build holds one per article and language until the manifest
class Edition:
    """One language version of one article."""

    slug: str
    locale: str
    lang: str
    """BCP 47 tag, also the folder name under the output folder."""
    path: str
    """Path relative to the output folder."""
    total: int
    translated: int
    fuzzy: int = 0
    untranslated: int = 0
    text: str = ""
    published: bool = True
    reason: str = ""
    """Why an edition is left out of the site."""
    sha256: str = ""

    @property
    def completeness(self) -> float:
        return round(self.translated / self.total, 4) if self.total else 1.0


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


def manifest_article(slug: str, editions: list[Edition]) -> str:
    """One article of the manifest, indented for its place in `manifest_chunks`
    (rendered where the article is built, so that a rebuild only copies it)."""
    text = json.dumps(_article(slug, editions), ensure_ascii=False, indent=2)
    return text.replace("\n", "\n    ")


def _article(slug: str, editions: list[Edition]) -> dict[str, Any]:
    return {
        "translation_key": slug,
        "editions": [_edition_entry(e) for e in editions if e.published],
        "skipped": [{"locale": e.locale, "lang": e.lang, "completeness": e.completeness,
                     "reason": e.reason} for e in editions if not e.published],
    }


def _edition_entry(e: Edition) -> dict[str, Any]:
    return {"locale": e.locale, "lang": e.lang, "path": e.path,
            "completeness": e.completeness, "translated": e.translated, "fuzzy": e.fuzzy,
            "untranslated": e.untranslated, "sha256": e.sha256}


def locale_entry(locale: str) -> dict[str, str]:
    return {"locale": locale, "lang": locale.replace("_", "-"), "name": display_name(locale)}


def display_name(locale: str) -> str:
    """The locale's name in itself, as CLDR writes it (`中文（简体）`)."""
    loc = Locale.parse(locale)
    name = loc.languages.get(loc.language, loc.language)
    details = [d for d in (loc.scripts.get(loc.script or ""),
                           loc.territories.get(loc.territory or "")) if d]
    if not details:
        return name
    # CLDR's localeDisplayPattern: full-width brackets in Chinese.
    if loc.language == "zh":
        return f"{name}（{'，'.join(details)}）"
    return f"{name} ({', '.join(details)})"


def edition_metadata(edition: Edition, source_locale: str, source_meta: dict[str, Any],
                     texts: Iterable[str]) -> dict[str, Any]:
    """The fields locpipe sets in an edition's front matter; `texts` are its body segments."""
    meta: dict[str, Any] = {
        "lang": edition.lang,
        "translation_key": edition.slug,
        "source_lang": source_locale.replace("_", "-"),
        "completeness": edition.completeness,
    }
    date = source_meta.get("date")
    if isinstance(date, (dt.date, dt.datetime)):
        from babel.dates import format_date  # only editions need Babel's date data

        meta["date_display"] = format_date(date, "long", locale=edition.locale)
    meta["reading_time_minutes"] = reading_minutes(texts)
    return meta


def reading_minutes(texts: Iterable[str]) -> int:
    """Minutes to read: words at 230/min plus CJK characters at 300/min.

    `texts` are the inline Markdown of the headings, paragraphs and table cells;
    code blocks and front matter are not read.
    """
    text = visible_text(texts)
    cjk = len(CJK_CHAR.findall(text))
    words = len(_WORD.findall(CJK_CHAR.sub(" ", text)))
    return max(1, math.ceil(words / WORDS_PER_MINUTE + cjk / CJK_CHARS_PER_MINUTE))


def visible_text(texts: Iterable[str]) -> str:
    """The words a reader sees in inline Markdown, close enough for a reading time.

    Emphasis and code markers are not words; link destinations, HTML tags and
    footnote labels are not shown. A regular expression, not a second parse of
    every edition: the estimate is rounded up to whole minutes anyway.
    """
    return " ".join(_HIDDEN.sub(" ", text) for text in texts)


def with_metadata(text: str, meta: dict[str, Any], path: str) -> str:
    """`text` with `meta` written into its front matter: values replaced in place, new
    keys appended before the closing line; every other byte is kept."""
    bom = BOM if text.startswith(BOM) else ""
    text = text[len(bom):]
    newline = "\r\n" if "\r\n" in text else "\n"
    fm = parse_front_matter(text, path)
    if fm is None:
        block = "".join(f"{k}: {_scalar(v)}{newline}" for k, v in meta.items())
        return f"{bom}---{newline}{block}---{newline}{text}"
    present = sorted((k for k in meta if k in fm.values), key=lambda k: fm.values[k].start)
    added = [f"{k}: {_scalar(v)}{newline}" for k, v in meta.items() if k not in fm.values]
    out, cursor = [], 0
    for key in present:
        span = fm.values[key]
        out.append(text[cursor:span.start] + _scalar(meta[key]))
        cursor = span.end
    out.append(text[cursor:fm.yaml_end])
    if fm.yaml_end > fm.yaml_start and not text[:fm.yaml_end].endswith(("\n", "\r")):
        out.append(newline)
    out.extend(added)
    out.append(text[fm.yaml_end:])
    return bom + "".join(out)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return yaml_scalar(str(value), plain_ok=True)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
