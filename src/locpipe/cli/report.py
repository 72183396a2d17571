"""`locpipe report`: one HTML page with completeness, findings and side-by-side articles."""

from __future__ import annotations

from pathlib import Path

import click

from locpipe.cli.options import config_option, pass_config
from locpipe.config import Config
from locpipe.jobs.files import write_text_atomic
from locpipe.views.report import gather, render

DEFAULT_OUTPUT = Path("build") / "report" / "index.html"


@click.command()
@config_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help=f"File to write (default: {DEFAULT_OUTPUT.as_posix()} in the project).")
@pass_config
def report(config: Config, output: Path | None) -> None:
    """Write an HTML page of completeness, findings and translations.

    Completeness per locale and article as bars, the findings of `locpipe check`
    by rule with links to their entries, and each article with source beside
    translation, glossary terms highlighted.

    The page is self-contained (no script, nothing loaded from the network).
    Findings do not change the exit code: `locpipe check` is the gate.
    """
    data = gather(config)
    path = output if output is not None else config.root / DEFAULT_OUTPUT
    write_text_atomic(path, render(data))
    click.echo(f"wrote {_shown(path, config.root)}: {_count(len(data.views), 'catalogue')}, "
               f"{_count(len(data.result.findings), 'finding')}")


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
