"""Export the glossary for CAT tools (TBX) and for Weblate (CSV).

TBX: ISO 30042 has two editions and `export_tbx` writes either, with the
same content at the same three levels (concept, language, term):

- v2 (`version=2`, the default; `--tbx-version 2`): TBX-Basic as of 2008,
  `<martif type="TBX-Basic">` with `termEntry/langSet/tig`. Use it for
  Weblate and anything else built on translate-toolkit: translate-toolkit's
  `tbxfile` reads only this form (it rejects a v3 `<tbx>` root), and Weblate
  imports TBX through translate-toolkit. Weblate then reads:
  `administrativeStatus` deprecated -> a forbidden term;
  `<descrip type="Translation needed">No` -> a read-only term; `<descrip>`
  -> the source explanation; `<note from="translator">` -> the translation's.
- v3 (`version=3`; `--tbx-version 3`): ISO 30042:2019, in its TBX-Basic
  dialect: `<tbx type="TBX-Basic" style="dca">` in the namespace
  `urn:iso:std:iso:30042:ed-2`, with `tbxHeader` and
  `conceptEntry/langSec/termSec`. Use it for tools that implement
  ISO 30042:2019 or check files against the TBX-Basic v3 schemas (LTAC's
  RELAX NG and Schematron); translate-toolkit, and so Weblate, cannot read
  it. The two Weblate extensions are left out because TBX-Basic v3 does not
  allow them (`descrip` types are only context, definition and subjectField;
  `note` has no `from`): a do-not-translate term says so in its `kind:` note,
  and a translator note is a plain `note` in its `langSec`.

Mapping: one concept (`termEntry`, `conceptEntry`) per glossary id whose
source locale has forms, with the source locale's note as its definition and
a `kind: ...; source: ...` note; a language section (`langSet`, `langSec`)
per locale (BCP 47 tag, `zh-Hans`); a term (`tig`, `termSec`) per literal
form with preferred -> `preferredTerm-admn-sts`, variants and discouraged
forms -> `admittedTerm-admn-sts` (a discouraged form is still accepted, with
its reason as a note), forbidden -> `deprecatedTerm-admn-sts`. Pattern forms
and exceptions are matching rules, not terms, and are not exported.
`_concepts` makes that walk once for both writers.

CSV: Weblate's glossary import reads a header naming its columns; we write
`source,target,context,developer_comments`, one file per target language,
with the glossary id as context. CSV has no flags, so accepted, discouraged
and forbidden forms go into the comment for translators to read.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from locpipe.glossary.terms import Glossary, LocaleForms, Term

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
TBX_VERSIONS = (2, 3)
TBX3_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
CSV_COLUMNS = ("source", "target", "context", "developer_comments")


def language_tag(locale: str) -> str:
    """Babel `zh_Hans` -> BCP 47 `zh-Hans`, as `xml:lang` wants it."""
    return locale.replace("_", "-")


@dataclass(frozen=True)
class _TermForm:
    """One literal form: a `tig` (v2) or a `termSec` (v3)."""

    text: str
    status: str
    """A key of `_STATUS`."""
    note: str = ""


@dataclass(frozen=True)
class _Language:
    """One locale of a concept: a `langSet` (v2) or a `langSec` (v3)."""

    locale: str
    note: str
    """The translator note; empty for the source locale, whose note is the definition."""
    forms: tuple[_TermForm, ...]


@dataclass(frozen=True)
class _Concept:
    """One glossary term: a `termEntry` (v2) or a `conceptEntry` (v3)."""

    id: str
    definition: str
    do_not_translate: bool
    note: str
    languages: tuple[_Language, ...]


def export_tbx(glossary: Glossary, source_locale: str = "en",
               locales: Sequence[str] | None = None, version: int = 2) -> str:
    """The glossary as TBX-Basic: v2 (`martif`, the default) or v3 (ISO 30042:2019).

    `locales` limits the target languages; by default every locale of the
    glossary is written, the source one first.
    """
    if version not in TBX_VERSIONS:
        raise ValueError(f"TBX version must be 2 or 3, not {version!r}")
    concepts = _concepts(glossary, source_locale, locales or glossary.locales)
    lang = language_tag(source_locale)
    root = _tbx2(concepts, lang) if version == 2 else _tbx3(concepts, lang)
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")


def _concepts(glossary: Glossary, source_locale: str,
              locales: Sequence[str]) -> Iterator[_Concept]:
    """What both TBX versions write: the terms with source forms, source locale first."""
    wanted = [source_locale, *(loc for loc in locales if loc != source_locale)]
    for term in glossary:
        source = term.forms(source_locale)
        if source is not None:
            yield _Concept(
                id=term.id, definition=source.note,
                do_not_translate=term.kind == "do-not-translate",
                note=f"kind: {term.kind}" + (f"; source: {term.source}" if term.source else ""),
                languages=tuple(_language(locale, forms, is_source=index == 0)
                                for index, locale in enumerate(wanted)
                                if (forms := term.forms(locale)) is not None))


def _language(locale: str, forms: LocaleForms, is_source: bool) -> _Language:
    literal = [
        *(_TermForm(f.text, "admitted", f.reason) for f in forms.variants if not f.pattern),
        *(_TermForm(f.text, "admitted", f"discouraged: {f.reason}")
          for f in forms.discouraged if not f.pattern),
        *(_TermForm(f.text, "forbidden", f.reason) for f in forms.forbidden if not f.pattern),
    ]
    return _Language(locale, "" if is_source else forms.note,
                     (_TermForm(forms.preferred, "preferred"), *literal))


def _tbx2(concepts: Iterable[_Concept], lang: str) -> ET.Element:
    root = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: lang})
    body = _header_and_body(root, "martifHeader")
    for concept in concepts:
        entry = ET.SubElement(body, "termEntry", {"id": concept.id})
        if concept.definition:
            ET.SubElement(entry, "descrip", {"type": "definition"}).text = concept.definition
        if concept.do_not_translate:
            ET.SubElement(entry, "descrip", {"type": "Translation needed"}).text = "No"
        ET.SubElement(entry, "note").text = concept.note
        for language in concept.languages:
            lang_set = ET.SubElement(entry, "langSet", {_XML_LANG: language_tag(language.locale)})
            if language.note:
                ET.SubElement(lang_set, "note", {"from": "translator"}).text = language.note
            for form in language.forms:
                _term(ET.SubElement(lang_set, "tig"), form)
    return root


def _tbx3(concepts: Iterable[_Concept], lang: str) -> ET.Element:
    # Tags stay unqualified and the default namespace is a plain attribute:
    # serialised, every element is in TBX3_NAMESPACE, with no prefixes.
    root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", _XML_LANG: lang,
                              "xmlns": TBX3_NAMESPACE})
    body = _header_and_body(root, "tbxHeader")
    for concept in concepts:
        entry = ET.SubElement(body, "conceptEntry", {"id": concept.id})
        if concept.definition:
            ET.SubElement(entry, "descrip", {"type": "definition"}).text = concept.definition
        ET.SubElement(entry, "note").text = concept.note
        for language in concept.languages:
            lang_sec = ET.SubElement(entry, "langSec", {_XML_LANG: language_tag(language.locale)})
            if language.note:
                ET.SubElement(lang_sec, "note").text = language.note
            for form in language.forms:
                _term(ET.SubElement(lang_sec, "termSec"), form)
    return root


def _header_and_body(root: ET.Element, header: str) -> ET.Element:
    """`<header><fileDesc><sourceDesc><p>` and `<text><body>`; returns the body."""
    file_desc = ET.SubElement(ET.SubElement(root, header), "fileDesc")
    ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p").text = "locpipe glossary"
    return ET.SubElement(ET.SubElement(root, "text"), "body")


def _term(parent: ET.Element, form: _TermForm) -> None:
    """Fill a `tig` or `termSec`: the term, its status and its note."""
    ET.SubElement(parent, "term").text = form.text
    ET.SubElement(parent, "termNote", {"type": "administrativeStatus"}).text = \
        _STATUS[form.status]
    if form.note:
        ET.SubElement(parent, "note").text = form.note


def export_csv(glossary: Glossary, target_locale: str, source_locale: str = "en") -> str:
    """The glossary as one Weblate CSV file for `target_locale`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for term in glossary:
        source = term.forms(source_locale)
        if source is not None:
            target = term.forms(target_locale)
            writer.writerow([source.preferred, target.preferred if target else "", term.id,
                             _comment(term, source, target)])
    return out.getvalue()


def _comment(term: Term, source: LocaleForms, target: LocaleForms | None) -> str:
    parts = ["do not translate"] if term.kind == "do-not-translate" else []
    parts += [note for note in (source.note, target.note if target else "") if note]
    if target is not None:
        parts += _form_list("also accepted", [f.text for f in target.variants if not f.pattern])
        parts += _form_list("discouraged", [f"{f.text} ({f.reason})"
                                            for f in target.discouraged if not f.pattern])
        parts += _form_list("forbidden", [f"{f.text} ({f.reason})"
                                          for f in target.forbidden if not f.pattern])
    return " | ".join(parts)


def _form_list(label: str, items: Sequence[str]) -> list[str]:
    return [f"{label}: {', '.join(items)}"] if items else []
