"""The one reader of catalogues: strict for the commands that act on a catalogue,
tolerant for `check`, and meaning the same wherever both read a file."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locpipe.errors import LocpipeError
from locpipe.po import reader as reader_module
from locpipe.po.reader import (
    ReadResult,
    msgstr_keywords,
    msgstr_line,
    read_catalogue,
    read_for_check,
    read_messages,
)
from locpipe.po.state import entry_state, messages_of
from locpipe.po.writer import write_po_text
from test_po_fastpath import ENTRY, LOCALE, ROOT, SHIPPED, _breaks_differ, catalogue_of

BAD = Path(__file__).resolve().parent / "data" / "bad"
BAD_CATALOGUES = sorted(BAD.glob("bad.*.po*"))


def _same_reading(strict: polib.POFile, tolerant: polib.POFile) -> bool:
    def entries(po: polib.POFile) -> list[tuple[object, ...]]:
        return [(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, sorted(e.msgstr_plural.items()),
                 e.flags, e.obsolete, e.linenum, entry_state(e)) for e in po]
    return entries(strict) == entries(tolerant) and strict.metadata == tolerant.metadata


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_both_readings_of_a_shipped_catalogue_are_the_same(path: Path) -> None:
    tolerant = read_for_check(path)
    try:
        strict = read_catalogue(path)
    except LocpipeError:
        # Only the test fixtures hold catalogues a build refuses.
        assert path.is_relative_to(ROOT / "tests" / "data")
        return
    assert tolerant.po is not None and tolerant.error is None
    assert _same_reading(strict, tolerant.po)
    _points_as_the_lines_do(tolerant, path.read_text(encoding="utf-8").splitlines())


def _points_as_the_lines_do(read: ReadResult, lines: list[str]) -> None:
    """The kept keyword lines point where the file's lines (the slow twin) do."""
    assert read.po is not None
    for entry in read.po:
        assert read.msgstr_line(entry) == msgstr_line(lines, int(entry.linenum or 1))
    for start in range(len(lines) + 2):
        probe = polib.POEntry(linenum=start)
        assert read.msgstr_line(probe) == msgstr_line(lines, start)
    header = [line for line in lines if line.startswith('"') and ":" in line]
    for name in {line[1:line.index(":")] for line in header} | {"Missing"}:
        expected = next((n for n, line in enumerate(lines, 1)
                         if line.startswith(f'"{name}:')), 1)
        assert read.field_line(name) == expected


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(ENTRY, max_size=6), st.booleans())
def test_what_the_strict_reader_accepts_check_reads_the_same(
        tmp_path: Path, entries: list[dict[str, object]], header: bool) -> None:
    path = tmp_path / "x.po"
    path.write_text(write_po_text(catalogue_of(entries, header), 76), encoding="utf-8")
    tolerant = read_for_check(path)
    assert tolerant.po is not None
    try:
        strict = read_catalogue(path, LOCALE)
    except LocpipeError:  # what msgfmt refuses, and the generator can write
        assert any(_breaks_differ(e) for e in entries)
        return
    assert _same_reading(strict, tolerant.po)
    assert messages_of(tolerant.po) == read_messages(path, LOCALE)
    _points_as_the_lines_do(tolerant, path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("path", BAD_CATALOGUES, ids=lambda p: p.name)
def test_the_strict_reader_refuses_every_bad_catalogue(tmp_path: Path, path: Path) -> None:
    target = tmp_path / "zh_Hans" / "LC_MESSAGES" / path.name
    target.parent.mkdir(parents=True)
    shutil.copy(path, target)
    with pytest.raises(LocpipeError) as refused:
        read_catalogue(target, "zh_Hans")
    assert refused.value.path == target and refused.value.line


# What polib reads in spite of the strict reader's refusal: check runs its rules on
# these and reports the fault through them (V001 from msgfmt, V002 for the language).
READ_BY_CHECK = ["bad.duplicate.po", "bad.escape.po", "bad.language.po", "bad.latin1.po",
                 "bad.syntax.pot", "bad.unterminated.po", "bad.newline.po", "bad.no-msgstr.po",
                 "bad.obsolete-duplicate.po", "bad.plural-count.po",
                 "bad.plural-without-msgid-plural.po", "bad.python-format.po",
                 "bad.second-header.po"]


@pytest.mark.parametrize("path", BAD_CATALOGUES, ids=lambda p: p.name)
def test_check_reads_what_polib_reads_and_says_why_not_otherwise(path: Path) -> None:
    read = read_for_check(path)
    if path.name in READ_BY_CHECK:
        assert read.po is not None and read.error is None and read.keywords
        _points_as_the_lines_do(read, path.read_text("utf-8", errors="replace").splitlines())
        return
    assert read.po is None and not read.keywords and read.path is None
    assert read.error is not None and read.error.startswith("Syntax error in po file ")
    assert f"(line {read.error_line})" in read.error
    assert read.error_line == _polib_error_line(path)


def _polib_error_line(path: Path) -> int:
    with pytest.raises(OSError) as failed:
        polib.pofile(str(path))
    return int(str(failed.value).rsplit("(line ", 1)[1].rstrip(")"))


def test_a_catalogue_in_another_charset_is_decoded_as_its_header_says() -> None:
    read = read_for_check(BAD / "bad.latin1.po")
    assert read.po is not None
    assert "Acupuncture, c'est très ancien" in [e.msgstr for e in read.po]


def test_a_missing_file_is_an_error_not_an_exception(tmp_path: Path) -> None:
    read = read_for_check(tmp_path / "missing.po")
    assert read.po is None and read.error and read.error_line == 1


# ------------------------------------- the parser with continuation lines joined once

def _every_field(po: polib.POFile) -> list[tuple[object, ...]]:
    return [(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr, sorted(e.msgstr_plural.items()),
             e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural, e.flags,
             e.obsolete, e.linenum, e.comment, e.tcomment, e.occurrences) for e in po]


def _both_parsers(text: str) -> tuple[object, object]:
    """(polib.pofile's reading, po.reader's), each the entries and the header, or the
    error's type when the parser refuses the text."""
    def reading(parse: Callable[[str], polib.POFile]) -> object:
        try:
            po = parse(text)
        except (OSError, ValueError) as exc:
            return type(exc)
        return _every_field(po), po.metadata, po.metadata_is_fuzzy
    return (reading(lambda t: polib.pofile(t, wrapwidth=0)),
            reading(lambda t: reader_module._polib(t, text=True)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ENTRY, max_size=6), st.booleans(), st.sampled_from([None, 20, 12]))
def test_joining_continuation_lines_once_reads_what_polib_reads(
        entries: list[dict[str, object]], header: bool, width: int | None) -> None:
    """polib's own parser is the slow twin: narrow widths make many continuation lines."""
    text = write_po_text(catalogue_of(entries, header), width)
    polib_reading, ours = _both_parsers(text)
    assert ours == polib_reading


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ENTRY, max_size=6), st.booleans(), st.sampled_from([None, 20]),
       st.integers(1, 12), st.sampled_from(["\n", "\r\n", "\r", "\u2028"]))
