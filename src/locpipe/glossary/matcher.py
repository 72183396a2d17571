"""Find glossary forms in a text with one automaton per glossary and locale.

Literal forms go into one Aho-Corasick automaton over a folded copy of the
text (fullwidth ASCII to ASCII, lower case, one character for one, so spans
stay valid in the original); the few regular-expression forms go into one
compiled pattern. Both only propose candidates. Latin forms must sit on word
boundaries, and the candidates are then resolved leftmost-longest without
overlaps: `Qikan Yin` claims its span before the term `Yin` can, `天气`
(an exception of `气`) claims its span and reports nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import ahocorasick

Status = Literal["preferred", "variant", "warning", "forbidden"]
RuleStatus = Literal["preferred", "variant", "warning", "forbidden", "exception"]

# Latin letters and digits: a Latin form must not continue into one of these.
# Han, kana and punctuation are not word characters, so `气Qi` still matches.
_WORD_CLASS = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_WORD_CHARS = frozenset(
    chr(cp) for cp in range(0x250) if re.fullmatch(f"[{_WORD_CLASS}]", chr(cp))
)

# One character for one character, so that indexes into the folded text are
# indexes into the original. Full NFKC would turn "…" into "..." and shift them.
_FOLD_TABLE: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_FOLD_TABLE.update({
    0x3000: " ", 0x00A0: " ", 0x09: " ", 0x0A: " ", 0x0D: " ",
    0x2018: "'", 0x2019: "'", 0x2010: "-", 0x2011: "-",
})
# str.translate looks up every character; a regex touches only the few that fold.
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD_TABLE)) + "]")

_STATUS_RANK: dict[str, int] = {
    "preferred": 0, "variant": 1, "warning": 2, "forbidden": 3, "exception": 4,
}
# Tie-break between candidates on one span: literal forms, patterns, exceptions.
_LITERAL, _PATTERN, _EXCEPTION = 0, 1, 2


def fold_case_kept(text: str) -> str:
    """Fold fullwidth ASCII, odd spaces, curly apostrophes and hyphens; keep case."""
    return _FOLDABLE.sub(lambda m: _FOLD_TABLE[ord(m.group())], text)


def fold(text: str) -> str:
    """`fold_case_kept`, then lower case, keeping the length of `text`."""
    return _lower(fold_case_kept(text))


def _lower(kept: str) -> str:
    lowered = kept.lower()
    if len(lowered) == len(kept):
        return lowered
    # A few characters grow when lower-cased ("İ" -> "i̇"); keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in kept)


def _haystack(folded: str) -> str:
    """The automaton's alphabet: UTF-8 bytes, one character each.

    pyahocorasick scans a node's children one by one, and a Chinese glossary
    gives the root thousands of them; as bytes no node has more than 256.
    ASCII text is its own encoding.
    """
    return folded if folded.isascii() else folded.encode("utf-8").decode("latin-1")


@dataclass(frozen=True)
class Rule:
    """One form of one term in one locale, as the matcher looks for it."""

    term_id: str
    """The glossary id of the term the form belongs to."""
    form: str
    """The literal form, or a regular expression when `pattern` is true."""
    status: RuleStatus
    """What finding the form means; `exception` claims its span and reports nothing."""
    reason: str = ""
    """Why the form is discouraged or forbidden."""
    pattern: bool = False
    """Whether `form` is a regular expression (matched case-insensitively)."""
    exact_case: bool = False
    """Whether an accepted form found in another case is reported as a warning."""


@dataclass(frozen=True)
class Match:
    """One glossary form found in a text."""

    term_id: str
    """The glossary id of the term."""
    form: str
    """The glossary form that matched (a regular expression for pattern forms)."""
    text: str
    """The text as found, `original[start:end]`."""
    status: Status
    """`preferred`, `variant`, `warning` (discouraged or wrong case) or `forbidden`."""
    reason: str
    """Why a `warning` or `forbidden` form should not be used; empty otherwise."""
    start: int
    """Index of the first character in the original text."""
    end: int
    """Index after the last character in the original text."""


# (start, -length, tie-break, rule index): sorting gives leftmost-longest first.
_Candidate = tuple[int, int, int, int]


class Matcher:
    """All forms of one locale, compiled once; `find` is cheap to call per text."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        self._forms = tuple(fold_case_kept(rule.form) for rule in self.rules)
        self._ties = tuple(_EXCEPTION if r.status == "exception"
                           else _PATTERN if r.pattern else _LITERAL for r in self.rules)
        self._automaton = self._build_automaton()
        self._patterns, self._pattern_rules = self._build_patterns()

    def _build_automaton(self) -> ahocorasick.Automaton | None:
        keys: dict[str, list[int]] = {}
        for index, rule in enumerate(self.rules):
            if not rule.pattern:
                keys.setdefault(fold(rule.form), []).append(index)
        if not keys:
            return None
        automaton = ahocorasick.Automaton()
        for key, indexes in keys.items():
            automaton.add_word(_haystack(key), (len(key), tuple(indexes)))
        automaton.make_automaton()
        return automaton

    def _build_patterns(self) -> tuple[re.Pattern[str] | None, dict[str, int]]:
        by_group = {f"g{i}": i for i, rule in enumerate(self.rules) if rule.pattern}
        if not by_group:
            return None, {}
        parts = [f"(?P<{g}>{self.rules[i].form})" for g, i in by_group.items()]
        return re.compile("|".join(parts), re.IGNORECASE), by_group

    def find(self, text: str) -> list[Match]:
        """Every glossary occurrence in `text`, without overlaps, sorted by start."""
        kept = fold_case_kept(text)
        folded = _lower(kept)
        candidates = self._literal_candidates(kept, folded)
        candidates += self._pattern_candidates(folded)
        candidates.sort()
        matches: list[Match] = []
        claimed = 0
        for start, negative_length, tie, index in candidates:
            if start >= claimed:
                claimed = start - negative_length
                if tie != _EXCEPTION:
                    matches.append(self._match(index, text, kept, start, claimed))
        return matches

    def _literal_candidates(self, kept: str, folded: str) -> list[_Candidate]:
        if self._automaton is None:
            return []
        found: list[_Candidate] = []
        encoded = b"" if folded.isascii() else folded.encode("utf-8")
        byte_stop = char_stop = 0
        for last, (length, indexes) in self._automaton.iter(_haystack(folded)):
            if encoded:
                # Hits arrive by increasing end: count the characters since the last one.
                char_stop += len(encoded[byte_stop:last + 1].decode("utf-8"))
                byte_stop = last + 1
            end = char_stop if encoded else last + 1
            start = end - length
            if _on_boundaries(folded, start, end):
                index = indexes[0] if len(indexes) == 1 else self._pick(indexes, kept[start:end])
                found.append((start, -length, self._ties[index], index))
        return found

    def _pattern_candidates(self, folded: str) -> list[_Candidate]:
        if self._patterns is None:
            return []
        found: list[_Candidate] = []
        for hit in self._patterns.finditer(folded):
            start, end = hit.span()
            # A look-around-only pattern finds empty spans, which claim nothing.
            if end > start and hit.lastgroup and _on_boundaries(folded, start, end):
                index = self._pattern_rules[hit.lastgroup]
                found.append((start, start - end, self._ties[index], index))
        return found

    def _pick(self, indexes: Sequence[int], found: str) -> int:
        """The rule a folded key stands for: the form written exactly as found
        first, then the most accepting status (a form that one term accepts and
        another forbids is the accepted one), then glossary order."""
        def rank(i: int) -> tuple[bool, int, int]:
            return self._forms[i] != found, _STATUS_RANK[self.rules[i].status], i
        return min(indexes, key=rank)

    def _match(self, index: int, text: str, kept: str, start: int, end: int) -> Match:
        rule = self.rules[index]
        status = rule.status
        # `find` never reports the span an exception claims.
        assert status != "exception"
        reason = rule.reason
        checked = rule.exact_case and not rule.pattern and status in ("preferred", "variant")
        if checked and kept[start:end] != self._forms[index]:
            status, reason = "warning", f"write {rule.form!r}: the case of this term is fixed"
        return Match(rule.term_id, rule.form, text[start:end], status, reason, start, end)


def _on_boundaries(folded: str, start: int, end: int) -> bool:
    """False when a Latin form starts or ends inside a Latin word (`Qi` in `Qikan`)."""
    if start > 0 and folded[start] in _WORD_CHARS and folded[start - 1] in _WORD_CHARS:
        return False
    return not (end < len(folded) and folded[end - 1] in _WORD_CHARS
                and folded[end] in _WORD_CHARS)


_BACKREFERENCE = re.compile(r"\\(?:[1-9]|g<)|\(\?P=")


def pattern_problem(pattern: str) -> str | None:
    """Why `pattern` cannot be a glossary form, or None when it can.

    Patterns are combined into one regular expression, so they may not use
    named groups or back-references, and must not match the empty text.
    """
    try:
        compiled = re.compile(f"(?P<g>{pattern})", re.IGNORECASE)
    except re.error as exc:
        return f"does not compile: {exc}"
    if len(compiled.groupindex) > 1 or _BACKREFERENCE.search(pattern):
        return "uses named groups or back-references, which patterns cannot"
    if compiled.fullmatch(""):
        return "matches the empty text"
    return None
