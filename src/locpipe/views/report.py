"""HTML pages people can look at: completeness, findings by rule, articles side by side.

`gather` reads the project (the same figures as `locpipe status`, the same
findings as `locpipe check`); `pages` turns that into a summary page
(completeness, analysis, findings by rule, the list of articles) and one page
per article and locale (its findings, source beside translation), linked to
each other by relative URLs so that the folder opens the same wherever it is
moved. One page for everything grew to 54-68 MB on 1,500 articles, more than a
browser opens comfortably; each page here holds one article or one line per
article. Every page is self-contained: inline CSS, no script, no external URL,
and a Content-Security-Policy that forbids loading anything, so it opens the
same from a CI artefact or offline. Every text from the project is escaped
with `html.escape`.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path, PurePosixPath
from typing import TypeVar
from urllib.parse import quote

from locpipe.checks import RULES, CheckResult, Finding, run_checks
from locpipe.checks.model import Entry, read_catalogue
from locpipe.checks.report import profile_line, summary_line
from locpipe.config import BANDS, Config
from locpipe.glossary.matcher import Match
from locpipe.glossary.terms import Glossary, load_glossary
from locpipe.markdown.dialects import dialect_of
from locpipe.markdown.segment import read_document
from locpipe.po.state import ACTIVE_STATES, Key, is_derived, review_state_of
from locpipe.project import Project, lang_tag
from locpipe.site.manifest import display_name
from locpipe.views.analysis import Analysis, project_analysis
from locpipe.views.analysis import Row as LeverageRow
from locpipe.views.status import CatalogueStatus, Counts, Status, project_status

T = TypeVar("T")
STATES = tuple(state.value for state in ACTIVE_STATES)
COLLAPSE = 5
"""A run of this many like rows (untranslated entries, the same finding) is folded
into one line that opens it: two short untranslated articles made a page of
17,000 pixels, nearly all of it "untranslated"."""
QUIET = frozenset({"C001"})
"""Findings that say no more than a row's state: such a row still folds into a run."""


@dataclass(frozen=True)
class Row:
    """One active entry of one catalogue, as the side-by-side view shows it."""

    anchor: str
    """The element id that findings link to."""
    number: int
    """1-based position among the catalogue's active entries."""
    kind: str
    """The block kind named by the `#.` comment (`paragraph`, `heading`...)."""
    context: str | None
    """`msgctxt`: the front-matter field, None for body text."""
    source: str
    """The `msgid`: the source block's inline Markdown."""
    translation: str
    """The `msgstr` (a plural entry's first form), empty when untranslated."""
    state: str
    """`translated`, `fuzzy` or `untranslated`: the entry's `po.state`, as status counts it."""
    line: int
    """1-based line of the `msgstr` keyword: where catalogue findings point."""
    review: str = ""
    """In a derived locale, `derived`, `reviewed`, `fuzzy` or `untranslated`
    (`po.state.ReviewState`); empty in any other locale."""

    @property
    def key(self) -> Key:
        return (self.context, self.source)


@dataclass(frozen=True)
class ArticleView:
    """One article in one target locale: its entries, source beside translation."""

    slug: str
    """The article."""
    locale: str
    """The target locale (Babel identifier)."""
    catalogue: Path
    """The file the rows were read from: the `.po`, or the `.pot` when it is missing."""
    missing: bool
    """True when the locale has no catalogue for the article yet."""
    rows: tuple[Row, ...]
    """Active entries in catalogue order."""

    @property
    def anchor(self) -> str:
        return element_id(f"view-{lang_tag(self.locale)}-{self.slug}")


@dataclass(frozen=True)
class Target:
    """A row of an article's page, as a link from elsewhere names it."""

    view: ArticleView
    """The article and locale: its page."""
    anchor: str
    """The row's element id on that page."""


@dataclass
class Report:
    """Everything the page shows, read before any HTML is written."""

    config: Config
    """The project."""
    status: Status
    """Counts per article and locale."""
    result: CheckResult
    """The findings of `locpipe check` with the project's settings."""
    views: list[ArticleView]
    """One per article and target locale, in `status` order."""
    glossary: Glossary
    """For highlighting terms."""
    links: dict[int, Target] = field(default_factory=dict)
    """Finding index -> the row it points at (the first one for source findings)."""
    marks: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    """Row anchor -> indexes of the findings shown on that row."""
    leverage: Analysis | None = None
    """The words still to translate per match band, as `locpipe analyze` counts them."""