def test_long_string_lines_given_in_pieces_read_what_polib_reads(
        entries: list[dict[str, object]], header: bool, width: int | None, long: int,
        newline: str) -> None:
    """Every string line past `long` characters comes to polib in pieces; its own
    reading of the whole lines is the twin, with any line ending."""
    text = write_po_text(catalogue_of(entries, header), width).replace("\n", newline)
    original = reader_module.LONG
    reader_module.LONG = long
    try:
        polib_reading, ours = _both_parsers(text)
    finally:
        reader_module.LONG = original
    assert ours == polib_reading


@pytest.mark.parametrize("long", [reader_module.LONG, 4])
@pytest.mark.parametrize("path", SHIPPED + BAD_CATALOGUES,
                         ids=lambda p: p.relative_to(ROOT).as_posix())
def test_joining_continuation_lines_once_agrees_on_every_shipped_catalogue(
        path: Path, long: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_module, "LONG", long)
    polib_reading, ours = _both_parsers(path.read_text(encoding="utf-8", errors="replace"))
    assert ours == polib_reading
    # And check's reading of the file, decoded as its header says, as polib reads the path.
    by_path, by_check = _path_readings(path)
    assert by_check == by_path


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("ab\n\r\x0b\x0c\x1c\x85\u2028\u2029")))
def test_lines_are_split_as_str_splits_them(text: str) -> None:
    assert list(reader_module.split_lines(text)) == text.split("\n")
    assert [text[a:b] for a, b in reader_module._splitlines(text)] == text.splitlines()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["msgstr", "msgstr \"a\"", "#~ msgstr", "#~msgstr[0]",
                                 "msgstrx", " msgstr", "msgid", "", "\r", "\x85", "\u2028"]),
                max_size=12),
       st.sampled_from(["\n", "\r\n", "\r", "\x0c", "\u2029"]))
def test_keyword_lines_are_the_lines_msgstr_line_stops_at(pieces: list[str], end: str) -> None:
    text = end.join(pieces)
    lines = text.splitlines()
    expected = [msgstr_line(lines, n) for n in range(len(lines) + 2)]
    read = ReadResult(None, keywords=msgstr_keywords(text))
    assert [read.msgstr_line(polib.POEntry(linenum=n)) for n in range(len(lines) + 2)] == expected


