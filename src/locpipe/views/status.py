"""How far each article is translated: counts per catalogue, as a table or JSON.

The figures come from the catalogues translators edit, so they say what a
translator sees: translated, fuzzy (needs review) and untranslated entries. In a
derived locale (`derive` in locpipe.yaml) the translated entries are split into
derived (the converter's text) and reviewed (a person's), as `po.state` tells them.
A locale without a catalogue for an article counts every entry of the
article's template as untranslated.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import click
import polib

from locpipe.config import Config
from locpipe.po import state
from locpipe.po.reader import read_catalogue, refuse_empty
from locpipe.project import Project, lang_tag, relative

BAR_WIDTH = 20
# Full block for translated, dark shade for fuzzy, light shade for untranslated:
# the bar still reads without colour.
BAR_CHARS = {"translated": "█", "fuzzy": "▓", "untranslated": "░"}
BAR_COLOURS = {"translated": "green", "fuzzy": "yellow", "untranslated": "bright_black"}
HEADINGS = ("ARTICLE", "LOCALE", "TRANSLATED", "FUZZY", "UNTRANSLATED", "TOTAL", "DONE")
DERIVED_HEADINGS = ("ARTICLE", "LOCALE", "TRANSLATED", "DERIVED", "REVIEWED", "FUZZY",
                    "UNTRANSLATED", "TOTAL", "DONE")
"""The table's columns when a derived locale is shown; `-` where a locale is not one."""
TOTAL_LABEL = "(all articles)"


@dataclass(frozen=True)
class Counts:
    """Entries of one catalogue, or of several added up, by state."""

    translated: int = 0
    """Active entries a build publishes: translated and not fuzzy (`po.state`)."""
    fuzzy: int = 0
    """Active entries with a translation marked fuzzy: to be reviewed."""
    untranslated: int = 0
    """Active entries with an empty translation (or plural form), fuzzy or not."""
    derived: int | None = None
    """Of the translated entries, those the converter wrote; None for a locale that is
    not derived."""

    @property
    def reviewed(self) -> int | None:
        """Of the translated entries of a derived locale, those a person wrote."""
        return None if self.derived is None else self.translated - self.derived

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def completeness(self) -> float:
        """Translated fraction, rounded as the manifest rounds it; 1.0 when empty."""
        return round(self.translated / self.total, 4) if self.total else 1.0

    @property
    def percent(self) -> int:
        """Whole percent, rounded down: 100 only when everything is translated."""
        return self.translated * 100 // self.total if self.total else 100

    def __add__(self, other: Counts) -> Counts:
        derived = None if self.derived is None and other.derived is None else (
            (self.derived or 0) + (other.derived or 0))
        return Counts(self.translated + other.translated, self.fuzzy + other.fuzzy,
                      self.untranslated + other.untranslated, derived)


@dataclass(frozen=True)
class CatalogueStatus:
    """One article in one target locale."""

    slug: str
    """The article: its path under the content folder, without `.md`."""
    locale: str
    """Babel identifier of the target locale."""
    path: Path
    """The catalogue, `locales/<locale>/LC_MESSAGES/<slug>.po`."""
    counts: Counts
    """Its entries by state."""
    exists: bool = True
    """False when the catalogue is missing and the template was counted instead."""


@dataclass(frozen=True)
class Status:
    """Every article's catalogue in every chosen target locale."""

    root: Path
    """The project folder; paths are shown relative to it."""
    locales: tuple[str, ...]
    """The target locales shown, in configured order."""
    rows: tuple[CatalogueStatus, ...]
    """By article, then locale."""
    derived: tuple[str, ...] = ()
    """Those of the locales that are derived locales."""

    def totals(self) -> dict[str, Counts]:
        """Counts per locale, over all articles."""
        sums = {locale: Counts(derived=0 if locale in self.derived else None)
                for locale in self.locales}
        for row in self.rows:
            sums[row.locale] += row.counts
        return sums

    @property
    def slugs(self) -> list[str]:
        return list(dict.fromkeys(row.slug for row in self.rows))


def project_status(config: Config, locales: Sequence[str] = ()) -> Status:
    """Count the entries of every catalogue; the articles are the templates."""
    project = Project(config)
    targets = project.target_locales(locales)
    rows = [_catalogue_status(project, slug, pot, locale)
            for slug, pot in project.templates() for locale in targets]
    derived = tuple(locale for locale in targets if locale in config.derive)
    return Status(config.root, targets, tuple(rows), derived)


