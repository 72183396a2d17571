"""`locpipe report`: one HTML page with completeness, findings and side-by-side articles."""

from __future__ import annotations

from pathlib import Path

import click

from locpipe.cli.options import config_option, pass_config
from locpipe.config import Config
from locpipe.errors import LocpipeError
from locpipe.jobs.files import write_text_atomic
from locpipe.project import relative
from locpipe.views.report import gather, render

DEFAULT_OUTPUT = Path("build") / "report" / "index.html"


@click.command()
@config_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True,
                                                path_type=Path), default=None,
              help=f"File to write (default: {DEFAULT_OUTPUT.as_posix()} in the project); "
                   "`-` for standard output. Outside the project, its folder must exist.")
@pass_config
def report(config: Config, output: Path | None) -> None:
    """Write an HTML page of completeness, findings and translations.

    Completeness per locale and article as bars, the findings of `locpipe check`
    by rule with links to their entries, and each article with source beside
    translation, glossary terms highlighted.

    The page is self-contained (no script, nothing loaded from the network).
    Findings do not change the exit code: `locpipe check` is the gate.
    """
    to_stdout = output == Path("-")
    path = None if to_stdout else _target(output or config.root / DEFAULT_OUTPUT, config.root)
    data = gather(config)
    if path is None:
        click.echo(render(data), nl=False)
        return
    write_text_atomic(path, render(data))
    click.echo(f"wrote {relative(path, config.root)}: {_count(len(data.views), 'catalogue')}, "
               f"{_count(len(data.result.findings), 'finding')}")


def _target(path: Path, root: Path) -> Path:
    """Where the page goes: folders are made for it inside the project only; elsewhere
    a mistyped folder is an error, not a new tree of folders."""
    target = path.resolve()
    if (root == target or root in target.parents) or target.parent.is_dir():
        return target
    raise LocpipeError("the report's folder does not exist", relative(target.parent, root),
                       hint="create it first, or write the report inside the project")


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