def gather(config: Config) -> Report:
    """Read catalogues, run the checks, and place each finding on its entry."""
    status = project_status(config)
    # The check and the analysis first: what each reads is freed when it returns, and
    # the views' texts are not held beside it.
    result = run_checks(config)
    leverage = project_analysis(config)
    views = [_view(config, row) for row in status.rows]
    report = Report(config, status, result, views, load_glossary(config.glossary_path),
                    leverage=leverage)
    _place_findings(report)
    return report


def _view(config: Config, status: CatalogueStatus) -> ArticleView:
    path = status.path
    if not status.exists:
        path = Project(config).template_path(status.slug)
    catalogue = read_catalogue(path, config.root, lambda _occurrences: {})
    prefix = element_id(f"entry-{lang_tag(status.locale)}-{status.slug}")
    derived = status.locale in config.derive
    rows = [_row(f"{prefix}-{n}", n, entry, derived)
            for n, entry in enumerate(catalogue.active, 1)]
    return ArticleView(status.slug, status.locale, path, not status.exists, tuple(rows))


def _row(anchor: str, number: int, entry: Entry, derived: bool) -> Row:
    po = entry.po
    # The first `#.` line is the block kind as extract wrote it (`list item`...).
    comment = str(po.comment or "").splitlines()
    kind = comment[0] if comment else entry.kind
    review = review_state_of(entry.state, is_derived(po)).value if derived else ""
    return Row(anchor, number, kind, po.msgctxt, entry.msgid, entry.msgstr,
               entry.state.value, entry.line, review)


# --------------------------------------------------------- finding -> entry

Span = tuple[int, int, str, Key]
"""First and last source line of a segment, its article's slug and its entry key."""


def _place_findings(report: Report) -> None:
    """Catalogue findings go to the entry on their line; findings in a source
    article go to the entry of the segment around their line, in every locale."""
    by_line = {(view.catalogue.resolve(), row.line): Target(view, row.anchor)
               for view in report.views for row in view.rows}
    by_key: dict[tuple[str, Key], list[Target]] = defaultdict(list)
    for view in report.views:
        for row in view.rows:
            by_key[(view.slug, row.key)].append(Target(view, row.anchor))
    spans = _source_spans(report.config, report.status.slugs)
    for index, finding in enumerate(report.result.findings):
        targets = _targets(finding, report.config.root, by_line, by_key, spans)
        if targets:
            report.links[index] = targets[0]
        for target in targets:
            report.marks[target.anchor].append(index)


def _targets(finding: Finding, root: Path, by_line: dict[tuple[Path, int], Target],
             by_key: dict[tuple[str, Key], list[Target]], spans: dict[Path, list[Span]]
             ) -> list[Target]:
    path = finding_path(finding, root)
    if (path, finding.line) in by_line:
        return [by_line[(path, finding.line)]]
    for first, last, slug, key in spans.get(path, []):
        if first <= finding.line <= last:
            return by_key.get((slug, key), [])
    return []


def finding_path(finding: Finding, root: Path) -> Path:
    """The file a finding names (shown relative to the project folder `root`), absolute."""
    return (root / finding.path).resolve()


def _source_spans(config: Config, slugs: Sequence[str]) -> dict[Path, list[Span]]:
    spans: dict[Path, list[Span]] = {}
    for slug in slugs:
        article = config.content_path / f"{slug}.md"
        if not article.is_file():
            continue
        doc = read_document(article, config.root, config.content_path, config.front_matter_keys,
                            dialect_of(config))
        spans[article.resolve()] = [
            (s.line, s.line + doc.text.count("\n", s.start, s.end), slug, (s.context, s.msgid))
            for s in doc.segments]
    return spans


# ----------------------------------------------------------------- pages

ARTICLES = "articles"
"""The folder, beside the summary, that holds the article pages."""
GENERATOR = '<meta name="generator" content="locpipe report">'
"""Marks a page as the report's own: only such pages are ever removed as stale."""


@dataclass(frozen=True)
class Page:
    """One file of the report."""

    path: PurePosixPath
    """Where it goes, relative to the report's folder."""
    render: Callable[[], Iterator[str]] = field(repr=False)
    """The page's text in pieces, rendered as they are asked for: a page with a long
    entry is not held whole (nor its rows) to be written."""

    @property
    def text(self) -> str:
        """The whole page."""
        return "".join(self.render())


