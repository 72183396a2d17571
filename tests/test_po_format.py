"""Catalogues written exactly as GNU msgcat writes them, so a re-save makes no diff."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from unicode_segmentation_rs import text_width

from locpipe.po import writer as writer_module
from locpipe.po.writer import (
    _break_marks,
    _breakables,
    _breakables_whole,
    _fill_narrow,
    _units,
    _wider,
    entry_lines,
    escape,
    escape_always,
    quoted_lines,
    reference_lines,
    same_but_dates,
    same_streams_but_dates,
    same_text_but_dates,
    write_po_bytes,
    write_po_chunks,
    write_po_text,
)
from pipeline_support import needs_gettext


def catalogue(texts: list[str]) -> polib.POFile:
    """A catalogue with one entry per text, as msgstr (and, shortened, as msgid)."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Project-Id-Version": "test", "Language": "zh_Hans",
                   "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit"}
    for index, text in enumerate(texts):
        entry = polib.POEntry(msgid=f"{index} {text[::-1]}", msgstr=text)
        entry.occurrences = [("content/a.md", str(index + 1))]
        po.append(entry)
    return po


def msgcat_diff(po: polib.POFile) -> list[str]:
    """Where msgcat (wrapping at 79, and --no-wrap) would rewrite what we write."""
    problems = []
    with tempfile.TemporaryDirectory() as folder:
        for width, options in ((79, []), (None, ["--no-wrap"])):
            path = Path(folder) / "a.po"
            ours = write_po_text(po, width)
            path.write_text(ours, encoding="utf-8")
            theirs = subprocess.run(["msgcat", *options, str(path)], capture_output=True,
                                    text=True, check=True).stdout
            if theirs != ours:
                problems += [f"width {width}: ours {a!r}\n          msgcat {b!r}"
                             for a, b in zip(ours.split("\n"), theirs.split("\n"), strict=False)
                             if a != b][:3]
    return problems


def test_escape() -> None:
    assert escape('a "quote" \\ tab\t newline\n cr\r bell\a') == \
        'a \\"quote\\" \\\\ tab\\t newline\\n cr\\r bell\\a'


def test_a_short_string_stays_on_the_keyword_line() -> None:
    assert quoted_lines("msgid", "Short text", 79) == ['msgid "Short text"']


def test_a_long_string_starts_with_an_empty_line() -> None:
    text = "word " * 30
    lines = quoted_lines("msgstr", text, 79)
    assert lines[0] == 'msgstr ""'
    assert all(len(line) <= 79 for line in lines)
    assert "".join(line.strip('"') for line in lines[1:]) == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=" -abc/.,\t", max_size=40), st.integers(-20, 30))
def test_one_column_text_fills_as_any_text_does(text: str, room: int) -> None:
    """`_fill_narrow`, the ASCII shortcut, against the general fill by display width,
    at every room (a keyword wider than the line leaves less than nothing)."""
    escaped = escape(text)
    marks = _break_marks(escaped)
    expected: list[str] = []
    current = ""
    for unit in _units(escaped, marks):
        if current and len(current + unit) > room:
            expected.append(current)
            current = ""
        current += unit
    expected += [current] if current else []
    if len(escaped) > room:
        assert list(_fill_narrow(escaped, marks, room)) == expected


def test_newlines_start_new_lines_even_without_wrapping() -> None:
    assert quoted_lines("msgid", "one\ntwo", None) == ['msgid ""', '"one\\n"', '"two"']
    assert quoted_lines("msgid", "one line " * 20, None) == [f'msgid "{"one line " * 20}"']


def test_chinese_is_wrapped_by_display_width() -> None:
    lines = quoted_lines("msgstr", "针灸" * 50, 79)
    assert lines[1] == '"' + "针灸" * 19 + '"'  # 76 columns of text, 2 quotes: 78 <= 79


def test_references_fill_lines_of_79_columns() -> None:
    refs = [("content/article-name.md", str(n)) for n in (1, 2, 30, 400)]
    assert reference_lines(refs, 79) == [
        "#: content/article-name.md:1 content/article-name.md:2",
        "#: content/article-name.md:30 content/article-name.md:400",
    ]
    assert reference_lines(refs[:1] * 2, 79) == ["#: content/article-name.md:1"]


