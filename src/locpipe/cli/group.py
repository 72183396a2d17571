"""The group behind `locpipe`: lazy commands, near misses, and errors as exit codes."""

from __future__ import annotations

import ast
import dataclasses
import difflib
import importlib
import importlib.util
import signal
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

import click

from locpipe.cli.options import Session
from locpipe.errors import LocpipeError, WorkerLost
from locpipe.jobs import files, workers
from locpipe.project import relative

EXIT_INPUT_ERROR = 2
"""A LocpipeError (bad input, bad settings) ends the run with this code, as usage errors do."""
EXIT_RUN_FAILED = 1
"""A worker process died: the run failed, though not (as far as anyone knows) for its input."""
EXIT_SIGNAL = 128
"""Plus the signal's number, as shells report a command a signal ended: 130 for
SIGINT (Ctrl-C), 143 for SIGTERM."""


class Stopped(BaseException):
    """SIGTERM, raised in the main thread as Python raises KeyboardInterrupt for SIGINT:
    the stack unwinds, so that `with` blocks remove their temporary files."""


def _raise_stopped(signum: int, frame: FrameType | None) -> NoReturn:
    raise Stopped


@contextmanager
def sigterm_unwinds() -> Iterator[None]:
    """SIGTERM raises `Stopped` inside the block (only the main thread can be told);
    both stopping signals' handlers are as they were after it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {each: signal.getsignal(each) for each in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGTERM, _raise_stopped)
    try:
        yield
    finally:
        for each, handler in before.items():
            if handler is not None:  # None: set outside Python, nothing to put back
                signal.signal(each, handler)


def did_you_mean(name: str, choices: list[str]) -> str:
    """Click's own wording for near misses, e.g. " Did you mean 'build'?"."""
    close = difflib.get_close_matches(name, choices)
    if not close:
        return ""
    if len(close) == 1:
        return f" Did you mean {close[0]!r}?"
    return " (Did you mean one of: " + ", ".join(repr(c) for c in sorted(close)) + "?)"


class SuggestingGroup(click.Group):
    """A group whose unknown command gets "Did you mean ...?" over every command it lists."""

    def resolve_command(self, ctx: click.Context, args: list[str]
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        # click suggests only among commands already registered, not lazy ones.
        name = args[0] if args else ""
        if (name and not name.startswith("-") and not ctx.resilient_parsing
                and self.get_command(ctx, name) is None):
            ctx.fail(f"No such command {name!r}.{did_you_mean(name, self.list_commands(ctx))}")
        return super().resolve_command(ctx, args)


class LocpipeGroup(SuggestingGroup):
    """Loads heavy commands when called, and turns every LocpipeError into exit code 2."""

    def __init__(self, *args: Any, lazy: Mapping[str, str] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})
        """Command name -> "module:attribute", imported only when the command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.lazy:
            return super().get_command(ctx, name)
        module, _, attr = self.lazy[name].partition(":")
        command: click.Command = getattr(importlib.import_module(module), attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The listing needs each lazy command's summary, not its imports: read the docstring.
        listed = {name: self._listed(ctx, name) for name in self.list_commands(ctx)}
        known = {name: command for name, command in listed.items() if command is not None}
        click.Group(commands=known).format_commands(ctx, formatter)

    def _listed(self, ctx: click.Context, name: str) -> click.Command | None:
        """The command itself, or for a lazy one a stand-in carrying its docstring."""
        if name in self.lazy:
            doc = lazy_docstring(self.lazy[name])
            if doc is not None:
                return click.Command(name, help=doc)
        return self.get_command(ctx, name)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with sigterm_unwinds():
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WorkerLost as exc:
            click.echo(shown(exc, ctx), err=True)
            ctx.exit(EXIT_RUN_FAILED)
        except LocpipeError as exc:
            click.echo(shown(exc, ctx), err=True)
            ctx.exit(EXIT_INPUT_ERROR)
        except KeyboardInterrupt:
            _stopped(ctx, signal.SIGINT)
        except Stopped:
            _stopped(ctx, signal.SIGTERM)


def shown(error: LocpipeError, ctx: click.Context) -> str:
    """The error's line, its file relative to the project wherever it was found, so
    that every command names a file in the same form."""
    if error.path is None or not Path(error.path).is_absolute():
        return error.format()
    root = ctx.ensure_object(Session).root
    return dataclasses.replace(error, path=relative(Path(error.path), root)).format()


def _stopped(ctx: click.Context, signum: signal.Signals) -> NoReturn:
    """End an interrupted run: no worker left, no temporary file, the signal's exit code."""
    for each in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C must not cut this short
        signal.signal(each, signal.SIG_IGN)
    workers.stop_all()
    files.remove_unfinished()
    click.echo(f"interrupted by {signum.name}: every file is as it was or complete", err=True)
    ctx.exit(EXIT_SIGNAL + signum)


def lazy_docstring(target: str) -> str | None:
    """The docstring of "module:function" read from its source, without importing it.

    None when the source cannot be read (a frozen or zipped install): the caller
    then imports the command instead.
    """
    module, _, attr = target.partition(":")
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        return None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == attr:
            return ast.get_docstring(node, clean=False)
    return None
