"""Helpers for the `locpipe check` tests: small projects on disk, and running the CLI."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from locpipe.checks import run_checks
from locpipe.cli import main
from locpipe.config import load_config

DATA = Path(__file__).parent / "data" / "check"
CATALOGUE = "locales/zh_Hans/LC_MESSAGES/article.po"


def esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def entry(msgid: str, msgstr: str, *, kind: str = "paragraph", line: int = 1,
          flags: Sequence[str] = (), comment: str | None = None,
          source: str = "content/article.md") -> str:
    """One `.po` entry as a translator's tool would write it."""
    lines = [f"# {comment}"] if comment else []
    lines += [f"#. {kind}", f"#: {source}:{line}"]
    lines += ["#, " + ", ".join(flags)] if flags else []
    lines += [f'msgid "{esc(msgid)}"', f'msgstr "{esc(msgstr)}"']
    return "\n".join(lines)


def po(*entries: str, language: str = "zh_Hans") -> str:
    """A catalogue with a gettext header and `entries`, one blank line apart."""
    head = ('msgid ""\nmsgstr ""\n'
            f'"Language: {language}\\n"\n'
            '"Content-Type: text/plain; charset=UTF-8\\n"\n')
    return head + "".join("\n" + e + "\n" for e in entries)


def write(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (relative path -> text) under `root`; return `root`."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def with_glossary(root: Path) -> Path:
    """Give the project the fixtures' small glossary, unless it has one."""
    if not (root / "glossary").exists():
        shutil.copytree(DATA / "glossary", root / "glossary")
    return root


@dataclass
class Run:
    """What one `locpipe` command printed and returned."""

    code: int
    """Exit code."""
    out: str
    """Standard output."""
    err: str
    """Standard error."""

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def run(root: Path, *args: str) -> Run:
    """Run `locpipe ARGS` with `root` as the working folder."""
    before = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(before)
    return Run(result.exit_code, result.stdout, result.stderr)


def project(root: Path, files: dict[str, str], config: str = "locales: [zh_Hans]\n") -> Path:
    """A project with the fixtures' glossary, `locpipe.yaml` = `config`, and `files`."""
    write(root, {"locpipe.yaml": config, **files})
    return with_glossary(root)


def messages(root: Path, code: str) -> list[str]:
    """The messages rule `code` reports on the project at `root`."""
    result = run_checks(load_config(root / "locpipe.yaml"), select=[code])
    return [f.message for f in result.findings]


def check_entry(root: Path, msgid: str, msgstr: str, code: str, *, kind: str = "paragraph",
                locale: str = "zh_Hans", files: dict[str, str] | None = None,
                config: str = "") -> list[str]:
    """The messages rule `code` reports on a one-entry catalogue of `locale`."""
    catalogue = po(entry(msgid, msgstr, kind=kind), language=locale)
    project(root, {f"locales/{locale}/LC_MESSAGES/article.po": catalogue, **(files or {})},
            f"locales: [{locale}]\n{config}")
    return messages(root, code)
