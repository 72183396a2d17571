"""catalogue.convert: OpenCC under the glossary, with code, links and Markdown untouched.

The properties run over the generated Markdown of the pipeline's fuzz tests: a
derived catalogue is a converted copy of its source's, and what holds for a
catalogue (the identity round trip, a translation never breaking the block
structure) must hold for its conversion too.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import fuzz_support
import test_properties
from locpipe.catalogue.convert import (
    Converter,
    corner_quotes,
    glossary_forms,
    opencc_converter,
    split_kept,
    unchanged_markup,
)
from locpipe.config import CONVERSIONS, Derivation
from locpipe.glossary.terms import load_glossary
from locpipe.markdown.grammar import full_parser
from locpipe.markdown.segment import segment_text
from locpipe.markdown.splice import assemble
from pipeline_support import block_structure

GLOSSARY = load_glossary(Path(__file__).resolve().parent.parent / "glossary")
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def converter(convert: str = "s2twp", quotes: str = "corner") -> Converter:
    return Converter(Derivation("zh_Hans", convert, quotes), "zh_Hant", GLOSSARY)


# ------------------------------------------------------------------ the library

def test_opencc_is_the_official_binding() -> None:
    """The C++ library's wheel, not `opencc-python-reimplemented` under the same name."""
    assert importlib.metadata.version("opencc") >= "1.4.2"
    files = [str(f) for f in importlib.metadata.files("opencc") or ()]
    assert any("opencc_clib" in f and f.endswith((".so", ".pyd")) for f in files)
    assert any(f.endswith("STPhrases.ocd2") for f in files)
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.version("opencc-python-reimplemented")
    assert opencc.OpenCC("s2t").convert("针灸") == "鍼灸"  # STPhrases: what terminology.md says


@pytest.mark.parametrize("config", CONVERSIONS)
def test_every_configuration_loads(config: str) -> None:
    assert opencc_converter(config).convert("气") == "氣"


# ------------------------------------------------------------------ the glossary

@pytest.mark.parametrize(("convert", "opencc_writes"), [("s2t", "鍼灸"), ("s2twp", "針灸")])
def test_the_glossary_wins_over_opencc(convert: str, opencc_writes: str) -> None:
    text = "针灸改善局部血液循环。"
    assert opencc_converter(convert).convert(text).startswith(opencc_writes)
    assert converter(convert).convert(text) == "針灸改善局部血液循環。"
    assert opencc_converter("s2twp").convert(text) == "針灸改善區域性血液迴圈。"


def test_every_term_is_written_in_its_zh_hant_preferred_form() -> None:
    """Corpus-wide over the glossary: each zh_Hans form converts to the zh_Hant one."""
    forms = glossary_forms(GLOSSARY, "zh_Hans", "zh_Hant")
    assert len(forms) >= 20
    for config in CONVERSIONS:
        for (term_id, source), target in forms.items():
            # In a sentence, so that a one-character term is not a whole text.
            assert converter(config).convert(f"关于{source}。") == f"關於{target}。", term_id
    for term, form in [("acupuncture", "針灸"), ("acupuncture-point", "穴位"),
                       ("meridian", "經絡"), ("qi", "氣"), ("yin-and-yang", "陰陽"),
                       ("endorphins", "內啡肽"),
                       ("qikan-yin", "殷琦侃")]:
        found = GLOSSARY.get(term)
        assert found is not None and found.forms("zh_Hant") is not None
        assert found.forms("zh_Hant").preferred == form  # type: ignore[union-attr]


def test_an_exception_is_not_the_term() -> None:
    """天气 (weather) is no 气: OpenCC converts it, and 針刺 is the variant's variant."""
    assert converter().convert("天气很好，针刺有效。") == "天氣很好，針刺有效。"


# ------------------------------------------------------------------ what is kept

@pytest.mark.parametrize("text", [
    "见`针灸 code`和``两个`反引号``",
    "[链接](https://zh.wikipedia.org/wiki/针灸 \"标题\")",
    "![图像](图/针灸.png)",
    "<https://例子.cn/针灸> 和 <a href=\"/针灸\">针灸</a>",
    "访问 https://example.com/针灸/页面 了解",
    "{{ 针灸 }} 与 [参考][针灸]",
])
def test_code_urls_and_html_pass_through(text: str) -> None:
    converted = converter().convert(text)
    assert unchanged_markup(text, converted)
    assert [c for c, kept in split_kept(text) if kept] == \
        [c for c, kept in split_kept(converted) if kept]
    assert converted != text  # the prose around them is converted


def test_quotes_follow_the_region_and_apostrophes_stay() -> None:
    assert corner_quotes("“气”与‘阴阳’，Yin’s ‘x’") == "「气」与『阴阳』，Yin’s 『x』"
    assert converter(quotes="keep").convert("“气”") == "“氣”"
    assert converter().convert("He said “no”.") == "He said 「no」."


