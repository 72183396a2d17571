"""Front matter: where it is, what it says, where each value sits, how values are written.

Three forms, as the site generators write them: YAML between `---` lines (every
generator), TOML between `+++` lines (Hugo, Zola; read with tomlkit, which keeps keys,
order, comments and formatting) and a JSON object at the top of the file (Hugo).
Each is found in every dialect: its opening is not Markdown an author would write
at the top of an article (`---` then a `key:` line, `+++` then a `key =` line, `{` then
a quoted key).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import tomlkit
import yaml
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Item, Table

from locpipe.errors import LocpipeError

_OPEN = re.compile(r"---[ \t]*(\r\n|\r|\n)")
# A `key:` line, after any comment lines (`# Updated by the build`, as VitePress sites
# write above generated keys); its value may start on the next line (a list, a mapping).
_KEY_LINE = re.compile(r"(?:#[^\r\n]*(?:\r\n|\r|\n))*[A-Za-z_][\w-]*[ \t]*:(?:[ \t\r\n]|$)")
_UNPRINTABLE = re.compile("[\x7f-\x9f\ufffe\uffff]")
# libyaml when PyYAML was built with it: front matter is parsed for every edition.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Plain YAML scalars that read back as themselves, with no parser needed: words of
# letters, digits, `.`, `,`, `-` and printable non-ASCII characters (YAML gives meaning to
# ASCII indicators only; NEL, U+2028, U+2029 and the BOM are excluded as line breaks
# and markers), single spaces between them, the first a letter...
_WORD_CHAR = r"[\w.,/\-\u00a1-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
_SIMPLE_WORDS = re.compile(rf"[^\W\d_]{_WORD_CHAR}*(?: {_WORD_CHAR}+)*")
# ...or the first a digit, when a non-ASCII character follows: YAML's numbers and
# dates are ASCII only (`2026年5月20日` is text)...
_DIGIT_WORDS = re.compile(rf"[0-9]{_WORD_CHAR}*(?: {_WORD_CHAR}+)*")
# ...unless YAML 1.1 reads them as a boolean or null.
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)", re.MULTILINE)


_TOML_OPEN = re.compile(r"\+\+\+[ \t]*(\r\n|\r|\n)")
# A `key = value` line (a bare, quoted or dotted key) or a `[table]` header, after any
# blank or comment lines.
_TOML_KEY_LINE = re.compile(
    r"""(?:[ \t]*(?:\#[^\r\n]*)?(?:\r\n|\r|\n))*[ \t]*(?:\[|[A-Za-z0-9_\-"'][^\r\n=]*=)""")
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*(?:\r\n|\r|\n|$)", re.MULTILINE)
_JSON_OPEN = re.compile(r'\{\s*"')
_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_LINE_REST = re.compile(r"[ \t]*(?:\r\n|\r|\n|$)")
_JSON = json.JSONDecoder()
# What a TOML literal string ('...') cannot hold: its own quote, line breaks, controls.
_NOT_LITERAL = re.compile("['\x00-\x08\x0a-\x1f\x7f]")
_TOML_QUOTE = re.compile(r"""'''|""\"|'|\"""")
FORMS = ("yaml", "toml", "json")
"""The forms of front matter, by the generators that write them: YAML `---` (all),
TOML `+++` (Hugo, Zola), a JSON object (Hugo)."""


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
    """Whether it is written without quotes or block indicators (YAML)."""
    quote: str = ""
    """The quote a TOML or JSON string opens with (`'`, `"`, `'''`, `\"\"\"`)."""


@dataclass(frozen=True)
class FrontMatter:
    """The front matter at the top of an article, in one of `FORMS`."""

    yaml_start: int
    """Offset of its first character after the opening line (the `{` of JSON); named
    for the first form, as is `yaml_end`, in every form."""
    yaml_end: int
    """Offset of the closing line (just past the `}` of JSON)."""
    body_start: int
    """Offset of the first character after the closing line."""
    data: dict[str, Any] = field(default_factory=dict)
    """The parsed mapping."""
    values: dict[str, ValueSpan] = field(default_factory=dict)
    """Spans of the top-level scalar values, by key."""
    lines: dict[str, int] = field(default_factory=dict)
    """1-based line of every top-level key, whatever its value."""
    form: str = "yaml"
    """`yaml` (`---`), `toml` (`+++`) or `json` (`{ ... }`)."""


def body_offset(text: str) -> int:
    """Offset where the Markdown body starts (0 when there is no front matter)."""
    bounds = _bounds(text)
    if bounds is None:
        return 0
    if bounds[0] == "json":
        try:
            _, end = _JSON.raw_decode(text)
        except ValueError:
            return 0
        return _past_line(text, end)
    return max(bounds[3], 0)


def _bounds(text: str) -> tuple[str, int, int, int] | None:
    """(form, data start, data end, body start) of the front matter `text` opens with;
    the ends are -1 when it is never closed, and for JSON until it is parsed."""
    if text.startswith("{"):
        return ("json", 0, -1, -1) if _JSON_OPEN.match(text) else None
    for form, opening_re, key_re, close_re in (("yaml", _OPEN, _KEY_LINE, _CLOSE),
                                               ("toml", _TOML_OPEN, _TOML_KEY_LINE, _TOML_CLOSE)):
        opening = opening_re.match(text)
        if opening and key_re.match(text, opening.end()):
            closing = close_re.search(text, opening.end())
            if closing is None:
                return form, opening.end(), -1, -1
            return form, opening.end(), closing.start(), closing.end()
    return None


def _past_line(text: str, offset: int) -> int:
    """`offset`, moved past spaces and one line break when only they follow it."""
    rest = _LINE_REST.match(text, offset)
    return rest.end() if rest else offset


def parse_front_matter(text: str, path: str) -> FrontMatter | None:
    """Find and parse the front matter of `text`, or None if it has none.

    A leading `---` is also a Markdown thematic break: it opens front matter
    only when the next line is a `key:` line (YAML comment lines may come first), as
    in every YAML header; `+++` only
    when the next is a `key = value` line or a `[table]`; `{` only before a quoted key.
    """
    bounds = _bounds(text)
    if bounds is None:
        return None
    form, start, end, body = bounds
    if form == "json":
        return _parse_json(text, path)
    if end < 0:
        fence = "---" if form == "yaml" else "+++"
        raise LocpipeError(f"front matter opened with `{fence}` is never closed", path, 1,
                           f"add a line `{fence}` after the last front-matter field")
    if form == "toml":
        return _parse_toml(text, path, start, end, body)
    source = text[start:end]
    first_line = 2
    node, data = _parse(source, path, first_line)
    values = _value_spans(node, source, start, first_line)
    lines = {str(key.value): first_line + key.start_mark.line
             for key, _ in (node.value if isinstance(node, yaml.MappingNode) else [])}
    return FrontMatter(start, end, body, data, values, lines)


def write_value(fm: FrontMatter | None, key: str, text: str) -> str:
    """`text` written as the value of `key` in `fm`'s form, in the source's style."""
    span = fm.values.get(key) if fm else None
    if fm is not None and fm.form == "toml":
        return toml_value(text, span.quote if span else '"')
    if fm is not None and fm.form == "json":
        return json_value(text)
    return yaml_scalar(text, span.plain if span else False)


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


# ------------------------------------------------------------------ TOML

def _parse_toml(text: str, path: str, start: int, end: int, body: int) -> FrontMatter:
    source = text[start:end]
    try:
        doc = tomlkit.parse(source)
    except TOMLKitError as exc:
        line = getattr(exc, "line", None)
        problem = str(exc).split(" at line ")[0]
        raise LocpipeError(f"front matter is not valid TOML: {problem}", path,
                           1 + line if line else 2,
                           "fix the TOML between the `+++` lines") from None
    values, lines = _toml_spans(doc.body, source, start, 2)
    return FrontMatter(start, end, body, doc.unwrap(), values, lines, "toml")


def _toml_spans(body: list[tuple[Any, Item]], source: str, offset: int, first_line: int
                ) -> tuple[dict[str, ValueSpan], dict[str, int]]:
    """Spans of the top-level `key = value` lines.

    tomlkit keeps every byte of the source in its items: each line is rendered again
    from them and checked against the source before its span is trusted. The walk
    stops at the first table (every key after it belongs to the table) and at a
    dotted key, whose line tomlkit renders as a table; a key after that one is left
    without a span.
    """
    spans: dict[str, ValueSpan] = {}
    lines: dict[str, int] = {}
    pos = 0
    for key, item in body:
        if key is None:  # blank lines and comments
            head, piece = "", item.as_string()
        elif isinstance(item, (Table, AoT)) or key.is_dotted():
            break
        else:
            trivia = item.trivia
            head = trivia.indent + key.as_string() + key.sep
            piece = head + item.as_string() + trivia.comment_ws + trivia.comment + trivia.trail
        if not source.startswith(piece, pos):
            break  # not the source's bytes: no span rather than a wrong one
        if key is not None:
            line = first_line + source.count("\n", 0, pos + len(head))
            lines[key.key] = line
            value = item.as_string()
            if not isinstance(item.unwrap(), (dict, list)):
                quote = _TOML_QUOTE.match(value)
                begin = offset + pos + len(head)
                spans[key.key] = ValueSpan(begin, begin + len(value), line, False,
                                           quote.group() if quote else "")
        pos += len(piece)
    return spans, lines


def toml_value(value: Any, quote: str = '"') -> str:
    """`value` as TOML writes it; a string on one line, kept literal (`'...'`) when the
    source's was and it can be, else a basic string with escapes (tomlkit's)."""
    if isinstance(value, str) and quote.startswith("'") and not _NOT_LITERAL.search(value):
        return f"'{value}'"
    return str(tomlkit.item(value).as_string())


def toml_with(source: str, meta: dict[str, Any], newline: str) -> str:
    """The TOML `source` with `meta` set: values replaced where they are, new keys after
    the last top-level one (before the first table, set apart from it by a blank line
    when there is none); tomlkit keeps every other byte."""
    doc = tomlkit.parse(source)
    for key, value in meta.items():
        item = tomlkit.item(value)
        if key not in doc:
            item.trivia.trail = newline
            doc.add(key, item)
        else:
            doc[key] = item
    return str(doc.as_string())


# ------------------------------------------------------------------ JSON

def _parse_json(text: str, path: str) -> FrontMatter:
    """The JSON object at the top of `text`, walked member by member with the standard
    decoder, so that the span of each value is known."""
    values: dict[str, ValueSpan] = {}
    lines: dict[str, int] = {}
    data: dict[str, Any] = {}
    pos = _skip(text, 1)
    try:
        while text[pos:pos + 1] != "}":
            key, pos = _JSON.raw_decode(text, pos)
            pos = _skip(text, pos)
            if text[pos:pos + 1] != ":":
                raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
            start = _skip(text, pos + 1)
            value, pos = _JSON.raw_decode(text, start)
            line = text.count("\n", 0, start) + 1
            lines[key], data[key] = line, value
            if not isinstance(value, (dict, list)):
                quote = '"' if isinstance(value, str) else ""
                values[key] = ValueSpan(start, pos, line, False, quote)
            pos = _skip(text, pos)
            if text[pos:pos + 1] == ",":
                pos = _skip(text, pos + 1)
            elif text[pos:pos + 1] != "}":
                raise json.JSONDecodeError("Expecting ',' delimiter or '}'", text, pos)
    except json.JSONDecodeError as exc:
        raise LocpipeError(f"front matter is not valid JSON: {exc.msg}", path, exc.lineno,
                           "fix the JSON object at the top of the file") from None
    return FrontMatter(0, pos + 1, _past_line(text, pos + 1), data, values, lines, "json")


def _skip(text: str, pos: int) -> int:
    match = _JSON_SPACE.match(text, pos)
    return match.end() if match else pos


def json_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def json_with(text: str, fm: FrontMatter, meta: dict[str, Any], newline: str) -> str:
    """`text` with `meta` set in its JSON front matter: values replaced in place, new
    members after the last one, indented as the first is (on its line when the object
    is written on one line)."""
    present = sorted((k for k in meta if k in fm.values), key=lambda k: fm.values[k].start)
    out, cursor = [], 0
    for key in present:
        span = fm.values[key]
        out.append(text[cursor:span.start] + json_value(meta[key]))
        cursor = span.end
    close = fm.yaml_end - 1
    inner = text[cursor:close]
    added = [f"{json_value(k)}: {json_value(v)}" for k, v in meta.items() if k not in fm.values]
    if added:
        first = _skip(text, 1)
        indent = text[text.rfind("\n", 0, first) + 1:first] if fm.data else "  "
        multiline = "\n" in text[:fm.yaml_end] or not fm.data
        lead = f"{newline}{indent}" if multiline else " "
        members = ("," if fm.data else "") + lead + f",{lead}".join(added)
        end = len(inner.rstrip(" \t\r\n"))
        inner = inner[:end] + members + (inner[end:] or (newline if multiline else ""))
    out.append(inner)
    out.append(text[close:])
    return "".join(out)
