"""Where a project's files live: articles, templates, catalogues, editions."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from locpipe.config import Config
from locpipe.errors import LocpipeError


@dataclass(frozen=True)
class Project:
    """The paths of one configured project."""

    config: Config

    def articles(self) -> list[Path]:
        """Every `*.md` under the content folder, sorted, none leading outside it."""
        folder = self.config.content_path
        if not folder.is_dir():
            raise LocpipeError("content folder not found", folder,
                               hint="create it or set `content_dir` in locpipe.yaml")
        files = sorted(p for p in folder.rglob("*.md") if p.is_file())
        for file in files:
            inside(folder, file.relative_to(folder).as_posix(), "article")
        return files

    def slug(self, article: Path) -> str:
        return article.relative_to(self.config.content_path).with_suffix("").as_posix()

    def article_slugs(self) -> Iterator[str]:
        """The slugs of `articles()`, sorted as strings (`a-b` before `a/b`, where paths
        sort `a/b` first), every file checked as `articles()` checks it before the
        first slug is given.

        The lean twin of `articles()`: strings from `os.scandir`, which, like `rglob`,
        does not enter linked folders. A Path takes about 500 bytes and `rglob`
        keeps a set of every one it yields; a sorted list of slugs takes about 80 bytes
        an article, which a job over 30,000 articles would hold through its whole pass:
        the slugs come from `_ordered`, which holds the names of one folder per level.
        """
        for _ in self._article_slugs():  # a file leading outside stops the run before any work
            pass
        folder = self.config.content_path
        return (slug_of(name) for name in _ordered(folder, ".md", files_only=True))

    def article_count(self) -> int:
        """How many articles there are, each checked as `article_slugs()` checks it."""
        return sum(1 for _ in self._article_slugs())

    def _article_slugs(self) -> Iterator[str]:
        """`article_slugs` in the order of the walk."""
        folder = self.config.content_path
        if not folder.is_dir():
            raise LocpipeError("content folder not found", folder,
                               hint="create it or set `content_dir` in locpipe.yaml")
        for top, folders, files in os.walk(folder):
            folders.sort()  # a deterministic walk: the same file is reported first
            base = os.path.relpath(top, folder).replace(os.sep, "/")
            for name in sorted(files):
                if name.endswith(".md") and os.path.isfile(os.path.join(top, name)):
                    relative = name if base == "." else f"{base}/{name}"
                    inside(folder, relative, "article")
                    yield slug_of(relative)

    def article_path(self, slug: str) -> Path:
        """The article whose slug is `slug` (one of `article_slugs()`)."""
        path = self.config.content_path / f"{slug}.md"
        if slug.rpartition("/")[2] == ".md" and not path.is_file():
            return self.config.content_path / slug  # a file named `.md` is its own slug
        return path

    def template_path(self, slug: str) -> Path:
        return inside(self.config.locales_path, f"templates/{slug}.pot", "template")

    def catalogue_path(self, locale: str, slug: str) -> Path:
        # Checked against the whole folder: a linked locale folder must not lead out either.
        return inside(self.config.locales_path, f"{locale}/LC_MESSAGES/{slug}.po", "catalogue")

    def edition_path(self, lang: str, slug: str) -> Path:
        return inside(self.config.output_path, f"{lang}/{slug}.md", "edition")

    def asset_source(self, path: str) -> Path:
        """A file an article links to, `path` relative to the content folder."""
        return inside(self.config.content_path, path, "asset")

    def asset_override(self, locale: str, path: str) -> Path:
        """The locale's own version of the asset at `path`."""
        return inside(self.config.locales_path, f"{locale}/assets/{path}", "asset")

    def asset_path(self, lang: str, path: str) -> Path:
        """Where an edition has the asset at `path`. Its folder is checked, not the file:
        with `assets: link` the file is a link out of the output folder on purpose."""
        folder, _, name = f"{lang}/{path}".rpartition("/")
        return inside(self.config.output_path, f"{folder}/.", "asset folder") / name

    def templates(self) -> list[tuple[str, Path]]:
        """(slug, path) of every template whose article exists, sorted: an orphaned
        template (see `orphans`) is no article's any more."""
        slugs = self._slugs()
        folder = self.config.locales_path / "templates"
        return [(slug_of(name), folder / name)
                for name in _files(folder, ".pot", lambda name: slug_of(name) in slugs)]

    def _slugs(self) -> set[str]:
        """The articles' slugs; none when there is no content folder. For `templates`,
        which lists every template anyway; orphans are found without a set (`orphans`)."""
        return set(self._article_slugs()) if self.config.content_path.is_dir() else set()

    def orphans(self) -> Orphans:
        """The templates, catalogues and editions whose article or locale no longer
        exists: what `locpipe prune` removes."""
        templates = self.config.locales_path / "templates"
        locales = [(locale, folder / "LC_MESSAGES", locale in self.config.locales)
                   for locale, folder in _subfolders(self.config.locales_path)
                   if locale != "templates"]
        tags = {lang_tag(locale) for locale in self.config.all_locales}
        langs = [(folder, lang in tags) for lang, folder in _subfolders(self.config.output_path)
                 if lang in tags or _is_lang_tag(lang)]
        # The folders of articles that exist, joined with the articles in one walk; those
        # of a locale or language no longer configured are orphaned whole.
        joined = [(templates, ".pot"), *((f, ".po") for _, f, known in locales if known),
                  *((f, ".md") for f, known in langs if known)]
        names = _unmatched(self._walked_slugs(), [_ordered(f, end) for f, end in joined])
        found = {folder: orphaned for (folder, _), orphaned in zip(joined, names, strict=True)}
        # A Path, and a name kept, only for an orphan: one for every file would be what
        # a run over 30,000 articles holds at its peak (about 10 MB).
        catalogues = [Orphan(folder / name, locale, slug_of(name), known)
                      for locale, folder, known in locales
                      for name in (found[folder] if known else _files(folder, ".po"))]
        editions = [folder / name for folder, known in langs
                    for name in (found[folder] if known else _files(folder, ".md"))]
        return Orphans([templates / name for name in found[templates]], catalogues, editions)

    def _walked_slugs(self) -> Iterator[str]:
        """The articles' slugs in order, each file checked as it comes (a run checked
        them all before its first document); none when there is no content folder."""
        folder = self.config.content_path
        if not folder.is_dir():
            return
        for name in _ordered(folder, ".md", files_only=True):
            inside(folder, name, "article")
            yield slug_of(name)

    def target_locales(self, chosen: Sequence[str] = ()) -> tuple[str, ...]:
        """The configured target locales, or the chosen ones if they are configured."""
        known = self.config.locales
        unknown = [c for c in chosen if c not in known]
        if unknown:
            raise LocpipeError(f"locale {unknown[0]!r} is not configured",
                               self.config.config_path,
                               hint="choose one of: " + ", ".join(known))
        return tuple(chosen) or known


