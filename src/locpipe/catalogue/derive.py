"""A derived locale's catalogue: each entry converted from the source locale's, unless
a reviewer made it their own.

`derive` runs after `merge` brought the derived catalogue up to date with the template
(so English changes already made entries fuzzy, with `#| msgid`, like any locale).
Then, entry by entry, against the source locale's catalogue (`zh_Hans`):

- an entry the converter owns (its text is what the converter last wrote, or empty)
  follows its source: a publishable source gives the converted text with a `#.` note
  naming the source locale and the OpenCC configuration (`po.state.DERIVED_NOTE`); a
  fuzzy source gives a fuzzy conversion (with the source's `#| msgid`); an
  untranslated one leaves it empty;
- an entry whose text is not what the converter last wrote (a reviewer edited it, or
  deleted the note) is **reviewed**: never overwritten. Its note remembers which
  source text it was reviewed against; when that source changes, the entry becomes
  fuzzy, keeping the reviewer's text, and a second note gives the new conversion.
"""

from __future__ import annotations

import polib

from locpipe.catalogue.convert import Converter
from locpipe.po.state import (
    DERIVED_NOTE,
    REVIEWED_NOTE,
    DerivationNote,
    Key,
    State,
    derivation_note,
    digest,
    entry_state,
    has_fuzzy_flag,
    is_publishable,
)

_CHANGED = "the source changed since the review; converted, it now reads: "
_GUARD = "the conversion changes code, a link or HTML: review it"
_OURS = (DERIVED_NOTE, REVIEWED_NOTE, _CHANGED, _GUARD)


def derive(merged: polib.POFile, old: polib.POFile | None, source: polib.POFile | None,
           converter: Converter) -> polib.POFile:
    """`merged` (the derived locale's catalogue after `merge`) brought in line with
    `source`; `old` is the derived catalogue as it was, for its notes."""
    sources = {(e.msgctxt, e.msgid): e for e in source or () if not e.obsolete}
    notes = notes_of(old) if old is not None else {}
    for entry in merged:
        if entry.obsolete or entry.msgid_plural or not entry.msgid:
            continue  # Markdown has no plural forms: only a hand edit makes one
        key = (entry.msgctxt, entry.msgid)
        note = notes.get(key)
        if note is None and entry.previous_msgid is not None:  # pre-filled by `merge`
            note = notes.get((entry.previous_msgctxt, entry.previous_msgid))
        entry.comment = _without_notes(entry.comment)
        if is_reviewed(entry, note):
            _reviewed(entry, note, sources.get(key), converter)
        else:
            _follow(entry, sources.get(key), converter)
    return merged


def notes_of(po: polib.POFile) -> dict[Key, DerivationNote]:
    """The derivation notes of a catalogue's entries (obsolete ones too), by key."""
    found: dict[Key, DerivationNote] = {}
    for entry in po:
        note = derivation_note(entry)
        if note is not None:
            found[(entry.msgctxt, entry.msgid)] = note
    return found


def is_reviewed(entry: polib.POEntry, note: DerivationNote | None) -> bool:
    """Whether a person owns the entry: it has a text, and that text is not the one
    the converter last wrote for it."""
    if not entry.msgstr:
        return False
    return note is None or note.text is None or digest(entry.msgstr) != note.text


def _follow(entry: polib.POEntry, source: polib.POEntry | None, converter: Converter) -> None:
    """The converter's entry, following its source."""
    others = [f for f in entry.flags if f != "fuzzy"]
    state = entry_state(source) if source is not None else State.UNTRANSLATED
    entry.previous_msgid = entry.previous_msgctxt = None
    if source is None or state is State.UNTRANSLATED:
        entry.msgstr = ""
        entry.flags = others
        return
    text, kept = converter.convert_checked(source.msgstr)
    fuzzy = not is_publishable(state) or not kept
    entry.msgstr = text
    entry.flags = ["fuzzy", *others] if fuzzy else others
    if has_fuzzy_flag(source):
        entry.previous_msgid = source.previous_msgid
        entry.previous_msgctxt = source.previous_msgctxt
    elif fuzzy:
        _add_note(entry, _GUARD)
    _add_note(entry, f"{converter.label} (source {digest(source.msgstr)}, "
                     f"text {digest(text)})")


def _reviewed(entry: polib.POEntry, note: DerivationNote | None,
              source: polib.POEntry | None, converter: Converter) -> None:
    """A reviewer's entry: kept; fuzzy when its source changed since the review."""
    if source is None or not is_publishable(entry_state(source)):
        if note is not None:  # nothing to compare with now: remember the last source
            _add_note(entry, _reviewed_note(converter, note.source))
        return
    current = digest(source.msgstr)
    if note is not None and note.source != current:
        if not has_fuzzy_flag(entry):
            entry.flags.insert(0, "fuzzy")
        _add_note(entry, _CHANGED + converter.convert(source.msgstr))
    _add_note(entry, _reviewed_note(converter, current))


def _reviewed_note(converter: Converter, source: str) -> str:
    return f"{REVIEWED_NOTE}{converter.how.source} (source {source})"


def _add_note(entry: polib.POEntry, line: str) -> None:
    entry.comment = f"{entry.comment}\n{line}" if entry.comment else line


def _without_notes(comment: str | None) -> str:
    lines = str(comment or "").splitlines()
    return "\n".join(line for line in lines if not line.startswith(_OURS))
