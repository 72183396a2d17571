"""An aligned corpus of professional translations, for measuring `locpipe check`'s precision.

`dialects/vitepress` holds pages of the Pinia and Vue Router documentation in
English, `dialects/vitepress-zh` the published Chinese translation of the same
pages at the same relative paths. Each page is segmented on both sides and cut
into sections at its headings; sections whose segments have the same block kinds
in the same order, headings of the same level, are aligned (`difflib` over the
sections' kind sequences, so a section the translation added, dropped or moved
does not shift the rest), and their
entries become a project per site (`pinia/`, `router/`: two sites, two teams):
the English pages under `content/`, one catalogue per page holding only the
aligned entries, translated with the published Chinese.
A page published in English (no Chinese in it) is no translation and is left out.

The Chinese pages keep the English heading ids as `%{#id}%` after each heading
(the translation team's own convention): a section whose id does not match the
English heading's slug is not aligned, and the marker is not part of the
translation (in a locpipe project the id is structure copied from the source).

Run as a script to print the figures: `python tests/precision_support.py`.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

from locpipe.catalogue.template import new_catalogue, template
from locpipe.checks import Finding, run_checks
from locpipe.config import load_config
from locpipe.markdown.dialects import dialect_named
from locpipe.markdown.segment import Document, Segment, segment_text
from locpipe.po.writer import write_po_text

ROOT = Path(__file__).resolve().parent.parent
VITEPRESS = dialect_named("vitepress")
"""The corpus's sites are VitePress sites: their pages are read as VitePress reads them."""
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


def _kind(segment: Segment, text: str) -> str:
    """The segment's block kind, with the level of a heading: a `##` section is not
    aligned with a `###` one (the translation may have reordered or dropped sections)."""
    if segment.kind != "heading":
        return segment.kind
    line = text[text.rfind("\n", 0, segment.start) + 1:].split("\n", 2)
    atx = re.match(r" {0,3}(#{1,6})(?:\s|$)", line[0])
    if atx is not None:
        return f"heading {len(atx.group(1))}"
    setext = line[1].strip()[:1] if len(line) > 1 else ""
    return f"heading {1 if setext == '=' else 2}"


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
    """The aligned entries of one page, in source order; none for a page published
    untranslated."""
    original = (ENGLISH / page).read_text(encoding="utf-8")
    english = segment_text(original, page, dialect=VITEPRESS)
    text = (CHINESE / page).read_text(encoding="utf-8")
    if not _HAN.search(text):
        return
    chinese = segment_text(text, page, dialect=VITEPRESS)
    ours, theirs = _sections(english), _sections(chinese)
    matcher = difflib.SequenceMatcher(None, [_kinds(x, original) for x in ours],
                                      [_kinds(x, text) for x in theirs], autojunk=False)
    pairs: list[Pair] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for mine, yours in zip(ours[i1:i2], theirs[j1:j2], strict=False):
            if not _same_heading(mine[0], yours[0]):
                continue
            if tag == "equal":
                pairs += [Pair(page, s, _ANCHOR.sub("", t.msgid))
                          for s, t in zip(mine, yours, strict=True)]
            elif (tag == "replace" and i2 - i1 == j2 - j1
                  and _kind(mine[0], original) == _kind(yours[0], text)):
                # As many sections on each side between two aligned ones, each rewritten:
                # their headings, which links name, are still each other's.
                pairs.append(Pair(page, mine[0], _ANCHOR.sub("", yours[0].msgid)))
    yield from sorted(pairs, key=lambda p: p.source.start)


def _kinds(section: list[Segment], text: str) -> tuple[str, ...]:
    return tuple(_kind(s, text) for s in section)


def sites() -> list[str]:
    """The documentation sites of the corpus: its top-level folders."""
    return sorted({page.split("/")[0] for page in pages()})


def write_project(root: Path, site: str, config: str = "", glossary: str = ""
                  ) -> list[polib.POEntry]:
    """One site of the aligned corpus as a locpipe project at `root`, with `config` in
    its `locpipe.yaml` and `glossary` as its `glossary/vue.yaml`; its entries."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "locpipe.yaml").write_text(f"locales: [{LOCALE}]\ndialect: vitepress\n{config}",
                                       encoding="utf-8")
    if glossary:
        (root / "glossary").mkdir(exist_ok=True)
        (root / "glossary" / "vue.yaml").write_text(TEAM_GLOSSARY, encoding="utf-8")
    entries: list[polib.POEntry] = []
    for page in pages():
        if not page.startswith(site + "/"):
            continue
        pairs = list(align(page))
        if not pairs:
            continue
        inside = page.removeprefix(site + "/")
        article = root / "content" / inside
        article.parent.mkdir(parents=True, exist_ok=True)
        article.write_text((ENGLISH / page).read_text(encoding="utf-8"), encoding="utf-8")
        entries += _write_catalogue(root, inside, pairs)
    return entries


def _write_catalogue(root: Path, page: str, pairs: list[Pair]) -> list[polib.POEntry]:
    doc = Document(f"content/{page}", page.removesuffix(".md"), "",
                   segments=[p.source for p in pairs])
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


@dataclass
class Measure:
    """What `check` found on the aligned corpus."""

    entries: list[polib.POEntry]
    """Every aligned entry, of every site."""
    findings: list[Finding]
    """Every finding, of every site."""

    def marker_free(self) -> Measure:
        """The entries whose msgid has no dialect marker, and their findings."""
        return Measure([e for e in self.entries if not has_marker(e.msgid)],
                       [f for f in self.findings if not has_marker(f.msgid or "")])

    @property
    def rate(self) -> float:
        """Findings per 1,000 entries."""
        return 1000 * len(self.findings) / max(len(self.entries), 1)


def measure(root: Path, config: str = "", glossary: str = "") -> Measure:
    """Write every site under `root` and check each; findings' paths are site-relative."""
    result = Measure([], [])
    for site in sites():
        folder = root / site
        result.entries += write_project(folder, site, config, glossary)
        before = Path.cwd()
        os.chdir(folder)
        try:
            result.findings += run_checks(load_config(folder / "locpipe.yaml")).findings
        finally:
            os.chdir(before)
    return result


