"""Chinese typography (zh locales): the house rules of terminology.md.

The rules read the text a reader sees (markdown-it-py's text, with code spans,
URLs and emphasis markers out of the way), so `[链接](https://a.b/c)` and
`` `a,b` `` never count as punctuation.

Why not autocorrect-py. It was evaluated (2.14) as the rule set and rejected:
- its `space-bracket` rule puts spaces around half-width brackets
  (`气(Qi)的` -> `气 (Qi) 的`) where the house rules want full-width `（Qi）`;
- it puts a space between a Han character and a link's `[` (`见[链接](url)` ->
  `见 [链接](url)`), which the house rules do not ask for;
- it does not flag ASCII quotes, `！！`, `...` or `。。。`;
- it answers with a rewritten line, not with the rule that fired, so its
  findings could not carry our codes, severities or `locpipe-ignore` comments.
Its CJK/Latin spacing agrees with T002 on plain sentences; that part is a few
lines here, and the project keeps one rule set that it can explain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from locpipe.checks.markdown import CODE
from locpipe.checks.model import Entry, Project, per_entry
from locpipe.checks.profiles import ANY, CORNER, FORBID, LATIN_HALF_WIDTH, REQUIRE, Profile

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—"
CJK = HAN + _CJK_PUNCT
LATIN = "A-Za-z0-9" + CODE
_MAX_SHOWN = 3
_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

_HALFWIDTH = re.compile(
    rf"(?<=[{CJK}])\s*[,;:!?](?![,;:!?])"                    # , ; : ! ? beside Chinese
    rf"|(?<![,;:!?])[,;:!?](?=[{HAN}])"                     # (`:::` is no colon)
    rf"|(?<=[{HAN}])\.(?![.A-Za-z0-9])")                    # a full stop after Chinese
_PARENTHESES = re.compile(
    rf"(?<=[{CJK}])\s*\(|\((?=[^)]*[{HAN}])"              # ( beside or around Chinese
    rf"|(?<=[{HAN}])\)|\)(?=\s*[{CJK}])")                   # ) beside Chinese
_HAN_CHAR = re.compile(rf"[{HAN}]")
_CORNER_WANTED = re.compile(r"[“”‘’]")
_NO_SPACE = re.compile(rf"[{HAN}][{LATIN}]|[{LATIN}][{HAN}]")
_SPACE = re.compile(rf"[{HAN}] +[{LATIN}]|[{LATIN}] +[{HAN}]")
_ASCII_QUOTE = re.compile(
    rf"(?<=[{CJK}])\s*[\"']|[\"']\s*(?=[{CJK}])|\"(?=[^\"]*[{HAN}][^\"]*\")")
_QUOTED = re.compile(r"\"[^\"\n]+\"|'[^'\n]+'")
_REPEATED = re.compile(rf"[！？]{{2,}}|(?<=[{CJK}])[！？!?]{{2,}}|([，、；：])\1+"
                       rf"|(?<=[{CJK}])([,;])\2+|(?<!。)。。(?!。)")
_SPACED_PUNCT = re.compile(r"[ \t]+[，。！？；：、）》」』】]|[，。！？；：、（《「『【][ \t]+")
_FULLWIDTH_ALNUM = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+")
_ELLIPSIS_DASH = re.compile(r"\.{3,}|。{3,}|…+|—+|-{2,}")
_CJK_CHAR = re.compile(rf"[{CJK}]")


def _western_form(match: re.Match[str], text: str) -> bool:
    """An ellipsis or dash that is not `……` or `——` and stands next to Chinese."""
    if match.group() in ("……", "——"):
        return False
    around = text[max(match.start() - 1, 0):match.start()] + text[match.end():match.end() + 1]
    return bool(_CJK_CHAR.search(around.replace("…", "").replace("—", "")))


def _profile(entry: Entry, project: Project) -> Profile | None:
    """The locale's typography profile; None where the rules do not apply (not Chinese)."""
    return project.settings.profile(entry.locale)


def parenthesis_pairs(text: str) -> dict[int, tuple[int, int]]:
    """Matching `(` and `)` of `text`: each one's position -> (opening, closing)."""
    pairs: dict[int, tuple[int, int]] = {}
    stack: list[int] = []
    for i, char in enumerate(text):
        if char == "(":
            stack.append(i)
        elif char == ")" and stack:
            start = stack.pop()
            pairs[start] = pairs[i] = (start, i)
    return pairs


