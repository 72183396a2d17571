"""Editions for a site build: their figures, whether they are published, and the
front matter locpipe writes into them.

The figures count a document's entries by their state in the catalogue, as
`locpipe.po.state` defines it; a translation the splice refused is published
as source text, so it counts as untranslated. `manifest` turns the figures
into what the site build reads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from locpipe.config import EDITION_FIELDS, EDITION_KEYS
from locpipe.markdown.frontmatter import json_with, parse_front_matter, toml_with, yaml_scalar
from locpipe.markdown.text import CJK_CHAR, HIDDEN_MARKUP, WORD
from locpipe.po.state import Key, Message, State, tally
from locpipe.project import lang_tag
from locpipe.site import fastpath
from locpipe.site.assets import Asset

if TYPE_CHECKING:  # the parser stays unloaded in a run that finds everything up to date
    from locpipe.markdown.segment import Document
    from locpipe.markdown.splice import Assembly

# Reading speeds: about 230 words a minute for English prose (Brysbaert 2019
# puts silent reading at 238), about 300 characters a minute for Chinese.
WORDS_PER_MINUTE = 230
CJK_CHARS_PER_MINUTE = 300
BOM = "\ufeff"
# Link destinations (with a title), HTML tags and autolinks, footnote references.


@dataclass(frozen=True, slots=True)  # a build keeps one per language of each article
class Edition:
    """The figures of one language version of one article, and whether it is published."""

    slug: str
    """The article's slug, its `translation_key` on the site."""
    locale: str
    """Babel identifier (`zh_Hans`)."""
    lang: str
    """BCP 47 tag, also the folder name under the output folder."""
    path: str
    """Path relative to the output folder."""
    total: int
    """Distinct entries (context and text) of the article."""
    translated: int
    """Entries published in translation."""
    fuzzy: int = 0
    """Entries whose translation awaits review: the source text is published."""
    untranslated: int = 0
    """Entries without a usable translation, refused translations included."""
    published: bool = True
    """Whether the edition is written to the site."""
    reason: str = ""
    """Why an edition is left out of the site."""
    sha256: str = ""
    """Hash of the written edition's UTF-8 text (empty when it is not published)."""
    assets: tuple[Asset, ...] = ()
    """The files the edition links to, in its folder (`site.assets`)."""

    @property
    def completeness(self) -> float:
        return round(self.translated / self.total, 4) if self.total else 1.0


def source_edition(slug: str, locale: str, keys: Collection[Key]) -> Edition:
    """The figures of the source-language edition: every entry is its own text."""
    return _edition(slug, locale, len(keys), len(keys), 0)


def target_edition(slug: str, locale: str, keys: Collection[Key], messages: Iterable[Message],
                   refused: Iterable[Key] = ()) -> Edition:
    """The figures of a target-language edition of the article whose entries are `keys`.

    Each entry counts once, by the state of its message in the catalogue; an
    entry the catalogue lacks is untranslated, and so is a translation in
    `refused` (the splice kept the source text in its place).
    """
    states = {(m.context, m.msgid): m.state for m in messages if (m.context, m.msgid) in keys}
    states.update((key, State.UNTRANSLATED) for key in refused)
    found = tally(states.values())
    return _edition(slug, locale, len(keys), found[State.TRANSLATED.value],
                    found[State.FUZZY.value])


def _edition(slug: str, locale: str, total: int, translated: int, fuzzy: int) -> Edition:
    lang = lang_tag(locale)
    return Edition(slug, locale, lang, f"{lang}/{slug}.md", total, translated, fuzzy,
                   total - translated - fuzzy)


def judged(edition: Edition, threshold: float, empty: bool = False) -> Edition:
    """The publishing policy: an edition of an empty article, or below the completeness
    threshold, is left out, and the manifest says why."""
    if empty:
        return replace(edition, published=False, reason="the article is empty")
    if edition.completeness >= threshold:
        return edition
    return replace(edition, published=False,
                   reason=(f"completeness {edition.completeness:.0%} is below the "
                           f"threshold {threshold:.0%}"))


CHUNK = 1 << 20
"""Characters of an edition encoded at a time: UTF-8 of a str with CJK in it first
takes three bytes a character, 24 MB for one of 8 million."""


@dataclass(frozen=True)
class EditionText:
    """An edition's text as its rewritten front matter and the assembled body it shares:
    `head + body[start:]`, written and hashed in parts, never copied whole (an 8 MB
    body is a 16 MB str, and its UTF-8 another 8 to 24 MB)."""

    head: str
    body: str
    start: int

    def chunks(self) -> Iterator[str]:
        yield self.head
        for cut in range(self.start, len(self.body), CHUNK):
            yield self.body[cut:cut + CHUNK]

    def __str__(self) -> str:
        return self.head + self.body[self.start:]


