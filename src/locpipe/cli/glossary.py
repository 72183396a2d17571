"""`locpipe glossary`: list the terms, export them as TBX or CSV."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

import click
from babel import Locale, UnknownLocaleError

from locpipe.cli.group import SuggestingGroup
from locpipe.cli.options import config_option, pass_config
from locpipe.config import Config
from locpipe.errors import LocpipeError
from locpipe.glossary.export import export_csv, export_tbx
from locpipe.glossary.terms import Glossary, load_glossary
from locpipe.jobs.files import write_text_atomic
from locpipe.project import relative


@click.group(cls=SuggestingGroup)
def glossary() -> None:
    """Inspect and export the terminology glossary (glossary/*.yaml)."""


@glossary.command("list")
@config_option
@click.option("--locale", "locales", multiple=True,
              help="Locale column to show (repeatable; default: source and targets).")
@pass_config
def list_terms(config: Config, locales: tuple[str, ...]) -> None:
    """Print the terms as a table: id, kind and the preferred form per locale."""
    terms = load_glossary(config.glossary_path)
    shown = [_check_locale(loc) for loc in locales] or list(config.all_locales)
    if not terms:
        click.echo(f"no glossary terms in {relative(config.glossary_path, config.root)}", err=True)
        return
    click.echo(format_table(terms, shown))


@glossary.command("export")
@config_option
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv"]), required=True,
              help="tbx: TBX-Basic for CAT tools; csv: one target language for Weblate.")
@click.option("--tbx-version", type=click.Choice(["2", "3"]), default=None,
              help="tbx only: 2 (default) writes TBX v2 <martif>, which Weblate and "
                   "translate-toolkit import; 3 writes ISO 30042:2019 <tbx>.")
@click.option("--locale", default=None,
              help="Target locale (csv: default the first target; tbx: default all).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@pass_config
def export(config: Config, fmt: str, tbx_version: str | None, locale: str | None,
           output: Path | None) -> None:
    """Write the glossary as TBX or as Weblate CSV."""
    if tbx_version is not None and fmt != "tbx":
        raise LocpipeError("--tbx-version applies to --format tbx only")
    terms = load_glossary(config.glossary_path)
    if locale is not None:
        _check_locale(locale)
        if terms and locale not in terms.locales:
            raise LocpipeError(f"no term has forms for locale {locale!r}", config.glossary_path,
                               hint="glossary locales: " + ", ".join(terms.locales))
    if fmt == "tbx":
        text = export_tbx(terms, config.source_locale, [locale] if locale else None,
                          version=int(tbx_version or 2))
    else:
        text = export_csv(terms, locale or config.locales[0], config.source_locale)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text)


def _check_locale(locale: str) -> str:
    try:
        Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        raise LocpipeError(f"unknown locale {locale!r}",
                           hint="use a Babel identifier such as en or zh_Hans") from None
    return locale


def format_table(terms: Glossary, locales: Sequence[str]) -> str:
    """A plain-text table, aligned for wide (CJK) characters too."""
    rows = [["ID", "KIND", *locales]]
    for term in terms:
        forms = [term.forms(loc) for loc in locales]
        rows.append([term.id, term.kind, *(f.preferred if f else "-" for f in forms)])
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ("  ".join(cell + " " * (width - _width(cell))
                       for cell, width in zip(row, widths, strict=True)) for row in rows)
    return "\n".join(line.rstrip() for line in lines)


def _width(text: str) -> int:
    """Terminal columns: East Asian wide and fullwidth characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
