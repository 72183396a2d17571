"""Write gettext catalogues exactly as GNU gettext's msgcat would.

polib wraps lines differently from gettext (long Chinese lines, URLs), so a
translator's tool that re-saves one of its files would rewrite every entry.
Here the string wrapping follows gettext's rules: a string that must be broken,
or that has an inner newline, starts with an empty first line; breaks fall at
Unicode line-break opportunities within `width` display columns, quotes
included.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import polib
from unicode_segmentation_rs import text_width
from uniseg.linebreak import line_break, line_break_units

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
            "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}


def escape(text: str) -> str:
    """Escape `text` for a quoted PO string."""
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


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
    """Escape `text` and fill lines of `room` columns at its break opportunities."""
    lines: list[str] = []
    current = ""
    for unit in line_break_units(escape(text), tailor=_gettext_tailor):
        if current and text_width(current + unit) > room:
            lines.append(current)
            current = ""
        current += unit
    if current:
        lines.append(current)
    return lines


# Pairs that the UAX #14 of libunistring (and so msgcat) never breaks (its LB25).
_NUMERIC_PAIRS = frozenset({
    ("CL", "PO"), ("CP", "PO"), ("CL", "PR"), ("CP", "PR"), ("NU", "PO"), ("NU", "PR"),
    ("PO", "OP"), ("PO", "NU"), ("PR", "OP"), ("PR", "NU"), ("HY", "NU"), ("IS", "NU"),
    ("NU", "NU"), ("SY", "NU"),
})


def _gettext_tailor(text: str, breakables: Iterable[int]) -> list[int]:
    """Adjust today's UAX #14 to the older rules libunistring applies.

    gettext finds breaks in the escaped string, never inside an escape; it
    breaks after `.`, `,`, `:` and `;` before a letter ("example.|com"), keeps
    quotation marks to their neighbours and uses the pairwise numeric rule.
    """
    marks = list(breakables)
    classes = [str(line_break(ch)) for ch in text]
    for i in range(1, len(text)):
        pair = (classes[i - 1], classes[i])
        if pair[0] == "IS" and pair[1] in ("AL", "HL"):
            marks[i] = 1
        elif pair in _NUMERIC_PAIRS or ("QU" in pair and "SP" not in pair):
            marks[i] = 0
        elif pair[1] == "OP" and _after_spaces(classes, i) == "QU":
            marks[i] = 0  # the older LB15: QU SP* × OP
    i = text.find("\\")
    while 0 <= i < len(text) - 1:
        marks[i + 1] = 0
        if text[i + 1] == "n":
            marks[i] = 0  # a newline stays on the line it ends
        i = text.find("\\", i + 2)
    return marks


def _after_spaces(classes: list[str], i: int) -> str:
    """The class before position `i`, skipping spaces."""
    j = i - 1
    while j >= 0 and classes[j] == "SP":
        j -= 1
    return classes[j] if j >= 0 else ""


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
