"""Splice translations into the source text: every other byte is copied."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from locpipe.markdown import chunks, fastpath
from locpipe.markdown.dialects import GFM, Dialect
from locpipe.markdown.dialects.attributes import attribute_tail
from locpipe.markdown.frontmatter import body_offset, write_value
from locpipe.markdown.grammar import block_parser, code_span_parser, full_parser
from locpipe.markdown.safety import HostCheck, unsafe
from locpipe.markdown.segment import (
    BOM,
    Document,
    Segment,
    block_signature,
)
from locpipe.markdown.text import is_cjk, is_hard_break, unwrap_text

Key = tuple[str | None, str]
_BREAK = re.compile(r"\r\n|\r|\n")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")
_STRUCTURE = {
    "heading_open": "it starts like a heading (`#`)",
    "bullet_list_open": "it starts with a list marker (`-`, `*`, `+`)",
    "ordered_list_open": "it starts with a numbered-list marker (`1.`)",
    "blockquote_open": "it starts with `>`, which makes a block quote",
    "fence": "it opens a code fence",
    "code_block": "it starts with four spaces, which makes a code block",
    "hr": "it is a thematic break",
    "html_block": "it starts an HTML block",
    "table_open": "it makes a table",
    "footnote_reference_open": "it starts a footnote definition",
}


@dataclass(frozen=True)
class Fallback:
    """A translation that was not used, and why."""

    segment: Segment
    reason: str


@dataclass
class Assembly:
    """An assembled edition body and what happened on the way."""

    text: str
    """The output text, byte-order mark included when the source has one."""
    translated: int = 0
    """Segments whose translation was used."""
    fallbacks: list[Fallback] = field(default_factory=list)
    """Translations refused because they would break the document."""
    texts: list[str] = field(default_factory=list)
    """The inline Markdown of each body segment as published, in document order."""


def assemble(doc: Document, translations: Mapping[Key, str], cjk: bool = False,
             fast: bool | None = None, hosts: HostCheck | None = None) -> Assembly:
    """The source with each translated segment's span replaced by its translation.

    `translations` holds only publishable entries (not fuzzy, not empty).
    `cjk` marks a target written without spaces: no line break may then
    separate two CJK characters, since browsers would show it as a space.
    `fast` takes the fast paths (`fastpath`); None leaves it to `fastpath.ENABLED`.
    `hosts` allows link hosts a translation adds (`markdown.safety`); None allows none.
    """
    fast = fastpath.ENABLED if fast is None else fast
    chosen, fallbacks = _choose(doc, translations, fast, hosts)
    written = _written(doc, chosen, cjk)
    text = _splice(doc, written)
    footnotes = _footnotes(doc.text, text)
    if chosen and not (fast and fastpath.plain_splice(doc, written)) and \
            _source_signature(doc, footnotes, fast) != _signature(text, footnotes, doc.dialect):
        chosen, late = _drop_breaking(doc, chosen, cjk, fast)
        fallbacks.extend(late)
        text = _splice(doc, _written(doc, chosen, cjk))
    fallbacks.sort(key=lambda f: f.segment.start)
    texts = [chosen.get(i, seg.msgid) for i, seg in enumerate(doc.segments)
             if seg.context is None]
    return Assembly((BOM if doc.bom else "") + text, len(chosen), fallbacks, texts)


def fallback_line(path: str, lines: Mapping[Key, int], fallback: Fallback) -> str:
    """The warning for a refused translation, as build prints it and check reports it:
    the catalogue relative to the project, the entry's `msgstr` line, the reason."""
    seg = fallback.segment
    line = lines.get((seg.context, seg.msgid), 0)
    return (f"{path}:{line}: warning: translation not used, the source text is kept: "
            f"{fallback.reason} (fix the msgstr)")


def _choose(doc: Document, translations: Mapping[Key, str], fast: bool = False,
            hosts: HostCheck | None = None) -> tuple[dict[int, str], list[Fallback]]:
    """Translations that pass the per-segment checks, by segment index."""
    chosen: dict[int, str] = {}
    fallbacks: list[Fallback] = []
    for index, segment in enumerate(doc.segments):
        target = translations.get((segment.context, segment.msgid))
        if not target or target == segment.msgid:
            continue
        reason = problem(segment, target, fast, doc.text[segment.end:segment.end + 1],
                         doc.dialect, hosts)
        if reason:
            fallbacks.append(Fallback(segment, reason))
        else:
            chosen[index] = target
    return chosen, fallbacks


