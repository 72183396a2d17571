"""Write gettext catalogues exactly as GNU gettext's msgcat would.

polib wraps lines differently from gettext (long Chinese lines, URLs), so a
translator's tool that re-saves one of its files would rewrite every entry.
Here the string wrapping follows gettext's rules: a string that must be broken,
or that has an inner newline, starts with an empty first line; breaks fall at
Unicode line-break opportunities within `width` display columns, quotes
included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from unicodedata import east_asian_width

import polib
from unicode_segmentation_rs import line_breaks, text_width
from uniseg.linebreak import line_break

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t",
                          "\r": "\\r", "\a": "\\a", "\b": "\\b", "\f": "\\f",
                          "\v": "\\v"})
# What `_gettext_tailor` must look at: characters other than letters (AL) and
# ideographs (ID), except a space between two letters. No rule changes a break
# between two letters or ideographs, nor around "a b", where both agree.
_LETTERS = re.compile(r"(?<![A-Za-z]) |(?! )[^A-Za-z\u4e00-\u9fff]| (?![A-Za-z])")


def escape(text: str) -> str:
    """Escape `text` for a quoted PO string."""
    return text.translate(_ESCAPES)


def quoted_lines(keyword: str, text: str, width: int | None, prefix: str = "") -> list[str]:
    """Render `keyword "text"` as gettext does, wrapping at `width` columns.

    With `width` None (msgcat --no-wrap) lines still break after each newline.
    """
    head = f"{prefix}{keyword} "
    portions = _portions(text)
    room = width - len(prefix) - 2 if width else 0
    if len(portions) <= 1 and (not width or len(wrap(text, room - len(keyword) - 1)) <= 1):
        return [f'{head}"{escape(text)}"']
    lines = [f'{head}""']
    for portion in portions:
        pieces = wrap(portion, room) if width else [escape(portion)]
        lines.extend(f'{prefix}"{piece}"' for piece in pieces)
    return lines


def wrap(text: str, room: int) -> list[str]:
    """Escape `text` and fill lines of `room` columns at its break opportunities.

    Like gettext: each line takes as many unbreakable pieces as fit, and a piece
    wider than `room` gets a line of its own.
    """
    escaped = escape(text)
    if text_width(escaped) <= room:
        return [escaped] if escaped else []  # fits: no need for the (slow) break search
    marks = _break_marks(escaped)
    if escaped.isascii() and escaped.isprintable():
        return _fill_narrow(escaped, marks, room)
    lines: list[str] = []
    current, used = "", 0
    for unit in _units(escaped, marks):
        size = text_width(unit)
        if current and used + size > room and text_width(current + unit) > room:
            lines.append(current)
            current, used = "", 0
        current += unit
        used += size
    if current:
        lines.append(current)
    return lines


def _fill_narrow(escaped: str, marks: bytearray, room: int) -> list[str]:
    """`wrap` for text whose every character is one column wide: columns are offsets."""
    room = max(room, 0)  # a prefix wider than the line: one piece a line, as `wrap` does
    lines = []
    start, end = 0, len(escaped)
    while end - start > room:
        cut = marks.rfind(1, start + 1, start + room + 1)
        if cut < 0:  # a piece wider than the line: up to its end
            cut = marks.find(1, start + room + 1)
            cut = end if cut < 0 else cut
        lines.append(escaped[start:cut])
        start = cut
    if start < end:
        lines.append(escaped[start:])
    return lines


def _units(escaped: str, marks: bytearray) -> Iterator[str]:
    start = 0
    cut = marks.find(1, 1)
    while cut > 0:
        yield escaped[start:cut]
        start, cut = cut, marks.find(1, cut + 1)
    yield escaped[start:]


@lru_cache(maxsize=256)
def _break_marks(escaped: str) -> bytearray:
    """Break opportunities of `escaped` as gettext finds them, 1 before each character
    a line may start with; cached, as each string is filled twice."""
    return _gettext_tailor(escaped, _breakables(escaped))


def _breakables(text: str) -> bytearray:
    """UAX #14 break opportunities before each character (1 = may break).

    unicode-segmentation-rs finds them ~60x faster than uniseg; where the two
    differ from libunistring, `_gettext_tailor` decides.
    """
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


def _candidates(text: str) -> list[int]:
    """Positions next to a character that is not a plain letter or ideograph, in order."""
    found: list[int] = []
    for match in _LETTERS.finditer(text):
        start = match.start()
        if start and (not found or found[-1] < start):
            found.append(start)
        if start + 1 < len(text):
            found.append(start + 1)
    return found


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


def _portions(text: str) -> list[str]:
    """Split after each newline; gettext starts a new line there."""
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


_DATE_LINE = re.compile(r'^"(?:POT-Creation-Date|PO-Revision-Date): [^"]*\\n"$', re.MULTILINE)


def same_but_dates(first: str, second: str) -> bool:
    """Whether two catalogue texts differ at most in their header dates: such a
    file is not written again, so that a run with nothing changed changes nothing."""
    return _DATE_LINE.sub("", first) == _DATE_LINE.sub("", second)
