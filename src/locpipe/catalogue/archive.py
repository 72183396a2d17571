"""The archive of a locale: translations of articles that have gone, kept as obsolete
entries so that no translator's work is lost when `locpipe prune --catalogues`
removes their catalogues.

`locales/<locale>/archive.po` holds only obsolete (`#~`) entries: gettext's tools
read it as a catalogue that translates nothing, and a translation memory can
still draw on it. An entry archived again replaces the one archived before.
"""

from __future__ import annotations

import polib

from locpipe.catalogue.template import new_catalogue
from locpipe.po.state import Key


def archived(archive: polib.POFile | None, pruned: polib.POFile, locale: str,
             origin: str) -> polib.POFile:
    """`archive` (or a new one for `locale`) with every translated entry of `pruned`,
    active or obsolete, added as an obsolete entry naming `origin` in a comment."""
    result = archive if archive is not None else new_catalogue(polib.POFile(), locale)
    entries: dict[Key, polib.POEntry] = {(e.msgctxt, e.msgid): e for e in result}
    for entry in pruned:
        if not (entry.msgstr or any(entry.msgstr_plural.values())):
            continue  # nothing a translator wrote
        entries[entry.msgctxt, entry.msgid] = polib.POEntry(
            msgctxt=entry.msgctxt, msgid=entry.msgid, msgid_plural=entry.msgid_plural,
            msgstr=entry.msgstr, msgstr_plural=dict(entry.msgstr_plural),
            flags=list(entry.flags), tcomment=entry.tcomment,
            comment=f"archived from {origin}", obsolete=True)
    result[:] = list(entries.values())
    return result