def latin_inside(text: str) -> Callable[[re.Match[str]], bool]:
    """Whether a `(` or `)` match encloses text without Chinese: `(HTML、CSS)` may stay."""
    pairs = parenthesis_pairs(text)

    def report(match: re.Match[str]) -> bool:
        at = match.start() + len(match.group()) - len(match.group().lstrip())
        pair = pairs.get(at)
        return pair is None or bool(_HAN_CHAR.search(text, pair[0], pair[1]))

    return report


def _snippets(pattern: re.Pattern[str], text: str,
              keep: Callable[[re.Match[str]], bool] = bool) -> list[str]:
    """The places `pattern` matches, each widened to whole Latin words and one
    character around, overlapping ones merged: `在LeanCloud上`, not `在L`."""
    spans: list[list[int]] = []
    for match in sorted(pattern.finditer(text), key=lambda m: m.start()):
        if not keep(match):
            continue
        start, end = _widen(text, match.start(), match.end())
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [text[a:b].replace(CODE, "`…`").strip() for a, b in spans]


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1] in _WORD:
        start -= 1
    while end < len(text) and text[end] in _WORD:
        end += 1
    return max(start - 1, 0), min(end + 1, len(text))


def _report(what: str, snippets: list[str], instead: str) -> Iterator[str]:
    if snippets:
        shown = ", ".join(repr(s) for s in snippets[:_MAX_SHOWN])
        more = f" and {len(snippets) - _MAX_SHOWN} more" if len(snippets) > _MAX_SHOWN else ""
        yield f"{what}: {shown}{more}; {instead}"


@per_entry
def halfwidth_punctuation(entry: Entry, project: Project) -> Iterator[str]:
    """Half-width `,.;:!?()` in Chinese text.

    Why: Chinese sentences take full-width punctuation (GB/T 15834); half-width
    marks look cramped and misaligned between Han characters. The `copywriting`
    profile keeps half-width parentheses around text without Chinese
    (`(HTML、CSS)`); `parentheses: any` in `checks.typography` stops judging them.
    Example: `气(Qi)是身体的能量,它在经络中流动.`
    Instead: `气（Qi）是身体的能量，它在经络中流动。` Half-width marks stay inside
    embedded English sentences, numbers (`3.5`, `10:30`) and code.
    """
    profile = _profile(entry, project)
    if profile is None:
        return
    plain = entry.target_markup.plain
    found = _snippets(_HALFWIDTH, plain) if profile.punctuation else []
    if profile.parentheses != ANY:
        keep = latin_inside(plain) if profile.parentheses == LATIN_HALF_WIDTH else bool
        found = _merge(plain, found, _snippets(_PARENTHESES, plain, keep))
    yield from _report("half-width punctuation in Chinese text", found,
                       "use full-width ，。；：！？（）")


def _merge(text: str, first: list[str], second: list[str]) -> list[str]:
    """Two snippet lists in the order they occur in `text`, without repeats."""
    shown = list(dict.fromkeys(first + second))
    return sorted(shown, key=lambda s: text.find(s.replace("`…`", CODE)))


@per_entry
def cjk_latin_spacing(entry: Entry, project: Project) -> Iterator[str]:
    """Chinese and Latin letters or digits touch without a space (or, if configured, with one).

    Why: the house style puts one space between Han characters and Latin letters,
    digits or code (`在 LeanCloud 上`, `花了 5000 元`), as the Chinese Copywriting
    Guidelines do; GB/T 15834 itself does not require the space, so a profile's
    `spacing` may be `forbid` (no space) or `off` (`checks.typography`), and
    `checks: {cjk_latin_spacing: false}` forbids it for every locale. Emphasis
    markers and link brackets do not count: `在**Qi**上` is judged as `在Qi上`.
    Example: `在LeanCloud上花了5000元`.
    Instead: `在 LeanCloud 上花了 5000 元`; no space before `%` or `°`.
    """
    profile = _profile(entry, project)
    if profile is None:
        return
    plain = entry.target_markup.plain
    if profile.spacing == REQUIRE:
        yield from _report("no space between Chinese and Latin text",
                           _snippets(_NO_SPACE, plain), "put one space between them")
    elif profile.spacing == FORBID:
        yield from _report("space between Chinese and Latin text", _snippets(_SPACE, plain),
                           "remove it (the profile sets spacing: forbid)")


