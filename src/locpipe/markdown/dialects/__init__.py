"""The Markdown dialects: which extensions a site's Markdown has, and what they mean.

A dialect is a set of extensions (`config.DIALECTS` says which each `dialect:` has).
Each extension lives in the module of the site generator that brought it and gives
two things: how to teach the one grammar (`markdown.grammar`) its syntax, and how
to read its blocks, so that segmentation copies the structure (fences, markers,
labels' quotes) and extracts only what a reader sees (titles, labels, bodies).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markdown_it.token import Token

from locpipe.config import DEFAULT_DIALECT, DIALECTS, EXTENSIONS, Config, dialect_name
from locpipe.markdown.dialects import (
    attributes,
    containers,
    docusaurus,
    gfm,
    hugo,
    mdbook,
    mkdocs,
)
from locpipe.markdown.dialects.base import Extension, Opened, Text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

__all__ = ["COMMONMARK", "GFM", "Dialect", "Opened", "Text", "dialect_named", "dialect_of"]

_REGISTRY: dict[str, Extension] = {
    **gfm.EXTENSIONS, **attributes.EXTENSIONS, **containers.EXTENSIONS, **docusaurus.EXTENSIONS,
    **mkdocs.EXTENSIONS, **hugo.EXTENSIONS, **mdbook.EXTENSIONS,
}
assert set(_REGISTRY) == set(EXTENSIONS), "every extension of config.DIALECTS is known here"


@dataclass(frozen=True)
class Dialect:
    """The Markdown of one site: a name and the extensions it has."""

    name: str
    extensions: frozenset[str]

    def has(self, extension: str) -> bool:
        return extension in self.extensions

    def install(self, md: MarkdownIt) -> MarkdownIt:
        """Teach `md` this dialect's syntax, in the registry's fixed order."""
        for name, extension in _REGISTRY.items():
            if name in self.extensions and extension.install is not None:
                extension.install(md)
        return md

    def describe(self, token: Token, line: str) -> Opened | None:
        """What an opening or leaf token of this dialect is, read from its first line."""
        for name, extension in _REGISTRY.items():
            if name in self.extensions and extension.describe is not None:
                opened = extension.describe(token, line)
                if opened is not None:
                    return opened
        return None


def dialect_named(name: str = DEFAULT_DIALECT, changes: Mapping[str, bool] | None = None
                  ) -> Dialect:
    """The dialect `name`, with single extensions added (true) or removed (false)."""
    extensions = set(DIALECTS[name])
    for extension, on in (changes or {}).items():
        (extensions.add if on else extensions.discard)(extension)
    return Dialect(name, frozenset(extensions))


def dialect_of(config: Config) -> Dialect:
    """The dialect a project's articles are written in: `dialect:` in locpipe.yaml, else
    the one the site generator's files name (`config.detect_dialect`), else the default."""
    return dialect_named(dialect_name(config), config.extensions)


GFM = dialect_named("gfm")
COMMONMARK = dialect_named("commonmark")