@dataclass(frozen=True)
class Where:
    """The page being rendered, so that its links are relative to it."""

    page: PurePosixPath | None
    """Its path in the report's folder; None for a summary printed alone (`-o -`),
    which has no article pages to link to."""
    summary: str
    """The summary page's file name, for the links back to it."""

    def href(self, to: PurePosixPath, fragment: str = "") -> str | None:
        """A relative URL of `to` (a page in the report's folder), or None when this
        page stands alone."""
        if self.page is None:
            return None
        if to == self.page:
            return f"#{fragment}"
        up = "../" * (len(self.page.parts) - 1)
        return up + quote(to.as_posix()) + (f"#{fragment}" if fragment else "")

    def home(self, fragment: str = "") -> str | None:
        return self.href(PurePosixPath(self.summary), fragment)


_ID_KEPT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
"""The characters an element id keeps as they are; the rest are escaped."""


def element_id(text: str) -> str:
    """`text` (`entry-zh-Hans-guide a#b/start here`) as an element id and URL fragment:
    letters, digits, `-`, `_` and `.` kept, every other character written as `:` and
    two lowercase hex digits per UTF-8 byte (`/` is `:2f`, a space `:20`, `:` itself
    `:3a`), so that different slugs never share an id.

    Every id the report writes starts with a letter (`entry-`, `view-`, `run-`...)
    and so matches `^[A-Za-z][A-Za-z0-9_.:-]*$`: no space for HTML, no character a URL
    fragment must percent-encode, so a link's `#fragment` is the id byte for byte.
    """
    return "".join(c if c in _ID_KEPT else "".join(f":{b:02x}" for b in c.encode("utf-8"))
                   for c in text)


def page_path(view: ArticleView) -> PurePosixPath:
    """`articles/<locale>/<slug>.html`: the same name on every run, a slug's folders
    kept as folders (a slug is a path below the content folder, never `..`)."""
    return PurePosixPath(ARTICLES, view.locale, f"{view.slug}.html")


def pages(report: Report, summary: str) -> Iterator[Page]:
    """One page per article and locale, in `status` order, then the summary, named
    `summary`: written in this order, the summary never links to a page not yet
    there. Each page is rendered only when asked for."""
    for view, status in zip(report.views, report.status.rows, strict=True):
        yield Page(page_path(view), partial(article_pieces, report, view, status, summary))
    yield Page(PurePosixPath(summary), partial(summary_pieces, report, summary))


def render_summary(report: Report, summary: str | None) -> str:
    """The summary page; with `summary` None, one that stands alone: its places are
    text, not links to article pages."""
    return "".join(summary_pieces(report, summary))


def summary_pieces(report: Report, summary: str | None) -> Iterator[str]:
    """`render_summary`'s text in pieces."""
    where = Where(PurePosixPath(summary) if summary else None, summary or "")
    body = chain(_header(report), _completeness(report, where), _leverage(report),
                 _findings(report, where), _article_list(report, where))
    return _document("locpipe report", body)


def render_article(report: Report, view: ArticleView, status: CatalogueStatus,
                   summary: str) -> str:
    """The page of one article in one locale: its counts, its findings, its entries."""
    return "".join(article_pieces(report, view, status, summary))


def article_pieces(report: Report, view: ArticleView, status: CatalogueStatus,
                   summary: str) -> Iterator[str]:
    """`render_article`'s text in pieces."""
    where = Where(page_path(view), summary)
    body = chain(_article_header(report, view, where), _article_counts(report, status),
                 _article_findings(report, view, where), _article(report, view))
    return _document(f"locpipe report: {view.slug} ({view.locale})", body)


Lines = Iterable["str | Sequence[str]"]
"""A page's lines; a long one (an entry's row) as its pieces, which are not joined."""


def _document(title: str, body: Lines) -> Iterator[str]:
    """`"\\n".join` of the page's lines, in pieces."""
    for line in chain(_head(title), body, ["</body>", "</html>"]):
        if isinstance(line, str):
            yield line
        else:
            yield from line
        yield "\n"


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _link(label: str, href: str | None) -> str:
    """`label` (HTML) as a link to `href`, or alone when there is nowhere to go."""
    return f'<a href="{esc(href)}">{label}</a>' if href is not None else label


