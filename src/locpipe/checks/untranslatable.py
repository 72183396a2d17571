"""Untranslatable text: what stays as it is in every language.

Text that is only code, identifiers (`defineExpose()`, `App.vue`, `KeepAlive`,
`snake_case`), numbers, URLs, do-not-translate glossary terms or names is copied
by a translator, not translated: it is neither "untranslated" (C001) nor
"identical to the source" (K002). Acronyms are names (`SSR`, `IIS`; not in text
that is all capitals, which is shouting, not naming), and so is an acronym's
expansion written beside it (`HMR (Hot Module Replacement)`,
`Internet Information Services (IIS)`: the initials spell the acronym).
"""

from __future__ import annotations

import re

from locpipe.checks.markdown import CODE, OBJECT
from locpipe.checks.model import Entry, Project

_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+|\bwww\.\S+", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")
# An identifier: an inner capital (camelCase, PascalCase), an underscore or sigil,
# a dot or a parenthesis between characters (`Nuxt.js`, `use()`), letters with digits.
_IDENTIFIER = re.compile(r"[a-z][A-Z]|[_$@#/\\=<>{}\[\]]|\w\.\w|\w\(|[A-Za-z]\d|\d[A-Za-z]")
_EDGE = "()[]{},.;:!?\"'“”‘’«»…"
_ACRONYM = re.compile(r"\b[A-Z]{2,5}s?\b")
_LETTERS = re.compile(r"[A-Za-z][A-Za-z-]*")
_EXPANDED = re.compile(r"\b([A-Z]{2,5})\s*\(([^()]+)\)|([^()]+?)\s*\(([A-Z]{2,5})\)")


def prose_words(entry: Entry, project: Project) -> int:
    """How many words of the source are prose: not code, identifiers, URLs, numbers,
    names or do-not-translate terms."""
    text = entry.source_markup.plain.replace(CODE, " ").replace(OBJECT, " ")
    text = _URL.sub(" ", text)
    if project.glossary is not None:
        text = _mask_kept_terms(text, project)
    text = _mask_acronyms(text)
    words = (token.strip(_EDGE) for token in text.split())
    return sum(len(_WORD.findall(word)) for word in words if not _IDENTIFIER.search(word))


def untranslatable(entry: Entry, project: Project) -> bool:
    """Whether the source has no prose at all: a translation copies it."""
    return prose_words(entry, project) == 0


def _mask_acronyms(text: str) -> str:
    """Blank out acronyms and the expansions written beside them, unless the text has
    no lower case at all."""
    if not any(c.islower() for c in text):
        return text
    text = _EXPANDED.sub(_expansion, text)
    return _ACRONYM.sub(" ", text)


def _expansion(match: re.Match[str]) -> str:
    acronym = match.group(1) or match.group(4)
    words = _LETTERS.findall(match.group(2) or match.group(3))
    # The expansion is the last len(acronym) words before `(ACR)`, or all the words
    # in `ACR (...)`; their initials, in order, must spell the acronym.
    named = words if match.group(1) else words[-len(acronym):]
    if "".join(w[0] for w in named).upper() != acronym:
        return match.group()
    if match.group(1):
        return " "
    prose = match.group(3)
    cut = [m.start() for m in _LETTERS.finditer(prose)][-len(acronym)]
    return prose[:cut] + " "


def _mask_kept_terms(text: str, project: Project) -> str:
    """Blank out names and do-not-translate terms: kept as they are, they are right."""
    glossary = project.glossary
    assert glossary is not None
    for match in reversed(glossary.matcher(project.config.source_locale).find(text)):
        term = glossary.get(match.term_id)
        if term is not None and term.kind in ("name", "do-not-translate"):
            text = text[: match.start] + " " + text[match.end:]
    return text
