"""Gettext catalogues: templates from segments, merges that lose nothing."""

from __future__ import annotations

import gc
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import polib
from babel import Locale
from babel.messages.plurals import get_plural

from locpipe import __version__
from locpipe.catalogue.similar import SimilarTexts
from locpipe.errors import LocpipeError
from locpipe.jobs.files import write_text_atomic
from locpipe.markdown.segment import Document
from locpipe.po import fastpath as po_reader
from locpipe.po.fastpath import Message
from locpipe.po.writer import write_po_text

Hints = Callable[[str], list[str]]
Key = tuple[str | None, str]
_DATE_LINE = re.compile(r'^"(?:POT-Creation-Date|PO-Revision-Date): [^"]*\\n"$', re.MULTILINE)


def creation_date() -> str:
    """Now, or SOURCE_DATE_EPOCH for reproducible builds, as gettext writes dates."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else int(time.time())
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(seconds))


def template(doc: Document, hints: Hints | None = None) -> polib.POFile:
    """The `.pot` of one article: one entry per distinct text, in source order."""
    pot = polib.POFile(wrapwidth=0)
    pot.metadata = {
        "Project-Id-Version": doc.slug,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": creation_date(),
        "PO-Revision-Date": creation_date(),
        "Last-Translator": "",
        "Language-Team": "",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Generated-By": f"locpipe {__version__}",
    }
    entries: dict[Key, polib.POEntry] = {}
    for segment in doc.segments:
        key = (segment.context, segment.msgid)
        entry = entries.get(key)
        if entry is None:
            entry = polib.POEntry(msgid=segment.msgid, msgstr="", msgctxt=segment.context)
            entry.comment = segment.kind
            entries[key] = entry
            pot.append(entry)
        elif segment.kind not in entry.comment.split(", "):
            entry.comment += f", {segment.kind}"
        entry.occurrences.append((doc.path, str(segment.line)))
    if hints:
        for entry in pot:
            entry.comment = "\n".join([entry.comment, *hints(entry.msgid)])
    return pot


def new_catalogue(pot: polib.POFile, locale: str) -> polib.POFile:
    """An empty translation of `pot` for `locale`, with gettext's standard header."""
    po = polib.POFile(wrapwidth=0)
    meta = dict(pot.metadata)
    meta.pop("Generated-By", None)
    po.metadata = {
        **{k: meta[k] for k in ("Project-Id-Version", "Report-Msgid-Bugs-To",
                                "POT-Creation-Date") if k in meta},
        "PO-Revision-Date": meta.get("POT-Creation-Date", creation_date()),
        "Last-Translator": "",
        "Language-Team": Locale.parse(locale).english_name or locale,
        "Language": locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(locale),
    }
    return po


def plural_forms(locale: str) -> str:
    plural = get_plural(locale)
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


def merge(pot: polib.POFile, old: polib.POFile | None, locale: str) -> polib.POFile:
    """`old` brought up to date with `pot`, keeping every translation.

    Unchanged texts keep their translation; a changed text gets the most
    similar old translation, marked fuzzy with the old text as `#| msgid`;
    texts no longer in the source stay as obsolete `#~` entries.
    """
    with _no_collection():
        return _merge(pot, old, locale)


@contextmanager
def _no_collection() -> Iterator[None]:
    """A merge makes many small objects and no reference cycles: the collections they
    trigger would scan every entry of both catalogues, again and again, for nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _merge(pot: polib.POFile, old: polib.POFile | None, locale: str) -> polib.POFile:
    po = new_catalogue(pot, locale) if old is None else _updated_header(old, pot, locale)
    previous = _by_key(old) if old is not None else {}
    used: set[Key] = set()
    fresh: list[polib.POEntry] = []
    for entry in pot:
        key = (entry.msgctxt, entry.msgid)
        if key in previous:
            used.add(key)
            po.append(_carry(entry, previous[key]))
        else:
            fresh.append(entry)
            po.append(entry)
    _fuzzy_fill(fresh, [e for k, e in previous.items() if k not in used])
    _keep_obsolete(po, old, used | {(e.previous_msgctxt, e.previous_msgid) for e in fresh})
    return po


def _by_key(po: polib.POFile) -> dict[Key, polib.POEntry]:
    """Old entries by (msgctxt, msgid); an active entry wins over an obsolete twin."""
    entries: dict[Key, polib.POEntry] = {}
    for entry in sorted(po, key=lambda e: not e.obsolete):
        entries[(entry.msgctxt, entry.msgid)] = entry
    return entries


def _updated_header(old: polib.POFile, pot: polib.POFile, locale: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.header = old.header
    po.metadata = dict(old.metadata)
    po.metadata_is_fuzzy = old.metadata_is_fuzzy
    if "POT-Creation-Date" in pot.metadata:
        po.metadata["POT-Creation-Date"] = pot.metadata["POT-Creation-Date"]
    po.metadata.setdefault("Language", locale)
    po.metadata.setdefault("Plural-Forms", plural_forms(locale))
    return po


def _carry(new: polib.POEntry, old: polib.POEntry) -> polib.POEntry:
    """The template entry with the old entry's translation, comments and flags."""
    new.msgstr = old.msgstr
    new.msgstr_plural = dict(old.msgstr_plural)
    new.tcomment = old.tcomment
    new.flags = list(old.flags)
    new.previous_msgid = old.previous_msgid if "fuzzy" in old.flags else None
    new.previous_msgctxt = old.previous_msgctxt if "fuzzy" in old.flags else None
    return new