def _head(title: str) -> Iterator[str]:
    yield "<!DOCTYPE html>"
    yield '<html lang="en">'
    yield "<head>"
    yield '<meta charset="utf-8">'
    # Nothing may be loaded from anywhere: the page is complete as it is.
    yield ('<meta http-equiv="Content-Security-Policy" '
           "content=\"default-src 'none'; style-src 'unsafe-inline'\">")
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">'
    yield GENERATOR
    yield f"<title>{esc(title)}</title>"
    # Inline on every page, not one shared file: a page saved or sent alone still
    # shows as it should, and the policy above needs no exception for a file URL.
    yield f"<style>{CSS}</style>"
    yield "</head>"
    yield "<body>"


def _header(report: Report) -> Iterator[str]:
    articles, locales = len(report.status.slugs), report.status.locales
    yield "<header>"
    yield "<h1>Translation report</h1>"
    yield (f'<p class="summary">{_plural(articles, "article")} from '
           f"{esc(display_name(report.config.source_locale))} into "
           f"{esc(', '.join(display_name(loc) for loc in locales))}. "
           f"{esc(summary_line(report.result))}</p>")
    yield ('<nav><a href="#completeness">Completeness</a> · <a href="#analysis">Analysis</a>'
           ' · <a href="#findings">Findings</a> · <a href="#articles">Articles</a></nav>')
    yield "</header>"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# ---------------------------------------------------------- completeness

def _completeness(report: Report, where: Where) -> Iterator[str]:
    yield '<section id="completeness">'
    yield "<h2>Completeness</h2>"
    split = bool(report.status.derived)
    yield from _completeness_head(split)
    for view, row in zip(report.views, report.status.rows, strict=True):
        label = _link(esc(row.slug), where.href(page_path(view)))
        yield _completeness_row(label, row.locale, row.counts, "article", split)
    if len(report.status.slugs) > 1:
        for locale, counts in report.status.totals().items():
            yield _completeness_row("all articles", locale, counts, "total", split)
    yield "</tbody></table>"
    yield "</section>"


def _completeness_head(split: bool) -> Iterator[str]:
    yield '<table class="completeness">'
    kinds = "<th>Derived</th><th>Reviewed</th>" if split else ""
    yield (f"<thead><tr><th>Article</th><th>Locale</th><th>Translated</th>{kinds}"
           "<th>Fuzzy</th><th>Untranslated</th><th>Done</th><th>Progress</th></tr></thead>")
    yield "<tbody>"

def _completeness_row(label: str, locale: str, counts: Counts, css: str,
                      split: bool = False) -> str:
    cells = [str(counts.translated)]
    if split:  # derived and reviewed, between translated and fuzzy; `–` if not derived
        cells += ["–" if n is None else str(n) for n in (counts.derived, counts.reviewed)]
    cells += [str(counts.fuzzy), str(counts.untranslated)]
    numbers = "".join(f'<td class="num">{n}</td>' for n in cells)
    return (f'<tr class="{css}"><th scope="row">{label}</th>'
            f'<td>{esc(display_name(locale))} <code>{esc(locale)}</code></td>{numbers}'
            f'<td class="num">{counts.percent}%</td><td>{bar(counts)}</td></tr>')


def bar(counts: Counts) -> str:
    """A bar of three parts, as wide as the share of each state."""
    label = (f"{counts.translated} translated, {counts.fuzzy} fuzzy, "
             f"{counts.untranslated} untranslated of {counts.total}")
    total = counts.total or 1
    parts = "".join(f'<span class="{s}" style="width: {getattr(counts, s) * 100 / total:.2f}%">'
                    "</span>" for s in STATES if getattr(counts, s))
    return f'<div class="bar" role="img" aria-label="{esc(label)}">{parts}</div>'


# -------------------------------------------------------------- analysis

