"""Catalogue validity: what GNU gettext itself would refuse.

GNU `msgfmt --check-format` is the judge, run on each file: translators' tools
and the site's other consumers use gettext, and no Python reader checks the same
things (duplicate entries, format strings, `\\n` endings, syntax).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from locpipe.checks.model import Catalogue, Hit, Project

_LINE = re.compile(r"^(?P<line>\d+)(?::(?P<col>\d+))?: (?P<message>.*)$")


@dataclass(frozen=True)
class MsgfmtError:
    """One complaint of msgfmt about one file."""

    line: int
    """1-based line it points at (1 when msgfmt names none)."""
    col: int
    """1-based column, when msgfmt names one (syntax errors)."""
    message: str
    """msgfmt's words."""


def msgfmt_rejects(project: Project) -> Iterator[Hit]:
    """GNU `msgfmt --check-format` rejects the catalogue.

    Why: a catalogue gettext refuses breaks translators' tools and any build that
    compiles `.mo` files; locpipe skips every other rule on a file it cannot read.
    Example: a `msgid` defined twice, an unclosed quote, or `%(n)s` in the `msgid`
    against `%d` in the `msgstr`.
    Instead: fix the line msgfmt names; Poedit and Lokalize show the same error.
    """
    results = msgfmt_results(project)
    for catalogue in project.catalogues:
        errors = results.get(catalogue.shown, [])
        for error in errors:
            yield catalogue.location(error.line, error.col), f"msgfmt: {error.message}"
        if catalogue.error and not errors:
            yield (catalogue.location(catalogue.error_line),
                   f"unreadable catalogue: {catalogue.error}")


def msgfmt_results(project: Project) -> dict[str, list[MsgfmtError]]:
    """msgfmt's complaints about each catalogue (by `shown` path), run once per check."""
    if "msgfmt" not in project.memo:
        program = shutil.which("msgfmt")
        project.memo["msgfmt"] = _run_all(program, project.catalogues) if program else {}
    found: dict[str, list[MsgfmtError]] = project.memo["msgfmt"]
    return found


def msgfmt_missing(project: Project) -> Iterator[Hit]:
    """GNU msgfmt is not installed, so catalogue validity (V001) was not checked.

    Why: without it, a catalogue gettext would reject can pass unnoticed.
    Example: a machine without the `gettext` package.
    Instead: install GNU gettext (`apt-get install gettext`, `brew install gettext`).
    """
    if project.catalogues and shutil.which("msgfmt") is None:
        first = project.catalogues[0]
        yield first.location(), "GNU msgfmt not found on PATH: catalogue validity not checked"


def language_mismatch(project: Project) -> Iterator[Hit]:
    """The header's `Language` does not match the catalogue's `<locale>/` folder.

    Why: tools (Weblate, Poedit, msgfmt plural checks) trust the header, the build
    trusts the folder; when they differ, one of them uses the wrong language.
    Example: `"Language: zh_Hant\\n"` in `locales/zh_Hans/LC_MESSAGES/article.po`.
    Instead: set `Language` to the folder's locale (`zh_Hans`).
    """
    for catalogue in project.catalogues:
        folder = catalogue.folder_locale
        if catalogue.po is None or folder is None:
            continue
        header = str(catalogue.po.metadata.get("Language", "")).strip()
        if not _same_locale(header, folder):
            found = f"Language {header!r}" if header else "no Language header"
            yield catalogue.location(_header_line(catalogue)), (
                f"{found}, but the catalogue is in the folder of locale {folder!r}")


def _same_locale(header: str, folder: str) -> bool:
    if not header:
        return False
    if header.replace("-", "_").lower() == folder.replace("-", "_").lower():
        return True
    try:
        return Locale.parse(header, sep="-" if "-" in header else "_") == Locale.parse(folder)
    except (ValueError, UnknownLocaleError):
        return False


def _header_line(catalogue: Catalogue) -> int:
    return catalogue.read.field_line("Language") if catalogue.read else 1


def _run_all(program: str, catalogues: list[Catalogue]) -> dict[str, list[MsgfmtError]]:
    # msgfmt is a separate process per file: run a few at once.
    with ThreadPoolExecutor(max_workers=min(8, (os.cpu_count() or 1) * 2)) as pool:
        outputs = pool.map(lambda c: _run(program, c), catalogues)
        return {c.shown: errors for c, errors in zip(catalogues, outputs, strict=True)}


def _run(program: str, catalogue: Catalogue) -> list[MsgfmtError]:
    target = str(catalogue.path)
    done = subprocess.run(
        [program, "--check-format", "-o", os.devnull, target], capture_output=True,
        text=True, errors="replace", env={**os.environ, "LC_ALL": "C"}, check=False)
    if done.returncode == 0:
        return []
    return _parse(done.stderr, target) or [MsgfmtError(1, 1, done.stderr.strip() or "failed")]


def _parse(stderr: str, target: str) -> list[MsgfmtError]:
    errors: list[MsgfmtError] = []
    for raw in stderr.splitlines():
        if not raw.startswith(target + ":"):
            continue
        rest = raw[len(target) + 1:]
        match = _LINE.match(rest)
        line, col = (int(match["line"]), int(match["col"] or 1)) if match else (1, 1)
        message = match["message"] if match else rest.strip()
        if message.startswith("...") and errors:
            # "...this is the location of the first definition" belongs to the line before.
            last = errors[-1]
            errors[-1] = MsgfmtError(last.line, last.col, f"{last.message} (first at line {line})")
            continue
        errors.append(MsgfmtError(line, col, message.rstrip(".")))
    return errors
