"""Reading `.po` and `.pot` files: the one reader of catalogues.

Nothing else in locpipe parses a catalogue (`tests/test_house.py` fails on a
`polib.pofile` elsewhere). It reads in two ways, because two kinds of command
read catalogues:

- `read_catalogue` is strict, for the commands that act on a catalogue
  (`update`, `build`, `status`): UTF-8 only, no unknown escape, no duplicate,
  no `Language` header that contradicts the folder, and every refusal is one
  error line naming the file and line. `read_messages` is what a build needs of
  the same: the fast path of `po.fastpath` for the regular layout, else
  `read_catalogue`.
- `read_for_check` is tolerant, for `locpipe check`, which judges a catalogue
  instead of acting on it: it reads what polib reads (any charset the header
  names, duplicates, unknown escapes, an unclosed string, another language), so
  that the checks report those as findings (msgfmt's V001, V002), and a file
  polib cannot read at all comes back with polib's complaint, not an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from locpipe.errors import LocpipeError
from locpipe.po import fastpath
from locpipe.po.state import Key, Message, messages_of


def read_messages(path: Path, locale: str | None = None) -> list[Message]:
    """The active messages of a catalogue, read fast when its layout is the regular
    one, else through `read_catalogue`, which explains any error."""
    data = path.read_bytes()
    try:
        messages = fastpath.read_messages(data.decode("utf-8"), locale)
    except UnicodeDecodeError:
        messages = None
    if messages is not None:
        return messages
    return messages_of(read_catalogue(path, locale))


def read_catalogue(path: Path, locale: str | None = None) -> polib.POFile:
    """Parse a `.po`/`.pot`; any problem is one error line naming the file."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LocpipeError(f"not UTF-8 text (byte {exc.start + 1} is invalid)", path,
                           data[:exc.start].count(b"\n") + 1,
                           "save the catalogue as UTF-8") from None
    _check_strings(text, path)
    po = _parse(text, path)
    _check_entries(po, path)
    language = po.metadata.get("Language")
    if locale and language and language.replace("-", "_") != locale:
        raise LocpipeError(f"header says Language: {language}, but the folder is {locale}",
                           path, _header_line(text, "Language"),
                           f"set `Language: {locale}` or move the file")
    return po


_KEYWORD = re.compile(
    r'[ \t]*(?:(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?!\w)[ \t]*|(?="))')
# Unrolled as `po.fastpath._STR` is: one backtracking mark per escape, not per character.
_STRING = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')
_ESCAPE = re.compile(r"\\(.)")
# What polib reads back (and `\a`, which gettext and our writer use): any other
# escape would silently turn into a backslash and a letter.
_KNOWN_ESCAPES = frozenset('\\"ntrvbfa')


def _check_strings(text: str, path: Path) -> None:
    """Refuse the string errors polib does not notice: it would read an unclosed
    string, a keyword without one or an unknown escape as something else (or as
    nothing), and a rewrite would lose text."""
    for number, line in enumerate(text.split("\n"), 1):
        code = re.sub(r"^#~?\|?[ \t]*", "", line) if line.startswith(("#~", "#|")) else line
        keyword = _KEYWORD.match(code)
        found = _string_problem(code, keyword) if keyword else None
        if found:
            raise LocpipeError(f"cannot parse catalogue: {found[0]}", path, number, found[1])


def _string_problem(code: str, keyword: re.Match[str]) -> tuple[str, str] | None:
    """(problem, hint) for a keyword or string line, or None if it is well formed."""
    string = _STRING.match(code, keyword.end())
    if string is None and code.startswith('"', keyword.end()):
        return "a string is not closed with `\"`", "end it with `\"` on the same line"
    if string is None:
        name = keyword.group(1)
        return f"`{name}` has no quoted string", f'write it as `{name} "text"`'
    if code[string.end():].strip():
        return "text after the closing `\"`", "write a quote inside a string as `\\\"`"
    unknown = [e for e in _ESCAPE.findall(string.group()) if e not in _KNOWN_ESCAPES]
    if unknown:
        return f"unknown escape `\\{unknown[0]}`", "write `\\\\` for a backslash"
    return None


_MSGSTR = re.compile(r"^(#~\s*)?msgstr\b")


def msgstr_line(lines: Sequence[str], start: int) -> int:
    """1-based line of the first `msgstr` keyword from line `start` (an entry's first,
    as polib counts): where check's findings and build's warnings about a translation
    point, the line msgfmt names."""
    start = max(start - 1, 0)
    for index in range(start, len(lines)):
        if _MSGSTR.match(lines[index]):
            return index + 1
    return start + 1