# ------------------------------------------------------------------ properties

def _inline_shape(text: str) -> list[tuple[str, str]]:
    """The inline tokens a reader's page is made of, with the text of code, links and
    HTML: what conversion must not change."""
    shape: list[tuple[str, str]] = []
    for token in full_parser().parseInline(text, {}):
        for child in token.children or ():
            keep = child.content if child.type in ("code_inline", "html_inline") else ""
            shape.append((child.type, keep + str(child.attrs.get("href", ""))))
    return shape


MARKDOWN_CJK = st.lists(st.sampled_from([
    *fuzz_support.INLINE, *fuzz_support.CJK, "`针灸`", "[气](https://a.cn/气)", "**阴阳**",
    "“引号”", "‘单引号’", "<b>软件</b>", "https://x.cn/针灸", "\\*", "Yin’s", "软件", "循环",
]), min_size=1, max_size=10).map("".join)


BROKEN = st.lists(st.sampled_from([*fuzz_support.BREAKERS, "`", "``", "\\`", "](", "<", "[",
                                  "](<a b>", "<!--", "http://", "针灸", "“气”", "循环"]),
                 min_size=1, max_size=8).map("".join)


@SETTINGS
@given(st.one_of(MARKDOWN_CJK, BROKEN, fuzz_support.inline, fuzz_support.noise))
def test_the_fast_path_skips_the_guard_only_where_it_passes(text: str) -> None:
    """Differential: the fast path's answer is the slow twin's wherever it gives one."""
    fast, fast_kept = converter().convert_checked(text)
    slow, slow_kept = converter().convert_checked(text, fast=False)
    assert fast == slow
    assert fast_kept == slow_kept == unchanged_markup(text, slow)


@SETTINGS
@given(MARKDOWN_CJK)
@example(text="https://x.cn/针灸``a ` b``*em*`针灸`")  # a bare URL ends before a code span
def test_conversion_keeps_the_inline_markdown(text: str) -> None:
    converted = converter().convert(text)
    assert _inline_shape(converted) == _inline_shape(text)
    assert unchanged_markup(text, converted)


SYNTAX = "*_`[]()!<>#|\\&+.:=~-\n\t\r\0 "


@SETTINGS
@given(st.text(st.sampled_from([*SYNTAX, "a", "U", *"软件盘针灸气循环"]), max_size=40))
def test_markdown_syntax_characters_are_never_touched(text: str) -> None:
    """OpenCC's phrases hold Latin letters (U盘 -> 隨身碟) but no Markdown syntax: the
    syntax characters come out as they went in, in order (a NUL too: OpenCC reads C
    strings, so the converter converts around it)."""
    converted = converter(quotes="keep").convert(text)
    assert [c for c in converted if c in SYNTAX] == [c for c in text if c in SYNTAX]


@SETTINGS
@given(st.text(st.characters(max_codepoint=0x24F), max_size=40))
def test_text_without_han_or_quotes_is_unchanged(text: str) -> None:
    assert converter(quotes="keep").convert(text) == text
    assert converter(quotes="keep").convert(f"针{text}灸") == f"針{text}灸"


@SETTINGS
@given(st.one_of(test_properties.documents(), fuzz_support.documents()))
def test_identity_holds_for_a_derived_catalogue(text: str) -> None:
    """A source catalogue with every msgstr equal to its msgid, derived: its edition
    is the source with only the Han text and the quotes of the segments converted."""
    doc = segment_text(text, "content/a.md")
    derived = {(s.context, s.msgid): converter().convert(s.msgid) for s in doc.segments}
    result = assemble(doc, derived, cjk=True)
    assert result.fallbacks == []
    assert block_structure(result.text) == block_structure(text)
    if all(converter().convert(s.msgid) == s.msgid for s in doc.segments):
        assert result.text == text


@SETTINGS
@given(fuzz_support.documents(), st.data())
def test_conversion_never_changes_what_the_structure_guard_decides(
        text: str, data: st.DataObject) -> None:
    """Pseudo-translations, markup-breaking ones too: the derived edition keeps and
    refuses the same segments as the source locale's, with the same block structure."""
    doc = segment_text(text, "content/a.md")
    keys = list(dict.fromkeys((s.context, s.msgid) for s in doc.segments))
    chosen = {key: data.draw(fuzz_support.translation(key[1])) for key in keys}
    derived = {key: converter().convert(value) for key, value in chosen.items()}
    source, target = assemble(doc, chosen, cjk=True), assemble(doc, derived, cjk=True)
    assert block_structure(target.text) == block_structure(source.text)
    assert [f.segment.msgid for f in target.fallbacks] == \
        [f.segment.msgid for f in source.fallbacks]