def _leverage(report: Report) -> Iterator[str]:
    """`locpipe analyze`'s table: words (and segments) per band, per article and locale."""
    analysis = report.leverage
    if analysis is None:
        return
    yield '<section id="analysis">'
    yield "<h2>Analysis</h2>"
    yield ("<p>Words still to translate per match band against the translation memory, "
           "as <code>locpipe analyze</code> counts them; each cell is words "
           "(segments).</p>")
    yield '<table class="analysis">'
    bands = "".join(f'<th class="num">{esc(band)} <small>×{weight:g}</small></th>'
                    for band, weight in zip(BANDS, analysis.weights, strict=True))
    yield (f"<thead><tr><th>Article</th><th>Locale</th>{bands}"
           '<th class="num">Words</th><th class="num">Weighted</th></tr></thead>')
    yield "<tbody>"
    for row in analysis.rows:
        yield _leverage_row(analysis, row, esc(row.slug), "article")
    for row in analysis.totals:
        yield _leverage_row(analysis, row, "all articles", "total")
    yield "</tbody></table>"
    yield "</section>"


def _leverage_row(analysis: Analysis, row: LeverageRow, label: str, css: str) -> str:
    cells = "".join(f'<td class="num">{words} <small>({segments})</small></td>'
                    for segments, words in zip(row.tally.segments, row.tally.words, strict=True))
    return (f'<tr class="{css}"><th scope="row">{label}</th><td><code>{esc(row.locale)}'
            f'</code></td>{cells}<td class="num">{row.tally.total_words}</td>'
            f'<td class="num">{analysis.weighted(row):.1f}</td></tr>')


# -------------------------------------------------------------- findings

def _findings(report: Report, where: Where) -> Iterator[str]:
    """Every finding by rule; a long run of one rule's findings in one article is one
    line here, linking to the article's page, which lists them all."""
    yield '<section id="findings">'
    yield "<h2>Findings</h2>"
    yield f"<p>{esc(summary_line(report.result))}</p>"
    profiles = profile_line(report.result)
    if profiles:
        yield f'<p class="profiles">{esc(profiles)}</p>'
    for code, summary, indexes in _by_rule(report, range(len(report.result.findings))):
        yield from _rule_group(report, code, summary, indexes, _summary_items(
            report, where, code, indexes))
    yield "</section>"


def _by_rule(report: Report, indexes: Iterable[int]) -> Iterator[tuple[str, str, list[int]]]:
    """The findings at `indexes` by rule, in rule order: code, summary, indexes."""
    groups: dict[str, list[int]] = defaultdict(list)
    for index in indexes:
        groups[report.result.findings[index].code].append(index)
    for rule in RULES:
        if rule.code in groups:
            yield rule.code, rule.summary, groups[rule.code]


def _rule_group(report: Report, code: str, summary: str, indexes: list[int],
                items: Iterator[str], summary_href: str | None = None) -> Iterator[str]:
    name = report.result.findings[indexes[0]].name
    yield f'<section class="rule" id="rule-{esc(code)}">'
    yield (f"<h3>{_link(f'<code>{esc(code)}</code>', summary_href)} {esc(name)} "
           f'<span class="count">{len(indexes)}</span></h3>')
    yield f'<p class="rule-summary">{esc(summary)}</p>'
    yield "<ol>"
    yield from items
    yield "</ol>"
    yield "</section>"


def _summary_items(report: Report, where: Where, code: str,
                   indexes: list[int]) -> Iterator[str]:
    """A finding each, but one line for a run of `COLLAPSE` or more on one article's
    page: 1,500 articles gave 55,000 findings, 19 MB of list."""
    def page(index: int) -> tuple[PurePosixPath | None, Path]:
        target = report.links.get(index)
        view = page_path(target.view) if target and where.page else None
        return view, finding_path(report.result.findings[index], report.config.root)

    for number, run in enumerate(_runs(indexes, page)):
        to = page(run[0])[0]
        if len(run) < COLLAPSE or to is None:  # nowhere else to read them: folded here
            yield from _folded(report, f"run-{code}-{number}", run,
                               lambda index: _summary_href(report, where, index))
        else:
            yield _run_line(report, f"run-{code}-{number}", run, where.href(to, f"rule-{code}"))


def _summary_href(report: Report, where: Where, index: int) -> str | None:
    target = report.links.get(index)
    return where.href(page_path(target.view), target.anchor) if target else None


def _run_line(report: Report, anchor: str, run: list[int], href: str | None) -> str:
    findings = [report.result.findings[index] for index in run]
    first = findings[0]
    same = all(finding.message == first.message for finding in findings)
    severity = "error" if any(f.severity == "error" for f in findings) else first.severity
    label = f"{len(run)} × {first.path}"
    message = first.message if same else f"first: {first.message}"
    return (f'<li class="run finding {esc(severity)}" id="{esc(anchor)}">'
            f'<span class="severity">{esc(severity)}</span> {_link(esc(label), href)} '
            f'<span class="message">{esc(message)}</span></li>')


