"""`locpipe status`: how far each article is translated, per locale."""

from __future__ import annotations

import click

from locpipe.cli.options import config_option, locale_option, pass_config
from locpipe.config import Config
from locpipe.views.status import as_json, no_color, project_status, table


@click.command()
@config_option
@locale_option
@click.option("--format", "output_format", type=click.Choice(["table", "json"]),
              default="table", show_default=True, help="table for people, json for tools.")
@pass_config
def status(config: Config, locales: tuple[str, ...], output_format: str) -> None:
    """Show how far each article is translated, per locale.

    A table of translated, fuzzy and untranslated entries, with a percentage
    and a bar (or --format json). Colours only on a terminal, never with
    NO_COLOR set. Counts come from the catalogues; a missing catalogue counts
    its template as untranslated.
    """
    result = project_status(config, locales)
    if output_format == "json":
        click.echo(as_json(result))
    if not result.rows:
        click.echo("no templates found: run `locpipe extract` first", err=True)
    if output_format == "json" or not result.rows:
        return
    for line in table(result, colour=not no_color()):
        click.echo(line)