def problem(segment: Segment, target: str, fast: bool = False, after: str = "",
            dialect: Dialect = GFM, hosts: HostCheck | None = None) -> str | None:
    """Why `target` cannot replace `segment`'s text, or None if it can: it would break
    the block, or it would be unsafe to publish (`markdown.safety`, front matter too).

    `after` is the source character just past the segment (a cell's closing `|`).
    """
    if problem := _structure_problem(segment, target, fast, after, dialect):
        return problem
    if fast and fastpath.adds_nothing_unsafe(segment.msgid, target, dialect):
        return None
    return unsafe(segment.msgid, target, dialect, hosts)


def _structure_problem(segment: Segment, target: str, fast: bool, after: str,
                       dialect: Dialect) -> str | None:
    if segment.context is not None:
        return None
    if _BLANK_LINE.search(target.replace("\r", "")):
        return "a blank line would split the block in two"
    text = unwrap_text(target)
    if segment.single_line and "\n" in text:
        if segment.stops is not None:
            return f"a line break would end the {segment.kind} early"
        return "a line break would end the heading or table cell early"
    if segment.stops is not None:
        return _inline_text_problem(segment, text, fast, dialect)
    if segment.kind.startswith("table"):
        return _cell_problem(text, after)
    if (dialect.has("attr_list") or dialect.has("heading_attrs")) and attribute_tail(text):
        return "it ends with an attribute list `{...}`, which the site reads as the block's"
    return _block_problem(segment, text, fast, dialect) or \
        _code_span_problem(segment.msgid, text, fast, dialect)


def _inline_text_problem(segment: Segment, text: str, fast: bool, dialect: Dialect
                         ) -> str | None:
    """A title or label inside a line of structure: only its own stop characters (a
    closing quote or bracket) could change that line."""
    stop = next((char for char in segment.stops or "" if char in text), None)
    if stop is not None:
        return f"a `{stop}` would end the {segment.kind} early"
    return _code_span_problem(segment.msgid, text, fast, dialect)


def _cell_problem(text: str, after: str) -> str | None:
    if _UNESCAPED_PIPE.search(text.replace("\\|", "")):
        return "an unescaped `|` would split the table cell"
    if text.endswith("\\") and after == "|":
        # markdown-it escapes a pipe after any backslash: the cell would swallow the next
        return "a `\\` at the end would escape the `|` that ends the table cell"
    return None


def _block_problem(segment: Segment, text: str, fast: bool, dialect: Dialect) -> str | None:
    """Parse `text` in its block's place and compare with the expected structure."""
    if fast and fastpath.plain_text(text, dialect):
        return None
    parser = block_parser(dialect)
    if segment.kind == "definition term":
        tokens = parser.parse(text + "\n: x")
        expected = ["dl_open", "dt_open", "inline", "dt_close", "dd_open", "paragraph_open",
                    "inline", "paragraph_close", "dd_close", "dl_close"]
    elif segment.kind != "heading":
        tokens = parser.parse(text)
        expected = ["paragraph_open", "inline", "paragraph_close"]
    elif segment.single_line:
        tokens = parser.parse("# " + text)[3:]
        expected = []
    else:
        tokens = parser.parse(text + "\n===")[3:]
        expected = []
    if [t.type for t in tokens] == expected:
        return None
    for token in tokens:
        if token.type in _STRUCTURE:
            return _STRUCTURE[token.type]
    if not tokens:
        return "it reads as a link reference definition, which is not shown"
    opened = next((t for t in tokens if t.nesting >= 0 and t.type not in ("inline",)
                   and not t.type.startswith("paragraph")), None)
    if opened is not None and opened.type not in _STRUCTURE:
        return f"it starts a block of the site's Markdown (`{opened.type}`)"
    return "it changes the block structure"


def _code_span_problem(source: str, text: str, fast: bool, dialect: Dialect = GFM
                       ) -> str | None:
    literal = _literal_backticks(text, fast, dialect) if "`" in text else 0
    if literal and literal > _literal_backticks(source, fast, dialect):
        return "a backtick opens a code span that is never closed"
    return None


def _literal_backticks(text: str, fast: bool = False, dialect: Dialect = GFM) -> int:
    """Backticks shown as themselves: those that open no code span."""
    if fast and fastpath.simple_backticks(text):
        return fastpath.unpaired_backticks(text)
    # The first token is the text's inline token; a long one's children come piece by
    # piece (`chunks.parse`), never all in memory at once.
    for _, children in chunks.parse(code_span_parser(dialect), text, {}, inline=True):
        return sum(t.content.count("`") for t in children if t.type == "text")
    return 0


