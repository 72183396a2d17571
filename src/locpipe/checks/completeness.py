"""Completeness: what a build would leave in the source language."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from locpipe.checks.finding import Location
from locpipe.checks.model import Catalogue, Entry, Hit, Project, shown_path
from locpipe.checks.untranslatable import untranslatable
from locpipe.po.state import State


def _each(project: Project) -> Iterator[Entry]:
    for catalogue in project.catalogues:
        yield from catalogue.entries


def untranslated(project: Project) -> Iterator[Hit]:
    """An active entry has an empty `msgstr`.

    Why: the edition shows the source text in its place, in the wrong language. An
    entry that is only code, identifiers, numbers, URLs, names or do-not-translate
    terms (`defineExpose()`, `Qikan Yin`, `2026`) is shown right as it is: not reported.
    Example: `msgid "Ancient Wisdom"` / `msgstr ""`.
    Instead: translate it, or leave the finding as a reminder while the work goes on.
    """
    for entry in _each(project):
        if entry.state is State.UNTRANSLATED and not untranslatable(entry, project):
            yield entry.location(), "entry is not translated"


def fuzzy(project: Project) -> Iterator[Hit]:
    """An active entry is marked `#, fuzzy`.

    Why: a fuzzy translation was pre-filled for a changed source text, or a translator
    doubted it; the build shows the source text instead.
    Example: `#, fuzzy` above `msgid "How Does Acupuncture Work?"`.
    Instead: review the translation against the new `msgid` (the old one is in `#| msgid`)
    and remove the `fuzzy` flag.
    """
    for entry in _each(project):
        if entry.state is State.FUZZY:
            yield entry.location(), "translation is fuzzy: review it and remove the flag"


def obsolete(project: Project) -> Iterator[Hit]:
    """A catalogue keeps obsolete `#~` entries.

    Why: their source text is gone; they are kept so no translation is lost, but they
    are dead weight once nothing will reuse them.
    Example: `#~ msgid "Old heading"` / `#~ msgstr "旧标题"`.
    Instead: reuse the translation where the text moved, then delete the `#~` lines.
    """
    for entry in _each(project):
        if entry.state is State.OBSOLETE:
            yield entry.location(), "obsolete entry: reuse its translation or delete it"


def locale_incomplete(project: Project) -> Iterator[Hit]:
    """A locale's catalogues are translated less than `completeness_threshold`.

    Why: the site build leaves out editions below the threshold.
    Example: 120 of 200 entries translated (60%) with `completeness_threshold: 0.9`.
    Instead: translate the rest, or lower the threshold in `locpipe.yaml`.
    """
    threshold = project.settings.completeness_threshold
    for locale, catalogues in _by_locale(project).items():
        done, total = _counts(catalogues)
        if total and done / total < threshold:
            folder = _locale_folder(catalogues[0], project.config.root)
            yield Location(folder, 1, 1, locale), (
                f"locale {locale} is {done / total:.0%} translated ({done} of {total} entries),"
                f" below the threshold of {threshold:.0%}")


def _by_locale(project: Project) -> dict[str, list[Catalogue]]:
    groups: dict[str, list[Catalogue]] = defaultdict(list)
    for catalogue in project.catalogues:
        if catalogue.locale and catalogue.po is not None:
            groups[catalogue.locale].append(catalogue)
    return dict(groups)


def _counts(catalogues: list[Catalogue]) -> tuple[int, int]:
    entries = [e for c in catalogues for e in c.active]
    return sum(e.translated for e in entries), len(entries)


def _locale_folder(catalogue: Catalogue, root: Path) -> str:
    if catalogue.folder_locale:
        return shown_path(catalogue.path.parent.parent, root)
    return shown_path(Path(catalogue.path).parent, root)
