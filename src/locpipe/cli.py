"""The `locpipe` command line: wires the pipeline stages together."""

from __future__ import annotations

import sys
from pathlib import Path

import click

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


main.add_command(check)
main.add_command(glossary)
