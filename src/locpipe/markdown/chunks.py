"""A long text's inline parse in pieces, one piece's tokens at a time.

markdown-it's inline parse of a paragraph of 8 MB makes about 260,000 tokens, 18 to
23 times the text in memory. `parse` gives what `md.parse` gives, but parses the
content of an inline token longer than `LIMIT` piece by piece (`children`), each with
the same parser and env, and hands the tokens on as each piece is parsed: only one
piece's tokens exist at a time. `whole_parse` is its slow twin; `tests/test_chunks.py`
compares the two over the CommonMark examples, the dialect pages and generated
paragraphs, with `LIMIT` lowered so that every text is cut wherever it may be.

Where a text is cut: at a space or a newline between two ASCII letters or digits, so
that no construct's syntax (a delimiter run's flanking, a hard break's trailing
spaces, an entity, an autolink, a footnote label) runs across the cut. A cut is
accepted when the piece before it (A) leaves nothing open that text after it could
close; else the piece grows to twice its length and the cut is tried again further
on. The inline rules of every dialect (`markdown.dialects`: CommonMark's, GFM's
strikethrough, mdit-py-plugins' footnote references and inline footnotes; no dialect
adds another inline rule, linkify or the typographer) decide at a position from the
text after it, and from the text before it only within the same piece: a delimiter
run's flanking reads the character before the run (a letter or digit at a piece's
start, as the space of a cut before it would be), a newline the spaces before it
(letters after a cut). A rule's match found inside A is then the whole parse's too
(each one's end is the first closer of its kind: a backtick run of the same length,
`>`, `-->`, `?>`, `]]>`, `;`, a label's `]`, a destination's `)`; an HTML tag's
quoted value ends at its quote). What can differ is what A read as literal because
its closer was beyond the cut, and what post-processing pairs across it:

- an emphasis or strikethrough delimiter A left unmatched is literal text (`*`, `_`,
  `~`): the whole parse could match it with a closer after the cut. Matched ones are
  the whole parse's too: pairs are found closer by closer, left to right, each with
  the nearest open opener before it, so A's pairs are made before any closer after
  the cut is looked at, and those find no open opener in A;
- a backtick run without its closer in A is literal text;
- a `[` whose label or link did not end in A is literal text, `]` too; an inline
  link's `(destination "title")` can hold a space, so a link cut there would fall
  back to a reference or footnote `[label]` followed by text starting with `(`: refused;
  so is a reference label (`][label]`) with a character that could start a construct
  running past its `]` (a backtick, `<`, `[`), since no token shows that label;
- a `<` that starts no autolink or HTML tag in A (a tag's attributes can hold spaces)
  is literal text; autolinks and entities hold no space;
- an inline footnote's text is parsed into env, not into A's tokens: the footnotes A
  added are read too, as its own label could have been ended differently;
- escapes and entities become text of their own character (`\\*` is `*`): refused
  as well, which costs cuts, not correctness. `!` is not refused: an image that did
  not end in A leaves its `[` literal or a link followed by `(`.

Text A left open shows as text with one of `_refused_characters` (the emphasis and
strikethrough delimiters only where those rules are on), or as the two cases above.
Core rules after the inline parse: `text_join` joins each piece's `text_special`
tokens (a piece ends and starts with a letter, so no run spans a cut), and
`footnote_tail` reads env, shared, after the last piece, as in the whole parse;
`parse` falls back to `whole_parse` for a parser with any other. Reference
definitions come from env and are only read. A refused trial's footnotes are taken
out of env again.

The pieces' tokens join into the whole parse's: A ends and B starts with a text
token (a letter is no token's last or first character otherwise), which the whole
parse has as one: A's last text, the space and B's first text; at a newline the
whole parse has A's text, a softbreak and B's text (or, without the newline rule,
one text with the newline in it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markdown_it.rules_core.state_core import StateCore
from markdown_it.rules_core.text_join import text_join
from markdown_it.token import Token
from markdown_it.utils import EnvType
from mdit_py_plugins.footnote.index import footnote_tail

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

LIMIT = 64 * 1024
"""Inline content longer than this (characters) is parsed in pieces of about this size."""

_CUT = re.compile(r"(?<=[A-Za-z0-9])[ \n](?=[A-Za-z0-9])")
_AFTER_INLINE = frozenset({"footnote_tail", "text_join"})
"""Core rules after `inline` that `parse` knows how to run on pieces."""
_REFERENCE_LABEL = re.compile(r"\]\[([^\]]*)")
_LABEL_OPENERS = re.compile(r"[`<\[]")
_ENDS_WITH_DESTINATION = frozenset({"link_close", "image", "footnote_ref"})

Block = tuple[Token, Iterable[Token]]
"""A token of the block stream and its inline children (none for other tokens)."""


@dataclass(frozen=True)
class _Piece:
    """One accepted piece's tokens, and what separates it from the next piece."""

    tokens: list[Token]
    separator: str
    """" " or "\\n" when a piece follows, "" after the last."""


