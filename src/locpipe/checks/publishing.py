"""What `locpipe build` would refuse to publish: the build's own policy, run by check.

A build splices each article's translations into the source and keeps the
source text for any translation that is unsafe or would break the document
(`markdown.splice.problem`, in context too). This rule runs that same
assembly on each catalogue and its article, so check reports every refusal
with the build's reason, path and line (`markdown.splice.fallback_line`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from locpipe.checks.model import Catalogue, Entry, Hit, Project
from locpipe.checks.security import host_check
from locpipe.errors import LocpipeError
from locpipe.markdown.segment import Document, read_document
from locpipe.markdown.splice import Fallback, assemble
from locpipe.markdown.text import is_cjk_locale
from locpipe.po.state import Key, messages_of, translations


def unpublishable(project: Project) -> Iterator[Hit]:
    """`locpipe build` would not publish the translation: it keeps the source text.

    Why: a translation that would change the article's block structure (a list
    marker, a blank line, an unescaped `|` in a table cell, a backtick that opens a
    code span never closed) or that is unsafe (S001-S003) is refused by the build,
    which keeps the source text with a warning; the reader sees English in the
    middle of the edition. This rule runs the build's own assembly, so check and
    build name the same entries for the same reason.
    Example: `| 穴位 | 效果 |` for the table cell `Point`, or `` `代码 `` for `` `code` ``.
    Instead: escape what Markdown would read (`\\|`, `\\#`), close code spans, keep
    the source's structure.
    """
    for catalogue in project.catalogues:
        entries: dict[Key, Entry] = {(e.po.msgctxt, e.msgid): e for e in catalogue.active}
        for fallback in _fallbacks(project, catalogue):
            entry = entries.get((fallback.segment.context, fallback.segment.msgid))
            if entry is not None:
                yield entry.location(), f"build keeps the source text: {fallback.reason}"


def _fallbacks(project: Project, catalogue: Catalogue) -> list[Fallback]:
    """What a build of the catalogue's article in its locale would refuse."""
    locale = catalogue.folder_locale
    doc = _article(project, catalogue)
    if catalogue.po is None or doc is None or locale not in project.config.locales:
        return []
    keys = {(s.context, s.msgid) for s in doc.segments}
    active = [m for m in messages_of(catalogue.po) if (m.context, m.msgid) in keys]
    return assemble(doc, translations(active), cjk=is_cjk_locale(locale),
                    hosts=host_check(project.settings.links)).fallbacks


def _article(project: Project, catalogue: Catalogue) -> Document | None:
    """The source article a build pairs with the catalogue, None when there is none."""
    config = project.config
    try:
        slug = catalogue.path.resolve().relative_to(
            (config.locales_path / str(catalogue.folder_locale) / "LC_MESSAGES").resolve())
    except ValueError:
        return None
    article = config.content_path / Path(slug).with_suffix(".md")
    if not article.is_file():
        return None
    try:
        return read_document(article, config.root, config.content_path,
                             config.front_matter_keys, catalogue.dialect)
    except LocpipeError:
        return None  # reported by the rules that read articles; a build stops on it
