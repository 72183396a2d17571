"""The state of a catalogue entry: the one definition of translated, fuzzy, obsolete
and publishable, for builds, checks, status and the report alike.

An entry is, in this order of precedence:

- **obsolete** when it is a `#~` entry (kept for its translation, never published);
- **untranslated** when a string of it is empty (`msgstr ""`, or one plural form),
  whatever its flags say: gettext drops `fuzzy` from such an entry;
- **fuzzy** when it carries the `fuzzy` flag: a translation to review;
- **translated** otherwise. Only a translated entry is *publishable*: a build
  splices it into the edition, a check judges it.

What is published for an entry is its `msgstr`; for a plural entry (which only a
hand edit makes: Markdown has no plural forms) it is the first form, which is what
GNU gettext and Python's `gettext` give for the singular `msgid`.

In a **derived** locale (`zh_Hant` converted from `zh_Hans`, `catalogue.derive`) a
translated entry is also one of two kinds: **derived** when its `#.` note says the
converter wrote it and its text is still what the converter wrote (`update` rewrites
it as its source moves on), or **reviewed** otherwise (a person wrote or corrected
it: never overwritten). Both are publishable; `review_state_of` and `review_counts`
tell them apart for status and the report.

The mark is a `#.` comment, not a `#,` flag: GNU `msgcat` and `msgmerge` keep only
the flags gettext knows (`fuzzy`, `*-format`, `range:`, `wrap`), so a `#, derived`
would vanish the first time a translator's tool or a CI step rewrites the file. The
note, `derived from zh_Hans by OpenCC s2twp (source 1a2b3c4d, text 5e6f7a8b)`, names
the source locale and the configuration, and hashes (the first 8 hex digits of
SHA-256) of the source translation and of the text the converter wrote; an edited
text no longer has its hash, so an edit alone makes an entry reviewed.
"""

from __future__ import annotations

import hashlib
import re
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

DERIVED_NOTE = "derived from "
"""How the `#.` note of an entry a converter wrote begins."""
REVIEWED_NOTE = "reviewed against "
"""How the `#.` note of a reviewed entry of a derived locale begins: it remembers the
source translation it was reviewed against (`reviewed against zh_Hans (source ...)`)."""
_NOTE = re.compile(rf"^(?P<kind>{DERIVED_NOTE}|{REVIEWED_NOTE})(?P<locale>\S+)\b.*"
                   r"\(source (?P<source>[0-9a-f]{8})(?:, text (?P<text>[0-9a-f]{8}))?\)$")


@dataclass(frozen=True, slots=True)
class DerivationNote:
    """What the `#.` note of an entry in a derived locale remembers."""

    source: str
    """`digest` of the source locale's translation it was converted from or
    reviewed against."""
    text: str | None
    """`digest` of the text the converter wrote; None in a reviewed entry's note."""


def digest(text: str) -> str:
    """The short hash a derivation note keeps of a text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def derivation_note(entry: polib.POEntry) -> DerivationNote | None:
    """The entry's derivation note, if its `#.` comments have one."""
    for line in str(entry.comment or "").splitlines():
        match = _NOTE.match(line)
        if match:
            return DerivationNote(match["source"], match["text"])
    return None


class ReviewState(str, Enum):
    """An active entry of a derived locale, as its reviewer sees it: a translated
    entry is derived or reviewed; fuzzy and untranslated are as in `State`."""

    DERIVED = "derived"
    REVIEWED = "reviewed"
    FUZZY = "fuzzy"
    UNTRANSLATED = "untranslated"


REVIEW_STATES = tuple(ReviewState)
"""In the order figures list them."""


def state_of(strings: Sequence[str], fuzzy: bool, obsolete: bool = False) -> State:
    """The state of an entry whose translated strings (one, or one per plural form)
    are `strings`."""
    if obsolete:
        return State.OBSOLETE
    if not strings or not all(strings):
        return State.UNTRANSLATED
    return State.FUZZY if fuzzy else State.TRANSLATED


def has_fuzzy_flag(entry: polib.POEntry) -> bool:
    """Whether the entry carries the `fuzzy` flag; its state may still be untranslated."""
    return "fuzzy" in entry.flags


def strings_of(entry: polib.POEntry) -> tuple[str, ...]:
    """The translated strings of a polib entry: its `msgstr`, or one per plural form."""
    if entry.msgid_plural:
        return tuple(str(v) for _, v in sorted(entry.msgstr_plural.items()))
    return (str(entry.msgstr),)


def published_text(entry: polib.POEntry) -> str:
    """What a build publishes for the entry when it is publishable: the `msgstr`, or
    the first plural form (gettext's answer for the singular)."""
    strings = strings_of(entry)
    return strings[0] if strings else ""


def entry_state(entry: polib.POEntry) -> State:
    """The state of a polib entry."""
    return state_of(strings_of(entry), has_fuzzy_flag(entry), bool(entry.obsolete))


def is_derived(entry: polib.POEntry) -> bool:
    """Whether the entry's text is what a converter wrote: its note says so, and the
    text still has the hash the note gives."""
    note = derivation_note(entry)
    return bool(entry.msgstr) and note is not None and note.text == digest(entry.msgstr)


def review_state_of(state: State, derived: bool) -> ReviewState:
    """The review state of an active entry in `state`, derived or not."""
    if state is State.TRANSLATED:
        return ReviewState.DERIVED if derived else ReviewState.REVIEWED
    return ReviewState(state.value)


def review_counts(po: polib.POFile) -> dict[str, int]:
    """Derived, reviewed, fuzzy and untranslated active entries of a catalogue."""
    found = {state.value: 0 for state in REVIEW_STATES}
    for entry in po:
        state = entry_state(entry)
        if state is not State.OBSOLETE:
            found[review_state_of(state, is_derived(entry)).value] += 1
    return found


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
    forms: tuple[str, ...] = ()
    """Every plural form's translation, in order, for an entry with `msgid_plural`
    (`msgstr` is then the first one); empty for any other entry."""

    @property
    def state(self) -> State:
        return state_of(self.forms or (self.msgstr,), self.fuzzy)


def translations(messages: Iterable[Message]) -> dict[Key, str]:
    """The publishable translations of active messages, by key."""
    return {(m.context, m.msgid): m.msgstr for m in messages if is_publishable(m.state)}


def messages_of(po: polib.POFile) -> list[Message]:
    """The active entries of a polib catalogue, as `po.reader.read_messages` gives them."""
    return [message_of(e) for e in po if not e.obsolete]


def message_of(entry: polib.POEntry) -> Message:
    """One polib entry as a build reads it."""
    forms = strings_of(entry) if entry.msgid_plural else ()
    return Message(entry.msgctxt, entry.msgid, published_text(entry), has_fuzzy_flag(entry),
                   entry.linenum or 0, forms)  # an entry made in memory has no line


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
