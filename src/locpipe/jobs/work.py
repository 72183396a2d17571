"""The work each job does on one document, run in worker processes.

Wiring only: read the document and its catalogues, assemble, ask `site` for
the editions' figures and whether they are published, write the files. The
orchestration in `pipeline` imports this module only when a document needs
work, so a run that finds everything up to date stays light.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import polib

from locpipe.catalogue.merge import merge
from locpipe.catalogue.template import template
from locpipe.config import Config
from locpipe.glossary.terms import Glossary, glossary_hints, load_glossary
from locpipe.jobs.cache import BuildEntry, ExtractEntry
from locpipe.jobs.files import write_text_atomic
from locpipe.jobs.outcome import Finished, Outcome, record, write_if_changed
from locpipe.markdown.segment import Document, read_document
from locpipe.markdown.splice import Assembly, assemble, fallback_line
from locpipe.markdown.text import is_cjk_locale
from locpipe.po.reader import msgstr_line, read_catalogue, read_messages
from locpipe.po.state import Key, translations
from locpipe.po.writer import same_but_dates, write_po_text
from locpipe.project import Project, relative
from locpipe.site.editions import (
    Edition,
    content_hash,
    edition_text,
    judged,
    source_edition,
    target_edition,
)
from locpipe.site.manifest import manifest_article


def read(config: Config, article: Path) -> Document:
    return read_document(article, config.root, config.content_path, config.front_matter_keys)


@lru_cache(maxsize=4)
def glossary(folder: Path) -> Glossary:
    """One glossary per process: workers load it once, not once per document."""
    return load_glossary(folder)


def extract_one(config: Config, key: str, check_only: bool,
                file: str) -> Finished[ExtractEntry]:
    """Write (or, with `check_only`, compare) one article's template."""
    project = Project(config)
    article = Path(file)
    slug = project.slug(article)
    path = project.template_path(slug)
    doc = read(config, article)
    terms = glossary(config.glossary_path)

    def hints(text: str) -> list[str]:
        return glossary_hints(terms, text, config.source_locale, config.locales)

    pot = template(doc, hints if len(terms) else None)
    write = is_stale if check_only else write_catalogue
    outcome = Outcome()
    record(outcome, path, write(pot, path, config.wrap))
    return Finished(outcome, ExtractEntry(slug, key))


def update_one(config: Config, task: tuple[str, str, Path]) -> Outcome:
    locale, slug, pot_path = task
    path = Project(config).catalogue_path(locale, slug)
    pot = read_catalogue(pot_path)
    old = read_catalogue(path, locale) if path.exists() else None
    merged = merge(pot, old, locale)
    outcome = Outcome()
    record(outcome, path, write_catalogue(merged, path, config.wrap))
    return outcome


def build_one(config: Config, targets: Sequence[str], key: str,
              file: str) -> Finished[BuildEntry]:
    """Write one article's editions; their figures go back for the manifest and the cache.

    Every edition is assembled before the first is written: a catalogue that
    cannot be read leaves all of the article's editions as they were.
    """
    project = Project(config)
    article = Path(file)
    slug = project.slug(article)
    doc = read(config, article)
    outcome = Outcome()
    keys = {(s.context, s.msgid) for s in doc.segments}
    assembled = [(source_edition(slug, config.source_locale, keys), assemble(doc, {}))]
    assembled += [_target(project, doc, keys, locale, outcome) for locale in targets]
    editions = tuple(_write(project, doc, edition, assembly, outcome)
                     for edition, assembly in assembled)
    entry = BuildEntry(slug, key, editions, manifest_article(slug, editions),
                       tuple(outcome.warnings))
    return Finished(outcome, entry)


def _target(project: Project, doc: Document, keys: set[Key], locale: str,
            outcome: Outcome) -> tuple[Edition, Assembly]:
    """A target edition's body and figures; each refused translation is a warning."""
    path = project.catalogue_path(locale, doc.slug)
    messages = read_messages(path, locale) if path.exists() else []
    active = [m for m in messages if (m.context, m.msgid) in keys]
    assembly = assemble(doc, translations(active), cjk=is_cjk_locale(locale),
                        allowed_hosts=project.config.allowed_hosts)
    rel = relative(path, project.config.root)
    if assembly.fallbacks:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
        lines = {(m.context, m.msgid): msgstr_line(text, m.line) for m in active}
        outcome.warnings.extend(fallback_line(rel, lines, f) for f in assembly.fallbacks)
    refused = [(f.segment.context, f.segment.msgid) for f in assembly.fallbacks]
    return target_edition(doc.slug, locale, keys, active, refused), assembly


def _write(project: Project, doc: Document, edition: Edition, assembly: Assembly,
           outcome: Outcome) -> Edition:
    """Write the edition if the site publishes it; the edition with its hash."""
    edition = judged(edition, project.config.completeness_threshold)
    path = project.edition_path(edition.lang, doc.slug)
    if not edition.published:
        # An edition left out must not linger from an earlier build: a site
        # generator reads the folder, not only the manifest.
        path.unlink(missing_ok=True)
        return edition
    text = edition_text(edition, project.config.source_locale, doc, assembly)
    write_if_changed(path, text, outcome)
    return replace(edition, sha256=content_hash(text))


def write_catalogue(po: polib.POFile, path: Path, width: int | None) -> bool:
    """Write `po` unless only its dates would change; True if the file was written."""
    text = write_po_text(po, width)
    if _holds(path, text):
        return False
    write_text_atomic(path, text)
    return True


def is_stale(po: polib.POFile, path: Path, width: int | None) -> bool:
    """Whether writing `po` would change `path` (beyond its dates); writes nothing."""
    return not _holds(path, write_po_text(po, width))


def _holds(path: Path, text: str) -> bool:
    """Whether the catalogue at `path` is `text` but for its dates."""
    return path.exists() and same_but_dates(path.read_text(encoding="utf-8", errors="replace"),
                                            text)
