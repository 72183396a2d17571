"""What a build needs from a catalogue, read without building polib entries.

A build reads one catalogue per article and locale and uses only the active
messages: context, text, translation, whether it is fuzzy, and where it is.
`read_messages` takes the regular layout that gettext, Poedit, Lokalize,
Weblate and locpipe write (entries separated by blank lines, one space after
each keyword) with one regular expression per entry.

What it skips: polib's line-by-line state machine and its `POEntry` objects
(comments, references, previous texts and flags other than `fuzzy` are
matched, not kept), the header's fields other than `Language`, and the strict
checks `po.reader.read_catalogue` runs over every line.

Why that is sound: it answers only for text it fully understands, and gives
None for anything else (a plural entry, an escape polib reads differently from
gettext, an unclosed string, a blank line polib would skip, a duplicate, active
or obsolete, a translation whose leading or trailing line break is not its
source's or whose format string takes other arguments, a header naming another
language than the folder...). The caller then reads the file with
`po.reader.read_catalogue`, which refuses and explains every error, so a build
accepts and refuses exactly what the slow path does. Where the fast
path answers, its answer is polib's: `tests/test_po_fastpath.py` compares the
two on generated catalogues, on randomly damaged ones and on every catalogue
shipped in the repository.

What it gains, measured with `python bench/bench_po.py --runs 3` (2,000
generated articles, 2,000 catalogues of 81,055 translated entries, medians, on
a 2-core machine busy with other work, so CPU seconds are the steadier
figure): reading every catalogue's messages takes 1.6 s of CPU (2.5 s wall)
against 4.7 s (8.0 s) for `read_catalogue` + `messages_of`, 3.0x; a cold
`locpipe build --jobs 1` takes 12.2 s of CPU (17.1 s wall) against 15.7 s
(22.6 s) with the fast path replaced by one that always steps aside, 1.3x: it
saves about a fifth of the build.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

from polib import unescape

from locpipe.po.encoding import valid_utf8
from locpipe.po.formats import format_problem
from locpipe.po.state import Message

# A string without the escapes polib would read differently from gettext.
# Unrolled (runs of plain characters between escapes), so that `re` keeps one
# backtracking mark per escape, not one per character: a 1 MB string took 470 MB
# of memory written as `(?:plain|escape)*`.
_STR = r'"[^"\\\n]*(?:\\[\\"ntrvbfa][^"\\\n]*)*"'
_PREVIOUS = rf"#\| (?:msgctxt|msgid|msgid_plural) {_STR}\n(?:#\| {_STR}\n)*"
# Comment lines: `#` alone or followed by a space, and `#.`, `#:`, `#,` followed by a
# space and some text (polib skips them when empty, which moves an entry's line).
_COMMENT = r"#(?: [^\n]*|[.:,] [^\n]*\S[^\n]*)?\n"
_COMMENTS = rf"(?:{_COMMENT}|{_PREVIOUS})*"
# polib skips the previous text of an obsolete entry (`#~|`); gettext writes it.
_OBSOLETE_COMMENTS = (
    rf"(?:{_COMMENT}|{_PREVIOUS}|#~\| (?:(?:msgctxt|msgid|msgid_plural) )?{_STR}\n)*")
# The entries are matched in the file's UTF-8 bytes, and only their strings decoded:
# the whole file as a str is two or four times its bytes (an 8 MB paragraph and its
# translation: 50 MB while decoding). The patterns read bytes as they read text, for
# no byte of a character written in several is an ASCII one, except `\S`, which the
# comments are matched with again once decoded (`_comments_read`).
_ACTIVE = re.compile(
    rf"(?P<comments>{_COMMENTS})"
    rf"(?:msgctxt (?P<context>{_STR}(?:\n{_STR})*)\n)?"
    rf"msgid (?P<msgid>{_STR}(?:\n{_STR})*)\n"
    rf"msgstr (?P<msgstr>{_STR}(?:\n{_STR})*)(?:\n|\Z)".encode())
_OBSOLETE = re.compile(
    rf"(?P<comments>{_OBSOLETE_COMMENTS})"
    rf"(?:#~ msgctxt (?P<context>{_STR}(?:\n#~ {_STR})*)\n)?"
    rf"#~ msgid (?P<msgid>{_STR}(?:\n#~ {_STR})*)\n"
    rf"#~ msgstr {_STR}(?:\n#~ {_STR})*(?:\n|\Z)".encode())
_COMMENT_TEXT = {_ACTIVE: re.compile(_COMMENTS), _OBSOLETE: re.compile(_OBSOLETE_COMMENTS)}
_FLAGS = re.compile(rb"^#, ([^\n]*)", re.MULTILINE)
# Line breaks other than \n and \r\n: polib splits lines at these too (\x85, \u2028
# and \u2029 in UTF-8).
_OTHER_BREAKS = re.compile(rb"[\r\v\f\x1c-\x1e]|\xc2\x85|\xe2\x80[\xa8\xa9]")


def read_messages(text: str | bytes, locale: str | None = None,
                  known: Mapping[str, str] | None = None) -> list[Message] | None:
    """The active messages of `text` (a catalogue, or its file's bytes), or None if it
    is not UTF-8 in the regular layout, has a duplicate or a header naming another
    language than `locale`.

    A msgid found in `known` is given as its value, the caller's equal str: an 8 MB
    paragraph's text is then not held twice while its translation is decoded."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if not valid_utf8(data):
        return None
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n")
    if data.startswith(codecs.BOM_UTF8) or _OTHER_BREAKS.search(data):
        return None
    return _messages(data, locale, known or {})


def _messages(text: bytes, locale: str | None, known: Mapping[str, str]
              ) -> list[Message] | None:
    messages: list[Message] = []
    obsolete: set[tuple[str | None, str]] = set()
    pos, line, first = 0, 1, True
    while pos < len(text):
        match = _ACTIVE.match(text, pos)
        if match is not None and not _comments_read(match):
            return None
        if match is not None:
            message = _message(match, 0 if first else line, known)
            if b"-format" in match.group("comments") and _format_refused(match, message):
                return None
            messages.append(message)
        else:
            match = _OBSOLETE.match(text, pos)
            if match is None or not _comments_read(match) or \
                    not _first_obsolete(match, obsolete):
                return None
        first = False
        end = match.end()
        while text.startswith(b"\n", end):
            end += 1
        line += text.count(b"\n", pos, end)
        pos = end
    return _without_header(messages, locale)


def _comments_read(match: re.Match[bytes]) -> bool:
    """Whether the entry's comments, decoded, are those the pattern takes in text."""
    comments = match.group("comments")
    return comments.isascii() or \
        _COMMENT_TEXT[match.re].fullmatch(comments.decode("utf-8")) is not None


def _first_obsolete(match: re.Match[bytes], seen: set[tuple[str | None, str]]) -> bool:
    """Whether the obsolete entry is the first with its key (msgfmt refuses a second)."""
    context = match.group("context")
    key = (None if context is None else _string(context.replace(b"\n#~ ", b"\n")),
           _string(match.group("msgid").replace(b"\n#~ ", b"\n")))
    if key in seen:
        return False
    seen.add(key)
    return True


def _format_refused(match: re.Match[bytes], message: Message) -> bool:
    """Whether a flagged format string's translation takes other arguments (msgfmt
    refuses it; the slow path says where)."""
    flags = [f.strip() for found in _FLAGS.findall(match.group("comments"))
             for f in found.decode("utf-8").split(",")]
    return bool(message.msgstr) and not message.fuzzy and \
        format_problem(flags, message.msgid, message.msgstr) is not None


def _message(match: re.Match[bytes], line: int, known: Mapping[str, str]) -> Message:
    context = match.group("context")
    fuzzy = any("fuzzy" in (f.strip() for f in flags.decode("utf-8").split(","))
                for flags in _FLAGS.findall(match.group("comments")))
    msgid = _group_string(match, "msgid")
    msgid = known.get(msgid, msgid)  # the decoded copy goes before the msgstr is decoded
    return Message(_string(context) if context is not None else None,
                   msgid, _group_string(match, "msgstr"), fuzzy, line)


def _string(quoted: bytes) -> str:
    """The text of `"..."` lines: each unescaped as polib does, then joined."""
    pieces = quoted[1:-1].decode("utf-8").split('"\n"')
    return "".join(unescape(p) if "\\" in p else p for p in pieces)


def _group_string(match: re.Match[bytes], name: str) -> str:
    """`_string` of a group of `match`: a string on one line is decoded from the bytes
    in place, not copied as the group, its inside and its one piece (a translated 8 MB
    paragraph written unwrapped is a line of 16 or 32 MB as a str)."""
    text, start, end = match.string, match.start(name), match.end(name)
    if text.find(b'"\n"', start, end) >= 0:
        return _string(match.group(name))
    piece = str(memoryview(text)[start + 1:end - 1], "utf-8")
    return unescape(piece) if "\\" in piece else piece


def _without_header(messages: list[Message], locale: str | None) -> list[Message] | None:
    if messages and messages[0].msgid == "" and messages[0].line == 0:
        header = messages.pop(0)
        if header.context is not None or not _same_language(header.msgstr, locale):
            return None
    keys = {(m.context, m.msgid) for m in messages}
    if len(keys) != len(messages) or any(m.msgid == "" for m in messages):
        return None  # polib would take another entry as the header, or a duplicate
    if any(m.msgstr and (m.msgid.startswith("\n") != m.msgstr.startswith("\n")
                         or m.msgid.endswith("\n") != m.msgstr.endswith("\n"))
           for m in messages):
        return None  # a line break msgfmt refuses: the slow path says where
    return messages


def _same_language(header: str, locale: str | None) -> bool:
    """Whether the header's Language is `locale` (or either is unset), read as polib
    reads header fields."""
    fields: dict[str, str] = {}
    key = None
    for line in header.splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            fields[key] = value.strip()
        elif key is not None:
            fields[key] += "\n" + line.strip()
    language = fields.get("Language")
    return not (locale and language and language.replace("-", "_") != locale)
