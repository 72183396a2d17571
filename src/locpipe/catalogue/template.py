"""Templates: one `.pot` entry per distinct text of an article, and new catalogues."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import polib
from babel import Locale
from babel.messages.plurals import get_plural

from locpipe import __version__
from locpipe.markdown.segment import Document
from locpipe.po.state import Key

Hints = Callable[[str], list[str]]


def creation_date() -> str:
    """Now, or SOURCE_DATE_EPOCH for reproducible builds, as gettext writes dates."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else int(time.time())
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(seconds))


def template(doc: Document, hints: Hints | None = None) -> polib.POFile:
    """The `.pot` of one article: one entry per distinct text, in source order."""
    pot = polib.POFile(wrapwidth=0)
    pot.metadata = {
        "Project-Id-Version": doc.slug,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": creation_date(),
        "PO-Revision-Date": creation_date(),
        "Last-Translator": "",
        "Language-Team": "",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Generated-By": f"locpipe {__version__}",
    }
    entries: dict[Key, polib.POEntry] = {}
    for segment in doc.segments:
        key = (segment.context, segment.msgid)
        entry = entries.get(key)
        if entry is None:
            entry = polib.POEntry(msgid=segment.msgid, msgstr="", msgctxt=segment.context)
            entry.comment = segment.kind
            entries[key] = entry
            pot.append(entry)
        elif segment.kind not in entry.comment.split(", "):
            entry.comment += f", {segment.kind}"
        entry.occurrences.append((doc.path, str(segment.line)))
    if hints:
        for entry in pot:
            entry.comment = "\n".join([entry.comment, *hints(entry.msgid)])
    return pot


def new_catalogue(pot: polib.POFile, locale: str) -> polib.POFile:
    """An empty translation of `pot` for `locale`, with gettext's standard header."""
    po = polib.POFile(wrapwidth=0)
    meta = dict(pot.metadata)
    meta.pop("Generated-By", None)
    po.metadata = {
        **{k: meta[k] for k in ("Project-Id-Version", "Report-Msgid-Bugs-To",
                                "POT-Creation-Date") if k in meta},
        "PO-Revision-Date": meta.get("POT-Creation-Date", creation_date()),
        "Last-Translator": "",
        **language_header(locale),
    }
    return po


def language_header(locale: str) -> dict[str, str]:
    """The header fields of a catalogue in `locale`: its language, encoding and plurals."""
    return {
        "Language-Team": Locale.parse(locale).english_name or locale,
        "Language": locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms(locale),
    }


def plural_forms(locale: str) -> str:
    plural = get_plural(locale)
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


