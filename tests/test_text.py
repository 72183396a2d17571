"""Text facts: CJK characters, lines and their endings, hard breaks, unwrapping."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.markdown.text import (
    _HARD_BREAK,
    Line,
    LineTable,
    is_cjk,
    is_hard_break,
    join_soft,
    split_lines,
    unwrap,
    unwrap_text,
)


@pytest.mark.parametrize("char", ["气", "針", "。", "，", "「", "カ", "ひ", "Ａ", "𠀀"])
def test_cjk_characters(char: str) -> None:
    assert is_cjk(char)


@pytest.mark.parametrize("char", ["a", "é", " ", "“", "—", "1", ""])
def test_not_cjk(char: str) -> None:
    assert not is_cjk(char)


def test_split_lines_keeps_each_line_ending() -> None:
    text = "a\r\nbb\rc\nd"
    assert split_lines(text) == [Line(0, 1, "\r\n"), Line(3, 5, "\r"), Line(6, 7, "\n"),
                                 Line(8, 9, "")]
    assert "".join(text[line.start:line.end] + line.eol for line in split_lines(text)) == text


def test_split_lines_of_text_ending_in_a_newline_has_no_empty_last_line() -> None:
    assert split_lines("a\n") == [Line(0, 1, "\n")]
    assert split_lines("") == [Line(0, 0, "")]


@pytest.mark.parametrize(("line", "hard"), [
    ("two spaces  ", True),
    ("three spaces   ", True),
    ("a backslash\\", True),
    ("an escaped backslash\\\\", False),
    ("three backslashes\\\\\\", True),
    ("one space ", False),
    ("plain", False),
])
def test_hard_breaks(line: str, hard: bool) -> None:
    assert is_hard_break(line) is hard


@pytest.mark.parametrize(("left", "right", "joined"), [
    ("Latin", "words", "Latin words"),
    ("中文", "文字", "中文文字"),
    ("中文", "Latin", "中文 Latin"),
    ("Latin", "中文", "Latin 中文"),
    ("句号。", "下一句", "句号。下一句"),
    ("trailing  ", "  leading", "trailing leading"),
])
def test_join_soft(left: str, right: str, joined: str) -> None:
    assert join_soft(left, right) == joined


def test_unwrap_joins_soft_breaks_and_keeps_hard_ones() -> None:
    lines = ["one", "two  ", "  three\\", "四", "五"]
    assert unwrap(lines) == "one two  \nthree\\\n四五"


def test_unwrap_text_leaves_a_single_line_alone() -> None:
    assert unwrap_text("no break  ") == "no break  "
    assert unwrap_text("气\n血") == "气血"


@given(st.text(alphabet=" \\\ta\n中", max_size=30))
def test_a_hard_break_read_from_the_end_is_the_pattern_s(line: str) -> None:
    """`is_hard_break` against its slow twin, the pattern searched over the whole line."""
    assert is_hard_break(line) == (_HARD_BREAK.search(line) is not None)


def _unwrap_line_by_line(lines: list[str]) -> str:
    """`unwrap`'s slow twin: the whole text so far joined with each next line."""
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out = out + "\n" + line.lstrip(" \t") if is_hard_break(out) else join_soft(out, line)
    return out


@settings(max_examples=500)
@given(st.lists(st.text(alphabet=" \\\ta中b\n", max_size=8), max_size=8))
def test_unwrap_in_pieces_is_the_line_by_line_join(lines: list[str]) -> None:
    assert unwrap(lines) == _unwrap_line_by_line(lines)


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("ab中 \r\n"), max_size=30))
def test_the_line_table_is_split_lines(text: str) -> None:
    table, lines = LineTable(text), split_lines(text)
    assert list(table) == lines and len(table) == len(lines)
    assert table[1:-1] == lines[1:-1] and table[::2] == lines[::2]
    assert table[-1] == lines[-1]
    with pytest.raises(IndexError):
        table[len(lines)]
