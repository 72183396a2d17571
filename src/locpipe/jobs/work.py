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
from itertools import chain
from pathlib import Path

import polib

from locpipe.catalogue.convert import Converter
from locpipe.catalogue.derive import derive
from locpipe.catalogue.memory import Memory
from locpipe.catalogue.merge import Recall, merge
from locpipe.catalogue.template import template
from locpipe.checks.security import host_check
from locpipe.checks.settings import link_settings
from locpipe.config import Config, Derivation
from locpipe.errors import LocpipeError
from locpipe.glossary.terms import Glossary, glossary_hints, load_glossary
from locpipe.jobs.cache import BuildEntry, ExtractEntry, assets_key
from locpipe.jobs.files import (
    copy_if_changed,
    link_if_changed,
    write_blocks_if_changed,
    write_bytes_atomic,
    write_chunks_if_changed,
)
from locpipe.jobs.outcome import Finished, Outcome, record
from locpipe.markdown.dialects import dialect_of
from locpipe.markdown.links import file_links
from locpipe.markdown.safety import HostCheck
from locpipe.markdown.segment import Document, read_document
from locpipe.markdown.splice import Assembly, assemble, fallback_line
from locpipe.markdown.text import is_cjk_locale
from locpipe.po.reader import msgstr_line, read_catalogue, read_messages, refuse_empty
from locpipe.po.state import Key, translations
from locpipe.po.writer import (
    same_but_dates,
    same_streams_but_dates,
    write_po_bytes,
    write_po_chunks,
)
from locpipe.project import Project, relative
from locpipe.site.assets import Asset, Found, edition_assets, find_assets
from locpipe.site.editions import (
    Edition,
    content_hash,
    edition_keys,
    edition_text,
    judged,
    source_edition,
    target_edition,
)
from locpipe.site.manifest import manifest_article


def read(config: Config, article: Path) -> Document:
    return read_document(article, config.root, config.content_path, config.front_matter_keys,
                         dialect_of(config))


_HOST_RULES: dict[str, HostCheck] = {}


def host_rule(config: Config) -> HostCheck:
    """The hosts a translation may add (`checks.links`), built once per process."""
    key = repr(config.checks.get("links"))
    if key not in _HOST_RULES:
        _HOST_RULES[key] = host_check(link_settings(config))
    return _HOST_RULES[key]


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
    outcome = Outcome()
    if _is_empty(doc):
        outcome.warnings.append(_empty_warning(doc, "nothing to translate"))
    del doc  # its text and parse: the template holds what is written
    write = is_stale if check_only else write_catalogue
    record(outcome, path, write(pot, path, config.wrap))
    return Finished(outcome, ExtractEntry(slug, key))


_MEMORIES: dict[str, Memory] = {}
"""The run's translation memory per locale, set once per process by `use_memories`."""


def use_memories(memories: dict[str, Memory]) -> None:
    """Keep the run's memories for the catalogues this process will update."""
    _MEMORIES.clear()
    _MEMORIES.update(memories)
@lru_cache(maxsize=4)
def converter(how: Derivation, target: str, folder: Path) -> Converter:
    """One converter per process and derived locale, like the glossary it uses."""
    return Converter(how, target, glossary(folder))


def update_one(config: Config, task: tuple[str, str, Path]) -> Outcome:
    """Merge one template into one locale's catalogue; a derived locale's catalogue
    is then converted from its source locale's (which `pipeline.update` wrote first)."""
    locale, slug, pot_path = task
    project = Project(config)
    path = project.catalogue_path(locale, slug)
    memory = _MEMORIES.get(locale)
    old = _read_old(path, locale, pot_path, memory)
    pot = read_catalogue(pot_path)
    if old is not None:
        refuse_empty(old, path, len(pot))
    recall = None if memory is None else Recall(memory, config.memory)
    merged = merge(pot, old, locale, recall)
    how = config.derive.get(locale)
    if how is not None:
        source_path = project.catalogue_path(how.source, slug)
        source = read_catalogue(source_path, how.source) if source_path.exists() else None
        derive(merged, old, source, converter(how, locale, config.glossary_path))
    outcome = Outcome()
    record(outcome, path, write_catalogue(merged, path, config.wrap))
    return outcome


def _read_old(path: Path, locale: str, pot_path: Path,
              memory: Memory | None) -> polib.POFile | None:
    """The catalogue to merge into, if there is one, its long texts shared with the
    memory, which read them too. Read before the template, so that the memory's texts
    and the template's are not all held while the catalogue is read; a broken template
    is still the first error said, as when it was read first."""
    if not path.exists():
        return None
    try:
        return read_catalogue(path, locale, None if memory is None else memory.shared)
    except LocpipeError:
        read_catalogue(pot_path)
        raise


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
    found = _assets(project, doc, targets)
    doc.parse = None  # its inline tokens hold the body's text once more (16 MB for 8 MB)
    outcome.warnings.extend(found.warnings)
    if _is_empty(doc):
        outcome.warnings.append(_empty_warning(doc, "not published"))
    keys = {(s.context, s.msgid) for s in doc.segments}
    assembled = [(source_edition(slug, config.source_locale, keys), assemble(doc, {}))]
    assembled += [_target(project, doc, keys, locale, outcome) for locale in targets]
    editions = tuple(_write(project, doc, edition, assembly, outcome, found.paths)
                     for edition, assembly in assembled)
    entry = BuildEntry(slug, key, editions, manifest_article(slug, editions),
                       tuple(outcome.warnings), found.inputs,
                       assets_key(config.root, found.inputs))
    return Finished(outcome, entry)


