"""Helpers for the extract/update/build tests: the CLI, GNU gettext, Markdown structure."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib
import pytest
import yaml
from click.testing import CliRunner

from locpipe.cli import main
from locpipe.markdown.dialects import GFM, Dialect, dialect_named
from locpipe.markdown.frontmatter import body_offset
from locpipe.markdown.grammar import full_parser

ROOT = Path(__file__).resolve().parent.parent
SLUG = "how-does-acupuncture-work"
ARTICLE = f"content/{SLUG}.md"
POT = f"locales/templates/{SLUG}.pot"
ZH_PO = f"locales/zh_Hans/LC_MESSAGES/{SLUG}.po"
HANT_PO = f"locales/zh_Hant/LC_MESSAGES/{SLUG}.po"
CORPUS = ROOT.parent / "shared" / "corpus" / "commonmark-spec.json"
DIALECT_CORPUS = CORPUS.parent / "dialects"
"""Real pages per dialect, a folder each (see shared/corpus/README.md)."""
# 2026-05-20 00:00 UTC, the article's date: a fixed POT-Creation-Date.
EPOCH = "1779235200"
GETTEXT = shutil.which("msgfmt") is not None and shutil.which("msgcat") is not None
needs_gettext = pytest.mark.skipif(not GETTEXT, reason="GNU gettext (msgfmt, msgcat) is "
                                   "not installed: apt-get install gettext")


def corpus() -> list[dict[str, Any]]:
    """The CommonMark spec examples, or a skip saying where they should be."""
    if not CORPUS.is_file():
        pytest.skip(f"the CommonMark corpus is missing: {CORPUS} (see shared/corpus/README.md)")
    examples: list[dict[str, Any]] = json.loads(CORPUS.read_text(encoding="utf-8"))
    return examples


# The command line

@dataclass
class Run:
    """What one `locpipe` command printed and returned."""

    code: int
    out: str
    err: str

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.err.splitlines() if ": warning: " in line]


def invoke(root: Path, *args: str, env: Mapping[str, str] | None = None,
           config: bool = True) -> Run:
    """`locpipe ARGS --config root/locpipe.yaml`, run from `root`.

    With `config` False no `--config` is given: the project runs on whatever
    `locpipe.yaml` is in `root`, or on the defaults.
    """
    argv = list(args)
    if config:
        argv += ["--config", str(root / "locpipe.yaml")]
    before = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, argv, env={"SOURCE_DATE_EPOCH": EPOCH, **(env or {})},
                                    catch_exceptions=False)
    finally:
        os.chdir(before)
    return Run(result.exit_code, result.stdout, result.stderr)


def copy_project(target: Path) -> Path:
    """The shipped project's inputs (article, glossary, settings, zh_Hans catalogue).

    The zh_Hant catalogue is left out: `update` derives it, with the dates of the run,
    so the golden one does not depend on when the shipped one was written."""
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copytree(ROOT / "glossary", target / "glossary")
    shutil.copy(ROOT / "locpipe.yaml", target / "locpipe.yaml")
    (target / ZH_PO).parent.mkdir(parents=True)
    shutil.copy(ROOT / ZH_PO, target / ZH_PO)
    return target


def write_files(root: Path, files: Mapping[str, str | bytes]) -> Path:
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_bytes(data.encode("utf-8"))
    return root


def translate(po_path: Path, translations: Mapping[str, str], *,
              fuzzy: tuple[str, ...] = ()) -> None:
    """Set msgstrs by msgid (as a translator's tool would), some of them fuzzy."""
    po = polib.pofile(str(po_path), wrapwidth=0)
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            if entry.msgid in fuzzy:
                entry.flags.append("fuzzy")
    po.save(str(po_path))


def entry(po_path: Path, msgid: str, *, obsolete: bool = False) -> polib.POEntry:
    po = polib.pofile(str(po_path), wrapwidth=0)
    found = [e for e in po if e.msgid == msgid and e.obsolete == obsolete]
    assert len(found) == 1, f"{len(found)} entries for {msgid!r} in {po_path}"
    return found[0]


# Files on disk

def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` with its bytes and modification time."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The parsed front matter of an edition and its body."""
    start = body_offset(text.lstrip("\ufeff"))
    assert start, "the edition has no front matter"
    head = text.lstrip("\ufeff")[:start]
    data = yaml.safe_load(head.split("\n", 1)[1].rsplit("---", 1)[0])
    return data, text.lstrip("\ufeff")[start:]


# Markdown structure

def corpus_dialect(page: str) -> Dialect:
    """The dialect corpus's folders are named after their dialect; `vitepress-zh` is
    VitePress in Chinese. `page` is relative to `DIALECT_CORPUS`."""
    return dialect_named(page.split("/")[0].removesuffix("-zh"))


def block_structure(text: str, dialect: Dialect = GFM) -> list[tuple[str, str, int, str, str]]:
    """The block tokens markdown-it sees in an article's body (its inline text aside)."""
    text = text.removeprefix("\ufeff")
    body = text[body_offset(text):]
    return [(t.type, t.tag, t.level, t.markup, t.info)
            for t in full_parser(dialect).parse(body) if t.type != "inline"]


# GNU gettext

def msgfmt(path: Path) -> subprocess.CompletedProcess[str]:
    """`msgfmt --check-format` (and `--check` for a `.po`) on `path`."""
    checks = ["--check-format"] + (["--check"] if path.suffix == ".po" else [])
    return subprocess.run(["msgfmt", *checks, "-o", os.devnull, str(path)],
                          capture_output=True, text=True, check=False)


def msgcat(path: Path, wrap: int | None) -> bytes:
    """What `msgcat` writes for `path`: the file a translator's tool would save."""
    options = ["--no-wrap"] if wrap is None else [f"--width={wrap}"]
    out = path.with_name(path.name + ".msgcat")
    subprocess.run(["msgcat", *options, "-o", str(out), str(path)],
                   capture_output=True, text=True, check=True)
    return out.read_bytes()