def _fuzzy_fill(fresh: Sequence[polib.POEntry], pool: Sequence[polib.POEntry]) -> None:
    """Pre-fill new texts from the most similar translated old text, marked fuzzy."""
    donors = [e for e in pool if e.msgstr]
    if not donors or not fresh:
        return
    similar = SimilarTexts([e.msgid for e in donors], queries=len(fresh))
    for entry in fresh:
        best = similar.best(entry.msgid)
        if best is None:
            continue
        donor = donors[best]
        entry.msgstr = donor.msgstr
        entry.tcomment = donor.tcomment
        entry.flags = ["fuzzy", *(f for f in donor.flags if f != "fuzzy")]
        entry.previous_msgid = donor.msgid
        entry.previous_msgctxt = donor.msgctxt


def _keep_obsolete(po: polib.POFile, old: polib.POFile | None, used: set[Key]) -> None:
    """Old entries not carried over become (or stay) obsolete, if they hold anything:
    a translation or a translator's comment (gettext keeps only the former)."""
    if old is None:
        return
    for entry in old:
        if (entry.msgctxt, entry.msgid) in used or not (entry.msgstr or entry.tcomment):
            continue
        entry.obsolete = True
        entry.occurrences = []
        po.append(entry)


def translations(messages: Iterable[Message]) -> dict[Key, str]:
    """Publishable translations of active messages: not fuzzy, not empty."""
    return {(m.context, m.msgid): m.msgstr for m in messages if m.msgstr and not m.fuzzy}


def messages_of(po: polib.POFile) -> list[Message]:
    """The active entries of a polib catalogue, as `read_messages` gives them."""
    return [Message(e.msgctxt, e.msgid, e.msgstr, "fuzzy" in e.flags, e.linenum)
            for e in po if not e.obsolete]


def read_messages(path: Path, locale: str | None = None) -> list[Message]:
    """The active messages of a catalogue, read fast when its layout is the regular
    one, else through `read_catalogue`, which explains any error."""
    data = path.read_bytes()
    try:
        messages = po_reader.read_messages(data.decode("utf-8"), locale)
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
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
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


def _parse(text: str, path: Path) -> polib.POFile:
    try:
        return polib.pofile(text, wrapwidth=0)
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
    seen: dict[Key, int] = {}
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


def write_catalogue(po: polib.POFile, path: Path, width: int | None) -> bool:
    """Write `po` unless only its dates would change; True if the file was written."""
    text = write_po_text(po, width)
    if path.exists():
        current = path.read_text(encoding="utf-8", errors="replace")
        if _without_dates(current) == _without_dates(text):
            return False
    write_text_atomic(path, text)
    return True


def is_stale(po: polib.POFile, path: Path, width: int | None) -> bool:
    """Whether writing `po` would change `path` (beyond its dates); writes nothing."""
    if not path.exists():
        return True
    current = path.read_text(encoding="utf-8", errors="replace")
    return _without_dates(current) != _without_dates(write_po_text(po, width))


def _without_dates(text: str) -> str:
    return _DATE_LINE.sub("", text)


def counts(po: polib.POFile) -> dict[str, int]:
    """Translated, fuzzy and untranslated active entries."""
    active = [e for e in po if not e.obsolete]
    fuzzy = sum(1 for e in active if "fuzzy" in e.flags and e.msgstr)
    translated = sum(1 for e in active if e.msgstr and "fuzzy" not in e.flags)
    return {"translated": translated, "fuzzy": fuzzy,
            "untranslated": len(active) - translated - fuzzy}
