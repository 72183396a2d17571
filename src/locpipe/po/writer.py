"""Write gettext catalogues exactly as GNU gettext's msgcat would.

polib wraps lines differently from gettext (long Chinese lines, URLs), so a
translator's tool that re-saves one of its files would rewrite every entry.
Here the string wrapping follows gettext's rules: a string that must be broken,
or that has an inner newline, starts with an empty first line; breaks fall at
Unicode line-break opportunities within `width` display columns, quotes
included.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from functools import cache
from itertools import islice
from typing import BinaryIO
from unicodedata import east_asian_width

import polib
from unicode_segmentation_rs import line_breaks, text_width
from uniseg.linebreak import line_break

from locpipe.po.encoding import valid_utf8, valid_utf8_blocks

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t",
                          "\r": "\\r", "\a": "\\a", "\b": "\\b", "\f": "\\f",
                          "\v": "\\v"})
# What `_gettext_tailor` must look at: characters other than letters (AL) and
# ideographs (ID), except a space between two letters. No rule changes a break
# between two letters or ideographs, nor around "a b", where both agree.
_LETTERS = re.compile(r"(?<![A-Za-z]) |(?! )[^A-Za-z\u4e00-\u9fff]| (?![A-Za-z])")


_TO_ESCAPE = re.compile(r'[\\"\n\t\r\a\b\f\v]')
"""A character `_ESCAPES` changes."""


def escape(text: str) -> str:
    """Escape `text` for a quoted PO string; a text with nothing to escape is returned
    itself, not copied: an 8 MB paragraph is a 16 MB copy once a character is Chinese.
    `escape_always` is the twin a test compares this with."""
    return text.translate(_ESCAPES) if _TO_ESCAPE.search(text) else text


def escape_always(text: str) -> str:
    """`escape` by translating every text."""
    return text.translate(_ESCAPES)


def quoted_lines(keyword: str, text: str, width: int | None, prefix: str = "") -> list[str]:
    """Render `keyword "text"` as gettext does, wrapping at `width` columns.

    With `width` None (msgcat --no-wrap) lines still break after each newline.
    """
    return list(_quoted(keyword, text, width, prefix))


def _quoted(keyword: str, text: str, width: int | None, prefix: str) -> Iterator[str]:
    """`quoted_lines` one line at a time: an 8 MB msgid is ~100,000 lines, and each
    string is escaped and searched for break opportunities once."""
    head = f"{prefix}{keyword} "
    room = width - len(prefix) - 2 if width else 0
    if _portion_count(text) <= 1:  # then its one portion, if any, is the text
        escaped = escape(text)
        first = room - len(keyword) - 1
        marks = _break_marks(escaped) if width and _wider(escaped, first) else None
        if marks is None or len(list(islice(_fill(escaped, first, marks), 2))) <= 1:
            yield f'{head}"{escaped}"'
            return
        yield f'{head}""'
        yield from (f'{prefix}"{piece}"' for piece in _fill(escaped, room, marks))
        return
    yield f'{head}""'
    for portion in _portions(text):
        escaped = escape(portion)
        pieces = _fill(escaped, room) if width else iter([escaped])
        yield from (f'{prefix}"{piece}"' for piece in pieces)


def wrap(text: str, room: int) -> list[str]:
    """Escape `text` and fill lines of `room` columns at its break opportunities.

    Like gettext: each line takes as many unbreakable pieces as fit, and a piece
    wider than `room` gets a line of its own.
    """
    return list(_fill(escape(text), room))


def _fill(escaped: str, room: int, marks: bytearray | None = None) -> Iterator[str]:
    """`wrap` of text already escaped, one line at a time; `marks` are its break
    opportunities when already found."""
    if not _wider(escaped, room):
        yield from [escaped] if escaped else []  # fits: no need for the (slow) break search
        return
    marks = _break_marks(escaped) if marks is None else marks
    if escaped.isascii() and escaped.isprintable():
        yield from _fill_narrow(escaped, marks, room)
        return
    current, used = "", 0
    for unit in _units(escaped, marks):
        size = text_width(unit)
        if current and used + size > room and text_width(current + unit) > room:
            yield current
            current, used = "", 0
        current += unit
        used += size
    if current:
        yield current


def _wider(escaped: str, room: int) -> bool:
    """Whether `escaped` is wider than `room` columns. A long string is measured a
    chunk at a time, cut after a space between ASCII letters (which no width rule
    joins to a neighbour), stopping once it is too wide: passing all of it to the
    Rust side would give the string a cached UTF-8 copy for as long as it lives."""
    if len(escaped) <= CHUNK:
        return bool(text_width(escaped) > room)
    used = 0
    for piece in _chunks(escaped, _LATIN_CUT):
        used += text_width(piece)
        if used > room:
            return True
    return False


def _fill_narrow(escaped: str, marks: bytearray, room: int) -> Iterator[str]:
    """`wrap` for text whose every character is one column wide: columns are offsets."""
    room = max(room, 0)  # a prefix wider than the line: one piece a line, as `wrap` does
    start, end = 0, len(escaped)
    while end - start > room:
        cut = marks.rfind(1, start + 1, start + room + 1)
        if cut < 0:  # a piece wider than the line: up to its end
            cut = marks.find(1, start + room + 1)
            cut = end if cut < 0 else cut
        yield escaped[start:cut]
        start = cut
    if start < end:
        yield escaped[start:]


def _units(escaped: str, marks: bytearray) -> Iterator[str]:
    start = 0
    cut = marks.find(1, 1)
    while cut > 0:
        yield escaped[start:cut]
        start, cut = cut, marks.find(1, cut + 1)
    yield escaped[start:]


def _break_marks(escaped: str) -> bytearray:
    """Break opportunities of `escaped` as gettext finds them, 1 before each character
    a line may start with."""
    return _gettext_tailor(escaped, _breakables(escaped))


_LATIN_CUT = re.compile(r"[A-Za-z] (?=[A-Za-z]{2})")
"""After a space between letters: where a long text may be cut."""
_CUT = re.compile(r"[A-Za-z] (?=[A-Za-z]{2})|[\u4e00-\u9fff](?=[\u4e00-\u9fff]{2})")
"""Where a text may be cut for the break search: `_LATIN_CUT`, or between ideographs."""
CHUNK = 1 << 16
"""Characters searched for break opportunities (or measured) at a time."""


def _chunks(text: str, cuts: re.Pattern[str], chunk: int = CHUNK) -> Iterator[str]:
    """`text` in pieces of about `chunk` characters, each cut right after a match of `cuts`."""
    start = 0
    while start < len(text):
        cut = cuts.search(text, start + chunk) if len(text) - start > chunk else None
        end = cut.end() if cut else len(text)
        yield text[start:end]
        start = end


def _breakables(text: str, chunk: int = CHUNK) -> bytearray:
    """UAX #14 break opportunities before each character (1 = may break), found a
    chunk at a time: one search of a whole 8 MB string returns a Python tuple per
    opportunity, about 15 bytes for each byte of text.

    The cuts fall after a space that follows a letter and precedes two: UAX #14
    always breaks there (LB18: no rule joins a letter's trailing space to the
    next letter), and no rule looks back past a letter or ahead past the two
    letters, so each chunk's opportunities are those of the whole text;
    `_breakables_whole` is the twin a test compares this with.
    """
    marks = bytearray()
    for piece in _chunks(text, _CUT, chunk):
        start = len(marks)
        marks += _breakables_whole(piece)
        if start:
            marks[start] = 1  # the cut: always an opportunity
    return marks


def _breakables_whole(text: str) -> bytearray:
    """`_breakables` in one search: unicode-segmentation-rs finds opportunities
    ~60x faster than uniseg; where the two differ from libunistring,
    `_gettext_tailor` decides."""
    marks = bytearray(len(text))
    if text.isascii():  # UTF-8 offsets are character positions
        for offset, _mandatory in line_breaks(text):
            if 0 < offset < len(text):
                marks[offset] = 1
        return marks
    data = text.encode("utf-8")
    position = previous = 0
    for offset, _mandatory in line_breaks(text):
        # UTF-8 offsets to character positions, decoding only the gaps between breaks.
        position += len(data[previous:offset].decode("utf-8"))
        previous = offset
        if 0 < position < len(text):
            marks[position] = 1
    return marks


# Pairs that the UAX #14 of libunistring (and so msgcat) never breaks (its LB25).
_NUMERIC_PAIRS = frozenset({
    ("CL", "PO"), ("CP", "PO"), ("CL", "PR"), ("CP", "PR"), ("NU", "PO"), ("NU", "PR"),
    ("PO", "OP"), ("PO", "NU"), ("PR", "OP"), ("PR", "NU"), ("HY", "NU"), ("IS", "NU"),
    ("NU", "NU"), ("SY", "NU"),
})
# Pairs the older table breaks where today's rules do not (LB25 as a regex; "\\\\").
_BREAKING_PAIRS = frozenset({
    ("IS", "PO"), ("IS", "PR"), ("SY", "PO"), ("SY", "PR"), ("PR", "PR"),
})
# A word before a full-width opening bracket: LB30 no longer holds them together.
_WORD_OPEN = frozenset({("AL", "OP"), ("HL", "OP"), ("NU", "OP")})
# After spaces the older table breaks unless one of these rules holds: LB13 (never
# before these classes), LB14 (never after an opening bracket and spaces).
_NEVER_AFTER_SPACES = frozenset({"SP", "CL", "CP", "EX", "IS", "SY", "WJ", "ZW", "CM", "ZWJ"})
# LB15 (QU SP* × OP), LB16 (CL SP* × NS; libunistring breaks `) 〜`), LB17 (B2 SP* × B2).
_SPACED_PAIRS = frozenset({("QU", "OP"), ("CL", "NS"), ("B2", "B2")})
_RESOLVED = {"AI": "AL", "CJ": "NS", "SA": "AL", "XX": "AL"}


def _gettext_tailor(text: str, marks: bytearray) -> bytearray:
    """Adjust today's UAX #14 to the older rules of libunistring (and so msgcat 0.21).

    gettext finds breaks in the escaped string, never inside an escape; it
    breaks after `.`, `,`, `:` and `;` before a letter ("example.|com") and
    after a word-initial hyphen, keeps quotation marks to their neighbours,
    uses the pairwise numeric rule, breaks between a word and a full-width
    bracket, and after spaces follows the older pair table
    (`_break_after_spaces`). Checked against libunistring's own break
    opportunities on random Latin, CJK, punctuation and URL text.
    """
    for i in _candidates(text):
        pair = (_class(text[i - 1]), _class(text[i]))
        if pair[0] == "SP":
            marks[i] = _break_after_spaces(_last_before_spaces(text, i - 1), pair[1])
        elif pair[0] in ("IS", "HY", "BA") and pair[1] in ("AL", "HL"):
            marks[i] = 1  # "example.|com", and after a word-initial hyphen ("-|foo")
        elif pair in _NUMERIC_PAIRS or ("QU" in pair and "ZW" not in pair):
            marks[i] = 0
        elif pair in _BREAKING_PAIRS or (pair in _WORD_OPEN and _wide(text[i])):
            marks[i] = 1  # LB30 keeps only narrow brackets to a word: "Qi|「气」"
    i = text.find("\\")
    while 0 <= i < len(text) - 1:
        marks[i + 1] = 0
        if text[i + 1] == "n":
            marks[i] = 0  # a newline stays on the line it ends
        i = text.find("\\", i + 2)
    return marks


def _candidates(text: str) -> Iterator[int]:
    """Positions next to a character that is not a plain letter or ideograph, in order,
    one at a time: as a list, a long paragraph's take three or four bytes a character."""
    last = 0
    for match in _LETTERS.finditer(text):
        start = match.start()
        if start > last:
            yield start
            last = start
        if start + 1 < len(text):
            yield start + 1
            last = start + 1


