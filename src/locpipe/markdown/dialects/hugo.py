"""Hugo: shortcodes, and alerts with a title or a kind of the site's own.

Shortcodes on lines of their own: `{{< figure src="x.png" caption="..." >}}`,
and pairs `{{% notice %}}` ... `{{% /notice %}}` around Markdown.

Our own rule: no markdown-it plugin knows shortcodes. A shortcode line (it may
span lines until its `>}}` or `%}}`) is structure; a pair's body is Markdown,
segmented like any other blocks, except where Hugo passes it on as code
(`highlight`, a tab with `lang=`). The arguments Hugo and Docsy show as text
(`caption`, `title`, `alt`, `header`) are extracted; a shortcode inside a line of
text stays in that text, as a link does.

Alerts as Hugo reads them (its blockquote render hook, after Obsidian's callouts):
`> [!TIP]+ Title` over the body, any word as the kind (Docsy adds `[!NB]`, `[!INFO]`).
markdown-it-py's alerts take only GitHub's five kinds, alone on their line; our core
rule turns the other quotes into the same `alert` tokens, the title as its own text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.utils import is_code_block

from locpipe.markdown.dialects.base import INTERRUPTS, Extension, Opened, Text, line_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_OPEN = re.compile(r"\{\{([<%])(?!/\*)[ \t]*(/?)[ \t]*([\w./-]+)")
_SHOWN_ARGUMENTS = re.compile(r'\b(caption|title|alt|header)="([^"{}<>]*)"')
_END = {"<": ">}}", "%": "%}}"}
_ONLY_SHORTCODES = re.compile(r"(?:[ \t]*\{\{([<%]).*?(?:>|%)\}\})*[ \t]*")
_RAW = frozenset({"highlight", "code", "readfile"})



def _end_of(state: StateBlock, start_line: int, end_line: int, delim: str) -> int | None:
    """The line where the shortcode opened at `start_line` ends, if nothing but more
    shortcodes follows it there."""
    close = _END[delim]
    for line in range(start_line, min(end_line, start_line + 50)):
        text = line_text(state, line)
        at = text.find(close)
        if at >= 0:
            return line if _ONLY_SHORTCODES.fullmatch(text[at + len(close):]) else None
    return None


def _closer(state: StateBlock, after: int, end_line: int, delim: str, name: str) -> int | None:
    """The line of the shortcode that closes `name`, counting nested pairs of it."""
    depth = 0
    for line in range(after, end_line):
        match = _OPEN.match(line_text(state, line))
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
    match = _OPEN.match(line_text(state, start_line))
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


_LEADING = re.compile(r"\{\{([<%])[ \t]*([\w./-]+)(?![\w./-])[^{}]*?[>%]\}\}[ \t]*")
_ONLY = re.compile(r"(?:[ \t]*\{\{[<%][^{}]*[>%]\}\})+[ \t]*")


def wrapping_shortcodes(text: str) -> tuple[int, int] | None:
    """Lengths of the shortcode pair around all of `text` (`{{% alert %}} Hi {{% /alert %}}`):
    delimiters, copied like a block's; None when there is no such pair. All of `text`
    when it is nothing but shortcodes."""
    if _ONLY.fullmatch(text):
        return len(text), 0
    opener = _LEADING.match(text)
    if opener is None:
        return None
    closer = re.search(r"[ \t]*\{\{" + re.escape(opener.group(1)) + r"[ \t]*/"
                       + re.escape(opener.group(2)) + r"[ \t]*[>%]\}\}[ \t]*$", text)
    if closer is None or closer.start() < opener.end():
        return None
    return opener.end(), len(text) - closer.start()


_CALLOUT = re.compile(r"\[!([A-Za-z]+)\][+-]?(?:[ \t]+([^\n]*))?(?:\n|$)")


def _callouts(state: StateCore) -> None:
    """`blockquote_open, paragraph_open, inline "[!KIND] Title\n..."` to alert tokens."""
    tokens = state.tokens
    i = 0
    while i + 2 < len(tokens):  # `_to_alert` changes the length: no range()
        quote, para, inline = tokens[i:i + 3]
        match = _CALLOUT.match(inline.content) if quote.type == "blockquote_open" \
            and para.type == "paragraph_open" and inline.map and para.map else None
        if match is not None:
            _to_alert(tokens, i, match)
        i += 1


def _to_alert(tokens: list[Token], i: int, match: re.Match[str]) -> None:
    quote, para, inline = tokens[i:i + 3]
    close = next(k for k in range(i + 1, len(tokens))
                 if tokens[k].type == "blockquote_close" and tokens[k].level == quote.level)
    quote.type, quote.info, tokens[close].type = "alert_open", match.group(1).upper(), \
        "alert_close"
    quote.tag = tokens[close].tag = "div"
    title_line = [inline.map[0], inline.map[0] + 1]  # type: ignore[index]
    title = []
    if match.group(2) and match.group(2).strip():
        opener = Token("alert_title_open", "p", 1, map=title_line, level=para.level, block=True)
        text = Token("inline", "", 0, map=title_line, level=inline.level,
                     content=match.group(2).strip(), children=[])
        title = [opener, text, Token("alert_title_close", "p", -1, level=para.level, block=True)]
    rest = inline.content[match.end():]
    if rest.strip():
        inline.content = rest
        para.map = inline.map = [title_line[1], para.map[1]]  # type: ignore[index]
        tokens[i + 1:i + 1] = title
    else:
        tokens[i + 1:i + 4] = title  # the paragraph was the marker line alone


def _install_callouts(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "callout", _callouts)


def _describe(token: Token, line: str) -> Opened | None:
    if token.type not in ("shortcode", "shortcode_open"):
        return None
    kind = f"{token.info} shortcode"
    texts = tuple(Text(f"{kind} {m.group(1)}", m.start(2), m.end(2), stops='"')
                  for m in _SHOWN_ARGUMENTS.finditer(line) if m.group(2).strip())
    return Opened(kind if token.type == "shortcode_open" else None, texts)


EXTENSIONS = {
    "shortcode": Extension(_install, _describe),
    "callout": Extension(_install_callouts),
}
