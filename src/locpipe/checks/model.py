"""What the rules read: catalogues, their entries and source files, with positions."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polib

from locpipe.checks import markdown
from locpipe.checks.finding import Location
from locpipe.checks.markdown import Markup, References
from locpipe.checks.settings import CheckSettings
from locpipe.config import Config
from locpipe.markdown.dialects import GFM, Dialect
from locpipe.markdown.safety import Facts, facts
from locpipe.markdown.segment import decode
from locpipe.po.reader import ReadResult, read_for_check
from locpipe.po.state import State, entry_state, is_publishable, published_text
from locpipe.project import relative

if TYPE_CHECKING:
    from locpipe.glossary.terms import Glossary

_IGNORE = re.compile(r"locpipe-ignore:\s*(.+)")
_KINDS = (markdown.HEADING, markdown.PARAGRAPH, markdown.TABLE_CELL, markdown.FRONT_MATTER)
# Other `#.` kinds read as one of those: a header cell is parsed like any other cell.
_ALIASES = {"table header": markdown.TABLE_CELL}
# The dialects' texts inside a line of structure (`tip container title`, `tab label`,
# `figure shortcode caption`): one line of inline text, checked as a heading's is.
_IN_A_LINE = re.compile(r" (?:title|label|caption|alt|header)$|^abbreviation$")


def shown_path(path: Path, root: Path) -> str:
    """`path` as every command shows it: relative to the project folder `root` when
    inside it, in `/` form, whatever the working folder (`build` names files so)."""
    return relative(path.resolve(), root.resolve())


@dataclass
class SourceFile:
    """A Markdown article in the source language."""

    path: Path
    """Where it is on disk."""
    shown: str
    """The path as findings show it."""

    @property
    def text(self) -> str:
        """Its whole text, read when a rule asks for it: not held through the run, in
        which only the glossary's rules read it (the runner has decoded it once, so
        it decodes)."""
        return decode(self.path.read_bytes(), str(self.path))


@dataclass
class Entry:
    """One entry of a catalogue (the header excluded), and where to point at it."""

    po: polib.POEntry
    """The entry as polib read it."""
    catalogue: Catalogue = field(repr=False)
    """The catalogue it belongs to."""
    line: int
    """1-based line of its `msgstr` keyword in the `.po` file."""
    references: References = field(default_factory=dict, repr=False)
    """Link reference definitions of the source article, for `[text][label]` links."""

    @property
    def msgid(self) -> str:
        return str(self.po.msgid)

    @property
    def msgstr(self) -> str:
        """The translation as a build publishes it (a plural entry's first form)."""
        return published_text(self.po)

    @property
    def locale(self) -> str | None:
        return self.catalogue.locale

    @property
    def obsolete(self) -> bool:
        return bool(self.po.obsolete)

    @cached_property
    def state(self) -> State:
        """Translated, fuzzy, untranslated or obsolete, as `po.state` defines them."""
        return entry_state(self.po)

    @property
    def translated(self) -> bool:
        """Whether a build publishes the entry: what the rules judge."""
        return is_publishable(self.state)

    @cached_property
    def kind(self) -> str:
        """The block kind named by the `#.` comment, paragraph when none is."""
        for line in str(self.po.comment).splitlines():
            if _IN_A_LINE.search(line.split(",")[0].strip()):
                return markdown.HEADING  # a title or label: text within one line
            for kind in (*_KINDS, *_ALIASES):
                if line.strip().startswith(kind):
                    return _ALIASES.get(kind, kind)
        return markdown.FRONT_MATTER if self.po.msgctxt else markdown.PARAGRAPH

    @cached_property
    def suppressed(self) -> frozenset[str]:
        """Codes (or names) from `# locpipe-ignore: CODE, CODE` translator comments."""
        found: set[str] = set()
        for match in _IGNORE.finditer(str(self.po.tcomment)):
            found.update(c for c in re.split(r"[\s,]+", match.group(1)) if c)
        return frozenset(found)

    @cached_property
    def context(self) -> str:
        """The block the text is parsed in; a heading when the msgid is no paragraph."""
        if self.kind != markdown.PARAGRAPH:
            return self.kind
        alone = markdown.parse(self.msgid, markdown.PARAGRAPH, self.references,
                               self.catalogue.dialect)
        if alone.blocks == ("paragraph_open", "paragraph_close"):
            return markdown.PARAGRAPH
        return markdown.HEADING

    @cached_property
    def source_markup(self) -> Markup:
        return markdown.parse(self.msgid, self.context, self.references,
                              self.catalogue.dialect)

    @cached_property
    def target_markup(self) -> Markup:
        return markdown.parse(self.msgstr, self.context, self.references,
                              self.catalogue.dialect)

    @cached_property
    def source_facts(self) -> Facts:
        """The source's raw HTML and URLs, which the security rules compare: read once
        for all three (`safety.facts` keeps only the latest texts)."""
        return facts(self.msgid, self.catalogue.dialect)

    @cached_property
    def target_facts(self) -> Facts:
        return facts(self.msgstr, self.catalogue.dialect)

    def location(self) -> Location:
        return Location(self.catalogue.shown, self.line, 1, self.locale, self.msgid,
                        self.suppressed)


@dataclass
class Catalogue:
    """One `.po` file, read or failed to read."""

    path: Path
    """Where it is on disk."""
    shown: str
    """The path as findings show it."""
    locale: str | None
    """From the `<locale>/LC_MESSAGES/` folder, else from the `Language` header."""
    po: polib.POFile | None = None
    """The catalogue; None when polib could not read it."""
    error: str | None = None
    """Why polib could not read it."""
    error_line: int = 1
    """Where polib gave up, when it says."""
    entries: list[Entry] = field(default_factory=list)
    """Active and obsolete entries, in file order."""
    read: ReadResult | None = field(default=None, repr=False)
    """How `po.reader` read the file: where its entries and header fields are."""
    dialect: Dialect = field(default=GFM, repr=False)
    """The Markdown of the project's articles: what the entries' text is parsed as."""

    @property
    def folder_locale(self) -> str | None:
        if self.path.parent.name == "LC_MESSAGES":
            return self.path.parent.parent.name
        return None

    @property
    def active(self) -> Iterator[Entry]:
        return (e for e in self.entries if not e.obsolete)

    def location(self, line: int = 1, col: int = 1) -> Location:
        return Location(self.shown, line, col, self.locale)


ReferenceLookup = Callable[[Sequence[tuple[str, str]]], References]


def read_catalogue(path: Path, root: Path, references: ReferenceLookup,
                   dialect: Dialect = GFM) -> Catalogue:
    """Read one `.po` file of the project at `root`; a file polib rejects comes back
    with `error` set."""
    shown = shown_path(path, root)
    read = read_for_check(path)
    if read.po is None:
        folder = path.parent.parent.name if path.parent.name == "LC_MESSAGES" else None
        return Catalogue(path, shown, folder, error=read.error, error_line=read.error_line)
    po = read.po
    catalogue = Catalogue(path, shown, None, po, read=read, dialect=dialect)
    catalogue.locale = catalogue.folder_locale or po.metadata.get("Language") or None
    for po_entry in po:
        refs = references(po_entry.occurrences) if "]" in po_entry.msgid else {}
        catalogue.entries.append(Entry(po_entry, catalogue, read.msgstr_line(po_entry), refs))
    return catalogue


@dataclass
class Project:
    """Everything one `locpipe check` run reads."""

    config: Config
    """The project's configuration."""
    settings: CheckSettings
    """The `checks:` section, validated."""
    catalogues: list[Catalogue] = field(default_factory=list)
    """The `.po` files to check, sorted by path."""
    sources: list[SourceFile] = field(default_factory=list)
    """The source Markdown files to check, sorted by path."""
    glossary: Glossary | None = None
    """The project's glossary, when it has one."""
    memo: dict[str, Any] = field(default_factory=dict, repr=False)
    """Work several rules share (one glossary pass serves six rules), by name."""

    def entries(self) -> list[Entry]:
        """Every entry a build would publish: active, translated, not fuzzy."""
        if "entries" not in self.memo:
            self.memo["entries"] = [e for c in self.catalogues for e in c.entries if e.translated]
        published: list[Entry] = self.memo["entries"]
        return published


Hit = tuple[Location, str]
"""A rule's report before the table gives it a code: where, and what is wrong."""
RuleFunc = Callable[[Project], Iterable[Hit]]
EntryCheck = Callable[[Entry, Project], Iterable[str]]


def per_entry(check: EntryCheck) -> RuleFunc:
    """Run `check` on every published entry; each message it yields is one finding."""

    @functools.wraps(check)
    def run(project: Project) -> Iterator[Hit]:
        for entry in project.entries():
            for message in check(entry, project):
                yield entry.location(), message

    return run
