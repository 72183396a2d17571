"""The table of rules: one line per rule, in the order they run and are listed.

A code never changes meaning once released; a retired rule's code is not reused.
Groups: G glossary and names, M Markdown integrity, S security, T Chinese
typography, C completeness, K consistency, V catalogue validity.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

from locpipe.checks import (
    completeness,
    consistency,
    constructs,
    glossary_rules,
    markup,
    publishing,
    security,
    typography,
    validity,
)
from locpipe.checks.finding import ERROR, WARNING
from locpipe.checks.model import RuleFunc


@dataclass(frozen=True)
class Rule:
    """One check, as `--list-rules`, the docs page and the configuration name it."""

    code: str
    """Stable code: a group letter and three digits, such as `M001`."""
    name: str
    """Stable kebab-case name; usable wherever a code is."""
    severity: str
    """Default severity, `error` or `warning`; `locpipe.yaml` may override it."""
    summary: str
    """One line: what the rule reports."""
    doc: str
    """What it does, why, an example, and what to write instead (Markdown)."""
    func: RuleFunc
    """Reads the project and yields `(Location, message)` pairs."""

    @property
    def group(self) -> str:
        return GROUPS[self.code[0]]


GROUPS = {
    "G": "Glossary and names", "M": "Markdown integrity", "S": "Security",
    "T": "Chinese typography", "C": "Completeness", "K": "Consistency",
    "V": "Catalogue validity",
}


def _rule(code: str, name: str, severity: str, func: RuleFunc) -> Rule:
    """A table row; the summary is the first line of the function's docstring, the doc the rest."""
    summary, _, doc = inspect.cleandoc(func.__doc__ or "").partition("\n")
    return Rule(code, name, severity, summary.strip(), doc.strip(), func)


RULES: tuple[Rule, ...] = (
    _rule("G001", "forbidden-term", ERROR, glossary_rules.forbidden_term),
    _rule("G002", "discouraged-term", WARNING, glossary_rules.discouraged_term),
    _rule("G003", "missing-term", WARNING, glossary_rules.missing_term),
    _rule("G004", "term-case", WARNING, glossary_rules.term_case),
    _rule("G005", "name-forbidden", ERROR, glossary_rules.name_forbidden),
    _rule("G006", "name-discouraged", WARNING, glossary_rules.name_discouraged),
    _rule("M001", "link-url-changed", WARNING, markup.link_urls),
    _rule("M002", "inline-code-changed", ERROR, markup.inline_code),
    _rule("M003", "emphasis-lost", ERROR, markup.emphasis_lost),
    _rule("M004", "footnote-changed", ERROR, markup.footnotes_lost),
    _rule("M005", "broken-link-syntax", ERROR, markup.broken_link_syntax),
    _rule("M006", "block-structure-changed", ERROR, markup.block_structure),
    _rule("M007", "inline-code-dropped", WARNING, markup.inline_code_dropped),
    _rule("M008", "emphasis-dropped", WARNING, markup.emphasis_dropped),
    _rule("M009", "not-published", ERROR, publishing.unpublishable),
    _rule("M010", "inline-construct-changed", ERROR, constructs.inline_constructs),
    _rule("S001", "raw-html", ERROR, security.raw_html),
    _rule("S002", "unsafe-url", ERROR, security.unsafe_url),
    _rule("S003", "foreign-host", ERROR, security.foreign_host),
    _rule("T001", "halfwidth-punctuation", WARNING, typography.halfwidth_punctuation),
    _rule("T002", "cjk-latin-spacing", WARNING, typography.cjk_latin_spacing),
    _rule("T003", "ascii-quotes", WARNING, typography.ascii_quotes),
    _rule("T004", "repeated-punctuation", WARNING, typography.repeated_punctuation),
    _rule("T005", "space-around-fullwidth", WARNING, typography.space_around_fullwidth),
    _rule("T006", "fullwidth-alphanumerics", WARNING, typography.fullwidth_alphanumerics),
    _rule("T007", "ellipsis-dash", WARNING, typography.ellipsis_dash),
    _rule("C001", "untranslated", WARNING, completeness.untranslated),
    _rule("C002", "fuzzy", WARNING, completeness.fuzzy),
    _rule("C003", "obsolete", WARNING, completeness.obsolete),
    _rule("C004", "locale-incomplete", ERROR, completeness.locale_incomplete),
    _rule("K001", "inconsistent-translation", WARNING, consistency.inconsistent_translation),
    _rule("K002", "same-as-source", WARNING, consistency.same_as_source),
    _rule("V001", "msgfmt-rejects", ERROR, validity.msgfmt_rejects),
    _rule("V002", "language-mismatch", ERROR, validity.language_mismatch),
    _rule("V003", "msgfmt-missing", WARNING, validity.msgfmt_missing),
    _rule("V004", "article-rejected", ERROR, publishing.rejected_articles),
    _rule("V005", "catalogue-rejected", ERROR, publishing.rejected_catalogues),
)

BY_KEY: dict[str, Rule] = {key: r for r in RULES for key in (r.code, r.name)}
"""Each rule under its code and under its name."""
