"""What `locpipe build` would refuse: the build's own policy, run by check.

A build splices each article's translations into the source and keeps the
source text for any translation that is unsafe or would break the document
(`markdown.splice.problem`, in context too). M009 runs that same assembly on
each catalogue and its article, so check reports every refusal with the
build's reason, path and line (`markdown.splice.fallback_line`). V004 and V005
read each article and catalogue as extract, update and build read them, and
report what stops them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from locpipe.checks.finding import Location
from locpipe.checks.model import Catalogue, Entry, Hit, Project, shown_path
from locpipe.checks.security import host_check
from locpipe.checks.validity import msgfmt_results
from locpipe.errors import LocpipeError
from locpipe.markdown.dialects import dialect_of
from locpipe.markdown.segment import Document, decode, segment_text
from locpipe.markdown.splice import Fallback, assemble
from locpipe.markdown.text import is_cjk_locale
from locpipe.po.reader import read_messages
from locpipe.po.state import Key, messages_of, translations
from locpipe.project import relative


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
    for path, catalogues in _by_article(project).items():
        document = _document(project, path)
        if not isinstance(document, Document):
            continue  # an article a build cannot read is V004's: the build stops on it
        for catalogue in catalogues:
            entries: dict[Key, Entry] = {(e.po.msgctxt, e.msgid): e for e in catalogue.active}
            for fallback in _fallbacks(project, catalogue, document):
                entry = entries.get((fallback.segment.context, fallback.segment.msgid))
                if entry is not None:
                    yield entry.location(), f"build keeps the source text: {fallback.reason}"
        del document  # not held while the next article is read


def _by_article(project: Project) -> dict[Path, list[Catalogue]]:
    """The catalogues by the article a build pairs each with (resolved): each article
    is read once for all its locales, and not kept after them."""
    found: dict[Path, list[Catalogue]] = {}
    for catalogue in project.catalogues:
        path = _article_path(project, catalogue)
        if path is not None:
            found.setdefault(path.resolve(), []).append(catalogue)
    return found


def _fallbacks(project: Project, catalogue: Catalogue, doc: Document) -> list[Fallback]:
    """What a build of the catalogue's article `doc` in its locale would refuse."""
    locale = catalogue.folder_locale
    if catalogue.po is None or locale not in project.config.locales:
        return []
    keys = {(s.context, s.msgid) for s in doc.segments}
    active = [m for m in messages_of(catalogue.po) if (m.context, m.msgid) in keys]
    return assemble(doc, translations(active), cjk=is_cjk_locale(locale),
                    hosts=host_check(project.settings.links)).fallbacks


def rejected_articles(project: Project) -> Iterator[Hit]:
    """`locpipe extract` and `locpipe build` refuse the article.

    Why: front matter that does not parse, or a value of the wrong type (a title
    that is a number, a date that is no date), stops extract and build with exit
    2: no catalogue is updated and no edition is built until it is fixed.
    Example: `date: 2026-13-45`, `title: 2024`, or a front matter never closed by `---`.
    Instead: fix the line named, as the message says; extract and build print the
    same words.
    """
    config = project.config
    paths = [source.path for source in project.sources]
    paths += [a for a in map(lambda c: _article_path(project, c), project.catalogues) if a]
    for path in dict.fromkeys(p.resolve() for p in paths):
        refusal = _refusal(project, path)
        if refusal is not None:
            where = Location(shown_path(path, config.root), refusal.line or 1, 1,
                             config.source_locale)
            hint = f" ({refusal.hint})" if refusal.hint else ""
            yield where, f"{refusal.message}{hint}"


def rejected_catalogues(project: Project) -> Iterator[Hit]:
    """`locpipe update` and `locpipe build` refuse the catalogue.

    Why: they read a catalogue as strictly as GNU `msgfmt --check` does, which V001's
    `msgfmt --check-format` does not: plural forms that do not match `Plural-Forms`,
    a charset other than UTF-8. A catalogue they refuse stops them with exit 2, and no
    edition of its article is built until it is fixed. What V001 reports is not
    reported again.
    Example: three `msgstr[N]` under `nplurals=1`, or a file saved as Latin-1.
    Instead: fix the line named, as the message says; update and build print the same
    words.
    """
    rejected = msgfmt_results(project)
    for catalogue in project.catalogues:
        if catalogue.po is None or rejected.get(catalogue.shown):
            continue  # V001 reports what msgfmt, or gettext's own reader, refuses
        try:
            read_messages(catalogue.path, catalogue.folder_locale)  # as the build reads it
        except LocpipeError as error:
            hint = f" ({error.hint})" if error.hint else ""
            yield catalogue.location(error.line or 1), f"{error.message}{hint}"


def _article_path(project: Project, catalogue: Catalogue) -> Path | None:
    config = project.config
    try:
        slug = catalogue.path.resolve().relative_to(
            (config.locales_path / str(catalogue.folder_locale) / "LC_MESSAGES").resolve())
    except ValueError:
        return None
    article = config.content_path / Path(slug).with_suffix(".md")
    return article if article.is_file() else None


def _refusal(project: Project, path: Path) -> LocpipeError | None:
    """Why extract and build refuse the article, None when they read it."""
    key = f"refusal:{path}"
    if key not in project.memo:
        _document(project, path)
    found: LocpipeError | None = project.memo[key]
    return found


def _document(project: Project, path: Path) -> Document | LocpipeError:
    """The article as extract and build read it, or why they refuse it. Only the
    refusal is kept (for V004): a document holds its text twice over (the text and
    its segments), and M009 needs it only while it assembles the article's locales."""
    config = project.config
    try:
        inside = path.relative_to(config.content_path.resolve())
    except ValueError:
        inside = Path(path.name)
    try:
        text = decode(path.read_bytes(), str(relative(path, config.root)))
        document: Document | LocpipeError = segment_text(
            text, relative(path, config.root), inside.with_suffix("").as_posix(),
            config.front_matter_keys, dialect_of(config))
    except LocpipeError as error:
        document = error
    project.memo[f"refusal:{path}"] = document if isinstance(document, LocpipeError) else None
    return document
