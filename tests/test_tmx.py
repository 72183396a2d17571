"""TMX 1.4b: what CAT tools write is read; what locpipe writes is valid against the DTD
(checked by libxml2 through lxml) and reads back to the same pairs, whatever the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.catalogue.export import tmx_text
from locpipe.catalogue.memory import Memory, Unit
from locpipe.catalogue.tmx import TmxUnit, read_tmx, writable
from test_memory import AGENCY_TMX

etree = pytest.importorskip("lxml.etree")
DTD = Path(__file__).resolve().parent / "data" / "tmx" / "tmx14.dtd"

# Text as catalogues hold it: any character XML 1.0 can carry, markup characters,
# a CDATA end, carriage returns and line breaks, Chinese.
PIECE = st.one_of(st.sampled_from(["<", ">", "&", "]]>", "\r", "\n", "\t", '"', "'", "气", "**",
                                   "&amp;", " "]),
                  st.characters(blacklist_categories=("Cs",)))
TEXT = st.lists(PIECE, min_size=1, max_size=20).map("".join)


def validate(text: str) -> etree._Element:
    """Parse as a real XML parser does, and validate against the TMX 1.4b DTD."""
    dtd = etree.DTD(str(DTD))
    root = etree.fromstring(text.encode("utf-8"),
                            etree.XMLParser(resolve_entities=False, no_network=True))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()
    return root


def exported(units: list[Unit], tmp_path: Path) -> tuple[Path, str, int]:
    text, left_out = tmx_text(Memory(units), "en", "zh_Hans")
    path = tmp_path / "out.tmx"
    path.write_text(text, encoding="utf-8")
    return path, text, left_out


def test_a_cat_tools_file_is_read_by_language_and_script(tmp_path: Path) -> None:
    path = tmp_path / "agency.tmx"
    path.write_text(AGENCY_TMX, encoding="utf-8")
    validate(AGENCY_TMX.replace('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n', ""))
    assert read_tmx(path, "en", "zh_Hans") == [TmxUnit("About **cupping**", "关于**拔罐**"),
                                               TmxUnit("About cupping", "关于拔罐")]
    assert read_tmx(path, "en", "zh_Hant") == [TmxUnit("About cupping", "關於拔罐")]
    assert read_tmx(path, "en", "de") == []


def test_the_export_is_valid_and_reads_back(tmp_path: Path) -> None:
    units = [Unit("title", "About <b> & ]]> needles", "关于针 ]]>", "content/a.md"),
             Unit(None, "Line\r\nbreak", "换\r\n行", "content/a.md"),
             Unit(None, "Bell\x07", "铃", "content/a.md")]
    path, text, left_out = exported(units, tmp_path)
    root = validate(text)
    assert "CDATA" not in text and left_out == 1
    assert root.find("header").get("srclang") == "en"
    assert [t.get("{http://www.w3.org/XML/1998/namespace}lang")
            for t in root.iter("tuv")] == ["en", "zh-Hans"] * 2
    assert read_tmx(path, "en", "zh_Hans") == [
        TmxUnit("About <b> & ]]> needles", "关于针 ]]>", "title"),
        TmxUnit("Line\r\nbreak", "换\r\n行")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), TEXT), TEXT, TEXT), min_size=1, max_size=6,
                unique_by=lambda t: (t[0], t[1])))
def test_any_writable_text_survives_the_round_trip(tmp_path_factory: pytest.TempPathFactory,
                                                   triples: list[tuple[str | None, str, str]]
                                                   ) -> None:
    units = [Unit(context, source, target, "content/a.md") for context, source, target in triples]
    path, text, left_out = exported(units, tmp_path_factory.mktemp("tmx"))
    validate(text)
    kept = [TmxUnit(u.source, u.target, u.context) for u in units
            if writable(u.source) and writable(u.target) and writable(u.context or "")]
    assert left_out == len(units) - len(kept)
    assert read_tmx(path, "en", "zh_Hans") == kept
