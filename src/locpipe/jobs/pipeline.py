"""The three jobs: extract templates, update catalogues, build editions.

Documents are independent, so each job maps one function over them, in
worker processes when `jobs` > 1; results come back in document order, so
the output does not depend on the number of jobs.

`extract` and `build` are one ordered pass over the documents, sorted by
slug: the content-hash cache of the last run is read alongside (a document
whose inputs have not changed is skipped, its result taken from the cache),
the documents that need work go to the workers in bounded windows, and as
each result comes back, in order, its cache entry is written to the new
cache file and its article to `manifest.json`, both streamed to temporary
files renamed into place at the end. What a run holds per document is the
path of each file it writes; the slugs come in order from a walk of the content
folder, and orphans are found by a walk in the same order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from locpipe.config import Config
from locpipe.errors import LocpipeError
from locpipe.jobs.allocator import give_back_large_blocks
from locpipe.jobs.cache import (
    BuildEntry,
    Cache,
    Cached,
    E,
    ExtractEntry,
    assets_as_left,
    file_key,
    settings_fingerprint,
)
from locpipe.jobs.files import remove_left_by, write_chunks_if_changed
from locpipe.jobs.outcome import Finished, Outcome, record
from locpipe.jobs.workers import Progress, Ready, Setup, run_map, run_ordered
from locpipe.project import Project, lang_tag, relative
from locpipe.site.manifest import manifest_chunks

if TYPE_CHECKING:  # a run with the memory off never reads one
    from locpipe.catalogue.memory import Memory

ExtractTask = tuple[Config, str, bool, str]
"""(config, key, check_only, article): strings, lighter than Paths, for thousands."""
BuildTask = tuple[Config, Sequence[str], str, str]
"""(config, target locales, key, article)."""


def _merge(results: Iterable[Outcome]) -> Outcome:
    total = Outcome()
    for result in results:
        total.add(result)
    return total


def _glossary_files(config: Config) -> list[Path]:
    folder = config.glossary_path
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def documents(project: Project) -> Iterator[tuple[str, str]]:
    """(slug, article path) of every article, sorted by slug: the order of the cache
    and of the manifest. The slugs come from a walk in that order, not from a list of
    every one (`Project.article_slugs`)."""
    previous = ""
    for slug in project.article_slugs():
        if slug == previous:  # `x/.md` and `x/.md.md`: one template for two articles
            raise LocpipeError(f"two articles have the slug {slug!r}",
                               project.article_path(slug), hint="rename one of them")
        previous = slug
        yield slug, str(project.article_path(slug))  # str: lighter than Path in a task


# Module-level task functions (picklable); they import the heavy stages lazily.
# Each has a twin naming the document its task is about, for a worker that dies.

def _article_of(task: ExtractTask | BuildTask) -> str:
    return relative(Path(task[3]), task[0].root)


def _catalogue_of(task: tuple[Config, tuple[str, str, Path]]) -> str:
    config, (locale, slug, _) = task
    return relative(Project(config).catalogue_path(locale, slug), config.root)


def _extract_task(args: ExtractTask) -> Finished[ExtractEntry]:
    from locpipe.jobs import work
    return work.extract_one(*args)


def _update_task(args: tuple[Config, tuple[str, str, Path]]) -> Outcome:
    from locpipe.jobs import work
    return work.update_one(*args)


def _use_memories(memories: dict[str, Memory]) -> None:
    from locpipe.jobs import work
    work.use_memories(memories)


def _build_task(args: BuildTask) -> Finished[BuildEntry]:
    from locpipe.jobs import work
    return work.build_one(*args)


def _cleaner(config: Config) -> partial[None]:
    """What removes a killed worker's temporary files: they lie beside what it wrote,
    under the locales and output folders."""
    return partial(remove_left_by, folders=(config.locales_path, config.output_path))


def _warm(config: Config, terms: bool) -> None:
    """What every extract or build task loads first, loaded before the workers fork
    (`run_ordered`'s `warm`): the work module with its parser and catalogue code,
    and for `extract` (`terms`) the project's glossary. Measured at 2,000 articles
    with a 1,000-term glossary: 0.55 s of CPU that each worker spent again."""
    from locpipe.jobs import work
    if terms:
        work.glossary(config.glossary_path)


def extract(config: Config, jobs: int = 1, check_only: bool = False,
            progress: Progress | None = None) -> Outcome:
    """Write `locales/templates/<slug>.pot` for every article.

    With `check_only`, nothing is written, the cache included: `written` lists
    the stale templates.
    """
    project = Project(config)
    done = Outcome()
    warm, lost = partial(_warm, config, True), _cleaner(config)
    if check_only:
        checks = ((config, "", True, file) for _, file in documents(project))
        for finished in run_ordered(_extract_task, checks, jobs, progress, _article_of,
                                    warm=warm, lost=lost):
            done.add(finished.outcome)
        return _with_orphans(done, project)
    fingerprint = settings_fingerprint(config, _glossary_files(config))
    with Cache(config.root, "extract", ExtractEntry) as cache:

        def plan(slug: str, file: str) -> ExtractTask | Ready[Finished[ExtractEntry]]:
            key = file_key(fingerprint, [Path(file)])
            path = project.template_path(slug)
            cached = cache.hit(slug, key)
            if cached is None or not path.exists():
                return (config, key, False, file)
            return Ready(Finished(Outcome(unchanged=1), cached.entry, cached.line))

        tasks = (plan(slug, file) for slug, file in documents(project))
        for finished in run_ordered(_extract_task, tasks, jobs, progress, _article_of,
                                    warm=warm, lost=lost):
            _keep(done, cache, finished)
    return _with_orphans(done, project)


def update(config: Config, locales: Sequence[str] = (), jobs: int = 1,
           progress: Progress | None = None) -> Outcome:
    """Merge each template into `locales/<locale>/LC_MESSAGES/<slug>.po`.

    Translated locales first, then the derived ones: a derived catalogue is converted
    from its source locale's catalogue as this run left it.
    """
    give_back_large_blocks()  # one long paragraph's strings, freed one after the other
    project = Project(config)
    templates = project.templates()
    chosen = project.target_locales(locales)
    translated = [c for c in chosen if c not in config.derive]
    # The memory's own orphan lines say what `prune` (below) reports for every orphan.
    memories, _ = _memories(config, translated if templates else ())
    looked_up = [locale for locale, memory in memories.items() if len(memory)]
    if jobs > 1 and looked_up and _has_new_text(project, templates, looked_up):
        for locale in looked_up:
            memories[locale].build_index()  # once, here: the worker processes share it
    outcome = Outcome()
    # Translated locales first: a derived catalogue is converted from its source's.
    for wave in (translated, [c for c in chosen if c in config.derive]):
        tasks = [(config, (locale, slug, pot)) for locale in wave for slug, pot in templates]
        outcome.add(_merge(run_map(_update_task, tasks, jobs, progress, _catalogue_of,
                                   Setup(_use_memories, (memories,)), _cleaner(config))))
    if not templates:
        outcome.warnings.append("no templates found: run `locpipe extract` first")
    return _with_orphans(outcome, project)


def _memories(config: Config, locales: Sequence[str]
              ) -> tuple[dict[str, Memory], list[str]]:
    """Each locale's translation memory, read before any catalogue is written, so that
    what `update` pre-fills does not depend on the order of the work; and the warnings
    for catalogues whose article is gone."""
    if not config.memory.enabled:
        return {}, []
    from locpipe.catalogue.memory import project_memory

    memories: dict[str, Memory] = {}
    warnings: list[str] = []
    for locale in locales:
        memories[locale], orphans = project_memory(config, locale)
        warnings += orphans
    return memories, warnings


def _has_new_text(project: Project, templates: Sequence[tuple[str, Path]],
                  locales: Sequence[str]) -> bool:
    """Whether some catalogue is missing or older than its template: then some text
    is likely to have no translation of its own, and to be looked up in the memory.
    Only a guess, about where the memory's index is built: never about what it says."""
    for slug, pot in templates:
        changed = _modified(pot)
        for locale in locales:
            written = _modified(project.catalogue_path(locale, slug))
            if written is None or changed is None or written < changed:
                return True
    return False


def _modified(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:  # gone, or never written: the work itself says what is wrong
        return None


def build(config: Config, locales: Sequence[str] = (), jobs: int = 1,
          progress: Progress | None = None) -> Outcome:
    """Write every edition and `manifest.json`; reads catalogues, never writes them."""
    project = Project(config)
    targets = project.target_locales(locales)
    fingerprint = settings_fingerprint(config) + ",".join(targets)
    done = Outcome()
    with Cache(config.root, "build", BuildEntry) as cache:

        def plan(slug: str, file: str) -> BuildTask | Ready[Finished[BuildEntry]]:
            inputs = [Path(file), *(project.catalogue_path(loc, slug) for loc in targets)]
            # The article's edition paths are checked before its work: none may lead out.
            paths = {lang: project.edition_path(lang, slug)
                     for lang in map(lang_tag, (config.source_locale, *targets))}
            key = file_key(fingerprint, inputs)
            hit = cached_build(paths, cache.hit(slug, key))
            if hit is not None and not assets_as_left(config.root, config.output_path,
                                                      hit.entry):
                hit = None
            return (config, targets, key, file) if hit is None else Ready(hit)

        tasks = (plan(slug, file) for slug, file in documents(project))
        finished = run_ordered(_build_task, tasks, jobs, progress, _article_of,
                               warm=partial(_warm, config, False), lost=_cleaner(config))
        _write_manifest(config, targets, _articles(done, cache, finished), done)
    return _with_orphans(done, project)


def _with_orphans(outcome: Outcome, project: Project) -> Outcome:
    """The outcome, warned of every file left by an article or a locale that has gone."""
    outcome.warnings += project.orphans().warnings(project.config.root)
    return outcome


def _keep(done: Outcome, cache: Cache[E], finished: Finished[E]) -> None:
    """One document's result: its outcome counted, its entry kept for the next run."""
    done.add(finished.outcome)
    cache.add(finished.entry, finished.line)


def _articles(done: Outcome, cache: Cache[BuildEntry],
              finished: Iterable[Finished[BuildEntry]]) -> Iterator[str]:
    """Each document's part of the manifest, as its result is kept."""
    for result in finished:
        _keep(done, cache, result)
        yield result.entry.manifest


def _write_manifest(config: Config, targets: Sequence[str], articles: Iterable[str],
                    outcome: Outcome) -> None:
    """`manifest.json`, streamed from the pass: never held whole in memory."""
    chunks = manifest_chunks([config.source_locale, *targets], config.source_locale, articles)
    path = config.output_path / "manifest.json"
    record(outcome, path, write_chunks_if_changed(path, chunks))


def cached_build(paths: dict[str, Path],
                 cached: Cached[BuildEntry] | None) -> Finished[BuildEntry] | None:
    """The cached result, if every published edition is as it was left.

    `paths` are the article's edition paths by language tag.
    """
    if cached is None:
        return None
    for edition in cached.entry.editions:
        path = paths.get(edition.lang)
        if path is None or (edition.published and not _has_hash(path, edition.sha256)):
            return None
    outcome = Outcome(unchanged=len(cached.entry.editions),
                      warnings=list(cached.entry.warnings))
    return Finished(outcome, cached.entry, cached.line)


def _has_hash(path: Path, sha256: str) -> bool:
    """Whether `path` holds the text hashed as `sha256` (`content_hash` of its UTF-8)."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return hashlib.sha256(data).hexdigest() == sha256