def _catalogue_status(project: Project, slug: str, pot: Path, locale: str) -> CatalogueStatus:
    path = project.catalogue_path(locale, slug)
    derived = locale in project.config.derive
    if path.exists():
        po = read_catalogue(path, locale)
        if not len(po):  # no entry at all: wrong unless the article has none either
            refuse_empty(po, path, len(read_catalogue(pot)))
        return CatalogueStatus(slug, locale, path, _counts(po, derived))
    return CatalogueStatus(slug, locale, path, _counts(read_catalogue(pot), derived), False)


def _counts(po: polib.POFile, derived: bool) -> Counts:
    if not derived:
        return Counts(**state.counts(po))
    found = state.review_counts(po)
    return Counts(found["derived"] + found["reviewed"], found["fuzzy"], found["untranslated"],
                  found["derived"])


# ----------------------------------------------------------------- table

def no_color() -> bool:
    """Whether NO_COLOR (https://no-color.org) is set to a non-empty value."""
    return bool(os.environ.get("NO_COLOR"))


def bar(counts: Counts, colour: bool, width: int = BAR_WIDTH) -> str:
    """`width` cells: translated, then fuzzy, then untranslated, in proportion."""
    if not counts.total:
        return _paint(BAR_CHARS["translated"] * width, BAR_COLOURS["translated"], colour)
    done = counts.translated * width // counts.total
    reviewed = (counts.translated + counts.fuzzy) * width // counts.total - done
    cells = {"translated": done, "fuzzy": reviewed, "untranslated": width - done - reviewed}
    return "".join(_paint(BAR_CHARS[state] * n, BAR_COLOURS[state], colour)
                   for state, n in cells.items() if n)


def _paint(text: str, fg: str, colour: bool) -> str:
    return click.style(text, fg=fg) if colour else text


def _percent_colour(counts: Counts) -> str:
    if counts.percent == 100:
        return "green"
    return "red" if counts.translated == 0 else "yellow"


def table(status: Status, colour: bool) -> Iterator[str]:
    """The table, one line per article and locale, then per-locale totals if
    there is more than one article; ANSI colours only when `colour` is true."""
    rows = [(row.slug, row.locale, row.counts) for row in status.rows]
    if len(status.slugs) > 1:
        rows += [(TOTAL_LABEL, locale, counts) for locale, counts in status.totals().items()]
    headings = DERIVED_HEADINGS if status.derived else HEADINGS
    cells = [list(headings)] + [_cells(*row, bool(status.derived)) for row in rows]
    widths = [max(_width(line[i]) for line in cells) for i in range(len(headings))]
    yield _line(cells[0], widths).rstrip()
    for line, (_, _, counts) in zip(cells[1:], rows, strict=True):
        pad = " " * (widths[-1] - len(line[-1]))
        done = _paint(line[-1], _percent_colour(counts), colour)
        yield f"{_line(line[:-1], widths)}  {pad}{done}  {bar(counts, colour)}"


def _cells(label: str, locale: str, counts: Counts, split: bool) -> list[str]:
    kinds = [_number(counts.derived), _number(counts.reviewed)] if split else []
    return [label, locale, str(counts.translated), *kinds, str(counts.fuzzy),
            str(counts.untranslated), str(counts.total), f"{counts.percent}%"]


def _number(count: int | None) -> str:
    return "-" if count is None else str(count)


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    """Text columns left-aligned, number columns right-aligned."""
    parts = [cell + " " * (width - _width(cell)) if index < 2 else cell.rjust(width)
             for index, (cell, width) in enumerate(zip(cells, widths, strict=False))]
    return "  ".join(parts)


def _width(text: str) -> int:
    """Terminal columns: East Asian wide and fullwidth characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# ------------------------------------------------------------------ json

def as_json(status: Status) -> str:
    """`{"catalogues": [...], "locales": [...]}`, paths relative to the project."""
    document = {
        "catalogues": [{"article": row.slug, **_locale_fields(row.locale),
                        "path": relative(row.path, status.root), "exists": row.exists,
                        **_count_fields(row.counts)} for row in status.rows],
        "locales": [{**_locale_fields(locale), **_count_fields(counts)}
                    for locale, counts in status.totals().items()],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _locale_fields(locale: str) -> dict[str, str]:
    return {"locale": locale, "lang": lang_tag(locale)}


def _count_fields(counts: Counts) -> dict[str, int | float]:
    kinds = {} if counts.derived is None or counts.reviewed is None else {
        "derived": counts.derived, "reviewed": counts.reviewed}
    return {"translated": counts.translated, **kinds, "fuzzy": counts.fuzzy,
            "untranslated": counts.untranslated, "total": counts.total,
            "completeness": counts.completeness}