def _folded(report: Report, anchor: str, run: list[int],
            href: Callable[[int], str | None]) -> Iterator[str]:
    """Findings as list items; a run of `COLLAPSE` or more like ones (same file, same
    message) folded behind one line that opens it."""
    for number, like in enumerate(_runs(run, lambda i: _finding_key(report, i))):
        if len(like) < COLLAPSE:
            yield from (_finding_item(report, index, href(index)) for index in like)
            continue
        first = report.result.findings[like[0]]
        folded = f"{anchor}-{number}"
        yield (f'<li class="run" id="{esc(folded)}"><a class="toggle" href="#{esc(folded)}">'
               f"{len(like)} × {esc(first.path)}: "
               f"{esc(first.message)}</a><ol>")
        yield from (_finding_item(report, index, href(index)) for index in like)
        yield "</ol></li>"


def _finding_key(report: Report, index: int) -> tuple[Path, str]:
    finding = report.result.findings[index]
    return (finding_path(finding, report.config.root), finding.message)


def _runs(items: Sequence[T], key: Callable[[T], Hashable]) -> Iterator[list[T]]:
    """Consecutive items with the same key, in order."""
    run: list[T] = []
    for item in items:
        if run and key(item) != key(run[-1]):
            yield run
            run = []
        run.append(item)
    if run:
        yield run


def _finding_item(report: Report, index: int, href: str | None) -> str:
    finding = report.result.findings[index]
    where = f"{finding.path}:{finding.line}:{finding.col}"
    return (f'<li id="finding-{index + 1}" class="finding {esc(finding.severity)}">'
            f'<span class="severity">{esc(finding.severity)}</span> {_link(esc(where), href)} '
            f'<span class="message">{esc(finding.message)}</span></li>')


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _article_list(report: Report, where: Where) -> Iterator[str]:
    """Each article with a link to its page in every locale."""
    locales: dict[str, list[str]] = defaultdict(list)
    for view in report.views:
        name = esc(display_name(view.locale))
        locales[view.slug].append(_link(name, where.href(page_path(view))))
    yield '<section id="articles">'
    yield "<h2>Articles</h2>"
    yield '<ul class="articles">'
    for slug, links in locales.items():
        yield f"<li><code>{esc(slug)}</code> {' · '.join(links)}</li>"
    yield "</ul>"
    yield "</section>"


# --------------------------------------------------------- article page

def _article_header(report: Report, view: ArticleView, where: Where) -> Iterator[str]:
    source = report.config.source_locale
    yield "<header>"
    yield (f"<h1>{esc(view.slug)} <small>{esc(display_name(source))} → "
           f"{esc(display_name(view.locale))}</small></h1>")
    note = " (no catalogue yet: the template's entries)" if view.missing else ""
    yield (f'<p class="catalogue"><code>{esc(_shown(view.catalogue, report.config.root))}'
           f"</code>{esc(note)}</p>")
    yield (f'<nav>{_link("Summary", where.home())} · <a href="#findings">Findings</a>'
           f' · <a href="#{esc(view.anchor)}">Entries</a></nav>')
    yield "</header>"


def _article_counts(report: Report, status: CatalogueStatus) -> Iterator[str]:
    split = bool(report.status.derived)
    yield from _completeness_head(split)
    yield _completeness_row(esc(status.slug), status.locale, status.counts, "article", split)
    yield "</tbody></table>"


def _article_findings(report: Report, view: ArticleView, where: Where) -> Iterator[str]:
    """The findings marked on this page's rows, each linking to its row here."""
    rows: dict[int, str] = {}
    for row in view.rows:
        for index in report.marks.get(row.anchor, []):
            rows.setdefault(index, row.anchor)
    yield '<section id="findings">'
    yield "<h2>Findings</h2>"
    if not rows:
        yield "<p>None.</p>"
    for code, summary, indexes in _by_rule(report, sorted(rows)):
        items = _folded(report, f"run-{code}", indexes, lambda index: f"#{rows[index]}")
        yield from _rule_group(report, code, summary, indexes, items,
                               where.home(f"rule-{code}"))
    yield "</section>"


