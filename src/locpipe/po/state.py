"""The state of a catalogue entry: the one definition of translated, fuzzy, obsolete
and publishable, for builds, checks and status alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import polib

Key = tuple[str | None, str]


@dataclass(frozen=True, slots=True)
class Message:
    """An active entry of a catalogue."""

    context: str | None
    msgid: str
    msgstr: str
    fuzzy: bool
    line: int
    """Where the entry starts, as polib counts (0 for the first entry of a file
    without a header)."""


def translations(messages: Iterable[Message]) -> dict[Key, str]:
    """Publishable translations of active messages: not fuzzy, not empty."""
    return {(m.context, m.msgid): m.msgstr for m in messages if m.msgstr and not m.fuzzy}


def messages_of(po: polib.POFile) -> list[Message]:
    """The active entries of a polib catalogue, as `read_messages` gives them."""
    return [Message(e.msgctxt, e.msgid, e.msgstr, "fuzzy" in e.flags, e.linenum)
            for e in po if not e.obsolete]


def counts(po: polib.POFile) -> dict[str, int]:
    """Translated, fuzzy and untranslated active entries."""
    active = [e for e in po if not e.obsolete]
    fuzzy = sum(1 for e in active if "fuzzy" in e.flags and e.msgstr)
    translated = sum(1 for e in active if e.msgstr and "fuzzy" not in e.flags)
    return {"translated": translated, "fuzzy": fuzzy,
            "untranslated": len(active) - translated - fuzzy}
