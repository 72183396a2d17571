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

import codecs
import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import polib

from locpipe.errors import LocpipeError
from locpipe.po import fastpath
from locpipe.po.formats import format_problem
from locpipe.po.state import Key, Message, has_fuzzy_flag, messages_of


def read_messages(path: Path, locale: str | None = None,
                  known: Mapping[str, str] | None = None) -> list[Message]:
    """The active messages of a catalogue, read fast when its layout is the regular
    one, else through `read_catalogue`, which explains any error. `known`: texts the
    caller holds, given instead of equal ones read (`fastpath.read_messages`)."""
    messages = fastpath.read_messages(path.read_bytes(), locale, known)  # None: not UTF-8
    if messages is not None:
        return messages
    return messages_of(read_catalogue(path, locale))


Share = Callable[[str], str]
"""Given a string read, an equal one already held elsewhere (or the string itself)."""


def read_catalogue(path: Path, locale: str | None = None,
                   share: Share | None = None) -> polib.POFile:
    """Parse a `.po`/`.pot`; any problem is one error line naming the file.

    The file is read a line at a time, in passes, and never held whole: as text, a
    16 MB catalogue with Chinese in it is 32 MB. `share` is asked for each string
    put together from several lines (every long one), so that a string the caller
    already holds (the translation memory's) is not held twice."""
    _check_utf8(path)
    _check_strings(_file_lines(path), path)
    _check_keywords(_file_lines(path), path)
    po = _parse(path, share)

    def text() -> str:  # only to say where an error is
        return path.read_text(encoding="utf-8")

    _check_entries(po, path, text)
    _check_translations(po, path, text)
    _check_plurals(po, path, text)
    language = po.metadata.get("Language")
    if locale and language and language.replace("-", "_") != locale:
        raise LocpipeError(f"header says Language: {language}, but the folder is {locale}",
                           path, _header_line(text(), "Language"),
                           f"set `Language: {locale}` or move the file")
    return po


BLOCK = 1 << 16
"""Bytes read at a time."""


def _check_utf8(path: Path) -> None:
    """Refuse a file that is not UTF-8, naming the first invalid byte and its line, as
    decoding it whole would: decoded a block at a time, nothing of it is kept."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = lines = 0  # bytes and line breaks before the block
    with path.open("rb") as handle:
        for block in chain(iter(lambda: handle.read(BLOCK), b""), [b""]):  # b"": the end
            pending = decoder.getstate()[0]  # the start of a character cut by the block
            try:
                decoder.decode(block, final=not block)
            except UnicodeDecodeError as exc:  # exc.start: in the pending bytes + block
                raise LocpipeError(f"not UTF-8 text (byte {offset - len(pending) + exc.start + 1}"
                                   " is invalid)", path,
                                   lines + exc.object[:exc.start].count(b"\n") + 1,
                                   "save the catalogue as UTF-8") from None
            offset += len(block)
            lines += block.count(b"\n")


def _file_lines(path: Path) -> Iterator[str]:
    """`split_lines` of the file's text, read a line at a time (the file is UTF-8)."""
    for line, _ in _ended_lines(path):
        yield line
        del line  # a long line is not held while the next one is read


def _ended_lines(path: Path) -> Iterator[tuple[str, bool]]:
    """Each line of `_file_lines`, and whether a `\\n` ended it (all but the last).

    Read a block at a time into one buffer, each line decoded from it: a long line is
    held as its bytes and its text, once each, and neither is kept past its turn
    (`readline` joins a long line's pieces, a second copy of its bytes)."""
    buffer = bytearray()
    searched = 0  # the part of the buffer known to hold no line break
    with path.open("rb") as handle:
        while True:
            end = buffer.find(b"\n", searched)
            if end < 0:
                searched = len(buffer)
                block = handle.read(BLOCK)
                if not block:
                    break
                buffer += block
                continue
            line = str(memoryview(buffer)[:end], "utf-8")
            del buffer[:end + 1]
            searched = 0
            yield line, True
            del line  # not held while the next line is read
    yield str(buffer, "utf-8"), False


