"""TMX 1.4b, the translation memories CAT tools exchange: read and written.

Reading takes what Trados, memoQ, OmegaT and Okapi write: a `<tuv>` per language,
named by `xml:lang` (or TMX 1.1's `lang`), inline codes (`<bpt>`, `<ept>`, `<ph>`,
`<it>`, `<hi>`, `<ut>`) kept as the text they stand for, `<sub>` flows, `<prop>`
and `<note>` elements passed over, except `<prop type="x-context">`, which is how
locpipe writes a msgctxt. A language matches when it names the same language in
the same script once both are filled in with CLDR's likely subtags: `zh-CN`
matches `zh_Hans`, `zh-TW` does not; `en-US` matches `en`.

Writing gives a document valid against the TMX 1.4b DTD: the text escaped, never
in CDATA (a `]]>` in a text is as safe as any other), carriage returns as
character references so that no parser folds them; a text with a character XML
1.0 cannot hold (most C0 controls) is left out, and counted.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from locpipe import __version__
from locpipe.errors import LocpipeError

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_INLINE_SKIPPED = {"sub"}
"""A `<sub>` is a text of its own (a footnote inside a code), not part of the segment."""
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
CONTEXT_PROP = "x-context"


@dataclass(frozen=True, slots=True)
class TmxUnit:
    """One translation unit, reduced to what a memory needs."""

    source: str
    target: str
    context: str | None = None


# --------------------------------------------------------------- reading

def read_tmx(path: Path, source_locale: str, locale: str) -> list[TmxUnit]:
    """The units of `path` with a segment in both languages, in document order."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise LocpipeError(f"not a TMX file: {exc}", path, line,
                           "export it again from the CAT tool, as TMX 1.4") from None
    except OSError as exc:
        raise LocpipeError(f"cannot read the file: {exc.strerror}", path) from None
    if root.tag != "tmx" or root.find("body") is None:
        raise LocpipeError("not a TMX file: no <tmx> with a <body>", path, 1,
                           "export it again from the CAT tool, as TMX 1.4")
    source, target = _Language(source_locale), _Language(locale)
    units = []
    for tu in root.iter("tu"):
        unit = _unit(tu, source, target)
        if unit is not None:
            units.append(unit)
    return units


def _unit(tu: ET.Element, source: _Language, target: _Language) -> TmxUnit | None:
    texts: dict[str, str] = {}
    for tuv in tu.findall("tuv"):
        tag = tuv.get(_XML_LANG) or tuv.get("lang") or ""
        seg = tuv.find("seg")
        if seg is None:
            continue
        for side, language in (("source", source), ("target", target)):
            if side not in texts and language.matches(tag):
                texts[side] = seg_text(seg)
    if not texts.get("source") or not texts.get("target"):
        return None
    context = next((p.text or "" for p in tu.findall("prop")
                    if p.get("type") == CONTEXT_PROP), None)
    return TmxUnit(texts["source"], texts["target"], context)


def seg_text(seg: ET.Element) -> str:
    """The text of a `<seg>`, its inline codes read as the text they stand for."""
    parts = [seg.text or ""]
    for child in seg:
        if child.tag not in _INLINE_SKIPPED:
            parts.append(seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


class _Language:
    """A locale, compared with language tags by language and script."""

    def __init__(self, locale: str) -> None:
        self.tag = locale.replace("_", "-").lower()
        self.full = _language_script(locale)

    def matches(self, tag: str) -> bool:
        tag = tag.replace("_", "-").strip()
        return tag.lower() == self.tag or (self.full is not None
                                           and _language_script(tag) == self.full)


def _language_script(tag: str) -> tuple[str, str | None] | None:
    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (ValueError, UnknownLocaleError, TypeError):
        return None
    if locale.script:
        return locale.language, locale.script
    likely = get_global("likely_subtags").get(locale.language, "")
    parts = likely.split("_")
    return locale.language, (parts[1] if len(parts) > 2 else None)


# --------------------------------------------------------------- writing

def writable(text: str) -> bool:
    """Whether XML 1.0 can hold `text`: no C0 control but tab and line breaks."""
    return _NOT_XML.search(text) is None


def tmx_lines(units: Iterable[TmxUnit], source_tag: str, target_tag: str) -> Iterator[str]:
    """A TMX 1.4b document, line by line; units XML cannot hold are left out."""
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    yield '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
    yield '<tmx version="1.4">'
    yield (f'  <header creationtool="locpipe" creationtoolversion="{_attr(__version__)}" '
           f'segtype="block" o-tmf="gettext PO" adminlang="en" '
           f'srclang="{_attr(source_tag)}" datatype="plaintext"/>')
    yield "  <body>"
    for unit in units:
        if not (writable(unit.source) and writable(unit.target)
                and writable(unit.context or "")):
            continue
        yield "    <tu>"
        if unit.context is not None:
            yield f'      <prop type="{CONTEXT_PROP}">{_text(unit.context)}</prop>'
        yield f'      <tuv xml:lang="{_attr(source_tag)}"><seg>{_text(unit.source)}</seg></tuv>'
        yield f'      <tuv xml:lang="{_attr(target_tag)}"><seg>{_text(unit.target)}</seg></tuv>'
        yield "    </tu>"
    yield "  </body>"
    yield "</tmx>"


def _text(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _attr(text: str) -> str:
    return _text(text).replace('"', "&quot;")