@needs_gettext
def test_references_wrap_as_msgcat_wraps_them() -> None:
    po = catalogue(["text"] * 3)
    for n, entry in enumerate(po):
        entry.occurrences = [(f"content/{'deep/' * n}article-{k}.md", str(k * 7 ** n))
                             for k in range(1, 9)]
    assert msgcat_diff(po) == []


def test_entry_order_fuzzy_previous_and_obsolete() -> None:
    entry = polib.POEntry(msgid="new", msgstr="neu", msgctxt="title", tcomment="note\n",
                          comment="front matter", flags=["fuzzy"], previous_msgid="old",
                          occurrences=[("content/a.md", "2")])
    assert list(entry_lines(entry, 79)) == [
        "# note", "#", "#. front matter", "#: content/a.md:2", "#, fuzzy",
        '#| msgid "old"', 'msgctxt "title"', 'msgid "new"', 'msgstr "neu"']
    entry.obsolete = True
    assert list(entry_lines(entry, 79))[3:] == [
        "#, fuzzy", '#~| msgid "old"', '#~ msgctxt "title"', '#~ msgid "new"',
        '#~ msgstr "neu"']


def test_an_untranslated_entry_loses_its_fuzzy_flag_as_in_gettext() -> None:
    entry = polib.POEntry(msgid="text", msgstr="", flags=["fuzzy", "no-c-format"])
    assert "#, no-c-format" in list(entry_lines(entry, 79))


@needs_gettext
def test_a_no_wrap_flag_keeps_the_entry_unwrapped_as_msgcat_does() -> None:
    po = catalogue(["词 " * 40 + "\nline two", "word " * 30])
    for entry in po:
        entry.flags = ["no-wrap"]
    po[0].flags.insert(0, "fuzzy")
    po[0].previous_msgid = "old " * 30
    po[1].obsolete = True
    lines = write_po_text(po, 79).split("\n")
    assert f'#| msgid "{"old " * 30}"' in lines
    assert msgcat_diff(po) == []


# Agreement with msgcat. Each case puts the interesting text at every column
# around the wrapping point, so a wrong break opportunity shows.
CASES = [
    "word ” word",      # msgcat may break after a space before a closing quote
    "word ’ 。",
    "say “ hello",      # ... and after an opening quote and a space
    "« bonjour »",
    "foo -bar",         # ... and after a word-initial hyphen
    "x .5 y",           # ... and after a space before a decimal mark
    "x ,000",
    "example.com/path?q=1&r=2",
    "https://example.com/a/very/long/path/to/a/page.html?query=value#fragment",
    "Qi「气」and 元（yuan）",
    "中文，“中文”。中文：中文；",
    "“引号”里的‘文字’",
    "tab\there",
    "back\\slash\\\\and \"quotes\"",
    "100% of $5 is 1,000.5",
    "e.g. U.S. x86_64",
    "a — b … c – d",
    "line\nbreak",
]


def spread(probe: str) -> list[str]:
    texts = [("x" * k) + " " + probe + " tail" for k in range(80)]
    texts += ["word " * (k // 5) + "x" * (k % 5) + probe + " more words" for k in range(80)]
    texts.append("  " + probe * 30)  # leading spaces never end a line in gettext
    return texts


@needs_gettext
@pytest.mark.parametrize("probe", CASES)
def test_msgcat_rewrites_nothing(probe: str) -> None:
    assert msgcat_diff(catalogue(spread(probe))) == []


PIECES = [
    "acupuncture", "Qi", "the", "meridian", "Yin and Yang", "2026", "3.14", "1,000", "50%",
    "针灸", "气", "经络", "阴阳平衡", "中医认为", "穴位",
    "，", "。", "：", "；", "！", "？", "（", "）", "、", "《", "》", "「", "」", "——", "……",
    "“", "”", "‘", "’", '"', "'", "«", "»",
    "https://example.com/path/to/page?x=1&y=2", "www.example.org", "mailto:qi@example.com",
    "\\", "\\n", "\t", "\n", " ", " ", " ", "  ", "-", "/", ".", ",", ":", "(", ")", "[",
    "]", "*", "_", "`", "#", "e.g.", "x86_64", "foo-bar",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES),
                           st.text(st.sampled_from("ab中文 ，。“”\"'\\-."), max_size=6)),
                 min_size=10, max_size=60).map("".join)


@needs_gettext
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(texts, min_size=20, max_size=40))
def test_msgcat_rewrites_nothing_on_random_text(batch: list[str]) -> None:
    assert msgcat_diff(catalogue(batch)) == []