def _path_readings(path: Path) -> tuple[object, object]:
    """(polib's reading of the path, check's reading of the text in pieces), each the
    entries, header, encoding and file name, or the error's type and message."""
    def reading(read: Callable[[Path], polib.POFile]) -> object:
        try:
            po = read(path)
        except (OSError, ValueError) as exc:
            return type(exc), str(exc)
        return _every_field(po), po.metadata, po.metadata_is_fuzzy, po.encoding, po.fpath
    return (reading(lambda p: reader_module._polib(str(p))),
            reading(lambda p: reader_module._tolerant_reading(p)[0]))


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(ENTRY, max_size=6), st.booleans(), st.sampled_from([None, 20]),
       st.integers(1, 12), st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\x85", "\x0c"]),
       st.sampled_from(["utf-8", "latin-1", "utf-8-sig", "no-such-charset"]))
def test_check_reads_any_line_ending_and_charset_as_polib_reads_the_path(
        tmp_path: Path, entries: list[dict[str, object]], header: bool, width: int | None,
        long: int, newline: str, charset: str) -> None:
    text = write_po_text(catalogue_of(entries, header), width).replace("\n", newline)
    text = text.replace("charset=UTF-8", f"charset={charset}")
    path = tmp_path / "x.po"
    path.write_bytes(text.encode("utf-8"))
    reader_module.LONG, saved = long, reader_module.LONG
    try:
        by_path, ours = _path_readings(path)
    finally:
        reader_module.LONG = saved
    assert ours == by_path


# ------------------------------------------- the file read a line at a time, not whole

@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.sampled_from("ab中\n\r\x0b\x0c\x1c\x85\u2028\u2029")), st.integers(1, 8))
def test_the_file_read_by_blocks_is_split_as_its_text_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, block: int) -> None:
    path = tmp_path / "a.po"
    path.write_bytes(text.encode())
    monkeypatch.setattr(reader_module, "BLOCK", block)
    assert list(reader_module._file_lines(path)) == text.split("\n")
    assert list(reader_module._file_splitlines(path)) == text.splitlines()


def _whole_utf8_error(data: bytes) -> tuple[int, int] | None:
    """(byte, line) of the first invalid byte, from decoding the file whole."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start + 1, data[:exc.start].count(b"\n") + 1
    return None


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([b"a", b"\n", "中".encode(), b"\xe4", b"\xb8", b"\xff",
                                 "😀".encode(), b"\xf0\x9f"]), max_size=30),
       st.integers(1, 8))
def test_an_invalid_byte_is_named_as_when_the_file_was_decoded_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parts: list[bytes], block: int) -> None:
    """Blocks of a few bytes cut the characters anywhere."""
    data = b"".join(parts)
    path = tmp_path / "a.po"
    path.write_bytes(data)
    monkeypatch.setattr(reader_module, "BLOCK", block)
    expected = _whole_utf8_error(data)
    try:
        reader_module._check_utf8(path)
    except LocpipeError as exc:
        assert expected is not None
        assert f"byte {expected[0]} is invalid" in str(exc) and exc.line == expected[1]
    else:
        assert expected is None


@settings(max_examples=200, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(ENTRY, max_size=6), st.booleans(), st.sampled_from([None, 20]),
       st.integers(1, 12), st.sampled_from(["\n", "\r\n", "\r", "\u2028"]), st.integers(1, 64))
def test_a_catalogue_read_from_its_file_a_line_at_a_time_is_its_text_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entries: list[dict[str, object]],
        header: bool, width: int | None, long: int, newline: str, block: int) -> None:
    """`read_catalogue` reads the file in blocks and lines; its twin is polib's parser
    given the whole text (itself compared with polib above), here with long lines in
    pieces and any line ending."""
    text = write_po_text(catalogue_of(entries, header), width).replace("\n", newline)
    path = tmp_path / "a.po"
    path.write_bytes(text.encode())
    monkeypatch.setattr(reader_module, "LONG", long)
    monkeypatch.setattr(reader_module, "BLOCK", block)
    try:
        po = read_catalogue(path)
    except LocpipeError:
        return  # what the strict checks refuse: `test_the_strict_reader_refuses_...`
    whole = reader_module._polib(text, text=True)
    assert (_every_field(po), po.metadata) == (_every_field(whole), whole.metadata)


def test_a_long_string_read_is_the_one_share_gives(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`share` is asked for every string put together from pieces, and its answer kept."""
    monkeypatch.setattr(reader_module, "LONG", 8)
    text = "a long paragraph 针灸 " * 20
    po = polib.POFile(wrapwidth=0)
    po.append(polib.POEntry(msgid=text, msgstr="译：" + text))
    path = tmp_path / "a.po"
    path.write_text(write_po_text(po, None), encoding="utf-8")
    held = {text: text, "译：" + text: "译：" + text}
    read = read_catalogue(path, share=lambda s: held.get(s, s))
    assert read[0].msgid is held[text] and read[0].msgstr is held["译：" + text]
    assert read_catalogue(path)[0].msgid is not text
