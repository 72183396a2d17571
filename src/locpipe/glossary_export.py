"""Export the glossary for CAT tools (TBX) and for Weblate (CSV).

TBX: ISO 30042 has two editions. TBX v3 (2019) writes `<tbx>` in the
namespace `urn:iso:std:iso:30042:ed-2` with `conceptEntry/langSec/termSec`;
TBX v2 (2008) writes `<martif>` with `termEntry/langSet/tig`, the same three
levels (concept, language, term) under older names. We write v2 TBX-Basic
because that is what translate-toolkit's `tbxfile` reads (it rejects a v3
`<tbx>` root), and Weblate imports TBX through translate-toolkit. Weblate
then reads: `administrativeStatus` deprecated -> a forbidden term;
`<descrip type="Translation needed">No` -> a read-only term; `<descrip>` ->
the source explanation; `<note from="translator">` -> the translation's.

Mapping: one `termEntry` per glossary id; a `langSet` per locale (BCP 47
tag, `zh-Hans`); a `tig` per literal form with preferred ->
`preferredTerm-admn-sts`, variants and discouraged forms ->
`admittedTerm-admn-sts` (a discouraged form is still accepted, with its
reason as a note), forbidden -> `deprecatedTerm-admn-sts`. Pattern forms and
exceptions are matching rules, not terms, and are not exported.

CSV: Weblate's glossary import reads a header naming its columns; we write
`source,target,context,developer_comments`, one file per target language,
with the glossary id as context. CSV has no flags, so accepted, discouraged
and forbidden forms go into the comment for translators to read.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from locpipe.glossary import Glossary, LocaleForms, Term

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
CSV_COLUMNS = ("source", "target", "context", "developer_comments")


def language_tag(locale: str) -> str:
    """Babel `zh_Hans` -> BCP 47 `zh-Hans`, as `xml:lang` wants it."""
    return locale.replace("_", "-")


def export_tbx(glossary: Glossary, source_locale: str = "en",
               locales: Sequence[str] | None = None) -> str:
    """The glossary as a TBX-Basic (v2, `martif`) document.

    `locales` limits the target languages; by default every locale of the
    glossary is written, the source one first.
    """
    wanted = [source_locale, *(loc for loc in (locales or glossary.locales)
                               if loc != source_locale)]
    root = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: language_tag(source_locale)})
    header = ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc")
    ET.SubElement(ET.SubElement(header, "sourceDesc"), "p").text = "locpipe glossary"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for term in glossary:
        if term.forms(source_locale) is not None:
            body.append(_term_entry(term, wanted))
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")


def _term_entry(term: Term, locales: Sequence[str]) -> ET.Element:
    entry = ET.Element("termEntry", {"id": term.id})
    source = term.forms(locales[0])
    if source is not None and source.note:
        ET.SubElement(entry, "descrip", {"type": "definition"}).text = source.note
    if term.kind == "do-not-translate":
        ET.SubElement(entry, "descrip", {"type": "Translation needed"}).text = "No"
    ET.SubElement(entry, "note").text = f"kind: {term.kind}" + (
        f"; source: {term.source}" if term.source else "")
    for index, locale in enumerate(locales):
        forms = term.forms(locale)
        if forms is not None:
            entry.append(_lang_set(locale, forms, translator_note=index > 0))
    return entry


def _lang_set(locale: str, forms: LocaleForms, translator_note: bool) -> ET.Element:
    lang_set = ET.Element("langSet", {_XML_LANG: language_tag(locale)})
    if translator_note and forms.note:
        ET.SubElement(lang_set, "note", {"from": "translator"}).text = forms.note
    _tig(lang_set, forms.preferred, "preferred", "")
    for form in forms.variants:
        if not form.pattern:
            _tig(lang_set, form.text, "admitted", form.reason)
    for form in forms.discouraged:
        if not form.pattern:
            _tig(lang_set, form.text, "admitted", f"discouraged: {form.reason}")
    for form in forms.forbidden:
        if not form.pattern:
            _tig(lang_set, form.text, "forbidden", form.reason)
    return lang_set


def _tig(parent: ET.Element, text: str, status: str, note: str) -> None:
    tig = ET.SubElement(parent, "tig")
    ET.SubElement(tig, "term").text = text
    ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = _STATUS[status]
    if note:
        ET.SubElement(tig, "note").text = note


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
