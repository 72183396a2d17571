"""The state of a catalogue entry: the one definition of translated, fuzzy, obsolete
and publishable, for builds, checks, status and the report alike.

An entry is, in this order of precedence:

- **obsolete** when it is a `#~` entry (kept for its translation, never published);
- **untranslated** when a string of it is empty (`msgstr ""`, or one plural form),
  whatever its flags say: gettext drops `fuzzy` from such an entry;
- **fuzzy** when it carries the `fuzzy` flag: a translation to review;
- **translated** otherwise. Only a translated entry is *publishable*: a build
  splices it into the edition, a check judges it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

import polib

Key = tuple[str | None, str]
"""(msgctxt, msgid): what identifies an entry in one catalogue."""


class State(str, Enum):
    """What a translator's tool shows for an entry."""

    TRANSLATED = "translated"
    FUZZY = "fuzzy"
    UNTRANSLATED = "untranslated"
    OBSOLETE = "obsolete"


ACTIVE_STATES = (State.TRANSLATED, State.FUZZY, State.UNTRANSLATED)
"""The states an entry of the source text can have, in the order figures list them."""


def state_of(strings: Sequence[str], fuzzy: bool, obsolete: bool = False) -> State:
    """The state of an entry whose translated strings (one, or one per plural form)
    are `strings`."""
    if obsolete:
        return State.OBSOLETE
    if not strings or not all(strings):
        return State.UNTRANSLATED
    return State.FUZZY if fuzzy else State.TRANSLATED


def entry_state(entry: polib.POEntry) -> State:
    """The state of a polib entry."""
    strings = ([str(v) for _, v in sorted(entry.msgstr_plural.items())]
               if entry.msgid_plural else [str(entry.msgstr)])
    return state_of(strings, "fuzzy" in entry.flags, bool(entry.obsolete))


def is_publishable(state: State) -> bool:
    """Whether a build may publish an entry in this state: translated, nothing else."""
    return state is State.TRANSLATED


@dataclass(frozen=True, slots=True)
class Message:
    """An active entry of a catalogue, as a build reads it."""

    context: str | None
    msgid: str
    msgstr: str
    fuzzy: bool
    line: int
    """Where the entry starts, as polib counts (0 for the first entry of a file
    without a header)."""

    @property
    def state(self) -> State:
        return state_of([self.msgstr], self.fuzzy)


def translations(messages: Iterable[Message]) -> dict[Key, str]:
    """The publishable translations of active messages, by key."""
    return {(m.context, m.msgid): m.msgstr for m in messages if is_publishable(m.state)}


def messages_of(po: polib.POFile) -> list[Message]:
    """The active entries of a polib catalogue, as `po.reader.read_messages` gives them."""
    return [Message(e.msgctxt, e.msgid, e.msgstr, "fuzzy" in e.flags, e.linenum)
            for e in po if not e.obsolete]


def tally(states: Iterable[State]) -> dict[str, int]:
    """How many of `states` are translated, fuzzy and untranslated (obsolete left out)."""
    found = {state.value: 0 for state in ACTIVE_STATES}
    for state in states:
        if state is not State.OBSOLETE:
            found[state.value] += 1
    return found


def counts(po: polib.POFile) -> dict[str, int]:
    """Translated, fuzzy and untranslated active entries of a catalogue."""
    return tally(entry_state(e) for e in po)
