"""`locpipe memory export`: TMX for CAT tools, and a compendium GNU msgmerge accepts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import polib
import pytest

from pipeline_support import invoke, msgcat, msgfmt, needs_gettext
from test_memory import DISCLAIMER, HEADING, ZH, two_articles


@needs_gettext
def test_the_compendium_fills_a_catalogue_through_msgmerge(tmp_path: Path) -> None:
    root = two_articles(tmp_path)
    out = root / "memory.po"
    done = invoke(root, "memory", "export", "--format", "po", "--locale", "zh_Hans",
                  "-o", str(out))
    assert done.code == 0, done.err
    assert msgfmt(out).returncode == 0 and msgcat(out, 79) == out.read_bytes()
    empty = root / "empty.po"
    empty.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
                     encoding="utf-8")
    merged = root / "merged.po"
    subprocess.run(["msgmerge", "--quiet", "--compendium", str(out), "-o", str(merged),
                    str(empty), str(root / "locales/templates/b.pot")], check=True)
    by_id = {e.msgid: e for e in polib.pofile(str(merged))}
    for msgid in (HEADING, DISCLAIMER):
        assert by_id[msgid].msgstr == ZH[msgid] and not by_id[msgid].fuzzy
    assert by_id["Cupping leaves round marks on the skin."].msgstr == ""


def test_the_export_is_deterministic_and_on_stdout_by_default(tmp_path: Path) -> None:
    root = two_articles(tmp_path)
    first = invoke(root, "memory", "export", "--format", "tmx")
    second = invoke(root, "memory", "export", "--format", "tmx")
    assert first.code == 0 and first.out == second.out
    assert first.out.count("<tu>") == len(ZH)
    assert '<tuv xml:lang="zh-Hans"><seg>治疗过程</seg></tuv>' in first.out


def test_an_unknown_locale_is_one_error_line(tmp_path: Path) -> None:
    root = two_articles(tmp_path)
    done = invoke(root, "memory", "export", "--format", "po", "--locale", "de")
    assert done.code == 2 and done.err.count("\n") == 1
    assert "locale 'de' is not configured" in done.err


@pytest.mark.parametrize("fmt", ["po", "tmx"])
def test_an_empty_memory_exports_an_empty_file(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "locpipe.yaml").write_text("locales: [zh_Hans]\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    done = invoke(tmp_path, "memory", "export", "--format", fmt)
    assert done.code == 0 and "<tu>" not in done.out and "\nmsgid \"" not in done.out[10:]
