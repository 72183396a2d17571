"""Every CommonMark spec example survives localisation byte for byte.

The examples come from /work/shared/corpus/commonmark-spec.json (the 655
examples of spec 0.31.2); the tests skip, saying so, when it is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.rules_core.normalize import normalize as markdown_it_normalize
from markdown_it.rules_core.state_core import StateCore

from locpipe.catalogue.template import template
from locpipe.markdown.dialects import COMMONMARK, GFM, Dialect
from locpipe.markdown.grammar import full_parser, normalize
from locpipe.markdown.segment import Document, body_segments, segment_text
from locpipe.markdown.splice import _signature, assemble
from locpipe.po.writer import write_po_text
from pipeline_support import (
    CORPUS,
    Run,
    block_structure,
    corpus,
    invoke,
    msgcat,
    msgfmt,
    needs_gettext,
    write_files,
)

Runner = Callable[..., Run]
EXAMPLES: list[dict[str, Any]] = (
    json.loads(CORPUS.read_text(encoding="utf-8")) if CORPUS.is_file() else [])
NUMBERS = [e["example"] for e in EXAMPLES] or [0]
# Translations that would break a block if spliced blindly: each must fall back.
BREAKERS = [
    "two\n\nparagraphs", "# heading", "- item", "* item", "1. item", "2) item", "> quote",
    "```\nfence", "~~~", "    code", "***", "---", "<div>", "<!-- comment", "[ref]: /url",
    "[^note]: text", "unclosed `code", "a | b", "text\n===", "text  \n- item", "<",
    "trailing backslash\\", "  \n", "", "\t\ttab", "中文\n中文", "x\r\ny",
]


# Every example rebuilds byte for byte in plain CommonMark and in GFM, the default.
BOTH = pytest.mark.parametrize("dialect", [COMMONMARK, GFM], ids=["commonmark", "gfm"])


def document(number: int, dialect: Dialect = GFM) -> Document:
    if not EXAMPLES:
        corpus()  # skips with the reason
    return segment_text(EXAMPLES[number - 1]["markdown"], f"content/ex{number:03d}.md",
                        dialect=dialect)


def test_the_corpus_is_complete() -> None:
    assert len(corpus()) == 655


@BOTH
@pytest.mark.parametrize("number", NUMBERS)
def test_identity_translation_gives_the_example_back(number: int, dialect: Dialect) -> None:
    doc = document(number, dialect)
    identity = {(s.context, s.msgid): s.msgid for s in doc.segments}
    result = assemble(doc, identity)
    assert result.text == EXAMPLES[number - 1]["markdown"]
    assert result.fallbacks == []


@pytest.mark.parametrize("number", NUMBERS)
def test_segments_from_the_blocks_alone_are_those_of_the_full_parse(number: int) -> None:
    doc = document(number)
    full = body_segments(doc.text, full_parser().parse(doc.text))
    assert [s for s in doc.segments if s.context is None] == full


@pytest.mark.parametrize("number", NUMBERS)
def test_the_structure_kept_from_segmentation_is_the_block_parsers(number: int) -> None:
    doc = document(number)
    if "^" in doc.text:
        assert doc.blocks is None  # footnote blocks depend on references: parsed again
    else:
        assert doc.blocks == _signature(doc.text, False)


@BOTH
@pytest.mark.parametrize("number", NUMBERS)
def test_no_translation_changes_the_block_structure(number: int, dialect: Dialect) -> None:
    doc = document(number, dialect)
    source = EXAMPLES[number - 1]["markdown"]
    expected = block_structure(source, dialect)
    keys = list(dict.fromkeys((s.context, s.msgid) for s in doc.segments))
    plans = [
        {k: f"译文 {k[1][::-1]}" for k in keys},
        {k: BREAKERS[i % len(BREAKERS)] for i, k in enumerate(keys)},
        {k: BREAKERS[(i + number) % len(BREAKERS)] + " " + k[1] for i, k in enumerate(keys)},
    ]
    for translations in plans:
        for cjk in (False, True):
            result = assemble(doc, translations, cjk)
            assert block_structure(result.text, dialect) == expected, (translations,
                                                                       result.text)


# Lines of plain paragraph text: the splice is trusted to keep the blocks unparsed.
PLAIN = ["译文 a-b", ":-- x", "x:--", "z = w", "!not an image", "&amp; too", "\\# escaped",
         "a) b", "中文", "end  ", "k: v", "x\\"]


@pytest.mark.parametrize("number", NUMBERS)
def test_plain_translations_keep_the_structure_without_a_second_parse(number: int) -> None:
    doc = document(number)
    source = EXAMPLES[number - 1]["markdown"]
    keys = list(dict.fromkeys((s.context, s.msgid) for s in doc.segments))
    for lines in (1, 3):
        translations = {k: "\n".join(PLAIN[(i + j) % len(PLAIN)] for j in range(lines))
                        for i, k in enumerate(keys)}
        for cjk in (False, True):
            result = assemble(doc, translations, cjk)
            assert block_structure(result.text) == block_structure(source), result.text


# Through the real command line: many examples as articles of one project.

SAMPLE = NUMBERS[::8]
METADATA = re.compile(r"---\nlang: (en|de)\ntranslation_key: ex\d{3}\nsource_lang: en\n"
                      r"completeness: (1\.0|0\.\d+)\nreading_time_minutes: \d+\n---\n")


@pytest.fixture(scope="module")
def corpus_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample as one project, every msgstr = its msgid, updated again and built."""
    examples = corpus()
    root = write_files(tmp_path_factory.mktemp("corpus"), {
        "locpipe.yaml": "locales: [de]\n",
        **{f"content/ex{n:03d}.md": examples[n - 1]["markdown"] for n in SAMPLE},
    })
    for command in ("extract", "update"):
        assert invoke(root, command).code == 0
    for po_path in sorted((root / "locales/de/LC_MESSAGES").glob("*.po")):
        po = polib.pofile(str(po_path), wrapwidth=0)
        for entry in po:
            entry.msgstr = entry.msgid
        po.save(str(po_path))
    assert invoke(root, "update").code == 0  # written back in locpipe's own format
    result = invoke(root, "build")
    assert result.code == 0, result.err
    assert result.warnings == []
    return root


