"""The work each job does on one document, run in worker processes.

The orchestration in `pipeline` imports this module only when a document
needs work, so a run that finds everything up to date stays light.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple
from functools import lru_cache
from pathlib import Path

import polib

from locpipe.catalogue.merge import merge
from locpipe.catalogue.template import template
from locpipe.config import Config
from locpipe.glossary.terms import Glossary, glossary_hints, load_glossary
from locpipe.jobs.cache import file_key
from locpipe.jobs.files import write_text_atomic
from locpipe.jobs.outcome import Outcome, record, write_if_changed
from locpipe.markdown.segment import Document, read_document
from locpipe.markdown.splice import Fallback, assemble
from locpipe.markdown.text import is_cjk
from locpipe.po.reader import read_catalogue, read_messages
from locpipe.po.state import translations
from locpipe.po.writer import same_but_dates, write_po_text
from locpipe.project import Project, lang_tag, relative
from locpipe.site.editions import (
    Edition,
    content_hash,
    edition_metadata,
    manifest_article,
    with_metadata,
)


def read(config: Config, article: Path) -> Document:
    return read_document(article, config.root, config.content_path, config.front_matter_keys)


@lru_cache(maxsize=4)
def glossary(folder: Path) -> Glossary:
    """One glossary per process: workers load it once, not once per document."""
    return load_glossary(folder)


def extract_one(config: Config, fingerprint: str, check_only: bool,
                file: str) -> Outcome:
    """Write (or, with `check_only`, compare) one article's template."""
    project = Project(config)
    article = Path(file)
    slug = project.slug(article)
    path = project.template_path(slug)
    outcome = Outcome(cache={slug: {"key": file_key(fingerprint, [article])}})
    doc = read(config, article)
    terms = glossary(config.glossary_path)

    def hints(text: str) -> list[str]:
        return glossary_hints(terms, text, config.source_locale, config.locales)

    pot = template(doc, hints if len(terms) else None)
    write = is_stale if check_only else write_catalogue
    record(outcome, path, write(pot, path, config.wrap))
    return outcome


def update_one(config: Config, task: tuple[str, str, Path]) -> Outcome:
    locale, slug, pot_path = task
    path = Project(config).catalogue_path(locale, slug)
    pot = read_catalogue(pot_path)
    old = read_catalogue(path, locale) if path.exists() else None
    merged = merge(pot, old, locale)
    outcome = Outcome()
    record(outcome, path, write_catalogue(merged, path, config.wrap))
    return outcome


def build_one(config: Config, targets: Sequence[str], key: str, file: str) -> Outcome:
    """Write one article's editions; the figures go back for the manifest."""
    project = Project(config)
    article = Path(file)
    slug = project.slug(article)
    doc = read(config, article)
    outcome = Outcome()
    assembled = [_source_edition(doc, config)]
    assembled += [_target_edition(project, doc, loc, outcome) for loc in targets]
    editions = [edition for edition, _ in assembled]
    for edition, texts in assembled:
        _publish(project, doc, edition, texts, outcome)
        edition.text = ""  # the manifest needs the figures, not the text
    # The entry is also what the manifest is made from.
    outcome.cache = {slug: {"key": key, "editions": [astuple(e) for e in editions],
                            "manifest": manifest_article(slug, editions),
                            "warnings": outcome.warnings}}
    return outcome


def _source_edition(doc: Document, config: Config) -> tuple[Edition, list[str]]:
    total = len({(s.context, s.msgid) for s in doc.segments})
    lang = lang_tag(config.source_locale)
    edition = Edition(doc.slug, config.source_locale, lang, f"{lang}/{doc.slug}.md",
                      total, total)
    result = assemble(doc, {})
    edition.text = result.text
    return edition, result.texts


def _target_edition(project: Project, doc: Document, locale: str,
                    outcome: Outcome) -> tuple[Edition, list[str]]:
    lang = lang_tag(locale)
    path = project.catalogue_path(locale, doc.slug)
    messages = read_messages(path, locale) if path.exists() else []
    keys = {(s.context, s.msgid) for s in doc.segments}
    active = [m for m in messages if (m.context, m.msgid) in keys]
    usable = translations(active)
    fuzzy = sum(1 for m in active if m.fuzzy and m.msgstr)
    edition = Edition(doc.slug, locale, lang, f"{lang}/{doc.slug}.md", len(keys),
                      len(usable), fuzzy, len(keys) - len(usable) - fuzzy)
    result = assemble(doc, usable, cjk=_is_cjk_locale(locale))
    edition.text = result.text
    rel = relative(path, project.config.root)
    lines = {(m.context, m.msgid): m.line for m in active}
    outcome.warnings.extend(_fallback_line(rel, lines, f) for f in result.fallbacks)
    # Figures count entries, fallbacks count places: a refused text used twice is one entry.
    refused = len({(f.segment.context, f.segment.msgid) for f in result.fallbacks})
    edition.translated -= refused
    edition.untranslated += refused
    return edition, result.texts


def _is_cjk_locale(locale: str) -> bool:
    return locale.split("_")[0] in {"zh", "ja", "yue", "wuu", "lzh"} or is_cjk(locale[:1])


def _fallback_line(path: str, lines: dict[tuple[str | None, str], int],
                   fallback: Fallback) -> str:
    seg = fallback.segment
    line = lines.get((seg.context, seg.msgid), 0)
    return (f"{path}:{line}: warning: translation not used, the source text is kept: "
            f"{fallback.reason} (fix the msgstr)")


def _publish(project: Project, doc: Document, edition: Edition, texts: list[str],
             outcome: Outcome) -> None:
    threshold = project.config.completeness_threshold
    if edition.completeness < threshold:
        edition.published = False
        edition.reason = (f"completeness {edition.completeness:.0%} is below the "
                          f"threshold {threshold:.0%}")
        # An edition left out must not linger from an earlier build: a site
        # generator reads the folder, not only the manifest.
        project.edition_path(edition.lang, doc.slug).unlink(missing_ok=True)
        return
    source_meta = doc.front_matter.data if doc.front_matter else {}
    meta = edition_metadata(edition, project.config.source_locale, source_meta, texts)
    text = with_metadata(edition.text, meta, doc.path)
    edition.sha256 = content_hash(text)
    path = project.edition_path(edition.lang, doc.slug)
    write_if_changed(path, text, outcome)


def write_catalogue(po: polib.POFile, path: Path, width: int | None) -> bool:
    """Write `po` unless only its dates would change; True if the file was written."""
    text = write_po_text(po, width)
    if path.exists() and same_but_dates(path.read_text(encoding="utf-8", errors="replace"), text):
        return False
    write_text_atomic(path, text)
    return True


def is_stale(po: polib.POFile, path: Path, width: int | None) -> bool:
    """Whether writing `po` would change `path` (beyond its dates); writes nothing."""
    if not path.exists():
        return True
    current = path.read_text(encoding="utf-8", errors="replace")
    return not same_but_dates(current, write_po_text(po, width))
