"""`locpipe build`: the editions and the manifest."""

from __future__ import annotations

import click

from locpipe.cli.options import config_option, locale_option, pass_config, run_options
from locpipe.cli.output import article_count, print_outcome, with_progress
from locpipe.config import Config
from locpipe.jobs import pipeline


@click.command()
@config_option
@locale_option
@run_options
@pass_config
def build(config: Config, locales: tuple[str, ...], jobs: int, verbose: bool,
          quiet: bool) -> None:
    """Write the editions (build/site/<lang>/<slug>.md) and manifest.json.

    Untranslated and fuzzy entries fall back to the source text. Catalogues
    are only read.
    """
    outcome = with_progress("build", lambda: article_count(config), quiet,
                            lambda p: pipeline.build(config, locales, jobs, p))
    print_outcome(outcome, config.root, verbose, quiet)
