"""Consistency: one source text, one translation; and a translation is not its source."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from locpipe.checks.markdown import CODE, OBJECT
from locpipe.checks.model import Entry, Hit, Project, per_entry

_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+|\bwww\.\S+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")
_PROSE_WORDS = 2


def inconsistent_translation(project: Project) -> Iterator[Hit]:
    """One source text is translated differently in two catalogues of one locale.

    Why: readers meet the same heading, caption or disclaimer across articles; two
    translations of it look like two different things, and one is usually older.
    Example: `msgid "Please note:"` is `请注意：` in one article and `注意：` in another.
    Instead: pick one translation and use it everywhere (the finding names the
    other catalogue and line).
    """
    groups: dict[tuple[str, str, str], list[Entry]] = defaultdict(list)
    for entry in project.entries():
        if entry.locale:
            groups[(entry.locale, entry.po.msgctxt or "", entry.msgid)].append(entry)
    for entries in groups.values():
        first = entries[0]
        for other in entries[1:]:
            if other.msgstr != first.msgstr and other.catalogue is not first.catalogue:
                yield other.location(), (
                    f"translated differently in {first.catalogue.shown}:{first.line}: "
                    f"{first.msgstr!r} there, {other.msgstr!r} here")


@per_entry
def same_as_source(entry: Entry, project: Project) -> Iterator[str]:
    """The translation is identical to a source text that is prose.

    Why: a copied `msgid` counts as translated, so completeness hides it, but the
    reader gets the source language.
    It is not reported when what remains of the source, without names,
    do-not-translate terms, numbers, URLs and code, is less than two words:
    `Qikan Yin`, `TCM`, `2026` or `` `locpipe build` `` may stay as they are.
    Example: `msgid "Ancient Wisdom Meets Modern Science"` with the same `msgstr`.
    Instead: translate it; if it must stay (a quotation), add
    `# locpipe-ignore: K002` to the entry.
    """
    if entry.msgstr != entry.msgid or entry.locale == project.config.source_locale:
        return
    if _prose_words(entry, project) >= _PROSE_WORDS:
        yield "translation is identical to the source text"


def _prose_words(entry: Entry, project: Project) -> int:
    text = entry.source_markup.plain.replace(CODE, " ").replace(OBJECT, " ")
    text = _URL.sub(" ", text)
    if project.glossary is not None:
        text = _mask_kept_terms(text, project)
    return len(_WORD.findall(text))


def _mask_kept_terms(text: str, project: Project) -> str:
    """Blank out names and do-not-translate terms: kept as they are, they are right."""
    glossary = project.glossary
    assert glossary is not None
    for match in reversed(glossary.matcher(project.config.source_locale).find(text)):
        term = glossary.get(match.term_id)
        if term is not None and term.kind in ("name", "do-not-translate"):
            text = text[: match.start] + " " + text[match.end:]
    return text