# Long strings are searched and measured in chunks; the whole-string twins decide.
long_texts = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(["ab cd", "中文字"]),
                                st.text(st.sampled_from("ab中文 ，。“”\"'\\-.\u0301"),
                                        max_size=6)),
                      min_size=10, max_size=200).map("".join)


@settings(max_examples=300, deadline=None)
@given(long_texts, st.integers(1, 40))
def test_break_opportunities_found_in_chunks_are_those_of_the_whole(text: str,
                                                                    chunk: int) -> None:
    escaped = escape(text)
    assert _breakables(escaped, chunk) == _breakables_whole(escaped)


@settings(max_examples=300, deadline=None)
@given(long_texts, st.integers(0, 200))
def test_a_long_string_measured_in_chunks_is_as_wide_as_whole(text: str, room: int) -> None:
    escaped = escape(text) * 600  # past one chunk
    assert _wider(escaped, room) == (text_width(escaped) > room)


def test_a_long_paragraph_is_written_as_with_one_search(monkeypatch: pytest.MonkeyPatch) -> None:
    text = " ".join(["针灸 the *needle* point `code` [a link](https://example.com/p)."] * 4000)
    po = catalogue([text])
    chunked = write_po_text(po, 79)
    monkeypatch.setattr("locpipe.po.writer._breakables", _breakables_whole)
    assert write_po_text(po, 79) == chunked
    assert write_po_bytes(po, 79) == chunked.encode("utf-8")


DATED = '''msgid ""
msgstr ""
"POT-Creation-Date: 2026-01-01 00:00+0000\\n"
"PO-Revision-Date: {date}\\n"

msgid "{text}"
msgstr ""
'''


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["2026-02-02 10:00+0000", "x", ""]), st.text(max_size=30),
       st.text(max_size=30), st.integers(0, 3), st.booleans())
def test_dates_are_ignored_alike_in_bytes_and_text(date: str, text: str, other: str,
                                                   repeat: int, broken: bool) -> None:
    first = DATED.format(date="2026-01-01", text=text) * repeat
    second = DATED.format(date=date, text=other) * repeat
    one, two = first.encode(), second.encode() + (b"\xff" if broken else b"")
    expected = same_text_but_dates(one.decode(errors="replace"), two.decode(errors="replace"))
    assert same_but_dates(one, two) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='ab"\\\n\t\r\a\b\f\v中 ', max_size=30))
def test_a_text_with_nothing_to_escape_is_escaped_as_by_translating(text: str) -> None:
    assert escape(text) == escape_always(text)
    if escape(text) == text:
        assert escape(text) is text  # not copied


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab\n中", max_size=30))
def test_portions_one_at_a_time_are_the_split_ones(text: str) -> None:
    listed = writer_module._portions_listed(text)
    assert list(writer_module._portions(text)) == listed
    assert writer_module._portion_count(text) == len(listed)


def test_a_catalogue_in_chunks_is_its_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    po = catalogue([f"text {n}\nline 针灸 {n}" for n in range(300)])
    monkeypatch.setattr(writer_module, "BLOCK", 100)
    chunks = list(write_po_chunks(po, 79))
    assert len(chunks) > 10
    assert b"".join(chunks) == write_po_text(po, 79).encode("utf-8")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["2026-02-02 10:00+0000", "x", ""]), st.text(max_size=30),
       st.text(max_size=30), st.integers(0, 3), st.booleans(), st.integers(1, 40))
def test_dates_are_ignored_alike_in_files_read_by_blocks_and_in_bytes(
        tmp_path_factory: pytest.TempPathFactory, date: str, text: str, other: str,
        repeat: int, broken: bool, block: int) -> None:
    """The block-wise comparison of two files against `same_but_dates` of their bytes,
    with blocks that cut date lines and strings anywhere."""
    first = DATED.format(date="2026-01-01", text=text) * repeat
    second = DATED.format(date=date, text=other) * repeat
    one, two = first.encode(), second.encode() + (b"\xff" if broken else b"")
    folder = tmp_path_factory.mktemp("dated")
    (folder / "one").write_bytes(one)
    (folder / "two").write_bytes(two)
    with pytest.MonkeyPatch.context() as patch, (folder / "one").open("rb") as a, \
            (folder / "two").open("rb") as b:
        patch.setattr(writer_module, "BLOCK", block)
        found = same_streams_but_dates(a, b)
    assert found == same_but_dates(one, two)