def whole_parse(md: MarkdownIt, src: str, env: EnvType, inline: bool = False
                ) -> Iterator[Block]:
    """`parse`'s slow twin: markdown-it's own parse, every token in memory at once."""
    tokens = md.parseInline(src, env) if inline else md.parse(src, env)
    return ((token, token.children or ()) for token in tokens)


def parse(md: MarkdownIt, src: str, env: EnvType, inline: bool = False
          ) -> Iterator[Block]:
    """The tokens of `md.parse(src, env)` (`md.parseInline` when `inline`), in order,
    each with its children; a long inline token's children come piece by piece.

    Read each token's children before the next token: the pieces are parsed as they
    are read (footnote numbers are given in document order), and the next token
    reads what is left unread first.
    """
    names = md.core.ruler.get_active_rules()
    if len(src) <= LIMIT or "inline" not in names \
            or not _AFTER_INLINE.issuperset(names[names.index("inline") + 1:]):
        yield from whole_parse(md, src, env, inline)
        return
    state = StateCore(src, md, env)
    state.inlineMode = inline
    for rule in md.core.ruler.getRules("")[:names.index("inline")]:  # in `names`' order
        rule(state)
    yield from _inline_stage(md, state, "text_join" in names)
    if "footnote_tail" in names:
        yield from _tail(md, state, "text_join" in names)


def _inline_stage(md: MarkdownIt, state: StateCore, join: bool) -> Iterator[Block]:
    """Each block token, inline ones parsed; footnote definitions are kept in
    `state.tokens` for `footnote_tail`, which moves them to the end."""
    held: list[Token] = []
    inside = False
    for token in state.tokens:
        inside = inside or token.type == "footnote_reference_open"
        long = token.type == "inline" and len(token.content) > LIMIT and not inside
        if token.type == "inline" and not long:
            token.children = _parsed(md, token.content, state.env, join)
        if inside:  # a definition, moved or dropped by `footnote_tail`: kept whole
            held.append(token)
            inside = token.type != "footnote_reference_close"
        elif long:
            token.children = []
            pieces = children(md, token.content, state.env, join)
            yield token, pieces
            for _ in pieces:  # what the reader left unread, for the footnotes' order
                pass
        else:
            yield token, token.children or ()
    state.tokens = held


def _tail(md: MarkdownIt, state: StateCore, join: bool) -> Iterator[Block]:
    """The footnote list `footnote_tail` appends (definitions moved, unreferenced ones
    dropped), from env as the whole parse left it."""
    footnote_tail(state)
    if join:
        text_join(state)
    for token in state.tokens:
        yield token, token.children or ()


def _parsed(md: MarkdownIt, text: str, env: EnvType, join: bool) -> list[Token]:
    tokens: list[Token] = []
    md.inline.parse(text, md, env, tokens)
    return _joined(md, tokens, env) if join else tokens


def _joined(md: MarkdownIt, tokens: list[Token], env: EnvType) -> list[Token]:
    """`text_join` on one inline token's children."""
    holder = Token("inline", "", 0, children=tokens)
    state = StateCore("", md, env)
    state.tokens = [holder]
    text_join(state)
    return holder.children or []


