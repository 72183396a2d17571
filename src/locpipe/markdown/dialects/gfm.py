"""GitHub Flavored Markdown: tables, strikethrough, footnotes, task lists and alerts.

Alerts (`> [!NOTE]`) are markdown-it-py's own (its `alerts` option): the marker line
is structure, the quote's blocks are text. Task-list boxes (`[ ]`, `[x]`) are
structure too; segmentation leaves them out of the list item's text
(`segment._task_box`), so the parser needs nothing for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from locpipe.markdown.dialects.base import Extension, Opened

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


def _alerts(md: MarkdownIt) -> None:
    md.options["alerts"] = True


def _describe_alert(token: Token, line: str) -> Opened | None:
    if token.type != "alert_open":
        return None
    return Opened(f"{token.info.lower()} alert")


def _table(md: MarkdownIt) -> None:
    md.enable("table")


def _strikethrough(md: MarkdownIt) -> None:
    md.enable("strikethrough")


def _footnote(md: MarkdownIt) -> None:
    md.use(footnote_plugin)


EXTENSIONS = {
    "table": Extension(_table),
    "strikethrough": Extension(_strikethrough),
    "footnote": Extension(_footnote),
    "tasklist": Extension(),
    "alert": Extension(_alerts, _describe_alert),
}
