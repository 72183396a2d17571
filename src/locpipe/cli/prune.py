"""`locpipe prune`: remove the files of articles and locales that no longer exist."""

from __future__ import annotations

import click

from locpipe.cli.options import config_option, pass_config
from locpipe.config import Config
from locpipe.jobs.prune import prune as prune_project


@click.command()
@config_option
@click.option("--catalogues", is_flag=True,
              help="Also remove orphaned catalogues, once their translations are archived "
                   "in locales/<locale>/archive.po.")
@click.option("-n", "--dry-run", is_flag=True, help="Only list what would be removed.")
@pass_config
def prune(config: Config, catalogues: bool, dry_run: bool) -> None:
    """Remove templates, editions (and catalogues) of articles or locales that are gone.

    `extract`, `update` and `build` warn of them as `orphaned`. Templates and
    editions are made from the articles and are removed. Catalogues hold
    translators' work: they stay unless --catalogues is given, and then their
    translations are first kept as obsolete entries in the locale's archive
    catalogue, locales/<locale>/archive.po.
    """
    done = prune_project(config, catalogues, dry_run)
    verb = "would remove" if dry_run else "removed"
    for path in done.archives:
        click.echo(f"{'would archive into' if dry_run else 'archived into'} {path}")
    for path in done.removed:
        click.echo(f"{verb} {path}")
    for path in done.kept:
        click.echo(f"{path}: warning: orphaned catalogue kept (run `locpipe prune "
                   "--catalogues` to archive its translations and remove it)", err=True)
    count = f"{len(done.removed)} {'to remove' if dry_run else 'removed'}"
    click.echo(f"{count}, {len(done.kept)} orphaned catalogues kept")
