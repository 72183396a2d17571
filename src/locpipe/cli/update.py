"""`locpipe update`: the templates merged into each locale's catalogues."""

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
def update(config: Config, locales: tuple[str, ...], jobs: int, verbose: bool,
           quiet: bool) -> None:
    """Merge the templates into each locale's .po, keeping every translation.

    Changed source text gets a fuzzy pre-filled translation; removed text
    stays as obsolete (#~) entries. Text still without a translation gets the
    translation memory's best match (every catalogue of the locale, then
    `memory.files`), fuzzy unless `memory.accept_exact` publishes exact ones.
    """
    outcome = with_progress("update",
                            lambda: article_count(config) * len(locales or config.locales),
                            quiet,
                            lambda p: pipeline.update(config, locales, jobs, p))
    print_outcome(outcome, config.root, verbose, quiet)