@dataclass(frozen=True)
class ReadResult:
    """A catalogue as `locpipe check` reads it: polib's reading, or why there is none."""

    po: polib.POFile | None
    """The catalogue; None when polib could not read it."""
    error: str | None = None
    """polib's complaint (its first line) when it could not read the file."""
    error_line: int = 1
    """The line polib gave up at, when it names one."""
    lines: tuple[str, ...] = field(default=(), repr=False)
    """The file's lines, for pointing at entries and header fields; empty on an error."""

    def msgstr_line(self, entry: polib.POEntry) -> int:
        """1-based line of the entry's (first) `msgstr` keyword: where findings about
        its translation point."""
        return msgstr_line(self.lines, int(entry.linenum or 1))

    def field_line(self, name: str) -> int:
        """1-based line of the header field `name` (1 when there is none)."""
        for number, line in enumerate(self.lines, start=1):
            if line.startswith(f'"{name}:'):
                return number
        return 1


def read_for_check(path: Path) -> ReadResult:
    """Read a catalogue as gettext's tools do, for the checks to judge it."""
    try:
        # polib given the path decodes the file in the charset its header names.
        po = _polib(str(path))
    except (OSError, ValueError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        line = re.search(r"\(line (\d+)\)", message)
        return ReadResult(None, message, int(line.group(1)) if line else 1)
    # Only line breaks matter here, and they are ASCII in every charset gettext allows.
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    return ReadResult(po, lines=tuple(lines))


def _polib(source: str) -> polib.POFile:
    """polib's reading of a file (by path) or of its text: the one call of polib's parser."""
    parser = _Parser(source, encoding=polib.detect_encoding(source))
    po: polib.POFile = parser.parse()
    po.wrapwidth = 0
    return po


# The entry fields a continuation line (`"..."`) adds to, by parser state.
_CONTINUED = {"ct": "msgctxt", "mi": "msgid", "mp": "msgid_plural", "ms": "msgstr",
              "pp": "previous_msgid_plural", "pm": "previous_msgid", "pc": "previous_msgctxt"}


class _Parser(polib._POFileParser):  # type: ignore[type-arg]  # not generic at run time
    """polib's parser (what `polib.pofile` runs), with continuation lines joined once.

    polib adds each `"..."` line to the entry's string with `+=`, copying the
    string so far: quadratic in a long text's lines (a 1 MB paragraph wrapped
    at 79 columns took 90 s). Here the lines of one string are collected and
    joined when the next keyword (or the end of the file) comes; everything else
    is polib's, so the result is the same (`tests/test_po_reader.py` compares).
    """

    def __init__(self, source: str, **kwargs: str) -> None:
        super().__init__(source, **kwargs)
        self._pending: tuple[polib.POEntry, str, list[str]] | None = None
        self.fhandle = self._lines(self.fhandle)  # type: ignore[assignment]  # iterated only

    def _lines(self, lines: Iterable[str]) -> Iterator[str]:
        try:
            yield from lines
            self._flush()  # before polib reads the header entry, after the last line
        finally:
            close = getattr(lines, "close", None)
            if close is not None:
                close()

    def process(self, symbol: str) -> None:
        if symbol != "mc":
            self._flush()
        super().process(symbol)

    def handle_mc(self) -> bool:
        name = _CONTINUED.get(self.current_state)
        if name is None or self.current_token is None:
            return bool(super().handle_mc())
        entry = self.current_entry
        if self._pending is None or self._pending[0] is not entry or self._pending[1] != name:
            self._flush()
            self._pending = (entry, name, [getattr(entry, name)])
        self._pending[2].append(polib.unescape(self.current_token[1:-1]))
        return False

    def _flush(self) -> None:
        if self._pending is not None:
            entry, name, pieces = self._pending
            setattr(entry, name, "".join(pieces))
            self._pending = None


def _parse(text: str, path: Path) -> polib.POFile:
    try:
        return _polib(text)
    except (OSError, ValueError) as exc:
        message = str(exc)
        match = re.search(r"line (\d+)", message)
        raise LocpipeError(f"cannot parse catalogue: {_clean(message)}", path,
                           int(match.group(1)) if match else None,
                           "fix the entry, or restore the file from version control") from None


def _clean(message: str) -> str:
    return re.sub(r"\s*\(line \d+\)|^Syntax error in po file\s*", "", message).strip() or \
        "syntax error"


def _check_entries(po: polib.POFile, path: Path) -> None:
    seen: dict[Key, int | None] = {}
    for entry in po:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            raise LocpipeError(f"duplicate entry for msgid {entry.msgid[:40]!r}", path,
                               entry.linenum, f"merge it with the entry at line {seen[key]}")
        seen[key] = entry.linenum


def _header_line(text: str, field: str) -> int | None:
    index = text.find(f'"{field}:')
    return text.count("\n", 0, index) + 1 if index >= 0 else None

