"""`locpipe analyze`: words per match band, as translation is quoted."""

from __future__ import annotations

import click

from locpipe.cli.options import config_option, locale_option, pass_config
from locpipe.config import Config
from locpipe.views.analysis import as_csv, as_json, project_analysis, table


@click.command()
@config_option
@locale_option
@click.option("--format", "output_format", type=click.Choice(["text", "json", "csv"]),
              default="text", show_default=True, help="text for people, json or csv for tools.")
@pass_config
def analyze(config: Config, locales: tuple[str, ...], output_format: str) -> None:
    """Count the words still to translate per match band, per article and locale.

    Each segment without a published translation is a repetition (its text
    came earlier in the run), a 100% match (same text and msgctxt in the
    translation memory), 95-99, 85-94, 75-84, 50-74 or no match; the weighted
    word count applies `analysis.weights` from locpipe.yaml.
    """
    analysis = project_analysis(config, locales)
    for line in analysis.warnings:
        click.echo(line, err=True)
    if output_format == "json":
        click.echo(as_json(analysis))
    elif output_format == "csv":
        click.echo(as_csv(analysis), nl=False)
    else:
        for line in table(analysis):
            click.echo(line)
