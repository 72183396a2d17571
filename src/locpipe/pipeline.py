"""The three jobs: extract templates, update catalogues, build editions."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from locpipe import catalogue
from locpipe.assemble import Fallback, assemble
from locpipe.config import Config
from locpipe.editions import (
    Edition,
    Manifest,
    content_hash,
    edition_metadata,
    with_metadata,
)
from locpipe.fsutil import write_text_atomic
from locpipe.glossary import glossary_hints, load_glossary
from locpipe.project import Project, lang_tag
from locpipe.segment import Document, read_document
from locpipe.text import is_cjk

Report = Callable[[str], None]


@dataclass
class Outcome:
    """What a job did, for the command line to report."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _read(project: Project, article: Path) -> Document:
    cfg = project.config
    return read_document(article, cfg.root, cfg.content_path, cfg.front_matter_keys)


def _record(outcome: Outcome, path: Path, written: bool) -> None:
    (outcome.written if written else outcome.unchanged).append(path)


def extract(config: Config) -> Outcome:
    """Write `locales/templates/<slug>.pot` for every article."""
    project = Project(config)
    glossary = load_glossary(config.glossary_path)

    def hints(text: str) -> list[str]:
        return glossary_hints(glossary, text, config.source_locale, config.locales)

    outcome = Outcome()
    for article in project.articles():
        doc = _read(project, article)
        pot = catalogue.template(doc, hints if len(glossary) else None)
        path = project.template_path(doc.slug)
        _record(outcome, path, catalogue.write_catalogue(pot, path, config.wrap))
    return outcome


def update(config: Config, locales: Sequence[str] = ()) -> Outcome:
    """Merge each template into `locales/<locale>/LC_MESSAGES/<slug>.po`."""
    project = Project(config)
    outcome = Outcome()
    templates = project.templates()
    if not templates:
        outcome.warnings.append("no templates found: run `locpipe extract` first")
    for locale in project.target_locales(locales):
        for slug, pot_path in templates:
            pot = catalogue.read_catalogue(pot_path)
            path = project.catalogue_path(locale, slug)
            old = catalogue.read_catalogue(path, locale) if path.exists() else None
            merged = catalogue.merge(pot, old, locale)
            _record(outcome, path, catalogue.write_catalogue(merged, path, config.wrap))
    return outcome


def build(config: Config, locales: Sequence[str] = ()) -> Outcome:
    """Write every edition and `manifest.json`; reads catalogues, never writes them."""
    project = Project(config)
    targets = project.target_locales(locales)
    outcome = Outcome()
    manifest = Manifest()
    for article in project.articles():
        doc = _read(project, article)
        editions = [_source_edition(doc, config)]
        editions += [_target_edition(project, doc, loc, outcome) for loc in targets]
        for edition in editions:
            _publish(project, doc, edition, outcome)
        manifest.articles[doc.slug] = editions
    data = manifest.to_json([config.source_locale, *targets], config.source_locale)
    path = config.output_path / "manifest.json"
    _write_if_changed(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", outcome)
    return outcome


def _source_edition(doc: Document, config: Config) -> Edition:
    total = len({(s.context, s.msgid) for s in doc.segments})
    lang = lang_tag(config.source_locale)
    edition = Edition(doc.slug, config.source_locale, lang, f"{lang}/{doc.slug}.md",
                      total, total)
    edition.text = assemble(doc, {}).text
    return edition


def _target_edition(project: Project, doc: Document, locale: str,
                    outcome: Outcome) -> Edition:
    lang = lang_tag(locale)
    path = project.catalogue_path(locale, doc.slug)
    po = catalogue.read_catalogue(path, locale) if path.exists() else polib.POFile()
    keys = {(s.context, s.msgid) for s in doc.segments}
    active = [e for e in po if not e.obsolete and (e.msgctxt, e.msgid) in keys]
    usable = {k: v for k, v in catalogue.translations(po).items() if k in keys}
    fuzzy = sum(1 for e in active if "fuzzy" in e.flags and e.msgstr)
    edition = Edition(doc.slug, locale, lang, f"{lang}/{doc.slug}.md", len(keys),
                      len(usable), fuzzy, len(keys) - len(usable) - fuzzy)
    result = assemble(doc, usable, cjk=_is_cjk_locale(locale))
    edition.text = result.text
    outcome.warnings.extend(_fallback_line(path, po, f) for f in result.fallbacks)
    edition.translated -= len(result.fallbacks)
    edition.untranslated += len(result.fallbacks)
    return edition


def _is_cjk_locale(locale: str) -> bool:
    return locale.split("_")[0] in {"zh", "ja", "yue", "wuu", "lzh"} or is_cjk(locale[:1])


def _fallback_line(path: Path, po: polib.POFile, fallback: Fallback) -> str:
    seg = fallback.segment
    entry = po.find(seg.msgid, msgctxt=seg.context) if seg.context else po.find(seg.msgid)
    line = entry.linenum if entry is not None else 0
    return (f"{_relative(path)}:{line}: warning: translation not used, the source text is kept: "
            f"{fallback.reason} (fix the msgstr)")


def _relative(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _publish(project: Project, doc: Document, edition: Edition, outcome: Outcome) -> None:
    threshold = project.config.completeness_threshold
    if edition.completeness < threshold:
        edition.published = False
        edition.reason = (f"completeness {edition.completeness:.0%} is below the "
                          f"threshold {threshold:.0%}")
        return
    source_meta = doc.front_matter.data if doc.front_matter else {}
    meta = edition_metadata(edition, project.config.source_locale, source_meta, edition.text)
    text = with_metadata(edition.text, meta, doc.path)
    edition.sha256 = content_hash(text)
    path = project.edition_path(edition.lang, doc.slug)
    _write_if_changed(path, text, outcome)


def _write_if_changed(path: Path, text: str, outcome: Outcome) -> None:
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        outcome.unchanged.append(path)
        return
    write_text_atomic(path, text)
    outcome.written.append(path)
