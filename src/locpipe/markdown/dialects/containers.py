"""Fenced containers: `::: name Title` ... `:::` (VitePress, Docusaurus).

Parsed by mdit-py-plugins' `container` (a port of markdown-it-container, which
VitePress itself uses), for any name. The fences are structure; the title is text,
written after the name (`::: warning Important`, VitePress) or in brackets
(`:::note[Important]`, Docusaurus).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from locpipe.markdown.dialects.base import NAME, Extension, Opened, Text, fence_name, trimmed

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# Names whose words after the name are not a title (VitePress's code groups, raw blocks).
_UNTITLED = frozenset({"code-group", "raw", "v-pre"})


def _install(md: MarkdownIt) -> None:
    container_plugin(md, "fenced", marker=":", validate=lambda params, *_: bool(
        NAME.match(params)))


def _describe(token: Token, line: str) -> Opened | None:
    if token.type != "container_fenced_open":
        return None
    name = fence_name(token, line)
    if name is None:  # pragma: no cover - the rule's validate requires a name
        return None
    kind = f"{name.group(1)} container"
    return Opened(kind, _title(line, name.end(), kind, name.group(1)))


def _title(line: str, at: int, kind: str, name: str) -> tuple[Text, ...]:
    end = len(line.rstrip())
    if line.startswith("[", at):
        close = line.rfind("]", at)
        span = trimmed(line, at + 1, close) if close > at else None
        return (Text(kind + " title", *span, stops="[]"),) if span else ()
    if line.startswith("{", at) or name in _UNTITLED:
        return ()  # `:::tip{title=...}` attributes: structure
    span = trimmed(line, at, end)
    return (Text(kind + " title", *span),) if span else ()


EXTENSIONS = {"container": Extension(_install, _describe)}
