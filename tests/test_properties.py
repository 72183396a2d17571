"""Properties of reassembly over generated Markdown.

Documents mix headings, paragraphs with soft and hard breaks, nested lists,
nested block quotes with lazy lines, tables, code fences, HTML blocks, link
reference definitions, CJK text, CRLF line endings and a byte-order mark.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locpipe.markdown.segment import segment_text
from locpipe.markdown.splice import assemble
from pipeline_support import block_structure

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["needle", "Qi", "flow", "balance", "the", "of", "acupuncture", "point", "2026",
         "针灸", "气", "经络", "平衡", "穴位", "中医", "，", "。", "“引号”", "“quoted”"]
INLINE_MARKUP = ["*{}*", "**{}**", "`{}`", "[{}](https://example.com/a)", "[{}][ref]",
                 "~~{}~~", "{}"]


@st.composite
def inline(draw: st.DrawFn) -> str:
    """One line of inline Markdown."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
    markup = draw(st.sampled_from(INLINE_MARKUP))
    at = draw(st.integers(0, len(words) - 1))
    words[at] = markup.format(words[at])
    joiner = draw(st.sampled_from([" ", ""]))  # CJK text often has no spaces
    return joiner.join(words)


@st.composite
def paragraph(draw: st.DrawFn) -> list[str]:
    lines = draw(st.lists(inline(), min_size=1, max_size=4))
    breaks = [draw(st.sampled_from(["", "", "  ", "\\"])) for _ in lines[:-1]]
    return [line + brk for line, brk in zip(lines, breaks, strict=False)] + [lines[-1]]


@st.composite
def leaf(draw: st.DrawFn) -> list[str]:
    kind = draw(st.sampled_from(["paragraph", "paragraph", "atx", "setext", "fence", "html",
                                 "reference", "table", "thematic"]))
    if kind == "paragraph":
        return draw(paragraph())
    if kind == "atx":
        return ["#" * draw(st.integers(1, 6)) + " " + draw(inline())]
    if kind == "setext":
        return [*draw(paragraph()), draw(st.sampled_from(["===", "---"]))]
    if kind == "fence":
        return ["```py", draw(inline()), "  # not a heading", "```"]
    if kind == "html":
        return ["<div class=\"note\">", draw(inline()), "</div>"]
    if kind == "reference":
        return ["[ref]: https://example.com/ref \"Title\""]
    if kind == "thematic":
        return ["***"]
    columns = draw(st.integers(1, 3))
    rows = draw(st.lists(st.lists(st.sampled_from([*WORDS, "a \\| b", "`c`", ""]),
                                  min_size=columns, max_size=columns), min_size=2, max_size=4))
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * columns]
    return lines + ["| " + " | ".join(row) + " |" for row in rows[1:]]


def quoted(lines: list[str], lazy: bool) -> list[str]:
    """`lines` in a block quote; a lazy quote leaves `>` off a paragraph's last line."""
    out = ["> " + line if line else ">" for line in lines]
    if lazy and len(lines) > 1 and lines[-1] and not lines[-1].startswith(("|", "`", "<", "#")):
        out[-1] = lines[-1]
    return out


def listed(items: list[list[str]], marker: str) -> list[str]:
    out = []
    for number, item in enumerate(items, 1):
        head = f"{number}{marker}" if marker in ".)" else marker
        out.append(f"{head} {item[0]}")
        out.extend(" " * (len(head) + 1) + line if line else "" for line in item[1:])
    return out


blocks = st.recursive(
    leaf(),
    lambda inner: st.one_of(
        st.builds(quoted, inner, st.booleans()),
        st.builds(listed, st.lists(inner, min_size=1, max_size=3),
                  st.sampled_from(["-", "*", ".", ")"])),
    ),
    max_leaves=6,
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    parts = draw(st.lists(blocks, min_size=1, max_size=6))
    lines = [line for part in parts for line in [*part, ""]]
    if draw(st.booleans()):
        title = " ".join(draw(st.lists(st.sampled_from(WORDS[:8]), min_size=1, max_size=4)))
        quoted_title = draw(st.booleans())
        lines = ["---", f"title: {json.dumps(title) if quoted_title else title}", "---", "",
                 *lines]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(lines)
    return ("\ufeff" if draw(st.booleans()) else "") + text


# What a translator might write, good and bad: markup that would break a block
# if it were spliced in blindly must make that segment fall back.
BREAKERS = ["", "two\n\nparagraphs", "# heading", "- item", "1. item", "> quote", "```",
            "unclosed `code", "a | b", "    code", "<div>", "[x]: /y", "***", "line  \nbreak",
            "first\nsecond", "第一行\n第二行", "=== ", "+ plus", "3) three"]
translations = st.one_of(st.sampled_from(BREAKERS),
                         st.text(st.sampled_from("ab 中文#->|`*\n\\"), max_size=12),
                         st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join))


@SETTINGS
@given(documents())
def test_identity_round_trips_byte_for_byte(text: str) -> None:
    doc = segment_text(text, "content/a.md")
    identity = {(s.context, s.msgid): s.msgid for s in doc.segments}
    result = assemble(doc, identity)
    assert result.text == text
    assert result.fallbacks == []


@SETTINGS
@given(documents(), st.data(), st.booleans())
def test_no_translation_changes_the_block_structure(text: str, data: st.DataObject,
                                                    cjk: bool) -> None:
    doc = segment_text(text, "content/a.md")
    keys = list(dict.fromkeys((s.context, s.msgid) for s in doc.segments))
    chosen = {key: data.draw(translations) for key in keys}
    result = assemble(doc, chosen, cjk)
    assert block_structure(result.text) == block_structure(text)
    assert result.text.startswith("\ufeff") == text.startswith("\ufeff")
    if "\r\n" in text:
        assert "\n" not in result.text.replace("\r\n", "")
