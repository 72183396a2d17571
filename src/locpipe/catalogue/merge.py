"""Merges that lose nothing: a template brought into a locale's catalogue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import polib

from locpipe.catalogue.memory import MEMORY_NOTE, Match, Memory
from locpipe.catalogue.similar import SimilarTexts, no_collection
from locpipe.catalogue.template import new_catalogue, plural_forms
from locpipe.config import MemorySettings
from locpipe.po.state import Key, has_fuzzy_flag


@dataclass(frozen=True)
class Recall:
    """A translation memory and how `update` may use it."""

    memory: Memory
    settings: MemorySettings = field(default_factory=MemorySettings)


def merge(pot: polib.POFile, old: polib.POFile | None, locale: str,
          recall: Recall | None = None) -> polib.POFile:
    """`old` brought up to date with `pot`, keeping every translation.

    Unchanged texts keep their translation; a changed text gets the most
    similar old translation, marked fuzzy with the old text as `#| msgid`;
    texts no longer in the source stay as obsolete `#~` entries. With a memory,
    a text still without a translation then gets the memory's best match.
    """
    with no_collection():
        po = _merge(pot, old, locale)
        if recall is not None and len(recall.memory):
            prefill(po, recall)
        return po


def prefill(po: polib.POFile, recall: Recall) -> None:
    """Fill each active entry without a translation from the memory's best match.

    A match is fuzzy, with a `#.` line naming its source and score, and the memory's
    text as `#| msgid` when it is not the same; an exact match is published where
    `accept_exact` says so, and a moved article's own translation is taken as it
    was: the article is the same, only its path changed.
    """
    for entry in po:
        if entry.obsolete or entry.msgstr or entry.msgid_plural or not entry.msgid:
            continue
        moved = recall.memory.moved_exact(entry.msgctxt, entry.msgid)
        if moved is not None:
            _fill(entry, Match(moved, 100.0), fuzzy=moved.fuzzy)
            continue
        match = recall.memory.best(entry.msgctxt, entry.msgid, recall.settings.min_score)
        if match is not None:
            _fill(entry, match, fuzzy=not (match.exact and recall.settings.accept_exact))


def _fill(entry: polib.POEntry, match: Match, fuzzy: bool) -> None:
    unit = match.unit
    entry.msgstr = unit.target
    flags = [flag for flag in entry.flags if flag != "fuzzy"]
    entry.flags = ["fuzzy", *flags] if fuzzy else flags
    entry.comment = "\n".join(line for line in (entry.comment, match.note) if line)
    same = (unit.context, unit.source) == (entry.msgctxt, entry.msgid)
    entry.previous_msgid = None if same or not fuzzy else unit.source
    entry.previous_msgctxt = None if same or not fuzzy else unit.context


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
    # An old text that lent its translation to a new one is not kept as obsolete too.
    lent = {(e.previous_msgctxt, e.previous_msgid) for e in fresh if e.previous_msgid is not None}
    _keep_obsolete(po, old, used | lent)
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
    # Where a memory pre-fill came from stays said while its translation is kept.
    notes = [line for line in old.comment.splitlines() if line.startswith(MEMORY_NOTE)]
    new.comment = "\n".join([*filter(None, [new.comment]), *notes])
    new.flags = list(old.flags)
    new.previous_msgid = old.previous_msgid if has_fuzzy_flag(old) else None
    new.previous_msgctxt = old.previous_msgctxt if has_fuzzy_flag(old) else None
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


