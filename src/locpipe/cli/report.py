"""`locpipe report`: HTML pages of completeness, findings and side-by-side articles."""

from __future__ import annotations

import os
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

import click

from locpipe.cli.options import config_option, pass_config
from locpipe.config import Config
from locpipe.errors import LocpipeError
from locpipe.jobs.files import write_chunks_atomic
from locpipe.project import inside, relative
from locpipe.views.report import ARTICLES, GENERATOR, Page, gather, pages, render_summary

DEFAULT_OUTPUT = Path("build") / "report" / "index.html"


@click.command()
@config_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True,
                                                path_type=Path), default=None,
              help=f"Summary page to write (default: {DEFAULT_OUTPUT.as_posix()} in the "
                   "project), the article pages in `articles/` beside it; `-` prints the "
                   "summary alone, every finding on it and no article pages. Outside the "
                   "project, its folder must exist.")
@pass_config
def report(config: Config, output: Path | None) -> None:
    """Write HTML pages of completeness, findings and translations.

    A summary page (completeness per locale and article as bars, the findings
    of `locpipe check` by rule, the list of articles) and one page per article
    and locale in `articles/<locale>/<slug>.html` beside it, with source beside
    translation and glossary terms highlighted. Each finding links to its entry
    on the article's page; a long run of findings in one article is one line on
    the summary, and the article's page lists them. Links are relative: the
    folder can be moved or served anywhere. Pages of articles no longer in the
    project are removed from `articles/`.

    Every page is self-contained (no script, nothing loaded from the network).
    Findings do not change the exit code: `locpipe check` is the gate.
    """
    to_stdout = output == Path("-")
    path = None if to_stdout else _target(output or config.root / DEFAULT_OUTPUT, config.root)
    data = gather(config)
    if path is None:
        click.echo(render_summary(data, None), nl=False)
        return
    written, removed = _write(pages(data, path.name), path.parent)
    stale = f"; removed {_count(removed, 'stale page')}" if removed else ""
    click.echo(f"wrote {_count(written, 'page')} ({relative(path, config.root)} and "
               f"{written - 1} in {relative(path.parent / ARTICLES, config.root)}/): "
               f"{_count(len(data.views), 'catalogue')}, "
               f"{_count(len(data.result.findings), 'finding')}{stale}")


def _target(path: Path, root: Path) -> Path:
    """Where the summary goes: folders are made for it inside the project only; elsewhere
    a mistyped folder is an error, not a new tree of folders."""
    target = path.resolve()
    if (root == target or root in target.parents) or target.parent.is_dir():
        return target
    raise LocpipeError("the report's folder does not exist", relative(target.parent, root),
                       hint="create it first, or write the report inside the project")


def _write(report_pages: Iterable[Page], folder: Path) -> tuple[int, int]:
    """Write each page atomically as it is rendered, then remove the article pages
    of an earlier run that this one did not write: pages written, pages removed."""
    written: set[Path] = set()
    for page in report_pages:
        path = inside(folder, page.path.as_posix(), "the report page")
        write_chunks_atomic(path, page.render())
        written.add(path)
    return len(written), _remove_stale(folder / ARTICLES, written)


def _remove_stale(articles: Path, written: set[Path]) -> int:
    """Remove from `articles` the pages not in `written` that the report wrote (they
    carry its generator mark), and the folders that leaves empty: never another
    file, nothing outside the folder, nothing through a symbolic link."""
    if articles.is_symlink() or not articles.is_dir():
        return 0
    removed, emptied = 0, set()
    for folder, _dirs, files in os.walk(articles, topdown=False):  # links not followed
        here = Path(folder)
        for name in files:
            path = here / name
            if path not in written and name.endswith(".html") and _is_report_page(path):
                path.unlink()
                removed += 1
                emptied.add(here)
        if here in emptied and here != articles and not any(here.iterdir()):
            here.rmdir()
            emptied.add(here.parent)
    return removed


def _is_report_page(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with suppress(OSError), path.open("rb") as page:
        return GENERATOR.encode() in page.read(1024)
    return False


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"