def _file_splitlines(path: Path) -> Iterator[str]:
    """The file's `text.splitlines()`, from `_ended_lines`: every `\\n` ends a line, and a
    line without another line break is given as it is, not copied by a split."""
    for line, ended in _ended_lines(path):
        if not ended:
            yield from line.splitlines()  # the end of the file: no line after it
        elif not line or _LINE_BREAK.search(line) is None:
            yield line
        else:
            yield from (line + "\n").splitlines()
        del line  # a long line is not held while the next one is read


def refuse_empty(po: polib.POFile, path: Path, wanted: int) -> polib.POFile:
    """`po`, unless it holds no entry at all while its article has `wanted` to translate.

    An empty or header-only catalogue is a file cut short or a save gone wrong, not
    a translation: read as one it would turn a complete edition into the source
    text without a word, and the next `update` would write over what was there.
    """
    if wanted and not len(po):
        raise LocpipeError(f"the catalogue has no entries (it is empty or holds only its "
                           f"header), but its article has {wanted} to translate", path, None,
                           "restore it from version control, or delete it and run "
                           "`locpipe update` to start it afresh")
    return po


_KEYWORD = re.compile(
    r'[ \t]*(?:(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?!\w)[ \t]*|(?="))')
# Unrolled as `po.fastpath._STR` is: one backtracking mark per escape, not per character.
_STRING = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')
_ESCAPE = re.compile(r"\\(.)")
# What polib reads back (and `\a`, which gettext and our writer use): any other
# escape would silently turn into a backslash and a letter.
_KNOWN_ESCAPES = frozenset('\\"ntrvbfa')


_MARKER = re.compile(r"#~?\|?[ \t]*")
"""What `_check_strings` skips before an obsolete or previous entry's keyword."""


def _check_strings(lines: Iterable[str], path: Path) -> None:
    """Refuse the string errors polib does not notice: it would read an unclosed
    string, a keyword without one or an unknown escape as something else (or as
    nothing), and a rewrite would lose text. `lines` are the file's `split_lines`."""
    for number, code in enumerate(lines, 1):
        marker = _MARKER.match(code) if code.startswith(("#~", "#|")) else None
        keyword = _KEYWORD.match(code, marker.end() if marker else 0)
        found = _string_problem(code, keyword) if keyword else None
        if found:
            raise LocpipeError(f"cannot parse catalogue: {found[0]}", path, number, found[1])
        del code, marker, keyword  # a long line is not held while the next one is read


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
    unknown = [e for e in _ESCAPE.findall(code, string.start(), string.end())
               if e not in _KNOWN_ESCAPES]
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
    keywords: array[int] = field(default_factory=lambda: array("q"), repr=False)
    """1-based numbers of the lines that start with a `msgstr` keyword, in order: where
    findings about a translation point. Not the file's lines: a long entry's lines are
    its text again, kept through the whole check."""
    path: Path | None = field(default=None, repr=False)
    """The file, read again for the rare question about a header field's line."""

    def msgstr_line(self, entry: polib.POEntry) -> int:
        """1-based line of the entry's (first) `msgstr` keyword: where findings about
        its translation point; `msgstr_line` over the file's lines (its slow twin)."""
        start = max(int(entry.linenum or 1), 1)
        index = bisect_left(self.keywords, start)
        return self.keywords[index] if index < len(self.keywords) else start

    def field_line(self, name: str) -> int:
        """1-based line of the header field `name` (1 when there is none)."""
        if self.path is None:
            return 1
        for number, line in enumerate(split_lines_of(_check_text(self.path)), start=1):
            if line.startswith(f'"{name}:'):
                return number
        return 1


