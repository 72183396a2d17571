"""The `locpipe` command line: wires the pipeline stages together."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path

import click

from locpipe.config import Config, load_config
from locpipe.errors import LocpipeError
from locpipe.jobs import pipeline
from locpipe.jobs.outcome import Outcome
from locpipe.jobs.workers import Progress, default_jobs
from locpipe.project import Project, relative

# Commands defined in modules of their own, imported only when called, so that
# a quick run (a no-op build in CI) does not pay for the checks' imports.
LAZY_COMMANDS = {
    "check": "locpipe.cli.check:check",
    "glossary": "locpipe.cli.glossary:glossary",
    "report": "locpipe.cli.report:report",
    "status": "locpipe.cli.status:status",
}


class LocpipeGroup(click.Group):
    """Turns every LocpipeError into one line on stderr and exit code 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module, _, attr = LAZY_COMMANDS[name].partition(":")
            command: click.Command = getattr(importlib.import_module(module), attr)
            return command
        return super().get_command(ctx, name)

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


def _locale_option(func):  # type: ignore[no-untyped-def]
    return click.option("--locale", "locales", multiple=True, metavar="LOCALE",
                        help="Only this target locale (repeatable; default: all).")(func)


def _run_options(func):  # type: ignore[no-untyped-def]
    """--jobs, --verbose and --quiet, shared by the jobs that write files."""
    func = click.option("-j", "--jobs", type=click.IntRange(min=1),
                        default=default_jobs, show_default="number of CPUs",
                        help="Documents processed in parallel.")(func)
    func = click.option("-v", "--verbose", is_flag=True, help="List every file written.")(func)
    return click.option("-q", "--quiet", is_flag=True,
                        help="Print nothing but warnings and errors.")(func)


def _with_progress(label: str, total: int, quiet: bool,
                   job: Callable[[Progress | None], Outcome]
                   ) -> Outcome:
    """Run `job` with a progress bar on a terminal, silently elsewhere."""
    if quiet or total < 20 or not sys.stderr.isatty():
        return job(None)
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        return job(bar.update)


def _report(outcome: Outcome, root: Path, verbose: bool, quiet: bool,
            verb: str = "written") -> None:
    for line in outcome.warnings:
        click.echo(line, err=True)
    if verbose:
        for path in outcome.written:
            click.echo(f"{verb} {_rel(path, root)}")
    if not quiet:
        click.echo(f"{len(outcome.written)} {verb}, {outcome.unchanged} unchanged")


def _rel(path: str, root: Path) -> str:
    return relative(Path(path), root)


def _article_count(config: Config) -> int:
    folder = config.content_path  # counted by slug: `rglob` holds a Path per article
    return len(Project(config).article_slugs()) if folder.is_dir() else 0


@main.command()
@config_option
@_run_options
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if a template is out of date.")
def extract(config_path: Path | None, jobs: int, verbose: bool, quiet: bool,
            check_only: bool) -> None:
    """Write a template (locales/templates/<slug>.pot) for every article."""
    config = get_config(config_path)
    outcome = _with_progress("extract", _article_count(config), quiet,
                             lambda p: pipeline.extract(config, jobs, check_only, p))
    if check_only:
        for path in outcome.written:
            click.echo(f"{_rel(path, config.root)}: out of date (run `locpipe extract`)",
                       err=True)
        _report(outcome, config.root, False, quiet, "stale")
        sys.exit(1 if outcome.written else 0)
    _report(outcome, config.root, verbose, quiet)


@main.command()
@config_option
@_locale_option
@_run_options
def update(config_path: Path | None, locales: tuple[str, ...], jobs: int, verbose: bool,
           quiet: bool) -> None:
    """Merge the templates into each locale's .po, keeping every translation.

    Changed source text gets a fuzzy pre-filled translation; removed text
    stays as obsolete (#~) entries.
    """
    config = get_config(config_path)
    total = _article_count(config) * len(locales or config.locales)
    outcome = _with_progress("update", total, quiet,
                             lambda p: pipeline.update(config, locales, jobs, p))
    _report(outcome, config.root, verbose, quiet)


@main.command()
@config_option
@_locale_option
@_run_options
def build(config_path: Path | None, locales: tuple[str, ...], jobs: int, verbose: bool,
          quiet: bool) -> None:
    """Write the editions (build/site/<lang>/<slug>.md) and manifest.json.

    Untranslated and fuzzy entries fall back to the source text. Catalogues
    are only read.
    """
    config = get_config(config_path)
    outcome = _with_progress("build", _article_count(config), quiet,
                             lambda p: pipeline.build(config, locales, jobs, p))
    _report(outcome, config.root, verbose, quiet)
