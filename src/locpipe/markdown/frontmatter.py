"""YAML front matter: where it is, what it says, and where each value sits."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from locpipe.errors import LocpipeError

_OPEN = re.compile(r"---[ \t]*(\r\n|\r|\n)")
# A `key:` line; its value may start on the next line (a list, a mapping).
_KEY_LINE = re.compile(r"[A-Za-z_][\w-]*[ \t]*:(?:[ \t\r\n]|$)")
_UNPRINTABLE = re.compile("[\x7f-\x9f\ufffe\uffff]")
# libyaml when PyYAML was built with it: front matter is parsed for every edition.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Plain YAML scalars that read back as themselves, with no parser needed: words of
# letters, digits, `.`, `,`, `-` and printable non-ASCII characters (YAML gives meaning to
# ASCII indicators only; NEL, U+2028, U+2029 and the BOM are excluded as line breaks
# and markers), single spaces between them, the first a letter...
_WORD_CHAR = r"[\w.,\-\u00a1-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
_SIMPLE_WORDS = re.compile(rf"[^\W\d_]{_WORD_CHAR}*(?: {_WORD_CHAR}+)*")
# ...or the first a digit, when a non-ASCII character follows: YAML's numbers and
# dates are ASCII only (`2026年5月20日` is text)...
_DIGIT_WORDS = re.compile(rf"[0-9]{_WORD_CHAR}*(?: {_WORD_CHAR}+)*")
# ...unless YAML 1.1 reads them as a boolean or null.
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)", re.MULTILINE)


@dataclass(frozen=True)
class ValueSpan:
    """Where a top-level scalar value is written in the document."""

    start: int
    """Offset of the value's first character (including quotes)."""
    end: int
    """Offset just past the value."""
    line: int
    """1-based line of the value."""
    plain: bool
    """Whether it is written without quotes or block indicators."""


@dataclass(frozen=True)
class FrontMatter:
    """The `---` block at the top of an article."""

    yaml_start: int
    """Offset of the first YAML character, after the opening `---` line."""
    yaml_end: int
    """Offset of the closing `---` line."""
    body_start: int
    """Offset of the first character after the closing line."""
    data: dict[str, Any] = field(default_factory=dict)
    """The parsed mapping."""
    values: dict[str, ValueSpan] = field(default_factory=dict)
    """Spans of the top-level scalar values, by key."""
    lines: dict[str, int] = field(default_factory=dict)
    """1-based line of every top-level key, whatever its value."""


def body_offset(text: str) -> int:
    """Offset where the Markdown body starts (0 when there is no front matter)."""
    opening = _OPEN.match(text)
    if not opening or not _KEY_LINE.match(text, opening.end()):
        return 0
    closing = _CLOSE.search(text, opening.end())
    return closing.end() if closing else 0


def parse_front_matter(text: str, path: str) -> FrontMatter | None:
    """Find and parse the front matter of `text`, or None if it has none.

    A leading `---` is also a Markdown thematic break: it opens front matter
    only when the next line is a `key:` line, as in every YAML header.
    """
    opening = _OPEN.match(text)
    if not opening or not _KEY_LINE.match(text, opening.end()):
        return None
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        raise LocpipeError("front matter opened with `---` is never closed", path, 1,
                           "add a line `---` after the last front-matter field")
    source = text[opening.end():closing.start()]
    first_line = 2
    node, data = _parse(source, path, first_line)
    values = _value_spans(node, source, opening.end(), first_line)
    lines = {str(key.value): first_line + key.start_mark.line
             for key, _ in (node.value if isinstance(node, yaml.MappingNode) else [])}
    return FrontMatter(opening.end(), closing.start(), closing.end(), data, values, lines)


def _parse(source: str, path: str, first_line: int) -> tuple[yaml.Node | None, dict[str, Any]]:
    """The node tree (for value positions) and the data, from one pass of the parser."""
    loader = _LOADER(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, path, first_line) from None
    except (ValueError, OverflowError) as exc:  # a date YAML recognises but cannot make
        raise _value_error(exc, node, path, first_line) from None
    finally:
        loader.dispose()
    if data is None:
        return node, {}
    if not isinstance(data, dict):
        raise LocpipeError("front matter must be a mapping of `key: value` lines", path,
                           first_line, "write one `key: value` per line")
    return node, data


def _yaml_error(exc: yaml.YAMLError, path: str, first_line: int) -> LocpipeError:
    mark = getattr(exc, "problem_mark", None)
    line = first_line + mark.line if mark is not None else first_line
    problem = getattr(exc, "problem", None) or str(exc)
    return LocpipeError(f"front matter is not valid YAML: {problem}", path, line,
                        "fix the YAML between the `---` lines")


def _value_error(exc: Exception, node: yaml.Node | None, path: str,
                 first_line: int) -> LocpipeError:
    """The scalar YAML could not construct (`2026-13-45`: a date's form, not a date)."""
    bad = next(_unconstructible(node), None) if node is not None else None
    line = first_line + bad.start_mark.line if bad is not None else first_line
    shown = f"`{bad.value}` " if bad is not None else "a value "
    return LocpipeError(f"front matter: {shown}is not a valid date or time ({exc})", path, line,
                        "write the date as YYYY-MM-DD, e.g. `date: 2026-05-20`")


def _unconstructible(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
    """The scalars under `node` that the safe loader fails to construct."""
    if isinstance(node, yaml.ScalarNode):
        try:
            yaml.SafeLoader("").construct_object(node)
        except (ValueError, OverflowError, yaml.YAMLError):
            yield node
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _unconstructible(key)
            yield from _unconstructible(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _unconstructible(item)


def _value_spans(node: yaml.Node | None, source: str, offset: int,
                 first_line: int) -> dict[str, ValueSpan]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    spans = {}
    for key, value in node.value:
        if isinstance(value, yaml.ScalarNode) and isinstance(key.value, str):
            end = value.end_mark.index
            if value.style in ("|", ">"):
                # A block scalar's node ends after its last line break: that break
                # separates it from the next key and must stay when the value is replaced.
                end = len(source[:end].rstrip())
            spans[key.value] = ValueSpan(
                offset + value.start_mark.index, offset + end,
                first_line + value.start_mark.line, not value.style,
            )
    return spans


def yaml_scalar(text: str, plain_ok: bool) -> str:
    """Write `text` as a YAML scalar: plain if that reads back the same, else quoted."""
    if plain_ok and text and "\n" not in text and _reads_back(text):
        return text
    # JSON strings are YAML double-quoted scalars, once the characters YAML may not
    # hold raw (C1 controls; NEL, which it reads as a line break) are escaped too.
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}",
                            json.dumps(text, ensure_ascii=False))


@lru_cache(maxsize=4096)  # editions write the same few values again and again
def _reads_back(text: str) -> bool:
    if _SIMPLE_WORDS.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return True  # words starting with a letter: a string to every YAML reader
    if not text.isascii() and _DIGIT_WORDS.fullmatch(text):
        return True
    try:
        # Both parsers must agree: libyaml takes "0\t0" as plain, PyYAML refuses it.
        return all(yaml.load(f"k: {text}\n", Loader=loader) == {"k": text}
                   for loader in {yaml.SafeLoader, _LOADER})
    except yaml.YAMLError:
        return False
