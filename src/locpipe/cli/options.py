"""What commands share: the session (`--config`, read once) and the common options."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

import click

from locpipe.config import Config, detect_dialect, load_config
from locpipe.jobs.workers import default_jobs
from locpipe.project import relative

P = ParamSpec("P")
R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., object])


@dataclass
class Session:
    """One run of the command line: `ctx.obj` of the group and of every command."""

    config_path: Path | None = None
    """`--config`, before or after the command name; None: ./locpipe.yaml if present."""
    _config: Config | None = field(default=None, init=False, repr=False)
    """The settings once read; `--help` and usage errors never read them."""

    @property
    def config(self) -> Config:
        """The project's settings, read on first use (a LocpipeError if they are wrong)."""
        if self._config is None:
            self._config = load_config(self.config_path)
            _say_detected(self._config)
        return self._config

    @property
    def root(self) -> Path:
        """The project folder as far as it is known: that of the settings once read,
        else the folder of `--config`, else the working folder."""
        if self._config is not None:
            return self._config.root
        if self.config_path is not None:
            return self.config_path.resolve().parent
        return Path.cwd().resolve()

    def take_config_path(self, path: Path) -> None:
        """Record `--config`; the same option twice must name the same file."""
        if self.config_path is not None and self.config_path != path:
            raise click.UsageError(f"--config given twice: {self.config_path} and {path}")
        self.config_path = path


def _say_detected(config: Config) -> None:
    """One info line when the dialect was not set and a site generator's file chose it."""
    if config.dialect is not None:
        return
    found = detect_dialect(config.root, config.content_dir)
    if found is not None:
        click.echo(f"info: dialect {found.dialect}, detected from "
                   f"{relative(found.marker, config.root)} (set `dialect` in locpipe.yaml "
                   f"to choose another)", err=True)


def session() -> Session:
    """The current run's session, made by the first context that asks for it."""
    return _session_of(click.get_current_context())


def _session_of(ctx: click.Context) -> Session:
    # Kept on the group's context, which outlives the command's: the group prints a
    # command's error, relative to the project, after the command's context is gone.
    return ctx.find_root().ensure_object(Session)


def _take_config(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    # Both positions of `--config` fill the one Session of the group's context.
    if value is not None:
        _session_of(ctx).take_config_path(value)


def config_option(func: F) -> F:
    """`--config FILE`, accepted by the group and by every command alike."""
    option = click.option(
        "--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
        expose_value=False, callback=_take_config,
        help="Path to locpipe.yaml (default: ./locpipe.yaml if present).")
    return option(func)


def pass_config(func: Callable[Concatenate[Config, P], R]) -> Callable[P, R]:
    """Call the command with the session's settings as its first argument."""
    @functools.wraps(func)
    def with_config(*args: P.args, **kwargs: P.kwargs) -> R:
        return func(session().config, *args, **kwargs)
    return with_config


def locale_option(func: F) -> F:
    """`--locale`, repeatable: the target locales a command is limited to."""
    option = click.option("--locale", "locales", multiple=True, metavar="LOCALE",
                          help="Only this target locale (repeatable; default: all).")
    return option(func)


def run_options(func: F) -> F:
    """--jobs, --verbose and --quiet, shared by the jobs that write files."""
    func = click.option("-j", "--jobs", type=click.IntRange(min=1),
                        default=default_jobs, show_default="number of CPUs",
                        help="Documents processed in parallel.")(func)
    func = click.option("-v", "--verbose", is_flag=True, help="List every file written.")(func)
    return click.option("-q", "--quiet", is_flag=True,
                        help="Print nothing but warnings and errors.")(func)
