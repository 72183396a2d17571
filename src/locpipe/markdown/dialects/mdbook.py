"""mdBook's preprocessor lines: `{{#include file.rs}}`, `{{#rustdoc_include ...}}`,
`{{#playground ...}}`, `{{#title ...}}`: structure, copied as written.

Our own line rule: to CommonMark such a line is paragraph text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.rules_block import StateBlock
from mdit_py_plugins.utils import is_code_block

from locpipe.markdown.dialects.base import INTERRUPTS, Extension, line_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_DIRECTIVE = re.compile(r"\{\{#\w+[^\r\n]*\}\}[ \t]*")


def _directives(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    line = line_text(state, start_line)
    if is_code_block(state, start_line) or not _DIRECTIVE.fullmatch(line):
        return False
    if not silent:
        token = state.push("mdbook_directive", "", 0)
        token.map, token.block = [start_line, start_line + 1], True
        state.line = start_line + 1
    return True


def _install(md: MarkdownIt) -> None:
    md.block.ruler.before("fence", "mdbook_directive", _directives,
                          INTERRUPTS)


EXTENSIONS = {"include": Extension(_install)}