def _last_before_spaces(text: str, i: int) -> str:
    """The class of the last character before position `i` that is not a space."""
    while i >= 0:
        cls = _class(text[i])
        if cls != "SP":
            return cls
        i -= 1
    return ""


def _wide(char: str) -> bool:
    return east_asian_width(char) in ("F", "W", "H")


@cache
def _class(char: str) -> str:
    """The line-break class as libunistring resolves it for UTF-8 text (LB1)."""
    name = str(line_break(char))
    return _RESOLVED.get(name, name)



def _break_after_spaces(last: str, following: str) -> int:
    """Whether the older UAX #14 breaks after spaces, between `last` and `following`.

    Spaces at the start of the text never end a line (`last` is empty there);
    today's rules LB15a-LB15d and LB19a do not exist in the older table.
    """
    if following in ("SP", "ZW"):
        return 0  # LB7
    if last == "ZW":
        return 1  # LB8: ZW SP* ÷
    if not last or last == "OP" or following in _NEVER_AFTER_SPACES:
        return 0
    return int((last, following) not in _SPACED_PAIRS)


def _portions(text: str) -> Iterator[str]:
    """Split after each newline, one portion at a time (gettext starts a new line
    there): the list of a long paragraph's lines is a copy of it, and so was the list
    of their portions. `_portions_listed` is the twin a test compares this with."""
    start, end = 0, text.find("\n")
    while end >= 0:
        yield text[start:end + 1]
        start, end = end + 1, text.find("\n", end + 1)
    if start < len(text):
        yield text[start:]


