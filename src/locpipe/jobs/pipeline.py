"""The three jobs: extract templates, update catalogues, build editions.

Documents are independent, so each job maps one function over them, in
worker processes when `jobs` > 1; results come back in document order, so
the output does not depend on the number of jobs. A content-hash cache lets
a job skip a document whose inputs have not changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from locpipe.config import Config
from locpipe.jobs.cache import Cache, file_key, settings_fingerprint
from locpipe.jobs.files import write_chunks_if_changed
from locpipe.jobs.outcome import Outcome, record
from locpipe.jobs.workers import Progress, run_map
from locpipe.project import Project, lang_tag
from locpipe.site.editions import Edition, manifest_chunks


def _merge(results: Iterable[Outcome]) -> Outcome:
    total = Outcome()
    for result in results:
        total.add(result)
    return total


def _glossary_files(config: Config) -> list[Path]:
    folder = config.glossary_path
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


# Module-level task functions (picklable); they import the heavy stages lazily.

def _extract_task(args: tuple[Config, str, bool, str]) -> Outcome:
    from locpipe.jobs import work
    return work.extract_one(*args)


def _update_task(args: tuple[Config, tuple[str, str, Path]]) -> Outcome:
    from locpipe.jobs import work
    return work.update_one(*args)


def _build_task(args: tuple[Config, Sequence[str], str, str]) -> Outcome:
    from locpipe.jobs import work
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
            record(done, path, False)
            cache.keep(slug)
        else:
            todo.append((config, fingerprint, check_only, str(article)))  # str: lighter than Path
    if progress:
        progress(len(done.unchanged))
    for result in run_map(_extract_task, todo, jobs, progress):
        done.keep(result, cache)
    if check_only:
        cache.close()
    else:
        cache.save()
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
    done, todo, hits = Outcome(), [], 0
    for article in project.articles():
        slug = project.slug(article)
        inputs = [article, *(project.catalogue_path(loc, slug) for loc in targets)]
        # Every edition path is checked before any write: none may lead out.
        paths = {lang: project.edition_path(lang, slug)
                 for lang in map(lang_tag, (config.source_locale, *targets))}
        key = file_key(fingerprint, inputs)
        hit = cached_build(paths, cache.hit(slug, key))
        if hit is None:
            todo.append((config, targets, key, str(article)))  # str: lighter than Path
        else:
            done.add(hit)
            cache.keep(slug)
            hits += 1
    if progress:
        progress(hits)
    for result in run_map(_build_task, todo, jobs, progress):
        done.keep(result, cache)
    _write_manifest(config, targets, cache, done)
    cache.save()
    return done


def _write_manifest(config: Config, targets: Sequence[str], cache: Cache,
                    outcome: Outcome) -> None:
    """`manifest.json` from the cache entries, streamed: never held whole in memory."""
    articles = (entry["manifest"] for _, entry in cache.entries())
    chunks = manifest_chunks([config.source_locale, *targets], config.source_locale, articles)
    path = config.output_path / "manifest.json"
    record(outcome, path, write_chunks_if_changed(path, chunks))


def cached_build(paths: dict[str, Path], entry: dict[str, Any] | None) -> Outcome | None:
    """The cached outcome, if every published edition is as it was left.

    `paths` are the article's edition paths by language tag.
    """
    if not entry:
        return None
    try:
        editions = [Edition(*fields) for fields in entry.get("editions", [])]
    except TypeError:  # written by another version of locpipe: rebuild
        return None
    if not isinstance(entry.get("manifest"), str):
        return None
    unchanged = []
    for edition in editions:
        path = paths.get(edition.lang)
        if path is None or (edition.published and not _has_hash(path, edition.sha256)):
            return None
        unchanged.append(str(path))
    warnings = list(entry.get("warnings", []))
    return Outcome(unchanged=unchanged, warnings=warnings)


def _has_hash(path: Path, sha256: str) -> bool:
    """Whether `path` holds the text hashed as `sha256` (`content_hash` of its UTF-8)."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return hashlib.sha256(data).hexdigest() == sha256