def _written(doc: Document, chosen: Mapping[int, str], cjk: bool) -> dict[int, str]:
    """The text written in place of each segment the splice rewrites, by index: its
    translation, or in a CJK edition the source text re-joined across soft breaks."""
    written: dict[int, str] = {}
    for index, segment in enumerate(doc.segments):
        target = chosen.get(index)
        if target is not None:
            written[index] = target
        elif cjk and _cjk_soft_break(doc, segment):
            written[index] = segment.msgid
    return written


def _splice(doc: Document, written: Mapping[int, str]) -> str:
    parts: list[str] = []
    cursor = 0
    for index in sorted(written):
        segment = doc.segments[index]
        parts.append(doc.text[cursor:segment.start])
        parts.append(render(doc, segment, written[index]))
        cursor = segment.end
    parts.append(doc.text[cursor:])
    return "".join(parts)


def render(doc: Document, segment: Segment, target: str) -> str:
    """The source text for `target` at `segment`'s place, with its container prefixes."""
    if segment.context is not None:
        return write_value(doc.front_matter, segment.context, target)
    text = unwrap_text(target)
    if "\n" not in text:  # `split` would copy it: a long paragraph's is 16 MB
        return text
    lines = text.split("\n")
    out = lines[0]
    for k, line in enumerate(lines[1:]):
        out += doc.newline + _prefix(doc, segment, k) + line
    return out


def _prefix(doc: Document, segment: Segment, k: int) -> str:
    """Container prefix for the k-th added line: the source's, or one derived from it."""
    if segment.prefixes:
        return segment.prefixes[min(k, len(segment.prefixes) - 1)]
    text = doc.text
    line_start = max(text.rfind("\n", 0, segment.start), text.rfind("\r", 0, segment.start))
    return re.sub(r"[^>\s]", " ", text[line_start + 1:segment.start])


def _cjk_soft_break(doc: Document, segment: Segment) -> bool:
    """Whether the source breaks a line between two CJK characters (shown as a space)."""
    lines = _BREAK.split(doc.text[segment.start:segment.end])
    for k in range(1, len(lines)):
        left = lines[k - 1]
        right = lines[k][len(segment.prefixes[k - 1]):] if k - 1 < len(segment.prefixes) else ""
        if not is_hard_break(left) and is_cjk(left.rstrip()[-1:]) and is_cjk(right.lstrip()[:1]):
            return True
    return False


def _footnotes(*texts: str) -> bool:
    """Whether any of `texts` may hold footnote syntax (`[^1]`, `^[...]`)."""
    return any("^" in text for text in texts)


def _source_signature(doc: Document, footnotes: bool, fast: bool
                      ) -> tuple[tuple[str, str, int], ...]:
    """The source's block structure: kept from segmentation (`Document.blocks`, a fast
    path) or parsed again."""
    if fast and doc.blocks is not None and not footnotes:
        return doc.blocks
    return _signature(doc.text, footnotes, doc.dialect)


@lru_cache(maxsize=8)  # a source's signature is compared once per target locale
def _signature(text: str, footnotes: bool, dialect: Dialect = GFM
               ) -> tuple[tuple[str, str, int], ...]:
    """The block structure of an article's body.

    Blocks alone need no inline parsing, except for footnotes: a reference in the
    text decides whether a definition is shown, and where.
    """
    if not footnotes:
        return block_signature(block_parser(dialect).parse(text[body_offset(text):]))
    # A long paragraph's inline tokens are parsed piece by piece and dropped as read.
    return block_signature([token for token, _ in
                            chunks.parse(full_parser(dialect), text[body_offset(text):], {})])


def _drop_breaking(doc: Document, chosen: dict[int, str], cjk: bool, fast: bool
                   ) -> tuple[dict[int, str], list[Fallback]]:
    """Find the translations that change the document's structure in context.

    By halving, in document order: a group that keeps the structure together
    with the translations kept so far is kept whole, one that does not is
    split. Each bad translation costs O(log n) parses of the document, not the
    n parses that trying every translation alone would take.
    """
    footnotes = _footnotes(doc.text, *chosen.values())
    reference = _source_signature(doc, footnotes, fast)
    kept: dict[int, str] = {}
    dropped: list[Fallback] = []
    order = sorted(chosen)  # the whole set is known to fail: start with its halves
    pending = [order[len(order) // 2:], order[:len(order) // 2]] if len(order) > 1 else [order]
    while pending:
        group = pending.pop()
        trial = {**kept, **{i: chosen[i] for i in group}}
        if _signature(_splice(doc, _written(doc, trial, cjk)), footnotes, doc.dialect) \
                == reference:
            kept = trial
        elif len(group) == 1:
            dropped.append(Fallback(doc.segments[group[0]], "it changes the document's structure"))
        else:
            pending += [group[len(group) // 2:], group[:len(group) // 2]]
    return kept, dropped

