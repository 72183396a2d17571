"""The three jobs: extract templates, update catalogues, build editions.

Documents are independent, so each job maps one function over them, in
worker processes when `jobs` > 1; results come back in document order, so
the output does not depend on the number of jobs. A content-hash cache lets
a job skip a document whose inputs have not changed.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from locpipe.cache import Cache, file_key, settings_fingerprint
from locpipe.config import Config
from locpipe.editions import Edition, Manifest, content_hash
from locpipe.fsutil import write_chunks_if_changed, write_text_atomic
from locpipe.project import Project, lang_tag

Progress = Callable[[int], None]
T = TypeVar("T")
R = TypeVar("R")


@dataclass
class Outcome:
    """What a job did, for the command line to report."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)
    """Cache entries of the documents this outcome covers."""
    editions: list[Edition] = field(default_factory=list)

    def add(self, other: Outcome) -> None:
        self.written += other.written
        self.unchanged += other.unchanged
        self.warnings += other.warnings
        self.cache.update(other.cache)
        self.editions += other.editions


def default_jobs() -> int:
    return os.cpu_count() or 1


def run_map(func: Callable[[T], R], items: Sequence[T], jobs: int,
            progress: Progress | None = None) -> list[R]:
    """`func` over `items` in order, on `jobs` processes."""
    if jobs <= 1 or len(items) <= 1:
        results = []
        for item in items:
            results.append(func(item))
            if progress:
                progress(1)
        return results
    chunk = max(1, len(items) // (jobs * 8))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = []
        for result in pool.map(func, items, chunksize=chunk):
            results.append(result)
            if progress:
                progress(1)
        return results


def _merge(results: Iterable[Outcome]) -> Outcome:
    total = Outcome()
    for result in results:
        total.add(result)
    return total


def _glossary_files(config: Config) -> list[Path]:
    folder = config.glossary_path
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def record(outcome: Outcome, path: Path, written: bool) -> None:
    (outcome.written if written else outcome.unchanged).append(path)


def relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


# Module-level task functions (picklable); they import the heavy stages lazily.

def _extract_task(args: tuple[Config, str, bool, Path]) -> Outcome:
    from locpipe import work
    return work.extract_one(*args)


def _update_task(args: tuple[Config, tuple[str, str, Path]]) -> Outcome:
    from locpipe import work
    return work.update_one(*args)


def _build_task(args: tuple[Config, Sequence[str], str, Path]) -> Outcome:
    from locpipe import work
    return work.build_one(*args)


def extract(config: Config, jobs: int = 1, check_only: bool = False,
            progress: Progress | None = None) -> Outcome:
    """Write `locales/templates/<slug>.pot` for every article.

    With `check_only`, nothing is written: `written` lists the stale templates.
    """
    project = Project(config)
    fingerprint = settings_fingerprint(config, _glossary_files(config))
    cache = Cache(config.root, "extract")
    done, todo = Outcome(), []
    for article in project.articles():
        slug = project.slug(article)
        key = file_key(fingerprint, [article])
        path = project.template_path(slug)
        if not check_only and cache.hit(slug, key) and path.exists():
            done.unchanged.append(path)
            done.cache[slug] = {"key": key}
        else:
            todo.append((config, fingerprint, check_only, article))
    if progress:
        progress(len(done.unchanged))
    done.add(_merge(run_map(_extract_task, todo, jobs, progress)))
    if not check_only:
        cache.save(done.cache)
    return done


def update(config: Config, locales: Sequence[str] = (), jobs: int = 1,
           progress: Progress | None = None) -> Outcome:
    """Merge each template into `locales/<locale>/LC_MESSAGES/<slug>.po`."""
    project = Project(config)
    templates = project.templates()
    tasks = [(config, (locale, slug, pot)) for locale in project.target_locales(locales)
             for slug, pot in templates]
    outcome = _merge(run_map(_update_task, tasks, jobs, progress))
    if not templates:
        outcome.warnings.append("no templates found: run `locpipe extract` first")
    return outcome


def build(config: Config, locales: Sequence[str] = (), jobs: int = 1,
          progress: Progress | None = None) -> Outcome:
    """Write every edition and `manifest.json`; reads catalogues, never writes them."""
    project = Project(config)
    targets = project.target_locales(locales)
    fingerprint = settings_fingerprint(config) + ",".join(targets)
    cache = Cache(config.root, "build")
    done, todo = Outcome(), []
    for article in project.articles():
        slug = project.slug(article)
        inputs = [article, *(project.catalogue_path(loc, slug) for loc in targets)]
        for locale in (config.source_locale, *targets):  # refuse a path out before any write
            project.edition_path(lang_tag(locale), slug)
        key = file_key(fingerprint, inputs)
        hit = cached_build(project, cache.hit(slug, key))
        if hit is None:
            todo.append((config, targets, key, article))
        else:
            done.add(hit)
    if progress:
        progress(len(done.editions) // (len(targets) + 1))
    done.add(_merge(run_map(_build_task, todo, jobs, progress)))
    done.editions.sort(key=lambda e: e.slug)
    _write_manifest(config, targets, done)
    cache.save(done.cache)
    return done


def _write_manifest(config: Config, targets: Sequence[str], outcome: Outcome) -> None:
    manifest = Manifest()
    for edition in outcome.editions:
        manifest.articles.setdefault(edition.slug, []).append(edition)
    data = manifest.to_json([config.source_locale, *targets], config.source_locale)
    path = config.output_path / "manifest.json"
    # Streamed: json.dumps with indent would hold every piece of the text in a list.
    chunks = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data)
    written = write_chunks_if_changed(path, itertools.chain(chunks, ["\n"]))
    record(outcome, path, written)


def cached_build(project: Project, entry: dict[str, Any] | None) -> Outcome | None:
    """The cached outcome, if every published edition is as it was left."""
    if not entry:
        return None
    try:
        editions = [Edition(*fields) for fields in entry.get("editions", [])]
    except TypeError:  # written by another version of locpipe: rebuild
        return None
    paths = []
    for edition in editions:
        path = project.edition_path(edition.lang, edition.slug)
        if edition.published and not _has_hash(path, edition.sha256):
            return None
        paths.append(path)
    warnings = list(entry.get("warnings", []))
    return Outcome(unchanged=paths, warnings=warnings, editions=editions,
                   cache={editions[0].slug: entry} if editions else {})


def _has_hash(path: Path, sha256: str) -> bool:
    return path.exists() and content_hash(path.read_text(encoding="utf-8")) == sha256


def write_if_changed(path: Path, text: str, outcome: Outcome) -> None:
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        outcome.unchanged.append(path)
        return
    write_text_atomic(path, text)
    outcome.written.append(path)
