"""`locpipe extract`: the templates, one per article."""

from __future__ import annotations

import click

from locpipe.cli.options import config_option, pass_config, run_options
from locpipe.cli.output import article_count, print_outcome, shown, with_progress
from locpipe.config import Config
from locpipe.jobs import pipeline


@click.command()
@config_option
@run_options
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if a template is out of date.")
@pass_config
@click.pass_context
def extract(ctx: click.Context, config: Config, jobs: int, verbose: bool, quiet: bool,
            check_only: bool) -> None:
    """Write a template (locales/templates/<slug>.pot) for every article."""
    outcome = with_progress("extract", lambda: article_count(config), quiet,
                            lambda p: pipeline.extract(config, jobs, check_only, p))
    if not check_only:
        print_outcome(outcome, config.root, verbose, quiet)
        return
    for path in outcome.written:
        click.echo(f"{shown(path, config.root)}: out of date (run `locpipe extract`)", err=True)
    print_outcome(outcome, config.root, False, quiet, "stale")
    ctx.exit(1 if outcome.written else 0)
