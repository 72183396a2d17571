"""An aligned corpus of professional translations, for measuring `locpipe check`'s precision.

`dialects/vitepress` holds pages of the Pinia and Vue Router documentation in
English, `dialects/vitepress-zh` the published Chinese translation of the same
pages at the same relative paths. Each page is segmented on both sides and cut
into sections at its headings; sections whose segments have the same block kinds
in the same order are aligned (`difflib` over the sections' kind sequences, so
a section the translation added or dropped does not shift the rest), and their
entries become a project: the English pages under `content/`, one catalogue per
page holding only the aligned entries, translated with the published Chinese.
A page published in English (no Chinese in it) is no translation and is left out.

The Chinese pages keep the English heading ids as `%{#id}%` after each heading
(the translation team's own convention): a section whose id does not match the
English heading's slug is not aligned, and the marker is not part of the
translation (in a locpipe project the id is structure copied from the source).

Run as a script to print the figures: `python tests/precision_support.py`.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

from locpipe.catalogue.template import new_catalogue, template
from locpipe.markdown.segment import Document, Segment, segment_text
from locpipe.po.writer import write_po_text

ROOT = Path(__file__).resolve().parent.parent
DIALECTS = ROOT.parent / "shared" / "corpus" / "dialects"
ENGLISH = DIALECTS / "vitepress"
CHINESE = DIALECTS / "vitepress-zh"
LOCALE = "zh_Hans"
DIALECT_MARKERS = (":::", "{#", "[!")
"""Text that the Markdown dialect work turns into structure, out of the msgids."""

_ANCHOR = re.compile(r"\s*%\{#([^}]*)\}%\s*$")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Pair:
    """One aligned entry: an English segment and its published translation."""

    page: str
    """The page's path relative to the corpus folder, `/`-separated."""
    source: Segment
    """The English segment."""
    translation: str
    """The Chinese segment's text, the `%{#id}%` anchor removed."""


def available() -> bool:
    return ENGLISH.is_dir() and CHINESE.is_dir()


def pages() -> list[str]:
    """Pages present on both sides, sorted."""
    english = {p.relative_to(ENGLISH).as_posix() for p in ENGLISH.rglob("*.md")}
    chinese = {p.relative_to(CHINESE).as_posix() for p in CHINESE.rglob("*.md")}
    return sorted(english & chinese)


def _sections(doc: Document) -> list[list[Segment]]:
    sections: list[list[Segment]] = [[]]
    for segment in doc.segments:
        if segment.kind == "heading" and sections[-1]:
            sections.append([])
        sections[-1].append(segment)
    return sections


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _same_heading(english: Segment, chinese: Segment) -> bool:
    """False when the Chinese heading names an id that is not the English heading's."""
    anchor = _ANCHOR.search(chinese.msgid)
    if english.kind != "heading" or anchor is None:
        return True
    return _slug(anchor.group(1)) == _slug(re.sub(r"`|<[^>]*>", "", english.msgid))


def align(page: str) -> Iterator[Pair]:
    """The aligned entries of one page; none for a page published untranslated."""
    english = segment_text((ENGLISH / page).read_text(encoding="utf-8"), page)
    text = (CHINESE / page).read_text(encoding="utf-8")
    if not _HAN.search(text):
        return
    chinese = segment_text(text, page)
    ours, theirs = _sections(english), _sections(chinese)
    kinds = difflib.SequenceMatcher(None, [tuple(s.kind for s in x) for x in ours],
                                    [tuple(s.kind for s in x) for x in theirs], autojunk=False)
    for block in kinds.get_matching_blocks():
        for i in range(block.size):
            mine, yours = ours[block.a + i], theirs[block.b + i]
            if not _same_heading(mine[0], yours[0]):
                continue
            for source, target in zip(mine, yours, strict=True):
                yield Pair(page, source, _ANCHOR.sub("", target.msgid))


def write_project(root: Path) -> list[polib.POEntry]:
    """The aligned corpus as a locpipe project at `root`; its translated entries."""
    (root / "locpipe.yaml").write_text(f"locales: [{LOCALE}]\n", encoding="utf-8")
    entries: list[polib.POEntry] = []
    for page in pages():
        pairs = list(align(page))
        if not pairs:
            continue
        article = root / "content" / page
        article.parent.mkdir(parents=True, exist_ok=True)
        article.write_text((ENGLISH / page).read_text(encoding="utf-8"), encoding="utf-8")
        entries += _write_catalogue(root, page, pairs)
    return entries


def _write_catalogue(root: Path, page: str, pairs: list[Pair]) -> list[polib.POEntry]:
    path = f"content/{page}"
    doc = Document(path, page.removesuffix(".md"), "", segments=[p.source for p in pairs])
    pot = template(doc)
    po = new_catalogue(pot, LOCALE)
    translations: dict[tuple[str | None, str], str] = {}
    for pair in pairs:
        translations.setdefault((pair.source.context, pair.source.msgid), pair.translation)
    for entry in pot:
        entry.msgstr = translations[(entry.msgctxt, entry.msgid)]
        po.append(entry)
    target = root / "locales" / LOCALE / "LC_MESSAGES" / f"{doc.slug}.po"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(write_po_text(po, 79), encoding="utf-8")
    return list(po)


def has_marker(msgid: str) -> bool:
    return any(marker in msgid for marker in DIALECT_MARKERS)


def main() -> None:
    """Print the figures: findings per 1,000 aligned entries, all and marker-free."""
    import tempfile

    from locpipe.checks import run_checks
    from locpipe.config import load_config

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        entries = write_project(root)
        result = run_checks(load_config(root / "locpipe.yaml"))
    plain = [e for e in entries if not has_marker(e.msgid)]
    free = [f for f in result.findings if not has_marker(f.msgid or "")]
    for label, count, found in (("all aligned entries", len(entries), result.findings),
                                ("entries without dialect markers", len(plain), free)):
        errors = sum(f.severity == "error" for f in found)
        rate = 1000 * len(found) / max(count, 1)
        print(f"{label}: {count} entries, {len(found)} findings ({errors} errors), "
              f"{rate:.1f} per 1,000")
        print("  by rule: " + ", ".join(f"{code} {n}" for code, n in
                                        sorted(Counter(f.code for f in found).items())))
    if "-v" in sys.argv:
        for f in result.findings:
            marker = "D" if has_marker(f.msgid or "") else " "
            shown = f.path.split("LC_MESSAGES/")[-1]
            print(f"{marker} {f.severity[0].upper()} {f.code} {shown}:{f.line}: {f.message}"
                  f"  <- {(f.msgid or '')[:70]!r}")


if __name__ == "__main__":
    main()
