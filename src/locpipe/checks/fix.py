"""`locpipe check --fix`: the mechanical typography fixes, applied to translations.

What a fix may change is only what a typography rule reports and a machine can
decide alone: half-width `，。；：！？` and parentheses beside Chinese (T001), the
space between Chinese and Latin text as the profile wants it (T002), repeated
full-width marks (T004), spaces next to full-width punctuation (T005), full-width
letters and digits (T006), and ellipsis and dash forms next to Chinese (T007).
Quotes (T003) are left to a person: which `"` opens and which closes is a guess.

A fix never touches inline code, URLs, HTML or Markdown syntax: those parts of
the text are set aside before the fixes run and put back unchanged, and a fixed
translation whose links, code, emphasis, HTML, footnotes or block structure
parse differently from before is not used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

import polib

from locpipe.checks import markdown
from locpipe.checks.model import Catalogue, Entry, Project
from locpipe.checks.profiles import ANY, FORBID, LATIN_HALF_WIDTH, REQUIRE, Profile
from locpipe.checks.typography import CJK, HAN, LATIN, latin_inside, parenthesis_pairs

# Set aside: code spans, link destinations and titles, autolinks and HTML tags,
# bare URLs, footnote references, attribute lists, container fences and alert
# markers (`:::tip`, `[!NOTE]`), and Markdown's own brackets (an image's `![` whole:
# `！[` would make it a link),
# emphasis runs and escapes (kept, so that a fix can never change the syntax).
_KEPT = re.compile(
    r"(?P<code>(`+)(?:(?!\2).)+?\2)"
    r"|\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"
    r"|<[^<>\n]+>|\b[a-z][a-z0-9+.-]*://[^\s<>]+|\[\^[^\]\s]+\]|\{[#.][^}]*\}"
    r"|:{3,}[\w-]*|\[![A-Za-z]+\]"
    r"|\\.|[*_~]+|!?\[|\]", re.IGNORECASE)
_KEPT_CODE = markdown.CODE      # counts as Latin for spacing
_KEPT_OTHER = "\ue001"          # neutral: neither Chinese nor Latin

_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？", ".": "。",
                        "(": "（", ")": "）"})
_HALFWIDTH_MARK = re.compile(
    rf"(?<=[{CJK}])\s*[,;:!?](?![,;:!?])|(?<![,;:!?])[,;:!?](?=[{HAN}])"
    rf"|(?<=[{HAN}])\.(?![.A-Za-z0-9])")
_AROUND_PARENTHESES = re.compile(r"[ \t]+(?=（)|(?<=（)[ \t]+|[ \t]+(?=）)|(?<=）)[ \t]+")
_SPACED = re.compile(r"[ \t]+(?=[，。！？；：、）》」』】])|(?<=[，。！？；：、（《「『【])[ \t]+")
_NO_SPACE = re.compile(rf"(?<=[{HAN}])(?=[{LATIN}])|(?<=[{LATIN}])(?=[{HAN}])")
_SPACE = re.compile(rf"(?<=[{HAN}]) +(?=[{LATIN}])|(?<=[{LATIN}]) +(?=[{HAN}])")
_REPEATED = re.compile(r"([！？，、；：])\1+|(?<!。)。。(?!。)")
_FULLWIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")
_ELLIPSIS_DASH = re.compile(r"\.{3,}|。{3,}|…+|-{2,}|—+")
_CJK_CHAR = re.compile(f"[{CJK}]")
HAN_CHAR = re.compile(f"[{HAN}]")
_BLOCK_START = re.compile(r"^(?:#{1,6}|[-+*]|\d+[.)])(?=\s)")


@dataclass
class Change:
    """One entry a fix changed."""

    line: int
    """The entry's `msgstr` line."""
    codes: tuple[str, ...]
    """The rules whose fixes changed it."""
    before: str
    """The translation before."""
    after: str
    """The translation after."""


@dataclass
class CatalogueFix:
    """The fixes of one catalogue: its polib file, changed in place."""

    catalogue: Catalogue
    """The catalogue the fixes apply to."""
    changes: list[Change] = field(default_factory=list)
    """What changed, in file order."""

    @property
    def po(self) -> polib.POFile:
        assert self.catalogue.po is not None
        return self.catalogue.po


Fixer = Callable[[str, Profile], str]


def _fix_punctuation(text: str, profile: Profile) -> str:
    if profile.punctuation:
        text = _HALFWIDTH_MARK.sub(lambda m: m.group().strip().translate(_PUNCT), text)
    if profile.parentheses == ANY:
        return text
    keep = latin_inside(text) if profile.parentheses == LATIN_HALF_WIDTH else bool
    pairs = parenthesis_pairs(text)  # both ends of a pair change together
    chosen: set[int] = set()
    for match in _PARENTHESES_AT.finditer(text):
        at = match.end() - 1 if match.group().endswith("(") else match.start()
        if at in pairs and keep(match) and not _is_call(text, *pairs[at]):
            chosen.update(pairs[at])
    if not chosen:
        return text
    text = "".join("（" if i in chosen and c == "(" else "）" if i in chosen and c == ")"
                   else c for i, c in enumerate(text))
    return _AROUND_PARENTHESES.sub("", text)  # full-width brackets carry their own space


