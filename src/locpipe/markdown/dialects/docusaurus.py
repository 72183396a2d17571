"""MDX, as Docusaurus writes it: `import`/`export` statements and JSX tags; and the
components of VitePress's Vue (a capitalised tag), which the same rule reads.

Our own rules (no markdown-it plugin reads MDX): an `import` or `export` at the top
level runs to the next blank line; a line that starts a JSX tag or a `{...}`
expression runs to the line where the tag or expression closes. Both are copied.
Unlike CommonMark's HTML blocks, a JSX tag ends at its own line: the Markdown under
`<Tabs>` or `<DetailedExplanation>` is Markdown, and is extracted. Docusaurus's
`:::note[Title]` admonitions are `containers`. A Vue component written over several
lines (`<MasteringPiniaLink` over its attributes over `/>`) is, to CommonMark, a
paragraph of inline HTML: under `components` it is a block, copied.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from markdown_it.rules_block import StateBlock
from mdit_py_plugins.utils import is_code_block

from locpipe.markdown.dialects.base import INTERRUPTS, Extension, line_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_ESM = re.compile(r"(?:import|export)\b")
_JSX = re.compile(r"</?[A-Za-z>]|\{")
_COMPONENT = re.compile(r"</?[A-Z]")



def _push(state: StateBlock, name: str, start_line: int, last: int) -> None:
    token = state.push(name, "", 0)
    token.map, token.block = [start_line, last + 1], True
    state.line = last + 1


def _esm(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.level or state.blkIndent or is_code_block(state, start_line) \
            or not _ESM.match(line_text(state, start_line)):
        return False
    if not silent:
        last = start_line
        while last + 1 < end_line and not state.isEmpty(last + 1):
            last += 1
        _push(state, "mdx_esm", start_line, last)
    return True


def _tag_rule(start: re.Pattern[str]) -> Callable[[StateBlock, int, int, bool], bool]:
    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        return _tag(state, start_line, end_line, silent, start)
    return rule


def _tag(state: StateBlock, start_line: int, end_line: int, silent: bool,
         start: re.Pattern[str]) -> bool:
    first = line_text(state, start_line)
    if is_code_block(state, start_line) or not start.match(first):
        return False
    closer = "}" if first.startswith("{") else ">"
    last = start_line
    while not line_text(state, last).rstrip().endswith(closer):
        if last + 1 >= end_line or state.isEmpty(last + 1):
            return False  # never closed: not a tag, leave it to the other rules
        last += 1
    if not silent:
        _push(state, "mdx_jsx", start_line, last)
    return True


def _install(md: MarkdownIt) -> None:
    md.block.ruler.before("fence", "mdx_esm", _esm, INTERRUPTS)
    md.block.ruler.before("html_block", "mdx_jsx", _tag_rule(_JSX), INTERRUPTS)


def _install_components(md: MarkdownIt) -> None:
    md.block.ruler.before("html_block", "component", _tag_rule(_COMPONENT), INTERRUPTS)


EXTENSIONS = {"mdx": Extension(_install), "components": Extension(_install_components)}