def _portion_count(text: str) -> int:
    """`len(list(_portions(text)))`, without making them."""
    return text.count("\n") + (0 if text.endswith("\n") or not text else 1)


def _portions_listed(text: str) -> list[str]:
    """`_portions` as a list made from `str.split`."""
    parts = text.split("\n")
    portions = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        portions.append(parts[-1])
    return portions


def reference_lines(occurrences: list[tuple[str, str]], width: int | None) -> list[str]:
    """`#:` lines, as many references on a line as fit (gettext wraps them always)."""
    refs = list(dict.fromkeys(f"{p}:{n}" if n else p for p, n in occurrences))
    limit = width or 79
    lines: list[str] = []
    current = "#:"
    for ref in refs:
        if current != "#:" and text_width(current) + 1 + text_width(ref) > limit:
            lines.append(current)
            current = "#:"
        current += " " + ref
    if current != "#:":
        lines.append(current)
    return lines


def entry_lines(entry: polib.POEntry, width: int | None) -> Iterator[str]:
    """The lines of one entry, in the order msgcat writes them."""
    for line in entry.tcomment.split("\n") if entry.tcomment else []:
        yield f"# {line}" if line else "#"
    for line in entry.comment.split("\n") if entry.comment else []:
        yield f"#. {line}"
    if not entry.obsolete:
        yield from reference_lines(entry.occurrences, width)
    flags = _flags(entry)
    if flags:
        yield "#, " + ", ".join(flags)
    if "no-wrap" in flags:
        width = None  # a translator's `#, no-wrap` keeps this entry's strings unwrapped
    pre = "#~ " if entry.obsolete else ""
    prev = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        yield from quoted_lines("msgctxt", entry.previous_msgctxt, width, prev)
    if entry.previous_msgid is not None:
        yield from quoted_lines("msgid", entry.previous_msgid, width, prev)
    if entry.msgctxt is not None:
        yield from quoted_lines("msgctxt", entry.msgctxt, width, pre)
    yield from quoted_lines("msgid", entry.msgid, width, pre)
    if entry.msgid_plural:
        yield from quoted_lines("msgid_plural", entry.msgid_plural, width, pre)
        for index in sorted(entry.msgstr_plural):
            yield from quoted_lines(f"msgstr[{index}]", entry.msgstr_plural[index], width, pre)
    else:
        yield from quoted_lines("msgstr", entry.msgstr, width, pre)


