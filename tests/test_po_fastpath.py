"""The fast reader gives what polib gives, or steps aside (None) for polib to read."""

from __future__ import annotations

import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locpipe.catalogue.template import new_catalogue
from locpipe.errors import LocpipeError
from locpipe.po.fastpath import read_messages
from locpipe.po.reader import read_catalogue
from locpipe.po.state import Message
from locpipe.po.writer import write_po_text

ROOT = Path(__file__).resolve().parent.parent
LOCALE = "zh_Hans"
SHIPPED = sorted((ROOT / "locales").rglob("*.po")) + sorted((ROOT / "tests").rglob("*.po"))


def polib_messages(text: str, locale: str | None = LOCALE) -> list[Message] | None:
    """What `po.reader.read_catalogue` (polib and its checks) gives, None on an error."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.po"
        path.write_bytes(text.encode("utf-8"))
        try:
            po = read_catalogue(path, locale)
        except LocpipeError:
            return None
    return [Message(e.msgctxt, e.msgid, e.msgstr, "fuzzy" in e.flags, e.linenum)
            for e in po if not e.obsolete]


def agrees(text: str, locale: str | None = LOCALE) -> bool:
    fast = read_messages(text, locale)
    return fast is None or fast == polib_messages(text, locale)


TEXT = st.lists(st.sampled_from(['a', ' ', '"', '\\', '\n', '\t', '针', '灸', '#', ':', ',',
                                 'fuzzy', '\a', '\r', 'msgid ', '~', '|']),
               max_size=12).map("".join)
ENTRY = st.fixed_dictionaries({
    "msgid": TEXT.filter(bool),
    "msgstr": TEXT,
    "msgctxt": st.one_of(st.none(), TEXT),
    "flags": st.lists(st.sampled_from(["fuzzy", "c-format", "no-wrap"]), unique=True,
                      max_size=2),
    "tcomment": st.sampled_from(["", "translator", "two\nlines"]),
    "comment": st.sampled_from(["", "paragraph", "heading\nQi: 气"]),
    "previous_msgid": st.one_of(st.none(), TEXT.filter(bool)),
    "obsolete": st.booleans(),
    "occurrences": st.sampled_from([[], [("content/a.md", "3")]]),
})


def catalogue_of(entries: list[dict[str, object]], header: bool) -> polib.POFile:
    po = new_catalogue(polib.POFile(), LOCALE) if header else polib.POFile()
    seen = set()
    for fields in entries:
        entry = polib.POEntry(**fields)
        if (entry.msgctxt, entry.msgid) not in seen:  # duplicates are tested apart
            seen.add((entry.msgctxt, entry.msgid))
            po.append(entry)
    return po


def _breaks_differ(fields: dict[str, object]) -> bool:
    """A translation whose leading or trailing line break is not its source's: msgfmt
    refuses it, so the fast path leaves it to the reader that says where."""
    msgid, msgstr = str(fields["msgid"]), str(fields["msgstr"])
    return not fields["obsolete"] and bool(msgstr) and (
        msgid.startswith("\n") != msgstr.startswith("\n")
        or msgid.endswith("\n") != msgstr.endswith("\n"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ENTRY, max_size=6), st.booleans(), st.sampled_from([None, 76, 20]))
def test_locpipe_catalogues_are_read_fast_and_as_polib_reads_them(
        entries: list[dict[str, object]], header: bool, width: int | None) -> None:
    text = write_po_text(catalogue_of(entries, header), width)
    fast = read_messages(text, LOCALE)
    if ("\r" not in "".join(str(v) for e in entries for v in e.values())
            and not any(_breaks_differ(e) for e in entries)):
        assert fast is not None, text  # the layout locpipe writes is the regular one
    assert fast is None or fast == polib_messages(text), text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ENTRY, min_size=1, max_size=4), st.booleans(), st.data())
def test_an_edited_catalogue_is_read_as_polib_reads_it_or_left_to_polib(
        entries: list[dict[str, object]], header: bool, data: st.DataObject) -> None:
    lines = write_po_text(catalogue_of(entries, header), 76).split("\n")
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.integers(0, len(lines) - 1))
        edit = data.draw(st.sampled_from(["delete", "repeat", "insert", "damage"]))
        if edit == "delete":
            del lines[where]
        elif edit == "repeat":
            lines.insert(where, lines[where])
        elif edit == "insert":
            lines.insert(where, data.draw(st.sampled_from(
                ["", " ", "#", "#,", "#, ", "#: ", "#. ", "#, fuzzy", "#.", "#| \"x\"",
                 "#~ msgid \"o\"", "#~| msgid \"p\"", "msgstr \"\"", "msgid \"dup\"",
                 "\"tail\"", "##",
                 "msgstr[0] \"p\"", "msgid_plural \"ps\"", "#~ msgstr \"o\"", " msgid \"x\"",
                 "msgctxt \"c\"", "# comment", "#: a.md:1", "#| msgid \"old\""])))
        else:
            lines[where] = data.draw(st.sampled_from([
                lines[where][:-1], lines[where] + " ", "  " + lines[where],
                lines[where].replace('"', '\\"', 1), lines[where] + "\r",
                lines[where].replace(" ", "\t", 1)]))
    assert agrees("\n".join(lines))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_catalogue_shipped_agrees(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    for locale in (None, LOCALE, "de"):
        assert agrees(text, locale)


def test_the_shipped_chinese_catalogue_takes_the_fast_path() -> None:
    path = ROOT / "locales/zh_Hans/LC_MESSAGES/how-does-acupuncture-work.po"
    messages = read_messages(path.read_text(encoding="utf-8"), LOCALE)
    assert messages is not None and len(messages) > 20
    assert messages == polib_messages(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "why"), [
    ('msgid ""\nmsgstr "Language: de\\n"\n\nmsgid "a"\nmsgstr "b"\n', "another language"),
    ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', "a duplicate"),
    ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n', "a plural entry"),
    ('msgid "a"\nmsgstr "\\q"\n', "an unknown escape"),
    ('msgid "a"\nmsgstr "b\n', "an unclosed string"),
    ('msgid "a"\n\nmsgstr "b"\n', "a blank line inside an entry"),
    ('msgid "a"\nmsgstr "b"\n\n#, \nmsgid "c"\nmsgstr "d"\n', "an empty line polib skips"),
    ('#. \u3000\nmsgid "a"\nmsgstr "b"\n', "a comment of white space alone (U+3000)"),
    ('#~ msgid "x"\n#~ msgstr "y"\n\n#. \u2003\n#~ msgid "a"\n#~ msgstr "b"\n',
     "an obsolete entry's comment of white space alone (U+2003)"),
    ('msgid "a"\nmsgstr "b\u2028c"\n', "a line break polib splits at"),
])
def test_what_the_fast_reader_leaves_to_polib(text: str, why: str) -> None:
    assert read_messages(text, LOCALE) is None, why
    assert agrees(text)


def test_the_bytes_of_a_file_are_read_as_its_text() -> None:
    text = ('msgid ""\nmsgstr "Language: zh_Hans\\n"\n\n#. 气 paragraph\r\n'
            'msgid "针灸"\nmsgstr "acu\\npuncture"\n\n#~ msgid "走"\n#~ msgstr "gone"\n')
    assert read_messages(text.encode("utf-8"), LOCALE) == read_messages(text, LOCALE) == [
        Message(None, "针灸", "acu\npuncture", False, 4)]
    assert agrees(text)


def test_bytes_that_are_not_utf8_are_left_to_polib() -> None:
    data = 'msgid "a"\nmsgstr "针"\n'.encode()
    assert read_messages(data, LOCALE) is not None
    assert read_messages(data[:-3] + b'"\n', LOCALE) is None  # a character cut short
    assert read_messages(b'#. \xff\nmsgid "a"\nmsgstr "b"\n', LOCALE) is None


def test_fuzzy_context_and_lines_are_read() -> None:
    text = ('msgid ""\nmsgstr "Language: zh_Hans\\n"\n\n'
            '#. paragraph\n#, fuzzy, c-format\n#| msgid "ol"\n#| "d"\nmsgctxt "title"\n'
            'msgid "a\\"b"\nmsgstr ""\n"c\\n"\n"d"\n\n#~ msgid "gone"\n#~ msgstr "走"\n\n'
            'msgid "e"\nmsgstr "f"\n')
    assert read_messages(text, LOCALE) == [
        Message("title", 'a"b', "c\nd", True, 4), Message(None, "e", "f", False, 17)]
    assert agrees(text)


def test_a_known_msgid_is_given_as_the_caller_s_str() -> None:
    text = 'msgid "针灸 a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n'
    mine = "".join(["针灸", " a"])  # equal to the catalogue's, not the same object
    messages = read_messages(text.encode("utf-8"), LOCALE, {mine: mine})
    assert messages == read_messages(text, LOCALE)
    assert messages is not None and messages[0].msgid is mine