def _assets(project: Project, doc: Document, targets: Sequence[str]) -> Found:
    """The files the article links to, found with the dialect's parser."""
    if project.config.assets == "none":
        return Found((), (), ())
    return find_assets(project, doc.slug, doc.path, file_links(doc), targets)


def _target(project: Project, doc: Document, keys: set[Key], locale: str,
            outcome: Outcome) -> tuple[Edition, Assembly]:
    """A target edition's body and figures; each refused translation is a warning."""
    path = project.catalogue_path(locale, doc.slug)
    known = {msgid: msgid for _, msgid in keys}  # each text held once, not once more read
    messages = read_messages(path, locale, known) if path.exists() else []
    if not messages and keys and path.exists():  # no active entry: is there any at all?
        refuse_empty(read_catalogue(path, locale), path, len(keys))
    active = [m for m in messages if (m.context, m.msgid) in keys]
    assembly = assemble(doc, translations(active), cjk=is_cjk_locale(locale),
                        hosts=host_rule(project.config))
    rel = relative(path, project.config.root)
    if assembly.fallbacks:
        text = path.read_text(encoding="utf-8", errors="replace").splitlines()
        lines = {(m.context, m.msgid): msgstr_line(text, m.line) for m in active}
        outcome.warnings.extend(fallback_line(rel, lines, f) for f in assembly.fallbacks)
    refused = [(f.segment.context, f.segment.msgid) for f in assembly.fallbacks]
    return target_edition(doc.slug, locale, keys, active, refused), assembly


def _is_empty(doc: Document) -> bool:
    """An article with no text at all: a file cut short, not a page to publish."""
    return not doc.text or doc.text.isspace()  # `strip` would copy the text


def _empty_warning(doc: Document, what: str) -> str:
    return (f"{doc.path}: warning: empty article, {what} (write its text, or delete it "
            "and run `locpipe prune`)")


def _write(project: Project, doc: Document, edition: Edition, assembly: Assembly,
           outcome: Outcome, assets: Sequence[str] = ()) -> Edition:
    """Write the edition and its assets if the site publishes it; the edition with its
    hash and its assets."""
    edition = judged(edition, project.config.completeness_threshold, _is_empty(doc))
    path = project.edition_path(edition.lang, doc.slug)
    if not edition.published:
        # An edition left out must not linger from an earlier build: a site
        # generator reads the folder, not only the manifest.
        path.unlink(missing_ok=True)
        return edition
    config = project.config
    keys = edition_keys(dialect_of(config).name, config.edition_keys)
    text = edition_text(edition, config.source_locale, doc, assembly, keys)
    record(outcome, path, write_chunks_if_changed(path, text.chunks()))
    chosen = _write_assets(project, edition, assets, outcome)
    return replace(edition, sha256=content_hash(text), assets=chosen)


def _write_assets(project: Project, edition: Edition, assets: Sequence[str],
                  outcome: Outcome) -> tuple[Asset, ...]:
    """Copy (or link) each asset into the edition's folder, the locale's own version
    where it has one."""
    config = project.config
    locale = None if edition.locale == config.source_locale else edition.locale
    chosen = edition_assets(project, edition.lang, locale, assets)
    write = link_if_changed if config.assets == "link" else copy_if_changed
    for relative_path, asset in zip(assets, chosen, strict=True):
        target = project.asset_path(edition.lang, relative_path)
        record(outcome, target, write(config.root / asset.source, target))
    return chosen


SPILL = 1 << 20
"""Bytes of a catalogue held in memory: a larger one is streamed to its temporary file."""


def write_catalogue(po: polib.POFile, path: Path, width: int | None,
                    spill: int = SPILL) -> bool:
    """Write `po` unless only its dates would change; True if the file was written.

    A catalogue of up to `spill` bytes is compared in memory and written only if it
    changed. A larger one is written to its temporary file as it is made, compared
    with the old file a block at a time and renamed into place only if it changed:
    an 8 MB paragraph's catalogue is 26 MB of bytes, and the old file 16 MB more.
    `tests/test_jobs.py` writes catalogues both ways."""
    chunks = write_po_chunks(po, width)
    head = bytearray()
    for chunk in chunks:
        head += chunk
        if len(head) > spill:
            break
    else:
        if _holds(path, bytes(head)):
            return False
        write_bytes_atomic(path, bytes(head))
        return True
    first = bytes(head)
    del head[:]
    return write_blocks_if_changed(path, chain([first], chunks), _same_catalogues)


def _same_catalogues(first: Path, second: Path) -> bool:
    """Whether two catalogue files differ at most in their dates, read a block at a time."""
    with first.open("rb") as one, second.open("rb") as other:
        return same_streams_but_dates(one, other)


def is_stale(po: polib.POFile, path: Path, width: int | None) -> bool:
    """Whether writing `po` would change `path` (beyond its dates); writes nothing."""
    return not _holds(path, write_po_bytes(po, width))


def _holds(path: Path, data: bytes) -> bool:
    """Whether the catalogue at `path` is `data` but for its dates."""
    return path.exists() and same_but_dates(path.read_bytes(), data)