@dataclass(frozen=True)
class Orphan:
    """A catalogue whose article or locale no longer exists."""

    path: Path
    locale: str
    """The locale its folder names."""
    slug: str
    """The article it was made for."""
    locale_known: bool
    """Whether the locale is still configured (then it is the article that went)."""


@dataclass(frozen=True)
class Orphans:
    """What a project holds for articles or locales that no longer exist."""

    templates: list[Path]
    catalogues: list[Orphan]
    editions: list[Path]

    def __bool__(self) -> bool:
        return bool(self.templates or self.catalogues or self.editions)

    def warnings(self, root: Path) -> list[str]:
        """One `path: warning: orphaned ...` line each, saying how to remove it."""
        prune = "run `locpipe prune` to remove it"
        lines = [f"{relative(p, root)}: warning: orphaned template: its article no longer "
                 f"exists ({prune})" for p in self.templates]
        lines += [f"{relative(o.path, root)}: warning: orphaned catalogue: "
                  + ("its article no longer exists" if o.locale_known else
                     f"locale {o.locale} is not configured")
                  + " (run `locpipe prune --catalogues` to archive its translations and "
                    "remove it)" for o in self.catalogues]
        lines += [f"{relative(p, root)}: warning: orphaned edition: its article or language "
                  f"no longer exists ({prune})" for p in self.editions]
        return lines


def _files(folder: Path, suffix: str,
           keep: Callable[[str], bool] | None = None) -> list[str]:
    """Paths relative to `folder` of its files ending in `suffix` (those `keep` keeps),
    sorted; strings from `os.walk`, which does not enter linked folders. Filtered
    before they are sorted: only the names kept are ever held together."""
    found: list[str] = []
    for top, folders, names in os.walk(folder):
        folders.sort()
        base = os.path.relpath(top, folder).replace(os.sep, "/")
        named = (name if base == "." else f"{base}/{name}"
                 for name in names if name.endswith(suffix))
        found += named if keep is None else filter(keep, named)
    return sorted(found)