@per_entry
def ascii_quotes(entry: Entry, project: Project) -> Iterator[str]:
    """ASCII quotes `"` or `'` in Chinese text (and “” ‘’ where the profile wants 「」).

    Why: Simplified Chinese quotes with “ ” and ‘ ’, Taiwan's usage (the `zh-Hant-TW`
    profile) with 「 」 and 『 』; straight quotes are a sign of a keyboard in the
    wrong mode or a machine translation.
    Example: `所谓"气"的流动`.
    Instead: `所谓“气”的流动` (`所謂「氣」的流動` in zh-Hant-TW). An apostrophe inside
    embedded English (`body's`) is fine, and so is a quoted value copied from the
    source as it is (`名字是 "counter"` for `named "counter"`: a string, not a quotation).
    """
    profile = _profile(entry, project)
    if profile is None:
        return
    plain = entry.target_markup.plain
    wanted = "use 「 」 or 『 』" if profile.quotes == CORNER else "use “ ” or ‘ ’"
    yield from _report("ASCII quote in Chinese text",
                       _snippets(_ASCII_QUOTE, plain, _not_copied(plain, entry)), wanted)
    if profile.quotes == CORNER:
        yield from _report(f"quotes the {profile.label} profile does not use",
                           _snippets(_CORNER_WANTED, plain), wanted)


def _not_copied(text: str, entry: Entry) -> Callable[[re.Match[str]], bool]:
    """Whether a quote match is not part of a quoted value without Chinese that the
    source has with the same quotes."""
    source = entry.source_markup.plain
    copied = [m.span() for m in _QUOTED.finditer(text)
              if not _HAN_CHAR.search(m.group()) and m.group() in source]

    def report(match: re.Match[str]) -> bool:
        at = match.start() + len(match.group()) - len(match.group().lstrip())
        return not any(start <= at < end for start, end in copied)

    return report


@per_entry
def repeated_punctuation(entry: Entry, project: Project) -> Iterator[str]:
    """Repeated punctuation: `！！`, `？？`, `？！！`, `，，`, `。。`.

    Why: Chinese editorial style uses one mark; repeats read as shouting or typos.
    Example: `真的有效吗？？`
    Instead: `真的有效吗？` For an ellipsis write `……` (rule T007).
    """
    profile = _profile(entry, project)
    if profile is not None and profile.repeated:
        yield from _report("repeated punctuation", _snippets(_REPEATED, entry.target_markup.plain),
                           "write one mark")


@per_entry
def space_around_fullwidth(entry: Entry, project: Project) -> Iterator[str]:
    """A space before or after full-width punctuation.

    Why: full-width marks carry their own spacing; an extra space leaves a visible gap.
    Example: `使用 iPhone ，好开心 。`
    Instead: `使用 iPhone，好开心。`
    """
    profile = _profile(entry, project)
    if profile is not None and profile.space_around:
        yield from _report("space next to full-width punctuation",
                           _snippets(_SPACED_PUNCT, entry.target_markup.plain), "remove it")


@per_entry
def fullwidth_alphanumerics(entry: Entry, project: Project) -> Iterator[str]:
    """Full-width Latin letters or digits: `１０００`, `ＡＢＣ`.

    Why: Chinese text writes numbers and Latin words with half-width characters; the
    full-width forms break search, copy-paste and number formatting.
    Example: `花了１０００元`.
    Instead: `花了 1000 元`.
    """
    profile = _profile(entry, project)
    if profile is not None and profile.fullwidth_alphanumerics:
        yield from _report("full-width letters or digits",
                           _snippets(_FULLWIDTH_ALNUM, entry.target_markup.plain),
                           "use half-width ones")


@per_entry
def ellipsis_dash(entry: Entry, project: Project) -> Iterator[str]:
    """An ellipsis or dash in a Western form in Chinese text.

    Why: Chinese takes a two-em ellipsis `……` (two U+2026) and a two-em dash `——`
    (two U+2014); `...`, `。。。`, a single `…` or `—`, and `--` are Western or typos.
    Only marks next to Chinese count: `use...Store` and `a--b` are not Chinese text.
    Example: `放松身心—这并非想象...`
    Instead: `放松身心——这并非想象……`
    """
    profile = _profile(entry, project)
    plain = entry.target_markup.plain
    if profile is not None and profile.ellipsis_dash:
        yield from _report("ellipsis or dash in a Western form",
                           _snippets(_ELLIPSIS_DASH, plain, lambda m: _western_form(m, plain)),
                           "write …… or ——")
