"""Untranslatable text: what stays as it is in every language.

Text that is only code, identifiers (`defineExpose()`, `App.vue`, `KeepAlive`,
`snake_case`), numbers, URLs, do-not-translate glossary terms or names is copied
by a translator, not translated: it is neither "untranslated" (C001) nor
"identical to the source" (K002).
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


def prose_words(entry: Entry, project: Project) -> int:
    """How many words of the source are prose: not code, identifiers, URLs, numbers,
    names or do-not-translate terms."""
    text = entry.source_markup.plain.replace(CODE, " ").replace(OBJECT, " ")
    text = _URL.sub(" ", text)
    if project.glossary is not None:
        text = _mask_kept_terms(text, project)
    words = (token.strip(_EDGE) for token in text.split())
    return sum(len(_WORD.findall(word)) for word in words if not _IDENTIFIER.search(word))


def untranslatable(entry: Entry, project: Project) -> bool:
    """Whether the source has no prose at all: a translation copies it."""
    return prose_words(entry, project) == 0


def _mask_kept_terms(text: str, project: Project) -> str:
    """Blank out names and do-not-translate terms: kept as they are, they are right."""
    glossary = project.glossary
    assert glossary is not None
    for match in reversed(glossary.matcher(project.config.source_locale).find(text)):
        term = glossary.get(match.term_id)
        if term is not None and term.kind in ("name", "do-not-translate"):
            text = text[: match.start] + " " + text[match.end:]
    return text