_PARENTHESES_AT = re.compile(
    rf"(?<=[{CJK}])\s*\(|\((?=[^)]*[{HAN}])|(?<=[{HAN}])\)|\)(?=\s*[{CJK}])")


def _is_call(text: str, start: int, end: int) -> bool:
    """`setup()`, `f(x)`: parentheses of a call, not of a remark; they stay half-width."""
    inside = text[start + 1:end]
    return not inside.strip() or (start > 0 and text[start - 1].isascii()
                                  and text[start - 1].isalnum() and not HAN_CHAR.search(inside))


def _fix_spacing(text: str, profile: Profile) -> str:
    if profile.spacing == REQUIRE:
        return _NO_SPACE.sub(" ", text)
    if profile.spacing == FORBID:
        return _SPACE.sub("", text)
    return text


def _fix_repeated(text: str, profile: Profile) -> str:
    return _REPEATED.sub(lambda m: m.group()[0], text) if profile.repeated else text


def _fix_spaced(text: str, profile: Profile) -> str:
    return _SPACED.sub("", text) if profile.space_around else text


def _fix_alphanumerics(text: str, profile: Profile) -> str:
    if not profile.fullwidth_alphanumerics:
        return text
    return _FULLWIDTH_ALNUM.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def _fix_ellipsis_dash(text: str, profile: Profile) -> str:
    """`...`, `。。。`, `…` as `……`, and `--`, `—` as `——`, where Chinese is next to them."""
    if not profile.ellipsis_dash:
        return text
    while True:  # a run fixed makes its neighbour a run beside Chinese: `...—`
        fixed = _ELLIPSIS_DASH.sub(_chinese_form, text)
        if fixed == text:
            return text
        text = fixed


def _chinese_form(match: re.Match[str]) -> str:
    run, text = match.group(), match.string
    around = text[max(match.start() - 1, 0):match.start()] + text[match.end():match.end() + 1]
    if not _CJK_CHAR.search(around):
        return run
    return "——" if run[0] in "-—" else "……"


_ROUNDS = 4
FIXERS: tuple[tuple[str, Fixer], ...] = (
    ("T001", _fix_punctuation), ("T006", _fix_alphanumerics), ("T007", _fix_ellipsis_dash),
    ("T004", _fix_repeated), ("T005", _fix_spaced), ("T002", _fix_spacing),
)
"""The fixes in the order they run: punctuation first, spaces around it last."""


def fix_text(text: str, profile: Profile, codes: Collection[str]) -> tuple[str, tuple[str, ...]]:
    """`text` with the fixes of `codes` applied, and the codes that changed it."""
    if _KEPT_CODE in text or _KEPT_OTHER in text:
        return text, ()  # the stand-ins would be ambiguous
    kept: list[str] = []

    def set_aside(match: re.Match[str]) -> str:
        kept.append(match.group())
        return _KEPT_CODE if match.group("code") else _KEPT_OTHER

    work = _KEPT.sub(set_aside, text)
    used: set[str] = set()
    for _round in range(_ROUNDS):  # one fix can make another: `中文...,` -> `中文……,`
        start = work
        for code, fixer in FIXERS:
            if code in codes:
                fixed = fixer(work, profile)
                if fixed != work:
                    used.add(code)
                    work = fixed
        if work == start:
            break
    pieces = iter(kept)
    restored = re.sub(f"[{_KEPT_CODE}{_KEPT_OTHER}]", lambda _: next(pieces), work)
    return restored, tuple(sorted(used))


def _same_markup(entry: Entry, fixed: str) -> bool:
    """Whether the fixed text parses to the same links, code, marks, HTML and blocks."""
    before = entry.target_markup
    after = markdown.parse(fixed, entry.context, entry.references)
    return (before.blocks, before.links, before.images, before.code, before.marks,
            before.footnotes, before.html) == (after.blocks, after.links, after.images,
                                               after.code, after.marks, after.footnotes,
                                               after.html)


def fix_entry(entry: Entry, profile: Profile, codes: Collection[str]) -> Change | None:
    """Fix one entry's translation in place; the change, or None when nothing changed."""
    fixed, used = fix_text(entry.msgstr, profile, codes)
    if not used or fixed == entry.msgstr or _BLOCK_START.match(fixed):
        return None
    if entry.context != markdown.FRONT_MATTER and not _same_markup(entry, fixed):
        return None
    before = entry.msgstr
    if entry.po.msgstr_plural:
        for index, form in list(entry.po.msgstr_plural.items()):
            entry.po.msgstr_plural[index] = fix_text(form, profile, codes)[0]
    else:
        entry.po.msgstr = fixed
    return Change(entry.line, used, before, fixed)


def fix_project(project: Project, codes: Collection[str]) -> list[CatalogueFix]:
    """Apply the fixes of the rules `codes` to every published translation; the catalogues
    that changed (their polib files are changed in place, nothing is written)."""
    fixes: list[CatalogueFix] = []
    for catalogue in project.catalogues:
        profile = project.settings.profile(catalogue.locale)
        if catalogue.po is None or profile is None:
            continue
        fix = CatalogueFix(catalogue)
        for entry in catalogue.entries:
            if entry.translated:
                change = fix_entry(entry, profile, set(codes) - entry.suppressed)
                if change is not None:
                    fix.changes.append(change)
        if fix.changes:
            fixes.append(fix)
    return fixes
