"""`locpipe status`: how far each article is translated, per locale."""

from __future__ import annotations

from pathlib import Path

import click

from locpipe.config import load_config
from locpipe.views.status import as_json, no_color, project_status, table


@click.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Path to locpipe.yaml (default: ./locpipe.yaml if present).")
@click.option("--locale", "locales", multiple=True, metavar="LOCALE",
              help="Only this target locale (repeatable; default: all).")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]),
              default="table", show_default=True, help="table for people, json for tools.")
def status(config_path: Path | None, locales: tuple[str, ...], output_format: str) -> None:
    """Show how far each article is translated, per locale.

    A table of translated, fuzzy and untranslated entries, with a percentage
    and a bar (or --format json). Colours only on a terminal, never with
    NO_COLOR set. Counts come from the catalogues; a missing catalogue counts
    its template as untranslated.
    """
    config = load_config(config_path)
    result = project_status(config, locales)
    if output_format == "json":
        click.echo(as_json(result))
    if not result.rows:
        click.echo("no templates found: run `locpipe extract` first", err=True)
    if output_format == "json" or not result.rows:
        return
    for line in table(result, colour=not no_color()):
        click.echo(line)