def _article(report: Report, view: ArticleView) -> Iterator[str | list[str]]:
    source, lang = report.config.source_locale, lang_tag(view.locale)
    yield f'<section class="article" id="{esc(view.anchor)}">'
    yield "<h2>Entries</h2>"
    yield '<table class="side">'
    yield (f'<thead><tr><th>#</th><th>Source <code>{esc(lang_tag(source))}</code></th>'
           f"<th>Translation <code>{esc(lang)}</code></th></tr></thead>")
    for number, run in enumerate(_runs(view.rows, lambda row: _quiet(report, row))):
        if len(run) < COLLAPSE or not _quiet(report, run[0]):
            yield "<tbody>"
            yield from (_entry_row(report, view, row) for row in run)
            yield "</tbody>"
            continue
        anchor = f"run-{view.anchor}-{number}"
        yield f'<tbody class="run" id="{esc(anchor)}">'
        yield (f'<tr class="run-summary"><td colspan="3"><a class="toggle" '
               f'href="#{esc(anchor)}">{len(run)} entries not translated</a> '
               f'<span class="kind">(#{run[0].number} to #{run[-1].number})</span></td></tr>')
        yield from (_entry_row(report, view, row) for row in run)
        yield "</tbody>"
    yield "</table>"
    yield "</section>"


def _quiet(report: Report, row: Row) -> bool:
    """An untranslated row whose findings say only that: it folds into a run."""
    findings = report.marks.get(row.anchor, [])
    return row.state == "untranslated" and all(
        report.result.findings[i].code in QUIET for i in findings)


def _entry_row(report: Report, view: ArticleView, row: Row) -> list[str]:
    """The row's HTML in pieces: an entry's texts are not copied into one string."""
    findings = report.marks.get(row.anchor, [])
    severities = {report.result.findings[i].severity for i in findings}
    flagged = ["flagged", "error" if "error" in severities else "warning"] if findings else []
    css = " ".join(["entry", row.state, *([row.review] if row.review else []), *flagged])
    kind = row.kind + (f": {row.context}" if row.context else "")
    number = (f'<td class="n"><a href="#{esc(row.anchor)}">{row.number}</a>'
              f'<span class="kind">{esc(kind)}</span></td>')
    return [f'<tr id="{esc(row.anchor)}" class="{css}">{number}',
            *_source_cell(report, view, row), *_target_cell(report, view, row, findings),
            "</tr>"]


def _source_cell(report: Report, view: ArticleView, row: Row) -> Iterator[str]:
    locale = report.config.source_locale

    def title(match: Match) -> str:
        term = report.glossary.get(match.term_id)
        forms = term.forms(view.locale) if term else None
        return f"{match.term_id} → {forms.preferred}" if forms else match.term_id

    matches = report.glossary.matcher(locale).find(row.source)
    yield f'<td class="src" lang="{esc(lang_tag(locale))}"><div class="text">'
    yield from highlight_pieces(row.source, matches, title)
    yield "</div></td>"


def _target_cell(report: Report, view: ArticleView, row: Row,
                 findings: list[int]) -> Iterator[str]:
    def title(match: Match) -> str:
        reason = f": {match.reason}" if match.reason else ""
        return f"{match.term_id} ({match.status}{reason})"

    yield f'<td class="tgt" lang="{esc(lang_tag(view.locale))}">'
    if row.state == "untranslated":
        yield '<span class="state">untranslated</span>'
    else:
        matches = report.glossary.matcher(view.locale).find(row.translation)
        yield '<div class="text">'
        yield from highlight_pieces(row.translation, matches, title)
        yield "</div>"
        yield '<span class="state">fuzzy</span>' if row.state == "fuzzy" else ""
        if row.review in ("derived", "reviewed"):
            yield f'<span class="state {row.review}">{row.review}</span>'
    marks = "".join(_mark(report.result.findings[i], i) for i in findings)
    yield f'<ul class="marks">{marks}</ul>' if marks else ""
    yield "</td>"


def _mark(finding: Finding, index: int) -> str:
    return (f'<li class="{esc(finding.severity)}"><a href="#finding-{index + 1}">'
            f"{esc(finding.code)}</a> {esc(finding.message)}</li>")


def highlight(text: str, matches: Sequence[Match], title: Callable[[Match], str]) -> str:
    """`text` escaped, with each glossary match in a `<mark>` saying what it is."""
    return "".join(highlight_pieces(text, matches, title))


