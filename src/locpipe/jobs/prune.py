"""`locpipe prune`: remove what articles and locales that have gone left behind.

Templates and editions are made from the articles: they are removed. Catalogues
hold translators' work: they are removed only when asked, and only once their
translations are in the locale's archive (`catalogue.archive`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import polib

from locpipe.catalogue.archive import archived
from locpipe.config import Config
from locpipe.jobs.files import write_text_atomic
from locpipe.po.reader import read_catalogue
from locpipe.po.writer import write_po_text
from locpipe.project import Orphan, Project, relative

ARCHIVE = "archive.po"
"""The archive's name in `locales/<locale>/`, beside (not in) `LC_MESSAGES/`."""


@dataclass
class Pruned:
    """What `prune` did (or, on a dry run, would do), as paths relative to the project."""

    removed: list[str] = field(default_factory=list)
    archives: list[str] = field(default_factory=list)
    """Archives written."""
    kept: list[str] = field(default_factory=list)
    """Orphaned catalogues left in place (without `catalogues`)."""


def prune(config: Config, catalogues: bool = False, dry_run: bool = False) -> Pruned:
    """Remove orphaned templates and editions; with `catalogues`, archive and remove the
    orphaned catalogues too. With `dry_run`, only say what would go."""
    orphans = Project(config).orphans()
    gone = [*orphans.templates, *orphans.editions]
    done = Pruned()
    if catalogues:
        # Every catalogue is read before anything is removed: one that cannot be read
        # stops the run with its error line, and nothing is lost.
        pruned = [(o, read_catalogue(o.path, o.locale)) for o in orphans.catalogues]
        gone += [o.path for o in orphans.catalogues]
        done.archives = _archive(config, pruned, dry_run)
    else:
        done.kept = [relative(o.path, config.root) for o in orphans.catalogues]
    done.removed = [relative(path, config.root) for path in gone]
    if not dry_run:
        bases = (config.locales_path, config.output_path)
        for path in gone:
            path.unlink(missing_ok=True)
            _remove_empty_folders(path.parent, bases)
    return done


def _archive(config: Config, pruned: list[tuple[Orphan, polib.POFile]],
             dry_run: bool) -> list[str]:
    """Each locale's archive with its pruned catalogues' translations; the paths written."""
    by_locale: dict[str, list[tuple[Orphan, polib.POFile]]] = {}
    for orphan, po in pruned:
        by_locale.setdefault(orphan.locale, []).append((orphan, po))
    written = []
    for locale, items in sorted(by_locale.items()):
        path = config.locales_path / locale / ARCHIVE
        archive = read_catalogue(path, locale) if path.exists() else None
        for orphan, po in items:
            archive = archived(archive, po, locale, relative(orphan.path, config.root))
        if archive is None or not len(archive):
            continue  # nothing translated: nothing to keep
        if not dry_run:
            write_text_atomic(path, write_po_text(archive, config.wrap))
        written.append(relative(path, config.root))
    return written


def _remove_empty_folders(folder: Path, bases: tuple[Path, ...]) -> None:
    """Remove `folder` and its parents while they are empty, up to one of `bases`: a
    site generator reads an empty language folder as a language."""
    while folder not in bases and any(base in folder.parents for base in bases):
        try:
            os.rmdir(folder)
        except OSError:
            return  # not empty
        folder = folder.parent