def test_build_gives_every_example_back_under_its_metadata(corpus_project: Path) -> None:
    mismatched = []
    for number in SAMPLE:
        source = EXAMPLES[number - 1]["markdown"]
        for lang in ("en", "de"):
            edition = (corpus_project / f"build/site/{lang}/ex{number:03d}.md").read_text()
            metadata = METADATA.match(edition)
            assert metadata is not None and metadata.group(1) == lang, edition
            if edition[metadata.end():] != source:
                mismatched.append((number, lang))
    assert mismatched == []


@needs_gettext
def test_the_sample_catalogues_are_valid_and_stable(corpus_project: Path) -> None:
    catalogues = sorted((corpus_project / "locales").rglob("*.po*"))
    assert len(catalogues) == 2 * len(SAMPLE)
    for path in catalogues:
        checked = msgfmt(path)
        assert checked.returncode == 0, (path.name, checked.stderr)
    # msgcat writes nothing at all for a catalogue without entries
    for path in [p for p in catalogues if "\n#: " in p.read_text()]:
        assert msgcat(path, 79) == path.read_bytes(), path.name


@needs_gettext
@pytest.mark.parametrize("wrap", [79, None])
@pytest.mark.parametrize("filled", [False, True])
def test_one_template_of_every_example_is_valid_and_stable(tmp_path: Path, wrap: int | None,
                                                           filled: bool) -> None:
    big: polib.POFile | None = None
    seen: set[tuple[str | None, str]] = set()
    for example in corpus():
        pot = template(segment_text(example["markdown"], f"content/ex{example['example']:03d}.md"))
        if big is None:
            big = polib.POFile(wrapwidth=0)
            big.metadata = pot.metadata
        for entry in pot:
            key = (entry.msgctxt, entry.msgid)
            if key not in seen:
                seen.add(key)
                entry.msgstr = entry.msgid if filled else ""
                big.append(entry)
    assert big is not None and len(big) > 400
    path = tmp_path / ("all.po" if filled else "all.pot")
    path.write_text(write_po_text(big, wrap), encoding="utf-8")
    checked = msgfmt(path)
    assert checked.returncode == 0, checked.stderr
    assert msgcat(path, wrap) == path.read_bytes()


def _normalized(rule: Callable[[StateCore], None], text: str) -> str:
    state = StateCore(text, full_parser(), {})
    rule(state)
    return state.src


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("a \n\r\0\t中>-")))
def test_normalize_gives_what_markdown_it_gives(text: str) -> None:
    assert _normalized(normalize, text) == _normalized(markdown_it_normalize, text)


@pytest.mark.parametrize("number", NUMBERS)
def test_normalize_gives_every_example_what_markdown_it_gives(number: int) -> None:
    if not EXAMPLES:
        corpus()
    text = EXAMPLES[number - 1]["markdown"]
    assert _normalized(normalize, text) == _normalized(markdown_it_normalize, text)