ESCAPED = 1 << 16
"""Characters of a text escaped at a time: `html.escape` copies its text once per
character it replaces, and an entry's text can be megabytes."""


def highlight_pieces(text: str, matches: Sequence[Match], title: Callable[[Match], str]
                     ) -> Iterator[str]:
    """`highlight`'s text in pieces."""
    cursor = 0
    for match in sorted(matches, key=lambda m: m.start):
        if match.start < cursor:
            continue
        yield from escaped(text, cursor, match.start)
        yield (f'<mark class="term {esc(match.status)}" data-term="{esc(match.term_id)}" '
               f'title="{esc(title(match))}">{esc(match.text)}</mark>')
        cursor = match.end
    yield from escaped(text, cursor, len(text))


def escaped(text: str, start: int, end: int) -> Iterator[str]:
    """`esc(text[start:end])` in pieces of `ESCAPED` characters: each character is
    escaped alone, so the pieces join to the same text."""
    for begin in range(start, end, ESCAPED):
        yield esc(text[begin:min(begin + ESCAPED, end)])


CSS = """
:root { --ok: #2e7d32; --fuzzy: #f9a825; --todo: #d0d0d0; --error: #c62828; --warn: #ef6c00; }
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 78rem; padding: 1rem 2rem;
  color: #222; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 1px solid #ccc; margin-top: 2.5rem; }
nav a, a { color: #1a5fb4; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
  border-bottom: 1px solid #e4e4e4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total th, tr.total td { font-weight: 600; border-top: 2px solid #bbb; }
.bar { display: flex; width: 14rem; height: .9rem; background: var(--todo); border-radius: 3px;
  overflow: hidden; margin-top: .25rem; }
.bar .translated { background: var(--ok); } .bar .fuzzy { background: var(--fuzzy); }
.bar .untranslated { background: var(--todo); }
.rule h3 { margin-bottom: 0; } .rule-summary { margin-top: .2rem; color: #555; }
.count { background: #eee; border-radius: 1em; padding: 0 .5em; font-size: .85em; }
.finding .severity, .state { font-size: .75em; text-transform: uppercase; font-weight: 700;
  padding: 0 .35em; border-radius: 3px; color: #fff; background: #777; }
.finding.error .severity { background: var(--error); }
.finding.warning .severity { background: var(--warn); }
table.side td.src, table.side td.tgt { width: 45%; overflow-wrap: anywhere; }
div.text { white-space: pre-wrap; }
table.side td.n { width: 6.5rem; color: #666; font-size: .85em; }
td.n .kind { display: block; }
tr.fuzzy td.tgt { background: #fff8e1; } tr.untranslated td.tgt { background: #f4f4f4; }
tr.fuzzy .state { background: var(--fuzzy); color: #222; }
tr.flagged td.n { border-left: 4px solid var(--warn); }
tr.flagged.error td.n { border-left-color: var(--error); }
tr:target { outline: 3px solid #1a5fb4; }
mark.term { background: #e3f2fd; border-bottom: 2px solid #64b5f6; padding: 0 1px; }
mark.term.warning { background: #fff3e0; border-bottom-color: var(--warn); }
mark.term.forbidden { background: #ffebee; border-bottom-color: var(--error); }
ul.marks { list-style: none; margin: .4rem 0 0; padding: 0; white-space: normal;
  font-size: .85em; }
ul.marks li { border-left: 3px solid var(--warn); padding-left: .4rem; }
ul.marks li.error { border-left-color: var(--error); }
/* A folded run opens when its toggle (or a link to a row or finding in it) is followed. */
tbody.run:not(:target):not(:has(:target)) tr.entry { display: none; }
li.run:not(:target):not(:has(:target)) > ol { display: none; }
tr.run-summary td { background: #f4f4f4; color: #555; }
li.run { list-style: none; margin: .2rem 0; }
li.run.finding { list-style: decimal; }
ul.articles { columns: 2 20rem; padding-left: 1.2rem; } ul.articles li { break-inside: avoid; }
header .catalogue { color: #555; margin-top: 0; } header nav { margin-bottom: 1rem; }
a.toggle::before { content: "▸ "; }
tbody.run:target a.toggle::before, li.run:target > a.toggle::before { content: "▾ "; }
"""