TEAM_CONFIG = """\
checks:
  typography:
    zh_Hans: {profile: copywriting, parentheses: any}
"""
"""The choices the Vue documentation's Chinese team made, as `locpipe.yaml` says them:
half-width parentheses throughout (`(例如 ...)`), as every page of theirs has."""


TEAM_GLOSSARY = """\
# Names the Chinese team keeps in English on every page of both sites.
terms:
  - id: vue-router
    kind: name
    source: the product (vue-router, its package); 69 times in the Chinese pages
    en: {preferred: Vue Router}
    zh_Hans: {preferred: Vue Router, variants: [vue-router]}
  - id: setup-store
    kind: do-not-translate
    source: Pinia's kind of store; Setup Store / setup store throughout the Chinese pages
    en: {preferred: Setup Store, variants: [Setup Stores]}
    zh_Hans: {preferred: Setup Store, variants: [Setup Stores]}
  - id: option-store
    kind: do-not-translate
    source: Pinia's kind of store; Option Store / option store throughout the Chinese pages
    en: {preferred: Option Store, variants: [Option Stores]}
    zh_Hans: {preferred: Option Store, variants: [Option Stores]}
  - id: firebase-hosting
    kind: name
    source: the product (Firebase Hosting), kept as the heading of its section
    en: {preferred: Firebase Hosting}
    zh_Hans: {preferred: Firebase Hosting}
"""
"""The team's glossary, as `glossary/vue.yaml` says it: the names its pages keep."""


_FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1", re.M | re.S)
_CODE_SPAN = re.compile(r"`[^`\n]+`")
_HOUSE_STYLE = {
    # practice: (the team keeps it, the team breaks it), read with "\x01" for a code span
    "a space between Chinese and Latin words (T002)":
        (r"[\u4e00-\u9fff] [A-Za-z0-9]|[A-Za-z0-9] [\u4e00-\u9fff]",
         r"[\u4e00-\u9fff][A-Za-z0-9]|[A-Za-z0-9][\u4e00-\u9fff]"),
    "a space between Chinese and inline code (T002)":
        (r"[\u4e00-\u9fff] \x01|\x01 [\u4e00-\u9fff]",
         r"[\u4e00-\u9fff]\x01|\x01[\u4e00-\u9fff]"),
    "no space between full-width punctuation and Latin text or code (T005)":
        (r"[A-Za-z0-9\x01)][，。；：！？、]|[，。；：！？、][A-Za-z0-9\x01(]",
         r"[A-Za-z0-9\x01)] [，。；：！？、]|[，。；：！？、] [A-Za-z0-9\x01(]"),
    "full-width punctuation after Chinese (T001)":
        (r"[\u4e00-\u9fff][，：！；？]", r"[\u4e00-\u9fff][,:!;?](?=\s|$|[\u4e00-\u9fff])"),
}


def house_style() -> dict[str, tuple[int, int]]:
    """How often the published Chinese pages (every page, aligned or not; code blocks
    left out) keep and break each typography practice the typography rules check:
    read with patterns of their own, not with locpipe's rules, so that a rule's
    findings can be told apart from a style the team does not have."""
    counts = {practice: (0, 0) for practice in _HOUSE_STYLE}
    for page in sorted(CHINESE.rglob("*.md")):
        text = _CODE_SPAN.sub("\x01", _FENCE.sub("", page.read_text(encoding="utf-8")))
        for practice, (kept, broken) in _HOUSE_STYLE.items():
            k, b = counts[practice]
            counts[practice] = (k + len(re.findall(kept, text, re.M)),
                                b + len(re.findall(broken, text, re.M)))
    return counts


def main() -> None:
    """Print the figures: findings per 1,000 aligned entries, all and marker-free, with
    the team's settings and glossary (`--default`: with neither)."""
    team = "--default" not in sys.argv
    with tempfile.TemporaryDirectory() as folder:
        found = measure(Path(folder), TEAM_CONFIG if team else "", TEAM_GLOSSARY if team else "")
    for label, part in (("all aligned entries", found),
                        ("entries without dialect markers", found.marker_free())):
        errors = sum(f.severity == "error" for f in part.findings)
        print(f"{label}: {len(part.entries)} entries, {len(part.findings)} findings "
              f"({errors} errors), {part.rate:.1f} per 1,000")
        print("  by rule: " + ", ".join(f"{code} {n}" for code, n in
                                        sorted(Counter(f.code for f in part.findings).items())))
    print("the team's own typography, over every published Chinese page:")
    for practice, (kept, broken) in house_style().items():
        print(f"  {practice}: kept {kept}, broken {broken} ({100 * kept / (kept + broken):.1f}%)")
    if "-v" in sys.argv:
        for f in found.findings:
            marker = "D" if has_marker(f.msgid or "") else " "
            shown = f.path.split("LC_MESSAGES/")[-1]
            print(f"{marker} {f.severity[0].upper()} {f.code} {shown}:{f.line}: {f.message}"
                  f"  <- {(f.msgid or '')[:70]!r}")


if __name__ == "__main__":
    main()