def _flags(entry: polib.POEntry) -> list[str]:
    # gettext drops `fuzzy` from an entry that has no translation.
    untranslated = not entry.msgstr and not any(entry.msgstr_plural.values())
    return [f for f in entry.flags if not (f == "fuzzy" and untranslated)]


def _metadata_text(po: polib.POFile) -> str:
    return "".join(f"{key}: {value}\n" for key, value in po.metadata.items())


def generate_po(po: polib.POFile, width: int | None) -> Iterator[str]:
    """Yield the lines of `po`: header, active entries, then obsolete ones."""
    yield from _header_lines(po, width)
    active = [e for e in po if not e.obsolete]
    for entry in active + [e for e in po if e.obsolete]:
        yield ""
        yield from entry_lines(entry, width)


def _header_lines(po: polib.POFile, width: int | None) -> Iterator[str]:
    for line in po.header.split("\n") if po.header else []:
        yield f"# {line}" if line else "#"
    if po.metadata_is_fuzzy:
        yield "#, fuzzy"
    yield from quoted_lines("msgid", "", width)
    yield from quoted_lines("msgstr", _metadata_text(po), width)


def write_po_text(po: polib.POFile, width: int | None) -> str:
    return "\n".join(generate_po(po, width)) + "\n"


def write_po_bytes(po: polib.POFile, width: int | None) -> bytes:
    """`write_po_text` in UTF-8, encoded a line at a time: the text is held neither
    as a list of lines nor as a str, which takes two bytes a character (four past
    the BMP) once one character is Chinese."""
    return b"".join(write_po_chunks(po, width))