def edition_text(edition: Edition, source_locale: str, doc: Document,
                 assembly: Assembly, keys: Mapping[str, str | None] | None = None
                 ) -> EditionText:
    """The text of a published edition: the assembled body with locpipe's fields in
    its front matter, under the names in `keys` (`edition_keys`; the fields' own when
    not given)."""
    source_meta = doc.front_matter.data if doc.front_matter else {}
    meta = edition_metadata(edition, source_locale, source_meta, assembly.texts)
    head, start = metadata_head(assembly.text, renamed(meta, keys or {}), doc.path)
    return EditionText(head, assembly.text, start)


def edition_keys(dialect: str, chosen: Mapping[str, str | None]) -> dict[str, str | None]:
    """The key each edition field is written as: the dialect's name for it
    (`config.EDITION_KEYS`), unless the project chose another (None: left out)."""
    return {name: chosen.get(name, EDITION_KEYS.get(dialect, {}).get(name, name))
            for name in EDITION_FIELDS}


def renamed(meta: dict[str, Any], keys: Mapping[str, str | None]) -> dict[str, Any]:
    """`meta` with each field under its key in `keys`; a field whose key is None is left out."""
    out: dict[str, Any] = {}
    for name, value in meta.items():
        key = keys.get(name, name)
        if key is not None:
            out[key] = value
    return out


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


def reading_minutes(texts: Iterable[str], fast: bool | None = None) -> int:
    """Minutes to read: words at 230/min plus CJK characters at 300/min.

    `texts` are the inline Markdown of the headings, paragraphs and table cells;
    code blocks and front matter are not read. `fast` counts them a part at a time
    (`fastpath.reading_counts`); None leaves it to the Markdown fast paths' switch.
    """
    fast = fastpath.ENABLED if fast is None else fast
    if fast:
        words, cjk = fastpath.reading_counts(texts, HIDDEN_MARKUP, CJK_CHAR, WORD)
    else:
        text, cjk = CJK_CHAR.subn(" ", visible_text(texts))
        words = count_words(text)
    return max(1, math.ceil(words / WORDS_PER_MINUTE + cjk / CJK_CHARS_PER_MINUTE))


def count_words(text: str) -> int:
    """Words of `text` (CJK characters replaced by spaces): runs of letters, with
    `'`, `’` or `-` inside, and numbers, with `.` or `,` inside."""
    return len(WORD.findall(text))


def visible_text(texts: Iterable[str]) -> str:
    """The words a reader sees in inline Markdown, close enough for a reading time.

    Emphasis and code markers are not words; link destinations, HTML tags and
    footnote labels are not shown. A regular expression, not a second parse of
    every edition: the estimate is rounded up to whole minutes anyway.
    """
    return " ".join(HIDDEN_MARKUP.sub(" ", text) for text in texts)


def with_metadata(text: str, meta: dict[str, Any], path: str) -> str:
    """`text` with `meta` written into its front matter, in the form it has (YAML when it
    has none): values replaced in place, new keys added after the last top-level one;
    every other byte is kept."""
    head, start = metadata_head(text, meta, path)
    return head + text[start:]


def metadata_head(text: str, meta: dict[str, Any], path: str) -> tuple[str, int]:
    """`with_metadata(text, ...)` as `(head, start)`, the text being `head + text[start:]`:
    the body after the front matter is left where it is."""
    bom = BOM if text.startswith(BOM) else ""
    text = text[len(bom):]
    newline = "\r\n" if "\r\n" in text else "\n"
    fm = parse_front_matter(text, path)
    if fm is None:
        block = "".join(f"{k}: {_scalar(v)}{newline}" for k, v in meta.items())
        return f"{bom}---{newline}{block}---{newline}", len(bom)
    if fm.form == "toml":
        start, end = fm.yaml_start, fm.yaml_end
        return bom + text[:start] + toml_with(text[start:end], meta, newline), len(bom) + end
    if fm.form == "json":
        return bom + json_with(text, fm, meta, newline), len(bom) + len(text)
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
    return bom + "".join(out), len(bom) + fm.yaml_end


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return yaml_scalar(str(value), plain_ok=True)


def content_hash(text: str | EditionText) -> str:
    """SHA-256 of the text's UTF-8, an edition's encoded a part at a time."""
    digest = hashlib.sha256()
    for chunk in text.chunks() if isinstance(text, EditionText) else (text,):
        digest.update(chunk.encode("utf-8"))
    return digest.hexdigest()
