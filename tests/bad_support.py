"""Helpers for the bad-input, safety and fuzz tests: small projects, CLI runs, snapshots."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from locpipe.cli import main

DATA = Path(__file__).resolve().parent / "data" / "bad"

ARTICLE = """\
---
title: How acupuncture works
description: A short article.
---

# How acupuncture works

Acupuncture is a *traditional* practice.
It is old.

- One point
- Another point

> A quoted line.
"""

CONFIG = "source_locale: en\nlocales: [zh_Hans]\n"
CATALOGUE = Path("locales/zh_Hans/LC_MESSAGES/article.po")
TEMPLATE = Path("locales/templates/article.pot")
# The keys `locpipe build` writes into an edition's front matter.
ADDED_KEYS = ("lang", "translation_key", "source_lang", "completeness", "date_display",
              "reading_time_minutes")


def make_project(root: Path, article: str | bytes = ARTICLE, config: str = CONFIG,
                 name: str = "article.md") -> Path:
    """A project folder with one article and a `locpipe.yaml`."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    data = article.encode("utf-8") if isinstance(article, str) else article
    (root / "content" / name).write_bytes(data)
    (root / "locpipe.yaml").write_text(config, encoding="utf-8")
    return root


@contextmanager
def working_dir(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None


def run(root: Path, *args: str) -> Run:
    """`locpipe ARGS` in `root`, in this process."""
    with working_dir(root):
        result = CliRunner().invoke(main, list(args))
    return Run(result.exit_code, result.stdout, result.stderr, result.exception)


def run_ok(root: Path, *args: str) -> Run:
    result = run(root, *args)
    assert result.exit_code == 0, result.stderr or result.exception
    return result


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file and symbolic link under `root`, by relative path, with its bytes."""
    files: dict[str, bytes] = {}
    for folder, dirs, names in os.walk(root):
        for name in [*names, *(d for d in dirs if os.path.islink(os.path.join(folder, d)))]:
            path = Path(folder, name)
            key = path.relative_to(root).as_posix()
            files[key] = (b"-> " + os.readlink(path).encode()) if path.is_symlink() \
                else path.read_bytes()
    return files


def assert_one_error_line(result: Run, file: str, line: int | None, advice: str) -> str:
    """Exit code 2, nothing but `path:line: error: ...` on stderr, naming `file`."""
    assert result.exit_code == 2, (result.exit_code, result.stderr, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    where = f":{line}:" if line is not None else ":"
    pattern = rf"(?:.*/)?{re.escape(file)}{where} error: \S.*"
    assert re.fullmatch(pattern, lines[0]), lines[0]
    assert advice in lines[0], lines[0]
    return lines[0]


def without_added_metadata(edition: str, source: str) -> str:
    """`edition` minus the front-matter lines that `locpipe build` adds.

    Fails unless the edition is the source with exactly one run of added
    `key: value` lines, just before the front matter's closing line (or in a
    new front-matter block when the source has none).
    """
    from locpipe.markdown.frontmatter import parse_front_matter

    bom = "\ufeff" if source.startswith("\ufeff") else ""
    assert edition.startswith(bom)
    body, text = source[len(bom):], edition[len(bom):]
    keys = "|".join(ADDED_KEYS)
    added = rf"(?:(?:{keys}): [^\r\n]*(?:\r\n|\n))+"
    front = parse_front_matter(body, "source.md")
    if front is None:
        newline = "\r\n" if "\r\n" in body else "\n"
        match = re.match(rf"---{newline}{added}---{newline}", text)
        assert match, text[:200]
        return bom + text[match.end():]
    head = body[:front.yaml_end]
    assert text.startswith(head), (text[:200], head)
    match = re.compile(added).match(text, len(head))
    assert match, text[len(head):len(head) + 200]
    return bom + head + text[match.end():]