def write_po_chunks(po: polib.POFile, width: int | None) -> Iterator[bytes]:
    """`write_po_bytes` in pieces of about `BLOCK` bytes, for a writer that streams
    them to a file: a large catalogue is then held neither as text nor as bytes."""
    out = io.BytesIO()
    for line in generate_po(po, width):
        out.write(line.encode("utf-8"))
        out.write(b"\n")
        if out.tell() >= BLOCK:
            yield out.getvalue()
            out = io.BytesIO()
    if out.tell():
        yield out.getvalue()


_DATE_LINE = re.compile(r'^"(?:POT-Creation-Date|PO-Revision-Date): [^"]*\\n"$', re.MULTILINE)
_DATE_LINE_BYTES = re.compile(_DATE_LINE.pattern.encode(), re.MULTILINE)
BLOCK = 1 << 16
"""Bytes compared at a time."""


def same_but_dates(first: bytes, second: bytes) -> bool:
    """Whether two catalogue files differ at most in their header dates: such a
    file is not written again, so that a run with nothing changed changes nothing.

    Compared as UTF-8 without copying either: in valid UTF-8 the pattern matches
    the bytes of what it matches in the text. A file that is not valid UTF-8 is
    compared as text read with replacement characters, as it always was."""
    if not (valid_utf8(first) and valid_utf8(second)):
        return same_text_but_dates(first.decode("utf-8", errors="replace"),
                                   second.decode("utf-8", errors="replace"))
    one, other = _undated(first), _undated(second)
    a, b = next(one, None), next(other, None)
    while a is not None and b is not None:
        size = min(len(a), len(b), BLOCK)
        if a[:size].tobytes() != b[:size].tobytes():  # bytes compare with memcmp
            return False
        a, b = a[size:], b[size:]
        a = a or next(one, None)
        b = b or next(other, None)
    return a is None and b is None


def same_text_but_dates(first: str, second: str) -> bool:
    """`same_but_dates` of texts: the twin the tests compare it with."""
    return _DATE_LINE.sub("", first) == _DATE_LINE.sub("", second)


def same_streams_but_dates(first: BinaryIO, second: BinaryIO) -> bool:
    """`same_but_dates` of two open files, each read a block at a time.

    The date pattern is matched in stretches that end right after a `"` and a line
    break: no match spans such an end (a match's only quotes are its first and last
    characters, and its first is followed by a field name), so the matches are those
    in the whole file. A file that is not valid UTF-8 is compared whole, as
    `same_but_dates` compares it."""
    valid = _valid_utf8_stream(first) and _valid_utf8_stream(second)
    first.seek(0)
    second.seek(0)
    if not valid:
        return same_but_dates(first.read(), second.read())
    return _same_streams(_undated_stream(first), _undated_stream(second))


def _same_streams(one: Iterator[bytes], other: Iterator[bytes]) -> bool:
    """Whether two streams of byte strings join to the same bytes."""
    a, b = next(one, b""), next(other, b"")
    while a and b:
        size = min(len(a), len(b))
        if a[:size] != b[:size]:
            return False
        a, b = a[size:] or next(one, b""), b[size:] or next(other, b"")
    return not a and not b


def _undated_stream(handle: BinaryIO) -> Iterator[bytes]:
    """`_undated` of a file, a stretch ending in a quote and a line break at a time."""
    carry = bytearray()
    for block in iter(lambda: handle.read(BLOCK), b""):
        carry += block
        cut = carry.rfind(b'"\n', max(len(carry) - len(block) - 1, 0)) + 2
        if cut < 2:
            continue  # no end of a string line yet: a long line is read on
        yield from (bytes(view) for view in _undated(bytes(carry[:cut])))
        del carry[:cut]
    yield from (bytes(view) for view in _undated(bytes(carry)))


def _valid_utf8_stream(handle: BinaryIO) -> bool:
    return valid_utf8_blocks(iter(lambda: handle.read(BLOCK), b""))


def _undated(data: bytes) -> Iterator[memoryview]:
    """The non-empty stretches of `data` around its date lines, as views."""
    view, start = memoryview(data), 0
    for match in _DATE_LINE_BYTES.finditer(data):
        if match.start() > start:
            yield view[start:match.start()]
        start = match.end()
    if start < len(data):
        yield view[start:]
