"""How the jobs that write files show their progress and their outcome."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from locpipe.config import Config
from locpipe.jobs.outcome import Outcome
from locpipe.jobs.workers import Progress
from locpipe.project import Project, relative

PROGRESS_FROM = 20
"""Fewer documents than this finish before a bar would be worth drawing."""


def with_progress(label: str, total: Callable[[], int], quiet: bool,
                  job: Callable[[Progress | None], Outcome]) -> Outcome:
    """Run `job` with a progress bar on a terminal, silently elsewhere. `total` is
    counted only for a bar: counting walks the whole content folder."""
    if quiet or not sys.stderr.isatty():
        return job(None)
    length = total()
    if length < PROGRESS_FROM:
        return job(None)
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        return job(bar.update)


def print_outcome(outcome: Outcome, root: Path, verbose: bool, quiet: bool,
                  verb: str = "written") -> None:
    """Warnings on stderr; the files (with --verbose) and the summary line on stdout."""
    for line in outcome.warnings:
        click.echo(line, err=True)
    if verbose:
        for path in outcome.written:
            click.echo(f"{verb} {shown(path, root)}")
    if not quiet:
        click.echo(f"{len(outcome.written)} {verb}, {outcome.unchanged} unchanged")


def shown(path: str, root: Path) -> str:
    """A path as the summary lines show it: relative to the project when inside it."""
    return relative(Path(path), root)


def article_count(config: Config) -> int:
    """How many articles a job will go through, for the progress bar's length."""
    folder = config.content_path  # counted by slug: `rglob` holds a Path per article
    return Project(config).article_count() if folder.is_dir() else 0
