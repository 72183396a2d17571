"""The memory as other tools read it: TMX 1.4b for CAT tools, a compendium for gettext.

Both hold each (msgctxt, source text) once, with the translation a lookup would
give (`memory.pairs`), in the memory's order: catalogues by slug, entries in
catalogue order, then the external files. The compendium is a `.po` written as
`msgcat` writes it, which `msgmerge --compendium` reads: each entry names where
its translation came from in a `#.` line. TMX has no msgctxt: it travels as
`<prop type="x-context">`, which `catalogue.tmx` reads back.
"""

from __future__ import annotations

import polib

from locpipe import __version__
from locpipe.catalogue.memory import Memory, pairs
from locpipe.catalogue.template import language_header
from locpipe.catalogue.tmx import TmxUnit, tmx_lines, writable
from locpipe.project import lang_tag


def compendium(memory: Memory, locale: str) -> polib.POFile:
    """The memory of `locale` as a gettext compendium."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Project-Id-Version": "locpipe translation memory",
                   **language_header(locale), "Generated-By": f"locpipe {__version__}"}
    for unit in pairs(memory):
        entry = polib.POEntry(msgctxt=unit.context, msgid=unit.source, msgstr=unit.target)
        entry.comment = f"from {unit.origin}"
        po.append(entry)
    return po


def tmx_text(memory: Memory, source_locale: str, locale: str) -> tuple[str, int]:
    """The memory as a TMX 1.4b document, and how many units XML 1.0 could not hold."""
    units = [TmxUnit(u.source, u.target, u.context) for u in pairs(memory)]
    left_out = sum(not (writable(u.source) and writable(u.target) and writable(u.context or ""))
                   for u in units)
    lines = tmx_lines(units, lang_tag(source_locale), lang_tag(locale))
    return "\n".join(lines) + "\n", left_out
