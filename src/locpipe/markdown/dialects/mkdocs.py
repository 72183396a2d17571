"""MkDocs Material and pymdown-extensions: admonitions, content tabs, `///` blocks,
abbreviations, definition lists and snippets.

- Admonitions `!!! note "Title"` / `??? note` / `???+ note` with an indented body:
  mdit-py-plugins' `admon`. The title is text only when written in quotes (without
  one, Material shows the type's name, which is not in the source).
- Content tabs `=== "Label"` with an indented body: our own rule below (mdformat-mkdocs
  has one, but it comes with mdformat; the rule is the admonition's with another
  marker).
- Blocks `/// note | Title` ... `///` (pymdownx.blocks): our own rule. It is a fenced
  container like markdown-it-container's, but pymdownx nests the other way round
  (the inner block has more slashes) and closes a block only with as many slashes as
  opened it, which mdit-py-plugins' `container` cannot be told. The title follows `|`.
- Abbreviations `*[HTML]: Hyper Text Markup Language` and snippets `--8<-- "file"`:
  our own line rules (mdformat-mkdocs has them too, with mdformat).
- Definition lists: mdit-py-plugins' `deflist`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.utils import is_code_block

from locpipe.markdown.dialects.base import (
    INTERRUPTS,
    Extension,
    Opened,
    Text,
    fence_name,
    line_text,
    quoted,
    trimmed,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_TAB = re.compile(r'===[+!]?[ \t]+"')
_ABBREVIATION = re.compile(r"\*\[[^\]\r\n]+\]:[ \t]*")
_SNIPPET = re.compile(r";*-+8<-+(?:[ \t]+\S.*)?[ \t]*")
_BLOCK_OPEN = re.compile(r"(/{3,})[ \t]*([\w-]+.*)")
# `/// html | div.result`: the words after `|` are a selector, not a title.
_UNTITLED_BLOCKS = frozenset({"html", "define"})



def _tabs(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if is_code_block(state, start_line) or not _TAB.match(line_text(state, start_line)):
        return False
    if silent:
        return True
    old = (state.parentType, state.lineMax, state.blkIndent)
    state.parentType = "tab"
    state.blkIndent = state.sCount[start_line] + 4
    next_line = start_line + 1
    while next_line < end_line:
        if state.bMarks[next_line] + state.tShift[next_line] < state.eMarks[next_line] \
                and state.sCount[next_line] < state.blkIndent:
            break  # a line indented less ends the tab
        next_line += 1
    state.lineMax = next_line
    token = state.push("tab_open", "div", 1)
    token.markup, token.block, token.map = "===", True, [start_line, next_line]
    state.md.block.tokenize(state, start_line + 1, next_line)
    state.push("tab_close", "div", -1).block = True
    state.parentType, state.lineMax, state.blkIndent = old
    state.line = next_line
    return True


def _line_rule(name: str, pattern: re.Pattern[str]
               ) -> Callable[[StateBlock, int, int, bool], bool]:
    """A block of one line matching `pattern`, copied as it is."""
    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        if is_code_block(state, start_line) or not pattern.match(line_text(state, start_line)):
            return False
        if not silent:
            token = state.push(name, "", 0)
            token.map, token.block = [start_line, start_line + 1], True
            state.line = start_line + 1
        return True
    return rule


def _snippets(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """`--8<-- "file"` on one line, or `--8<--` over file names over `--8<--`."""
    line = line_text(state, start_line)
    if is_code_block(state, start_line) or not _SNIPPET.fullmatch(line):
        return False
    if silent:
        return True
    last = start_line
    if line.strip(";").strip("-").strip() == "8<":  # the block form: find its end
        last = next((n for n in range(start_line + 1, end_line)
                     if _SNIPPET.fullmatch(line_text(state, n))
                     and line_text(state, n).strip(";").strip("-").strip() == "8<"), start_line)
    token = state.push("snippet", "", 0)
    token.map, token.block = [start_line, last + 1], True
    state.line = last + 1
    return True


def _install_admonitions(md: MarkdownIt) -> None:
    md.use(admon_plugin)


def _install_tabs(md: MarkdownIt) -> None:
    md.block.ruler.before("fence", "tabs", _tabs, INTERRUPTS)


def _blocks(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    opener = _BLOCK_OPEN.match(line_text(state, start_line))
    if is_code_block(state, start_line) or opener is None:
        return False
    if silent:
        return True
    fence = opener.group(1)
    close = start_line + 1
    while close < end_line:
        line = line_text(state, close)
        if line and state.sCount[close] < state.blkIndent:
            break  # a line indented less than the block ends it unclosed
        if line.rstrip() == fence and not is_code_block(state, close):
            break
        close += 1
    closed = close < end_line and line_text(state, close).rstrip() == fence
    old = (state.parentType, state.lineMax)
    state.parentType, state.lineMax = "container", close
    token = state.push("container_blocks_open", "div", 1)
    token.markup, token.info, token.block = fence, opener.group(2), True
    token.map = [start_line, close + 1 if closed else close]
    state.md.block.tokenize(state, start_line + 1, close)
    state.push("container_blocks_close", "div", -1).block = True
    state.parentType, state.lineMax = old
    state.line = close + 1 if closed else close
    return True


def _install_blocks(md: MarkdownIt) -> None:
    md.block.ruler.before("fence", "blocks", _blocks, INTERRUPTS)


def _install_abbreviations(md: MarkdownIt) -> None:
    md.block.ruler.before("reference", "abbreviation", _line_rule("abbreviation", _ABBREVIATION),
                          INTERRUPTS)


def _install_deflist(md: MarkdownIt) -> None:
    md.use(deflist_plugin)


def _install_snippets(md: MarkdownIt) -> None:
    md.block.ruler.before("fence", "snippet", _snippets, INTERRUPTS)


def _describe_admonition(token: Token, line: str) -> Opened | None:
    if token.type != "admonition_open":
        return None
    kind = f"{token.meta.get('tag') or 'note'} admonition"
    span = quoted(line, line.find(token.markup) + len(token.markup))
    return Opened(kind, (Text(kind + " title", *span, stops='"'),) if span else ())


def _describe_tab(token: Token, line: str) -> Opened | None:
    if token.type != "tab_open":
        return None
    span = quoted(line, line.find("==="))
    return Opened("tab", (Text("tab label", *span, stops='"'),) if span else ())


def _describe_block(token: Token, line: str) -> Opened | None:
    if token.type != "container_blocks_open":
        return None
    name = fence_name(token, line)
    if name is None:  # pragma: no cover - the rule's validate requires a name
        return None
    kind = f"{name.group(1)} block"
    bar = line.find("|", name.end())
    span = trimmed(line, bar + 1, len(line)) if bar >= 0 else None
    if span is None or name.group(1) in _UNTITLED_BLOCKS:
        return Opened(kind)
    return Opened(kind, (Text(kind + " title", *span),))


def _describe_abbreviation(token: Token, line: str) -> Opened | None:
    if token.type != "abbreviation":
        return None
    match = _ABBREVIATION.search(line)
    span = trimmed(line, match.end(), len(line)) if match else None
    return Opened(None, (Text("abbreviation", *span),) if span else ())


def _describe_definition(token: Token, line: str) -> Opened | None:
    return Opened("definition") if token.type == "dd_open" else None


EXTENSIONS = {
    "admonition": Extension(_install_admonitions, _describe_admonition),
    "tabs": Extension(_install_tabs, _describe_tab),
    "blocks": Extension(_install_blocks, _describe_block),
    "abbreviation": Extension(_install_abbreviations, _describe_abbreviation),
    "deflist": Extension(_install_deflist, _describe_definition),
    "snippet": Extension(_install_snippets),
}