def read_for_check(path: Path) -> ReadResult:
    """Read a catalogue as gettext's tools do, for the checks to judge it."""
    try:
        po, text = _tolerant_reading(path)
    except (OSError, ValueError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        line = re.search(r"\(line (\d+)\)", message)
        return ReadResult(None, message, int(line.group(1)) if line else 1)
    return ReadResult(po, keywords=msgstr_keywords(text), path=path)


def _tolerant_reading(path: Path) -> tuple[polib.POFile, str]:
    """polib's reading of the file (`_polib(str(path))`, its slow twin), and its text
    for finding lines in.

    polib given the path decodes the file in the charset its header names, and
    makes four or five copies of each line it reads: the file is decoded here in
    that charset and given to polib as `_polib_lines` cuts it, split where a file
    read as text ends its lines. A file that does not decode is polib's to refuse."""
    encoding = polib.detect_encoding(str(path))
    try:
        data = path.read_bytes()
        text = data.decode(encoding)
    except (OSError, UnicodeDecodeError, LookupError):
        return _polib(str(path)), _check_text(path)
    # Only line breaks and keywords matter for finding lines, and they are ASCII in
    # every charset gettext allows.
    lines = text if codecs.lookup(encoding).name == "utf-8" else _check_text(path)
    del data
    parser = _Parser(text, True, breaks=_UNIVERSAL, fpath=str(path), encoding=encoding)
    po: polib.POFile = parser.parse()
    po.wrapwidth = 0
    return po, lines


def _check_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


_MSGSTR_AT = re.compile(r"(#~\s*)?msgstr\b")
"""`_MSGSTR` matched at a line's start inside the whole text (`^` would not match there)."""


def msgstr_keywords(text: str) -> array[int]:
    """1-based numbers of the lines of `text` (as `str.splitlines` cuts them) that
    `msgstr_line` stops at; no line is copied."""
    found = array("q")
    for number, (start, end) in enumerate(_splitlines(text), start=1):
        if _MSGSTR_AT.match(text, start, end):
            found.append(number)
    return found


def split_lines_of(text: str) -> Iterator[str]:
    """`text.splitlines()`, a line at a time."""
    return (text[start:end] for start, end in _splitlines(text))


def _polib(source: str, text: bool = False, lines: Iterable[str] | None = None,
           share: Share | None = None) -> polib.POFile:
    """polib's reading of a file (by path) or, with `text`, of its text, or of the
    `lines` of the UTF-8 file at `source` as if its text had been given: the one call
    of polib's parser."""
    parser = _Parser(source, text, lines, share, encoding=polib.detect_encoding(source))
    po: polib.POFile = parser.parse()
    po.wrapwidth = 0
    return po


def split_lines(text: str) -> Iterator[str]:
    """`text.split("\\n")`, a line at a time: the list of a large catalogue's lines is
    a second copy of it."""
    start = 0
    end = text.find("\n")
    while end >= 0:
        yield text[start:end]
        start, end = end + 1, text.find("\n", end + 1)
    yield text[start:]


_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
"""Where `str.splitlines` ends a line."""
_UNIVERSAL = re.compile(r"\r\n|[\r\n]")
"""Where a file read as text (`io.open`'s universal newlines) ends a line: polib's
reading of a path."""


def _splitlines(text: str, breaks: re.Pattern[str] = _LINE_BREAK) -> Iterator[tuple[int, int]]:
    """The spans of `text.splitlines()` (of a file's lines with `_UNIVERSAL`), in order."""
    start = 0
    for match in breaks.finditer(text):
        yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


LONG = 1 << 16
"""Characters of a string line that polib is given in pieces."""
_LONG_STRING = re.compile(r'(?:msgctxt|msgid|msgstr) "')
_PIECE_CUT = re.compile(r"[A-Za-z](?=[A-Za-z])")


def _polib_lines(lines: Iterable[str], parser: _Parser) -> Iterator[str]:
    """The `lines` polib reads (`text.splitlines()`), except that a long
    `msgid "..."` (`msgstr`, `msgctxt`) line comes as `msgid ""` and continuation
    lines of its text, cut between two letters, with the parser's line count held:
    polib makes four or five copies of each line it reads, and the joined pieces
    are the same string (no escape spans a cut, nor does the quote check's pair).
    `tests/test_po_reader.py` compares the catalogues read both ways."""
    for line in lines:
        keyword = _LONG_STRING.match(line)
        if len(line) <= LONG or keyword is None or line[-1] != '"':
            yield line
            continue
        yield line[:keyword.end()] + '"'
        begin, stop = keyword.end(), len(line) - 1
        while begin < stop:
            cut = _PIECE_CUT.search(line, begin + LONG, stop) if stop - begin > LONG else None
            finish = cut.end() if cut else stop
            parser.current_line -= 1  # polib counts the piece as a line of its own
            yield f'"{line[begin:finish]}"'
            begin = finish
        del line, keyword  # a long line is not held while the next one is read


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

    def __init__(self, source: str, text: bool = False, lines: Iterable[str] | None = None,
                 share: Share | None = None, breaks: re.Pattern[str] = _LINE_BREAK,
                 fpath: str | None = None, **kwargs: str) -> None:
        super().__init__("" if text or lines is not None else source, **kwargs)
        if fpath is not None:  # the text of that file: its errors name it, as polib's do
            self.instance.fpath = fpath
        self._pending: tuple[polib.POEntry, str, bytearray] | None = None
        self._share = share
        if lines is None and text:
            lines = (source[start:end] for start, end in _splitlines(source, breaks))
        read = self.fhandle if lines is None else _polib_lines(lines, self)
        self.fhandle = self._lines(read)  # type: ignore[assignment]  # iterated only

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
            self._pending = (entry, name, bytearray(_utf8(getattr(entry, name))))
        # Gathered as UTF-8, at most a byte a byte of the file, where the pieces as
        # strings took two bytes a character once one of them was Chinese.
        self._pending[2].extend(_utf8(polib.unescape(self.current_token[1:-1])))
        return False

    def _flush(self) -> None:
        if self._pending is not None:
            entry, name, gathered = self._pending
            self._pending = None
            value = gathered.decode("utf-8", "surrogatepass")
            del gathered[:]
            setattr(entry, name, value if self._share is None else self._share(value))


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # back to the same string, whatever it holds


def _parse(path: Path, share: Share | None = None) -> polib.POFile:
    try:
        return _polib(str(path), lines=_file_splitlines(path), share=share)
    except (OSError, ValueError) as exc:
        message = str(exc)
        match = re.search(r"line (\d+)", message)
        raise LocpipeError(f"cannot parse catalogue: {_clean(message)}", path,
                           int(match.group(1)) if match else None,
                           "fix the entry, or restore the file from version control") from None


def _clean(message: str) -> str:
    return re.sub(r"\s*\(line \d+\)|^Syntax error in po file\s*", "", message).strip() or \
        "syntax error"


_OBSOLETE_MARKER = re.compile(r"#~[ \t]*")


def _check_keywords(lines: Iterable[str], path: Path) -> None:
    """Refuse an entry whose keywords GNU msgfmt would not accept and polib reads anyway:
    a `msgid` without `msgstr`, `msgstr[N]` without `msgid_plural`, or the other way.
    `lines` are the file's `split_lines`."""
    entry: dict[str, int] = {}
    for number, line in enumerate(chain(lines, ["msgid"]), 1):  # the last closes
        name = _keyword_of(line)
        del line  # a long line is not held while the next one is read
        if name is None:
            continue
        kind = "msgstr[]" if name.startswith("msgstr[") else name
        if kind == "msgctxt" or (kind == "msgid" and "msgid" in entry):
            _check_entry_keywords(entry, path)
            entry = {}
        entry.setdefault(kind, number)


def _keyword_of(line: str) -> str | None:
    """The keyword a line starts with, if any; none for a previous msgid (`#|`), a
    comment to msgfmt."""
    if line.startswith("#|"):
        return None
    marker = _OBSOLETE_MARKER.match(line)
    keyword = _KEYWORD.match(line, marker.end() if marker else 0)
    return keyword.group(1) if keyword else None


def _check_entry_keywords(entry: dict[str, int], path: Path) -> None:
    line = entry.get("msgid")
    if line is None:
        return
    if "msgstr" not in entry and "msgstr[]" not in entry:
        raise LocpipeError("cannot parse catalogue: `msgid` has no `msgstr`", path, line,
                           'add `msgstr ""` after it')
    if "msgstr[]" in entry and "msgid_plural" not in entry:
        raise LocpipeError("cannot parse catalogue: `msgstr[N]` without `msgid_plural`", path,
                           line, "write `msgstr` for an entry without plural forms")
    if "msgid_plural" in entry and "msgstr[]" not in entry:
        raise LocpipeError("cannot parse catalogue: `msgid_plural` without `msgstr[N]`", path,
                           line, "write the plural forms as `msgstr[0]`, `msgstr[1]`...")


def _check_entries(po: polib.POFile, path: Path, text: Callable[[], str]) -> None:
    """One entry per key among the active entries, and one among the obsolete ones;
    only the header has an empty msgid."""
    seen: dict[tuple[bool, Key], int | None] = {}
    for entry in po:
        key = (entry.msgctxt, entry.msgid)
        if not entry.msgid and not entry.msgctxt and not entry.obsolete:
            headers = [n for n, line in enumerate(split_lines(text()), 1) if line == 'msgid ""']
            second: int | None = headers[1] if len(headers) > 1 else None
            raise LocpipeError("a second header entry (an empty msgid)", path,
                               entry.linenum or second,
                               "give the entry its source text, or merge it into the header")
        if (entry.obsolete, key) in seen:
            what = "obsolete entry" if entry.obsolete else "entry"
            raise LocpipeError(f"duplicate {what} for msgid {entry.msgid[:40]!r}", path,
                               entry.linenum,
                               f"merge it with the entry at line {seen[entry.obsolete, key]}")
        seen[entry.obsolete, key] = entry.linenum


def _msgstr_line(text: str, entry: polib.POEntry) -> int:
    """1-based line of the entry's first `msgstr`: where msgfmt points about a translation
    (the lines are split only for an error)."""
    lines = text.split("\n")
    start = max(int(entry.linenum or 1) - 1, 0)
    return next((i + 1 for i in range(start, len(lines)) if _MSGSTR.match(lines[i])),
                start + 1)


def _check_translations(po: polib.POFile, path: Path, catalogue: Callable[[], str]) -> None:
    """A translation begins and ends with a line break exactly where its source does."""
    for entry in po:
        if entry.obsolete:
            continue
        forms = ([(entry.msgid, entry.msgstr)] if not entry.msgid_plural else
                 [(entry.msgid if n == 0 else entry.msgid_plural, text)
                  for n, text in sorted(entry.msgstr_plural.items())])
        for source, text in forms:
            problem = _newline_problem(source, text)
            if problem:
                raise LocpipeError(f"`msgid` and `msgstr` do not both {problem} with `\\n`",
                                   path, _msgstr_line(catalogue(), entry),
                                   "keep the line breaks at the start and end of the source")
        # msgfmt compares the format strings of a translation it would use: not a fuzzy one.
        wrong = None if entry.msgid_plural or not entry.msgstr or has_fuzzy_flag(entry) \
            else format_problem(entry.flags, entry.msgid, entry.msgstr)
        if wrong:
            raise LocpipeError(f"format string: {wrong}", path, _msgstr_line(catalogue(), entry),
                               "use the placeholders of the source, of the same kinds")


def _newline_problem(source: str, text: str) -> str | None:
    if not text:
        return None  # untranslated: nothing to compare
    if source.startswith("\n") != text.startswith("\n"):
        return "begin"
    if source.endswith("\n") != text.endswith("\n"):
        return "end"
    return None


_NPLURALS = re.compile(r"nplurals\s*=\s*(\S*?)\s*;")


def _check_plurals(po: polib.POFile, path: Path, text: Callable[[], str]) -> None:
    """Plural forms as many as the header's `Plural-Forms` says, which must say it."""
    plural = [entry for entry in po if entry.msgid_plural and not entry.obsolete]
    header = po.metadata.get("Plural-Forms")
    if header is None and not plural:
        return
    match = _NPLURALS.search(header or "")
    if match is None or not match.group(1).isdigit() or int(match.group(1)) < 1:
        raise LocpipeError("the header's `Plural-Forms` has no valid `nplurals`", path,
                           _header_line(text(), "Plural-Forms") or 1,
                           "write e.g. `Plural-Forms: nplurals=1; plural=0;`")
    if "plural=" not in (header or "").replace(" ", ""):
        raise LocpipeError("the header's `Plural-Forms` has no `plural=` expression", path,
                           _header_line(text(), "Plural-Forms") or 1,
                           "write e.g. `Plural-Forms: nplurals=1; plural=0;`")
    count = int(match.group(1))
    for entry in plural:
        if len(entry.msgstr_plural) != count:
            raise LocpipeError(f"{len(entry.msgstr_plural)} plural forms, but the header's "
                               f"`Plural-Forms` says nplurals={count}", path,
                               _msgstr_line(text(), entry),
                               "give the entry as many `msgstr[N]` as the language has forms")


def _header_line(text: str, field: str) -> int | None:
    index = text.find(f'"{field}:')
    return text.count("\n", 0, index) + 1 if index >= 0 else None