def _ordered(folder: Path | str, suffix: str, files_only: bool = False,
             base: str = "") -> Iterator[str]:
    """Paths relative to `folder` of its files ending in `suffix`, as `_files` finds
    them (linked folders not entered), in the order of their slugs (`slug_of`) as
    strings, while holding only the names of one folder per level: `sorted(_files(...),
    key=slug_of)` for a tree of 30,000 articles would hold every name at once.

    A subfolder `d` sorts as `d/`, where every slug under it starts: as strings, its
    slugs come together, just where `d/` falls among the slugs beside it (no
    name holds a `/`). `files_only` keeps only what is a file once links are followed.
    """
    try:
        with os.scandir(folder) as entries:
            names = [name for entry in entries
                     if (name := _listed(entry, suffix, files_only)) is not None]
    except OSError:  # as `os.walk`: a folder that cannot be read holds nothing
        return
    names.sort(key=lambda name: name if name.endswith("/") else slug_of(name))
    for name in names:
        if name.endswith("/"):
            yield from _ordered(os.path.join(folder, name[:-1]), suffix, files_only,
                                base + name)
        else:
            yield base + name


def _listed(entry: os.DirEntry[str], suffix: str, files_only: bool) -> str | None:
    """The name `_ordered` sorts `entry` by (a folder's ends in `/`), None to skip it:
    classified as `os.walk` classifies it."""
    try:
        is_dir = entry.is_dir()
    except OSError:
        is_dir = False
    if is_dir:
        return None if entry.is_symlink() else entry.name + "/"
    if not entry.name.endswith(suffix):
        return None
    try:
        return entry.name if not files_only or entry.is_file() else None
    except OSError:
        return None


def _unmatched(slugs: Iterable[str], folders: Sequence[Iterator[str]]) -> list[list[str]]:
    """For each of `folders` (file names in slug order, as `_ordered` gives them), the
    names whose slug is not one of `slugs` (in order too), sorted: a merge join, which
    holds one name of each at a time, not a set of every article's slug."""
    heads = [next(names, None) for names in folders]
    found: list[list[str]] = [[] for _ in folders]
    for slug in slugs:
        for i, names in enumerate(folders):
            head = heads[i]
            while head is not None and (name_slug := slug_of(head)) <= slug:
                if name_slug != slug:
                    found[i].append(head)
                head = next(names, None)
            heads[i] = head
    for i, names in enumerate(folders):
        head = heads[i]
        if head is not None:  # past the last article: the rest are orphans
            found[i] += [head, *names]
    return [sorted(names) for names in found]


def _subfolders(folder: Path) -> list[tuple[str, Path]]:
    if not folder.is_dir():
        return []
    return sorted((entry.name, Path(entry.path)) for entry in os.scandir(folder)
                  if entry.is_dir(follow_symlinks=False))


def _is_lang_tag(name: str) -> bool:
    """Whether a folder of the output is named like an edition's language (`fr`, `zh-Hant`)."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name, sep="-")
    except (ValueError, UnknownLocaleError):
        return False
    return True


def slug_of(relative: str) -> str:
    """`Project.slug` of an article path relative to the content folder, by string:
    without its suffix, as `PurePath.with_suffix("")` reads one (`.md` has none)."""
    name = relative.rpartition("/")[2]
    dot = name.rfind(".")
    return relative[:len(relative) - len(name) + dot] if 0 < dot < len(name) - 1 else relative


def lang_tag(locale: str) -> str:
    """BCP 47 tag of a Babel identifier: `zh_Hans` -> `zh-Hans`."""
    return locale.replace("_", "-")


def relative(path: Path, root: Path) -> str:
    """`path` as error lines and reports show it: relative to `root` when inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def inside(base: Path, relative: str, what: str) -> Path:
    """`base / relative`, refused if it would leave `base` (`..`, absolute, symlinks)."""
    if relative.startswith("/") or ".." in relative.split("/"):
        raise _outside(what, relative, base)
    # Strings, not Paths: a run checks every article's paths, thousands of times.
    path = os.path.normpath(os.path.join(base, relative))  # as a Path would read it
    root = _resolved(os.fspath(base))
    if os.path.islink(path):
        real, folder_ok = str(Path(path).resolve()), False
    else:  # the file lies in its resolved folder, which may be the root itself
        real, folder_ok = _resolved(os.path.dirname(path)), True
    if not (real.startswith(root.rstrip(os.sep) + os.sep) or (folder_ok and real == root)):
        raise _outside(what, relative, base)
    return Path(path)


@lru_cache(maxsize=1024)
def _resolved(folder: str) -> str:
    """Folders are resolved once per run: resolving is the costly part of the check."""
    return str(Path(folder).resolve())


def _outside(what: str, relative: str, base: Path) -> LocpipeError:
    return LocpipeError(f"{what} {relative!r} leads outside {base}", base / relative,
                        hint="keep the file, and any symbolic link on its way, inside the folder")


def may_reach_file(target: str) -> bool:
    """Whether a link destination can name a file by a relative path: it has no scheme
    or host, and is not a site path (`/guide`) or an anchor alone."""
    parts = urlsplit(target)
    return not (parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"))
