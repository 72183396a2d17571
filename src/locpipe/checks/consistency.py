"""Consistency: one source text, one translation; and a translation is not its source."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from locpipe.checks.model import Entry, Hit, Project, per_entry
from locpipe.checks.untranslatable import prose_words

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
    do-not-translate terms, numbers, URLs, code, identifiers, acronyms and an
    acronym's expansion beside it, is less than two words: `Qikan Yin`, `TCM`,
    `2026`, `defineExpose()`, `App.vue`, `HMR (Hot Module Replacement)` or
    `` `locpipe build` `` may stay as they are.
    Example: `msgid "Ancient Wisdom Meets Modern Science"` with the same `msgstr`.
    Instead: translate it; if it must stay (a quotation), add
    `# locpipe-ignore: K002` to the entry.
    """
    if entry.msgstr != entry.msgid or entry.locale == project.config.source_locale:
        return
    if prose_words(entry, project) >= _PROSE_WORDS:
        yield "translation is identical to the source text"
