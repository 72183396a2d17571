"""The `locpipe` command line: wires the pipeline stages together."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from locpipe import pipeline
from locpipe.check_cli import check
from locpipe.config import Config, load_config
from locpipe.errors import LocpipeError
from locpipe.glossary_cli import glossary


class LocpipeGroup(click.Group):
    """Turns every LocpipeError into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except LocpipeError as exc:
            click.echo(exc.format(), err=True)
            sys.exit(2)


def config_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
        default=None, help="Path to locpipe.yaml (default: ./locpipe.yaml if present).",
    )(func)


def get_config(config_path: Path | None) -> Config:
    return load_config(config_path)


@click.group(cls=LocpipeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="locpipe")
def main() -> None:
    """Localise Markdown articles through gettext catalogues.

    extract writes templates (.pot), update merges them into each locale's .po,
    build splices the translations into the source and writes the editions.
    """


def _locale_option(func):  # type: ignore[no-untyped-def]
    return click.option("--locale", "locales", multiple=True, metavar="LOCALE",
                        help="Only this target locale (repeatable; default: all).")(func)


def _verbose_option(func):  # type: ignore[no-untyped-def]
    return click.option("-v", "--verbose", is_flag=True,
                        help="List every file written.")(func)


def _report(outcome: pipeline.Outcome, root: Path, verbose: bool) -> None:
    for line in outcome.warnings:
        click.echo(line, err=True)
    if verbose:
        for path in outcome.written:
            click.echo(f"wrote {_rel(path, root)}")
    click.echo(f"{len(outcome.written)} written, {len(outcome.unchanged)} unchanged")


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


@main.command()
@config_option
@_verbose_option
def extract(config_path: Path | None, verbose: bool) -> None:
    """Write a template (locales/templates/<slug>.pot) for every article."""
    config = get_config(config_path)
    _report(pipeline.extract(config), config.root, verbose)


@main.command()
@config_option
@_locale_option
@_verbose_option
def update(config_path: Path | None, locales: tuple[str, ...], verbose: bool) -> None:
    """Merge the templates into each locale's .po, keeping every translation.

    Changed source text gets a fuzzy pre-filled translation; removed text
    stays as obsolete (#~) entries.
    """
    config = get_config(config_path)
    _report(pipeline.update(config, locales), config.root, verbose)


@main.command()
@config_option
@_locale_option
@_verbose_option
def build(config_path: Path | None, locales: tuple[str, ...], verbose: bool) -> None:
    """Write the editions (build/site/<lang>/<slug>.md) and manifest.json.

    Untranslated and fuzzy entries fall back to the source text. Catalogues
    are only read.
    """
    config = get_config(config_path)
    _report(pipeline.build(config, locales), config.root, verbose)


main.add_command(check)
main.add_command(glossary)
