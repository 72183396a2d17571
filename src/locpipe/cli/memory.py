"""`locpipe memory export`: the project's translation memory for other tools."""

from __future__ import annotations

from pathlib import Path

import click

from locpipe.catalogue.export import compendium, tmx_text
from locpipe.catalogue.memory import project_memory
from locpipe.cli.group import SuggestingGroup
from locpipe.cli.options import config_option, pass_config
from locpipe.config import Config
from locpipe.jobs.files import write_text_atomic
from locpipe.po.writer import write_po_text
from locpipe.project import Project


@click.group(cls=SuggestingGroup)
def memory() -> None:
    """Export the translation memory (every catalogue's translations) as TMX or PO."""


@memory.command("export")
@config_option
@click.option("--format", "fmt", type=click.Choice(["tmx", "po"]), required=True,
              help="tmx: TMX 1.4b for CAT tools; po: a compendium for msgmerge --compendium.")
@click.option("--locale", default=None, metavar="LOCALE",
              help="Target locale (default: the first configured one).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@pass_config
def export(config: Config, fmt: str, locale: str | None, output: Path | None) -> None:
    """Write the translations of one locale as TMX 1.4b or as a PO compendium.

    The memory is what `update` pre-fills from: every translated, non-fuzzy
    entry of the locale's catalogues, then the files listed in `memory.files`.
    Each source text (and msgctxt) is written once, with its first translation.
    """
    target = Project(config).target_locales([locale] if locale else [])[0]
    found, warnings = project_memory(config, target)
    for line in warnings:
        click.echo(line, err=True)
    if fmt == "po":
        text = write_po_text(compendium(found, target), config.wrap)
    else:
        text, left_out = tmx_text(found, config.source_locale, target)
        if left_out:
            click.echo(f"warning: {left_out} translation(s) left out: they hold characters "
                       f"XML 1.0 cannot (control characters)", err=True)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text)
