"""Glossary and names: the project's terminology, on the source and on each translation.

One glossary pass per run finds every form in the source Markdown and in each
published translation (`Matcher.find`, leftmost-longest, with the glossary's
exceptions such as `天气` around `气`); the six rules below share that pass
and differ only in which matches they report. Code spans and URLs are never
matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from locpipe.checks.finding import Location
from locpipe.checks.model import Entry, Hit, Project, SourceFile
from locpipe.glossary.matcher import Match
from locpipe.glossary.terms import Glossary, Term
from locpipe.markdown.dialects import Dialect, dialect_of
from locpipe.markdown.grammar import document_block_parser

FORBIDDEN_TERM = "forbidden-term"
DISCOURAGED_TERM = "discouraged-term"
TERM_CASE = "term-case"
NAME_FORBIDDEN = "name-forbidden"
NAME_DISCOURAGED = "name-discouraged"
MISSING_TERM = "missing-term"

# Blanked out (same length, so offsets hold) before matching Markdown source.
_NOT_PROSE = re.compile(r"(`+)[^`]*?\1|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|<[a-z][a-z0-9+.-]*:[^>\s]*>"
                        r"|\b[a-z][a-z0-9+.-]*://[^\s)>]+", re.IGNORECASE)


@dataclass(frozen=True)
class _Found:
    """One glossary finding, before the rule that reports it is chosen."""

    kind: str
    """One of the rule names above."""
    where: Location
    """Where it points."""
    message: str
    """What to tell the user."""


def _hits(project: Project, kind: str) -> Iterator[Hit]:
    found = project.memo.get("glossary")
    if found is None:
        found = project.memo["glossary"] = list(_scan(project))
    for item in found:
        if item.kind == kind:
            yield item.where, item.message


def _scan(project: Project) -> Iterator[_Found]:
    glossary = project.glossary
    if glossary is None or not len(glossary):
        return
    terms = {term.id: term for term in glossary}
    dialect = dialect_of(project.config)
    for source in project.sources:
        yield from _scan_source(source, glossary, terms, project.config.source_locale, dialect)
    for entry in project.entries():
        if entry.locale and entry.locale != project.config.source_locale:
            yield from _scan_entry(entry, glossary, terms, project.config.source_locale)


def _scan_source(source: SourceFile, glossary: Glossary, terms: dict[str, Term], locale: str,
                 dialect: Dialect) -> Iterator[_Found]:
    whole = source.text  # read once here
    lines = whole.splitlines(keepends=True)
    matcher = glossary.matcher(locale)
    for first, last in _prose_ranges(whole, dialect):
        text = _NOT_PROSE.sub(lambda m: " " * len(m.group()), "".join(lines[first:last]))
        for match in matcher.find(text):
            number = first + 1 + text.count("\n", 0, match.start)
            col = match.start - (text.rfind("\n", 0, match.start) + 1) + 1
            where = Location(source.shown, number, col, locale)
            yield from _judge(match, terms, locale, where)


def _prose_ranges(text: str, dialect: Dialect) -> list[tuple[int, int]]:
    """Line ranges of inline text and front matter: code and HTML blocks (and the
    dialect's structure: MDX imports, shortcode lines) are left out."""
    ranges = {tuple(t.map) for t in document_block_parser(dialect).parse(text)
              if t.type in ("inline", "front_matter") and t.map}
    return sorted((int(a), int(b)) for a, b in ranges)


def _scan_entry(entry: Entry, glossary: Glossary, terms: dict[str, Term], source_locale: str
                ) -> Iterator[_Found]:
    locale = entry.locale or ""
    found = glossary.matcher(locale).find(entry.target_markup.plain)
    for match in found:
        yield from _judge(match, terms, locale, entry.location())
    present = {m.term_id for m in found}
    for match in glossary.matcher(source_locale).find(entry.source_markup.plain):
        term = terms.get(match.term_id)
        forms = term.forms(locale) if term else None
        if term and forms and term.id not in present:
            present.add(term.id)  # one finding per term and entry
            expected = " or ".join(repr(f) for f in forms.accepted)
            yield _Found(MISSING_TERM, entry.location(),
                         f"{term.kind} {term.id} ({match.text!r}) is not translated "
                         f"as the glossary says: expected {expected}")


def _judge(match: Match, terms: dict[str, Term], locale: str, where: Location
           ) -> Iterator[_Found]:
    term = terms.get(match.term_id)
    forms = term.forms(locale) if term else None
    if term is None or forms is None or match.status in ("preferred", "variant"):
        return
    name = term.kind == "name"
    expected = f"write {forms.preferred!r}"
    why = f" ({match.reason})" if match.reason else ""
    if match.status == "warning" and match.form in forms.accepted:
        yield _Found(TERM_CASE, where,
                     f"{match.text!r} is {term.kind} {term.id} in the wrong case: "
                     f"write {match.form!r}")
    elif match.status == "forbidden":
        yield _Found(NAME_FORBIDDEN if name else FORBIDDEN_TERM, where,
                     f"forbidden form {match.text!r} of {term.kind} {term.id}: {expected}{why}")
    else:
        yield _Found(NAME_DISCOURAGED if name else DISCOURAGED_TERM, where,
                     f"discouraged form {match.text!r} of {term.kind} {term.id}: "
                     f"prefer {forms.preferred!r}{why}")


def forbidden_term(project: Project) -> Iterator[Hit]:
    """A forbidden form of a glossary term, in the source or in a translation.

    Why: the glossary forbids forms that are wrong, not merely other: a typo that
    makes another word (`针炙` for `针灸`), the wrong script (`氣` in Simplified
    Chinese), or another concept (`中药`, materia medica, for `中医`).
    Example: `针炙可以缓解疼痛` in a zh_Hans catalogue.
    Instead: the glossary's preferred form, named in the finding: `针灸可以缓解疼痛`.
    """
    return _hits(project, FORBIDDEN_TERM)


def discouraged_term(project: Project) -> Iterator[Hit]:
    """A discouraged form of a glossary term.

    Why: accepted but not the project's choice (a dated or regional word, a Wade-Giles
    spelling); one article should not mix two names for one thing.
    Example: `chi` in the English source where the glossary prefers `Qi`.
    Instead: the preferred form named in the finding.
    """
    return _hits(project, DISCOURAGED_TERM)


def missing_term(project: Project) -> Iterator[Hit]:
    """A glossary term of the source has no accepted form in the translation.

    Why: the term was translated freely or dropped, so the article disagrees with
    the glossary (and with every other article). Forms inside ordinary words do not
    count: `天气` (weather) does not translate `Qi`.
    Example: `the flow of Qi` translated as `能量的流动`.
    Instead: use the preferred form or an accepted variant (`气的流动`); where the
    sentence really does without the term, add `# locpipe-ignore: G003`.
    """
    return _hits(project, MISSING_TERM)


def term_case(project: Project) -> Iterator[Hit]:
    """A case-sensitive glossary term or name is written in the wrong case.

    Why: for terms marked `case: exact` the case is part of the house style
    (`Qi`, `Yin and Yang`) or of a name (`Qikan Yin`).
    Example: `the flow of qi` where the glossary fixes `Qi`.
    Instead: the form named in the finding.
    """
    return _hits(project, TERM_CASE)


def name_forbidden(project: Project) -> Iterator[Hit]:
    """A person's name is written in a form the glossary forbids.

    Why: a misspelt name is an error of fact; machine translation and homophones
    produce plausible wrong forms (`Qi-kan Yin`, `殷奇侃`, `尹琦侃`).
    Example: `作者：殷奇侃`.
    Instead: the name as its owner writes it: `殷琦侃`, `Qikan Yin`.
    """
    return _hits(project, NAME_FORBIDDEN)


def name_discouraged(project: Project) -> Iterator[Hit]:
    """A person's name is written in an accepted but discouraged form.

    Why: the glossary accepts the form (`Yin Qikan`, pinyin order) but the person
    signs differently; mixing forms in one article confuses readers and indexes.
    Example: `Yin Qikan` where the byline says `Qikan Yin`.
    Instead: the preferred form named in the finding.
    """
    return _hits(project, NAME_DISCOURAGED)
