"""Random Markdown and random translations (markup-breaking ones too) through
extract, update and build: nothing crashes, every edition parses, its block
structure is the source's, and identity translations give the source back."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import polib
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bad_support import make_project, run_ok, without_added_metadata
from fuzz_support import documents, translation
from locpipe.markdown.grammar import full_parser

# ------------------------------------------------------------ what every edition must be

def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The edition's front matter (loaded with the safe loader) and its body."""
    lines = text.removeprefix("\ufeff").splitlines(keepends=True)
    assert lines[0].rstrip("\r\n") == "---", lines[:2]
    close = next(i for i in range(1, len(lines)) if lines[i].rstrip("\r\n") in ("---", "..."))
    data = yaml.safe_load("".join(lines[1:close]))
    assert isinstance(data, dict)
    return data, "".join(lines[close + 1:])


def _blocks(markdown: str) -> list[tuple[str, str, int]]:
    return [(t.type, t.tag, t.level) for t in full_parser().parse(markdown) if t.type != "inline"]


def _source_body(source: str) -> str:
    from locpipe.markdown.frontmatter import body_offset

    text = source.removeprefix("\ufeff")
    return text[body_offset(text):]


# ------------------------------------------------------------ the test

CONFIG = "source_locale: en\nlocales: [zh_Hans, de]\nwrap: {wrap}\n"


def _fill(path: Path, choose: Any) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = choose(entry)
    po.save(str(path))


# LOCPIPE_FUZZ_EXAMPLES=2000 fuzzes longer than the test suite does.
@settings(max_examples=int(os.environ.get("LOCPIPE_FUZZ_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(source=documents(), wrap=st.sampled_from(["false", "79"]), data=st.data())
def test_random_markdown_and_translations_never_break_an_edition(
        source: str, wrap: str, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp), source, CONFIG.format(wrap=wrap))
        run_ok(root, "extract")
        run_ok(root, "update")
        catalogues = root / "locales"
        _fill(catalogues / "de/LC_MESSAGES/article.po", lambda e: e.msgid)

        def random_translation(entry: polib.POEntry) -> str:
            if data.draw(st.booleans()):
                entry.flags.append("fuzzy")
            return data.draw(translation(entry.msgid))

        _fill(catalogues / "zh_Hans/LC_MESSAGES/article.po", random_translation)
        run_ok(root, "build")

        structure = _blocks(_source_body(source))
        for lang in ("en", "de", "zh-Hans"):
            edition = (root / "build/site" / lang / "article.md").read_bytes().decode("utf-8")
            meta, body = _split_front_matter(edition)
            assert meta["lang"] == lang and meta["translation_key"] == "article"
            assert _blocks(body) == structure, lang
            if lang != "zh-Hans":  # identity translations: the source, byte for byte
                assert without_added_metadata(edition, source) == source, lang
        run_ok(root, "update")  # and the translated catalogues still merge


def test_the_block_signature_sees_a_broken_structure() -> None:
    """The structure check above is not vacuous."""
    assert _blocks("A paragraph.\n") != _blocks("# A paragraph.\n")
    assert _blocks("- a\n- b\n") != _blocks("- a\n\n  b\n")
    assert re.search("heading", str(_blocks("Title\n===\n")))


def test_a_refused_translation_of_a_repeated_text_counts_once(tmp_path: Path) -> None:
    """Found by the test above: two places, one entry, one refused translation gave
    a completeness of -100% and the edition was left out of the site."""
    root = make_project(tmp_path, "1. needle and qi\n2. needle and qi\n", CONFIG.format(wrap=79))
    run_ok(root, "extract")
    run_ok(root, "update")
    _fill(root / "locales/zh_Hans/LC_MESSAGES/article.po", lambda e: "# 针和气")
    result = run_ok(root, "build")
    assert result.stderr.count("it starts like a heading") == 2  # one warning per place
    manifest = json.loads((root / "build/site/manifest.json").read_text(encoding="utf-8"))
    [zh] = [e for e in manifest["articles"][0]["editions"] if e["lang"] == "zh-Hans"]
    assert (zh["translated"], zh["untranslated"], zh["completeness"]) == (0, 1, 0.0)
    assert (root / "build/site/zh-Hans/article.md").read_text(encoding="utf-8").endswith(
        "1. needle and qi\n2. needle and qi\n")