def children(md: MarkdownIt, content: str, env: EnvType, join: bool = True
             ) -> Iterator[Token]:
    """The children of an inline token of `content`, as `md.inline.parse` and then
    `text_join` (when `join`) make them, one piece's tokens at a time."""
    newline = "newline" in md.inline.ruler.get_active_rules()
    held: Token | None = None
    separator = ""
    for piece in _pieces(md, content, env, join):
        tokens = piece.tokens
        if held is not None:
            first = tokens[0]
            if separator == "\n" and newline:
                yield held
                yield Token("softbreak", "br", 0, level=held.level)
            else:
                # `text_join` keeps a run's first token (an escape's `markup`, `info`)
                tokens[0] = held.copy(content=held.content + separator + first.content)
        last = len(tokens) - (1 if piece.separator else 0)
        yield from tokens[:last]
        held = tokens[-1] if piece.separator else None
        separator = piece.separator
        del piece, tokens  # the next piece is parsed without this one's tokens


def _pieces(md: MarkdownIt, content: str, env: EnvType, join: bool
            ) -> Iterator[_Piece]:
    refused = _refused_characters(md)
    start, size = 0, LIMIT
    while start < len(content):
        cut = _CUT.search(content, start + size) if start + size < len(content) else None
        if cut is None:
            yield _Piece(_parsed(md, content[start:], env, join), "")
            return
        text = content[start:cut.start()]
        footnotes = "^" in text  # without it no footnote rule changes env
        saved = _save(env) if footnotes else None
        before = _footnote_count(env)
        tokens = _parsed(md, text, env, join)
        if _leaves_open(tokens, text, _new_footnotes(env, before), refused):
            if footnotes:
                _restore(env, saved)
            del tokens  # before the next trial is parsed
            size *= 2  # the work stays linear: each refusal doubles the piece
            continue
        yield _Piece(tokens, cut.group())
        del tokens
        start, size = cut.end(), LIMIT


def _refused_characters(md: MarkdownIt) -> re.Pattern[str]:
    """Characters that, in a text token, may be markup a later closer would complete."""
    rules = md.inline.ruler.get_active_rules()
    chars = "`[]<&\\" + ("*_" if "emphasis" in rules else "") \
        + ("~" if "strikethrough" in rules else "")
    return re.compile("[" + re.escape(chars) + "]")


def _leaves_open(tokens: list[Token], text: str, footnotes: list[list[Token]],
                 refused: re.Pattern[str]) -> bool:
    """Whether text after piece `text`, parsed as `tokens`, could change its parse."""
    if not tokens or tokens[-1].type != "text":
        return True
    if any(_LABEL_OPENERS.search(m.group(1)) for m in _REFERENCE_LABEL.finditer(text)):
        return True
    return any(_literal_opener(group, refused) for group in (tokens, *footnotes))


def _literal_opener(tokens: list[Token], refused: re.Pattern[str]) -> bool:
    previous = ""
    for token in tokens:
        if token.type in ("text", "text_special") and (
                refused.search(token.content)
                or (previous in _ENDS_WITH_DESTINATION and token.content.startswith("("))):
            return True
        if token.children and _literal_opener(token.children, refused):
            return True
        previous = token.type
    return False


def _footnote_list(env: EnvType) -> dict[int, dict[str, Any]] | None:
    footnotes = env.get("footnotes")
    found = footnotes.get("list") if isinstance(footnotes, dict) else None
    return found if isinstance(found, dict) else None


def _footnote_count(env: EnvType) -> int:
    return len(_footnote_list(env) or ())


def _new_footnotes(env: EnvType, before: int) -> list[list[Token]]:
    """The token lists of the inline footnotes (`^[...]`) added after the first `before`."""
    found = _footnote_list(env) or {}
    return [list(note.get("tokens", ())) for i, note in found.items() if i >= before]


def _save(env: EnvType) -> dict[str, Any] | None:
    """A copy of the footnote state a trial may change (labels, numbers, counts)."""
    footnotes = env.get("footnotes")
    if not isinstance(footnotes, dict):
        return None
    return {key: ({k: dict(v) if isinstance(v, dict) else v for k, v in value.items()}
                  if isinstance(value, dict) else value)
            for key, value in footnotes.items()}


def _restore(env: EnvType, saved: dict[str, Any] | None) -> None:
    if saved is None:
        env.pop("footnotes", None)
    else:
        env["footnotes"] = saved
