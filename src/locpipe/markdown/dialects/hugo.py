"""Hugo shortcodes on lines of their own: `{{< figure src="x.png" caption="..." >}}`,
and pairs `{{% notice %}}` ... `{{% /notice %}}` around Markdown.

Our own rule: no markdown-it plugin knows shortcodes. A shortcode line (it may
span lines until its `>}}` or `%}}`) is structure; a pair's body is Markdown,
segmented like any other blocks, except where Hugo passes it on as code
(`highlight`, a tab with `lang=`). The arguments Hugo and Docsy show as text
(`caption`, `title`, `alt`, `header`) are extracted; a shortcode inside a line of
text stays in that text, as a link does.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.utils import is_code_block

from locpipe.markdown.dialects.base import INTERRUPTS, Extension, Opened, Text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_OPEN = re.compile(r"\{\{([<%])(?!/\*)[ \t]*(/?)[ \t]*([\w./-]+)")
_SHOWN_ARGUMENTS = re.compile(r'\b(caption|title|alt|header)="([^"{}<>]*)"')
_END = {"<": ">}}", "%": "%}}"}
_RAW = frozenset({"highlight", "code", "readfile"})


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]


def _end_of(state: StateBlock, start_line: int, end_line: int, delim: str) -> int | None:
    """The line where the shortcode opened at `start_line` ends, if nothing follows it."""
    close = _END[delim]
    for line in range(start_line, min(end_line, start_line + 50)):
        text = _line(state, line)
        at = text.find(close)
        if at >= 0:
            return line if not text[at + len(close):].strip() else None
    return None


def _closer(state: StateBlock, after: int, end_line: int, delim: str, name: str) -> int | None:
    """The line of the shortcode that closes `name`, counting nested pairs of it."""
    depth = 0
    for line in range(after, end_line):
        match = _OPEN.match(_line(state, line))
        if match is None or match.group(1) != delim or match.group(3) != name:
            continue
        if not match.group(2):
            depth += 1
        elif depth:
            depth -= 1
        else:
            return line
    return None


def _shortcodes(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if is_code_block(state, start_line):
        return False
    match = _OPEN.match(_line(state, start_line))
    if match is None:
        return False
    delim, closing, name = match.groups()
    last = _end_of(state, start_line, end_line, delim)
    if last is None:
        return False
    if silent:
        return True
    text = state.src[state.bMarks[start_line]:state.eMarks[last]]
    pair = None if closing or text.rstrip().endswith("/" + _END[delim]) else \
        _closer(state, last + 1, end_line, delim, name)
    if pair is None:
        token = state.push("shortcode", "", 0)
        token.map, token.block, token.info = [start_line, last + 1], True, name
        state.line = last + 1
        return True
    token = state.push("shortcode_open", "div", 1)
    token.map, token.block, token.info = [start_line, pair + 1], True, name
    raw = name in _RAW or "lang=" in text
    if raw:
        body = state.push("shortcode_body", "", 0)
        body.map, body.block = [last + 1, pair], True
    else:
        old = state.lineMax
        state.lineMax = pair
        state.md.block.tokenize(state, last + 1, pair)
        state.lineMax = old
    close = state.push("shortcode_close", "div", -1)
    close.map, close.block = [pair, pair + 1], True
    state.line = pair + 1
    return True


def _install(md: MarkdownIt) -> None:
    md.block.ruler.before("fence", "shortcode", _shortcodes, INTERRUPTS)


def _describe(token: Token, line: str) -> Opened | None:
    if token.type not in ("shortcode", "shortcode_open"):
        return None
    kind = f"{token.info} shortcode"
    texts = tuple(Text(f"{kind} {m.group(1)}", m.start(2), m.end(2), stops='"')
                  for m in _SHOWN_ARGUMENTS.finditer(line) if m.group(2).strip())
    return Opened(kind if token.type == "shortcode_open" else None, texts)


EXTENSIONS = {"shortcode": Extension(_install, _describe)}
