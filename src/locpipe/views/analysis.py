"""`locpipe analyze`: the leverage analysis per article and locale, as text, JSON or CSV.

The figures are `catalogue.analysis`'s: each segment still to translate (no
published translation in its catalogue) in one band, against the memory `update`
pre-fills from. A locale's articles are one run, in slug order, so a text
repeated across articles is a repetition after its first occurrence.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from locpipe.catalogue.analysis import Run, Segment, Tally
from locpipe.catalogue.memory import Memory, project_memory
from locpipe.config import BANDS, Config
from locpipe.po.reader import read_catalogue, read_messages
from locpipe.po.state import translations
from locpipe.project import Project, lang_tag

TOTAL_LABEL = "(all articles)"


@dataclass(frozen=True)
class Row:
    """One article in one target locale (or a locale's total: `slug` is TOTAL_LABEL)."""

    slug: str
    locale: str
    tally: Tally


@dataclass(frozen=True)
class Analysis:
    """Every article in every chosen target locale, and each locale's total."""

    weights: tuple[float, ...]
    """One per band of `BANDS`."""
    rows: tuple[Row, ...]
    """By locale, then article in slug order."""
    totals: tuple[Row, ...]
    """One per locale."""
    warnings: tuple[str, ...] = ()

    def weighted(self, row: Row) -> float:
        return row.tally.weighted(self.weights)


def project_analysis(config: Config, locales: Sequence[str] = ()) -> Analysis:
    """Analyse every template against each locale's memory."""
    project = Project(config)
    templates = project.templates()
    rows: list[Row] = []
    totals: list[Row] = []
    warnings: list[str] = []
    for locale in project.target_locales(locales):
        memory, orphans = (project_memory(config, locale) if config.memory.enabled
                           else (Memory([]), []))
        warnings += orphans
        run = Run(memory)
        found = [Row(slug, locale, run.article(_segments(project, slug, pot, locale)))
                 for slug, pot in templates]
        rows += found
        totals.append(Row(TOTAL_LABEL, locale, sum((r.tally for r in found), Tally())))
    return Analysis(config.analysis.weights, tuple(rows), tuple(totals), tuple(warnings))


def _segments(project: Project, slug: str, pot: Any, locale: str) -> Iterator[Segment]:
    """The template's entries that have no published translation in `locale`."""
    path = project.catalogue_path(locale, slug)
    done = translations(read_messages(path, locale)) if path.exists() else {}
    for entry in read_catalogue(pot):
        if entry.msgid and not entry.obsolete and (entry.msgctxt, entry.msgid) not in done:
            yield Segment(entry.msgctxt, entry.msgid, max(1, len(entry.occurrences)))


# ------------------------------------------------------------------ text

HEADINGS = ("BAND", "SEGMENTS", "WORDS", "WEIGHT", "WEIGHTED")


def table(analysis: Analysis) -> Iterator[str]:
    """A block per article and locale, then per locale's total: a line per band."""
    for row in (*analysis.rows, *analysis.totals):
        yield f"{row.slug}  {row.locale}"
        lines = [list(HEADINGS), *_band_cells(analysis, row),
                 ["total", str(row.tally.total_segments), str(row.tally.total_words), "",
                  f"{analysis.weighted(row):.1f}"]]
        widths = [max(len(line[i]) for line in lines) for i in range(len(HEADINGS))]
        for line in lines:
            yield "  " + "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                                   for i, (cell, w) in enumerate(zip(line, widths, strict=True))
                                   ).rstrip()
        yield ""


def _band_cells(analysis: Analysis, row: Row) -> list[list[str]]:
    return [[band, str(segments), str(words), f"{weight:.2f}", f"{words * weight:.1f}"]
            for band, segments, words, weight in zip(BANDS, row.tally.segments,
                                                     row.tally.words, analysis.weights,
                                                     strict=True)]


# ------------------------------------------------------------ json, csv

def as_json(analysis: Analysis) -> str:
    """`{"weights": {...}, "articles": [...], "totals": [...]}`."""
    document = {
        "weights": dict(zip(BANDS, analysis.weights, strict=True)),
        "articles": [_json_row(analysis, row) for row in analysis.rows],
        "totals": [_json_row(analysis, row) for row in analysis.totals],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _json_row(analysis: Analysis, row: Row) -> dict[str, Any]:
    head = {"article": row.slug} if row.slug != TOTAL_LABEL else {}
    bands = [{"band": band, "segments": segments, "words": words,
              "weighted": round(words * weight, 2)}
             for band, segments, words, weight in zip(BANDS, row.tally.segments,
                                                      row.tally.words, analysis.weights,
                                                      strict=True)]
    return {**head, "locale": row.locale, "lang": lang_tag(row.locale), "bands": bands,
            "segments": row.tally.total_segments, "words": row.tally.total_words,
            "weighted": round(analysis.weighted(row), 2)}


CSV_COLUMNS = ("article", "locale", "band", "segments", "words", "weight", "weighted")


def as_csv(analysis: Analysis) -> str:
    """One line per article, locale and band (and `total`); totals as `(all articles)`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in (*analysis.rows, *analysis.totals):
        for band, segments, words, weight, weighted in _band_cells(analysis, row):
            writer.writerow([row.slug, row.locale, band, segments, words, weight, weighted])
        writer.writerow([row.slug, row.locale, "total", row.tally.total_segments,
                         row.tally.total_words, "", f"{analysis.weighted(row):.1f}"])
    return out.getvalue()
