"""Assets: the files an article links to, and which file each edition gets.

An asset is a file under the content folder that an article reaches by a
relative link or image path (`img/chart.png`, `../files/data.csv`): each edition's
folder gets it at the same relative path, so the edition's links work as the
source's do. A locale may give its own version (a screenshot with Chinese labels)
at `locales/<locale>/assets/<the same path>`. Links to other articles, to pages of
the site (`/about/`), to other hosts, and paths that leave the content folder are
not assets. This module decides; `jobs.work` writes.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from locpipe.errors import LocpipeError
from locpipe.project import Project, may_reach_file, relative

if TYPE_CHECKING:  # editions, and so the cache, import this module: the parser stays unloaded
    from locpipe.markdown.links import Link


PAGE_SUFFIXES = frozenset({".md", ".mdx", ".html", ".htm"})
"""What the site generators' page links end with, when they have an extension."""


@dataclass(frozen=True, slots=True)
class Asset:
    """One file an edition links to."""

    path: str
    """Where the edition has it, relative to the output folder (`zh-Hans/img/a.png`)."""
    source: str
    """The file it is made from, relative to the project (`content/img/a.png`, or the
    locale's `locales/zh_Hans/assets/img/a.png`)."""


@dataclass(frozen=True)
class Found:
    """The assets of one article."""

    paths: tuple[str, ...]
    """Each asset's path relative to the content folder, sorted, once each."""
    inputs: tuple[str, ...]
    """Every file, relative to the project, whose bytes or absence decide the editions'
    assets (missing ones included), for the build cache."""
    warnings: tuple[str, ...]


def linked_path(slug: str, target: str) -> str | None:
    """The path under the content folder that a link of article `slug` reaches, or None
    when the link is not to a file there (another host, a site path, an anchor, a path
    that leaves the content folder)."""
    parts = urlsplit(target)
    if not may_reach_file(target) or parts.path.endswith("/"):
        return None  # another host, a site path, an anchor, or a folder: a page of the site
    written = unquote(parts.path)
    if "{{" in written:  # a template's value (`{{% param repo %}}/blob`), known when rendered
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(slug), written))
    if path == ".." or path.startswith("../") or path == ".":
        return None
    return path


def names_a_file(path: str) -> bool:
    """Whether a path is a file's by its name: it has an extension, and not a page's
    (generators link pages as `guide`, `guide/`, `guide.html` or `guide.md`)."""
    suffix = posixpath.splitext(path)[1].lower()
    return bool(suffix) and suffix not in PAGE_SUFFIXES


def find_assets(project: Project, slug: str, article: str, links: Iterable[Link],
                targets: Sequence[str]) -> Found:
    """The assets among `links` of the article `slug` (at `article`, relative to the
    project). A link to a missing file is a warning naming the article and line; one
    without a file's extension (`./setup`) may be a page of the site, and is not."""
    content = project.config.content_path
    paths: set[str] = set()
    inputs: set[str] = set()
    warnings: list[str] = []
    for link in links:
        path = linked_path(slug, link.target)
        if path is None or path.endswith(".md"):
            continue
        inputs.add(f"{project.config.content_dir}/{path}")
        inputs.update(relative(project.asset_override(loc, path), project.config.root)
                      for loc in targets)
        try:
            file = project.asset_source(path)
        except LocpipeError:
            warnings.append(f"{article}:{link.line}: warning: {link.target!r} leads outside "
                            f"the content folder: not copied (keep assets inside {content.name})")
            continue
        if file.is_dir():
            continue
        if not file.is_file():
            if not names_a_file(path):
                continue  # `./getting-started`, `guide.html`: a page of the site, not a file
            warnings.append(f"{article}:{link.line}: warning: {link.target!r} not found: the "
                            f"editions link to a file they do not have (add "
                            f"{relative(file, project.config.root)} or fix the link)")
            continue
        paths.add(path)
    return Found(tuple(sorted(paths)), tuple(sorted(inputs)), tuple(warnings))


def edition_assets(project: Project, lang: str, locale: str | None,
                   paths: Iterable[str]) -> tuple[Asset, ...]:
    """What each asset of an edition is made from: the locale's own version when it has
    one (`locale` None for the source edition), else the content folder's."""
    root = project.config.root
    chosen = []
    for path in paths:
        source = project.asset_source(path)
        if locale is not None:
            override = project.asset_override(locale, path)
            if override.is_file():
                source = override
        chosen.append(Asset(f"{lang}/{path}", relative(source, root)))
    return tuple(chosen)
