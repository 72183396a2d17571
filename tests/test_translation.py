"""The shipped Chinese (Simplified) catalogue is complete and publishable."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from locpipe.markdown.segment import segment_text

ROOT = Path(__file__).resolve().parent.parent
SLUG = "how-does-acupuncture-work"
PO = ROOT / "locales" / "zh_Hans" / "LC_MESSAGES" / f"{SLUG}.po"
# Text that is not language: numbers, and names kept in Latin letters.
NOT_LANGUAGE = re.compile(r"[\d\s.,:;!?()\-–—]*|Qikan Yin")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(scope="module")
def catalogue() -> polib.POFile:
    return polib.pofile(str(PO), wrapwidth=0)


def test_every_segment_of_the_article_is_translated(catalogue: polib.POFile) -> None:
    text = (ROOT / "content" / f"{SLUG}.md").read_text(encoding="utf-8")
    doc = segment_text(text, f"content/{SLUG}.md")
    translated = {(e.msgctxt, e.msgid) for e in catalogue
                  if e.msgstr and not e.obsolete and "fuzzy" not in e.flags}
    missing = [s.msgid for s in doc.segments if (s.context, s.msgid) not in translated]
    assert missing == []


def test_no_translation_equals_its_source_unless_it_is_not_language(
        catalogue: polib.POFile) -> None:
    same = [e.msgid for e in catalogue
            if e.msgstr == e.msgid and not NOT_LANGUAGE.fullmatch(e.msgid)]
    assert same == []


def test_no_english_sentence_is_left_in_the_chinese_edition(catalogue: polib.POFile) -> None:
    leftovers = [e.msgstr for e in catalogue if LATIN_WORD.search(e.msgstr)]
    assert leftovers == []
