"""Markdown integrity: a translation keeps what the parser makes of its source.

Each rule compares markdown-it-py's reading of the `msgid` with its reading of
the `msgstr` (see `checks.markdown`), as multisets: Chinese word order moves
links and code around, so order never matters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from locpipe.checks import markdown
from locpipe.checks.links import localiser, page_of
from locpipe.checks.model import Entry, Project, per_entry

# A link with a full-width bracket where Markdown needs `[`, `]`, `(` or `)`.
_FULLWIDTH_LINK = re.compile(r"[】］]\s*[(（]|\]\s*（|【[^】\n]*\]|\[[^\]\n]*】|\]\([^)\s]*）")
_LITERAL_DELIMITER = re.compile(r"\*{1,3}|_{1,3}|~~")
_MARK_NAMES = {"em": "emphasis", "strong": "strong emphasis", "s": "strikethrough"}
_FULLWIDTH_PUNCT = "，。；：！？、“”‘’（）《》「」『』【】…—"
# Scripts without italics: a translation into them may drop `*em*` or make it `**strong**`.
_NO_ITALICS = ("zh", "ja", "ko")


def _quote(values: Counter[str]) -> str:
    return ", ".join(f'"{v}"' + (f" ×{n}" if n > 1 else "") for v, n in sorted(values.items()))


def _diff(kind: str, source: Counter[str], target: Counter[str]) -> Iterator[str]:
    if target - source and source - target:
        yield f"{kind} changed: {_quote(source - target)} became {_quote(target - source)}"
    elif source - target:
        yield f"{kind} dropped: {_quote(source - target)}"
    elif target - source:
        yield f"{kind} added: {_quote(target - source)}"


@per_entry
def link_urls(entry: Entry, project: Project) -> Iterator[str]:
    """A link or image URL of the source is changed, added or dropped in the translation.

    Why: a changed URL sends readers elsewhere, a dropped link loses a citation.
    Order is free: Chinese word order may move a link within the sentence. A
    localised link is not a change: a language segment or subdomain
    (`/en-US/` -> `/zh-CN/`, `vuejs.org` -> `cn.vuejs.org`), a trailing slash,
    `http` -> `https`, or a fragment naming a heading of the edition (see
    `checks.links` in `locpipe.yaml` for a project's own mirrors).
    Example: `see [the study](https://doi.org/10.1/abc)` translated as
    `见[研究](https://doi.org/10.1/abd)` or as `见研究`.
    Instead: keep every `](url)` of the source, byte for byte; translate only the link text.
    """
    source, target = entry.source_markup, entry.target_markup
    local, page = localiser(project, entry.locale), page_of(entry, project)
    for kind, mine, theirs in (("link URL", source.links, target.links),
                               ("image URL", source.images, target.images)):
        dropped, added = local.pair_off(mine - theirs, theirs - mine, page)
        yield from _diff(kind, dropped, added)


def _code_changes(entry: Entry) -> tuple[Counter[str], Counter[str]]:
    """Code spans dropped and added, less those that only gained or lost their backticks
    (the text is still there as prose) or only an English plural `s`, and less spans
    added that repeat a span of the source (Chinese names the thing again where English
    says "it")."""
    source, target = entry.source_markup, entry.target_markup
    dropped, added = source.code - target.code, target.code - source.code
    for code in sorted(dropped):
        twin = code.removesuffix("s") if code.endswith("s") else code + "s"
        if added[twin]:
            dropped[code] -= 1
            added[twin] -= 1
    for code in list(dropped):
        if code in target.plain:
            del dropped[code]
    for code in list(added):
        if code in source.plain or source.code[code]:
            del added[code]
    return +dropped, +added


@per_entry
def inline_code(entry: Entry, project: Project) -> Iterator[str]:
    """Inline code of the source is changed: a span is gone and another one is new.

    Why: code is copied, not translated: a command or identifier that changes breaks.
    Example: `` run `locpipe build` `` translated as `` 运行 `locpipe 构建` ``.
    Instead: keep each `` `code` `` span exactly as in the source. (A span only
    dropped or only added is M007, a warning.)
    """
    dropped, added = _code_changes(entry)
    if dropped and added:
        yield from _diff("inline code", dropped, added)


@per_entry
def inline_code_dropped(entry: Entry, project: Project) -> Iterator[str]:
    """Inline code of the source is dropped, or code is added, and nothing else changed.

    Why: a translator may drop a span where the grammar wants a word
    (`` the `methods` `` -> `方法`) or mark up an identifier the source writes as
    prose; that is worth a look, not an error. Backticks alone added or removed
    around text that is still there are not reported, nor `` `actions` `` -> `` `action` ``,
    nor a span of the source written once more where Chinese repeats the noun
    (`` the same `params` as `` -> `` 它的 `params` 与…的 `params` 相同 ``).
    Example: `` call `createApp()` first `` translated as `先创建应用`.
    Instead: keep the span where the reader needs to type or search for it.
    """
    dropped, added = _code_changes(entry)
    if not (dropped and added):
        yield from _diff("inline code", dropped, added)


def _lost_marks(entry: Entry) -> Counter[str]:
    source, target = entry.source_markup.marks, entry.target_markup.marks
    lost = source - target
    if (entry.locale or "").lower().split("_")[0].split("-")[0] in _NO_ITALICS:
        lost["em"] = 0  # no italics in CJK text: `*em*` may go, or become `**strong**`
    return +lost


@per_entry
def emphasis_lost(entry: Entry, project: Project) -> Iterator[str]:
    """Emphasis, strong emphasis or strikethrough of the source is broken: its marks show.

    Why: CommonMark only opens `**` that is "left-flanking": `这是**“气”**的流动`
    renders literal asterisks because `**` sits between a Han character and
    full-width punctuation. The translation looks right in the `.po` file and wrong
    on the site.
    Example: `the flow of **“Qi”**` translated as `这是**“气”**的流动`.
    Instead: move the marks inside the punctuation (`“**气**”`), or put a space
    outside them if the text allows.
    """
    source, target = entry.source_markup.marks, entry.target_markup.marks
    literal = _literal_delimiters(entry)
    if not literal:
        return
    for mark in sorted(source - target):
        yield (f"{_MARK_NAMES[mark]} lost ({source[mark]} in the source, {target[mark]} here)"
               f"; {literal[0]!r} is shown as text: {literal[1]}")


@per_entry
def emphasis_dropped(entry: Entry, project: Project) -> Iterator[str]:
    """Strong emphasis or strikethrough of the source is left out of the translation.

    Why: the translator chose not to stress a word the author stressed; worth a
    look. Emphasis (`*em*`, italics) is not reported for Chinese, Japanese and
    Korean, which do not set text in italics.
    Example: `this is **not** supported` translated as `这不受支持`.
    Instead: `这**不**受支持`.
    """
    if _literal_delimiters(entry):
        return  # broken, not dropped: M003
    source, target = entry.source_markup.marks, entry.target_markup.marks
    for mark in sorted(_lost_marks(entry)):
        yield f"{_MARK_NAMES[mark]} dropped ({source[mark]} in the source, {target[mark]} here)"


def _literal_delimiters(entry: Entry) -> tuple[str, str] | None:
    """The first emphasis delimiter the translation shows as text, and why, or None."""
    source = {m.group() for t in entry.source_markup.texts for m in _LITERAL_DELIMITER.finditer(t)}
    plain = entry.target_markup.plain
    for text in entry.target_markup.texts:
        for match in _LITERAL_DELIMITER.finditer(text):
            if match.group() in source:
                continue
            at = plain.find(text)
            start, end = at + match.start(), at + match.end()
            near = plain[max(start - 1, 0):start] + plain[end:end + 1]
            if at >= 0 and any(c in _FULLWIDTH_PUNCT for c in near):
                return match.group(), ("CommonMark does not take it as emphasis next to "
                                       "full-width punctuation, move it inside the quotes")
            return match.group(), "it is not closed, or not flanked as CommonMark needs"
    return None


@per_entry
def footnotes_lost(entry: Entry, project: Project) -> Iterator[str]:
    """A footnote reference `[^label]` of the source is lost, changed or added.

    Why: the footnote's text stays at the end of the article; its reference marks
    what it explains. A changed label points to no footnote.
    Example: `acupuncture points[^1]` translated as `穴位`.
    Instead: keep each `[^label]` with its label unchanged, after the word it explains.
    """
    yield from _diff("footnote reference", entry.source_markup.footnotes,
                     entry.target_markup.footnotes)


@per_entry
def broken_link_syntax(entry: Entry, project: Project) -> Iterator[str]:
    """Full-width brackets broke a link's syntax: `【text】(url)`, `[text]（url）`.

    Why: an input method types `【】（）` where Markdown needs `[]()`; the link then
    shows as plain text with its URL.
    Example: `见【这项研究】(https://example.org)`.
    Instead: `见[这项研究](https://example.org)`; half-width brackets are syntax, not
    punctuation, so the typography rules leave them alone.
    """
    if entry.target_markup.urls.total() >= entry.source_markup.urls.total():
        return  # every link parsed: full-width brackets here are punctuation
    source = {m.group() for t in entry.source_markup.texts for m in _FULLWIDTH_LINK.finditer(t)}
    for text in entry.target_markup.texts:
        for match in _FULLWIDTH_LINK.finditer(text):
            if match.group() not in source:
                yield f"link syntax broken by full-width brackets near {match.group()!r}"
                return


@per_entry
def block_structure(entry: Entry, project: Project) -> Iterator[str]:
    """The translation would change the block structure around it.

    Why: the build splices each translation into the source's block; a blank line,
    a leading `#`, `- ` or `1. `, a `|` in a table cell, an unclosed fence or an HTML
    block would start other blocks and break the page, so the build falls back to
    the source text.
    Example: `msgstr "1. 恢复……"` for a paragraph, or a `msgstr` with `\\n\\n`.
    Instead: write the block's text on one line without a leading marker;
    escape a leading `1.` as `1\\.` and a `|` in a table cell as `\\|`.
    """
    if entry.context == markdown.FRONT_MATTER:
        return
    source, target = entry.source_markup.blocks, entry.target_markup.blocks
    if source != target:
        yield (f"block structure changes: {_describe(source)} in the source, "
               f"{_describe(target)} in the translation")


_INNER = ("thead", "tbody", "tr", "th", "td", "list_item")


def _describe(blocks: tuple[str, ...]) -> str:
    """`paragraph` or `bullet_list[paragraph], paragraph`: the blocks, nesting in brackets."""
    stack: list[list[str]] = [[]]
    for block in blocks:
        name = block.removesuffix("_open").removesuffix("_close")
        if block.startswith("cells:"):
            cells = int(block.removeprefix("cells:"))
            stack[-1].append(f"{cells} cell" + ("s" if cells > 1 else ""))
        elif name in _INNER:
            continue
        elif block.endswith("_open"):
            stack.append([])
        elif block.endswith("_close") and len(stack) > 1:
            inner = stack.pop()
            stack[-1].append(name + (f"[{', '.join(inner)}]" if inner and inner != ["inline"]
                                     else ""))
        else:
            stack[-1].append(name)
    return ", ".join(stack[0]) or "nothing"
