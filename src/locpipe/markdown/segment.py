"""Split an article into translatable segments with their exact source spans."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from markdown_it.token import Token

from locpipe.config import FAST_PATHS
from locpipe.errors import LocpipeError
from locpipe.markdown import chunks
from locpipe.markdown.dialects import GFM, Dialect, Opened
from locpipe.markdown.dialects.attributes import attribute_line, attribute_tail
from locpipe.markdown.dialects.hugo import wrapping_shortcodes
from locpipe.markdown.frontmatter import FrontMatter, parse_front_matter
from locpipe.markdown.grammar import block_parser, full_parser
from locpipe.markdown.text import Line, LineTable, unwrap

BOM = "\ufeff"

# Which block tokens hold translatable inline text, and how the catalogue names them.
EXTRACTED = {"paragraph_open": "paragraph", "heading_open": "heading",
             "th_open": "table header", "td_open": "table cell", "dt_open": "definition term",
             "alert_title_open": "title"}
CONTAINERS = {"blockquote_open": "block quote", "list_item_open": "list item",
              "footnote_open": "footnote"}
_CONTINUATION = re.compile(r"[ \t>]*")
_LIST_MARKER = re.compile(r"[ \t>]*(?:[-*+]|[0-9]{1,9}[.)])[ \t]+")
_TASK_BOX = re.compile(r"\[[ xX]\][ \t]+(?=\S)")


@dataclass(frozen=True)
class Segment:
    """One translatable unit: a leaf block's inline text, or a front-matter value."""

    kind: str
    """What the block is: `heading`, `paragraph`, `list item`, `table cell`, `front matter`..."""
    msgid: str
    """The inline Markdown, container markers removed, soft breaks unwrapped."""
    line: int
    """1-based line where the segment starts."""
    start: int
    """Offset in the document text where the segment's source starts."""
    end: int
    """Offset just past the segment's source."""
    context: str | None = None
    """`msgctxt`: the front-matter field name, None for body text."""
    prefixes: tuple[str, ...] = ()
    """Container prefix of each continuation line in the source (`> `, indentation)."""
    single_line: bool = False
    """Whether a translation must stay on one line (ATX headings, table cells)."""
    stops: str | None = None
    """For text inside a line of structure (a container's title, a tab's label): the
    characters a translation may not hold; None for the text of a block."""


@dataclass(frozen=True)
class BodyParse:
    """One parse of an article's body: the tokens and the environment that holds its
    reference definitions. Inline tokens have children only when the parse had footnotes
    and they are not longer than `chunks.LIMIT` (`body_tokens`)."""

    tokens: list[Token]
    env: dict[str, object]


@dataclass
class Document:
    """A source article and its segments."""

    path: str
    """Path relative to the project root, with forward slashes (the `#:` reference)."""
    slug: str
    """File name without `.md`, relative to the content folder."""
    text: str
    """Decoded text without the byte-order mark."""
    bom: bool = False
    """Whether the file starts with a UTF-8 byte-order mark."""
    front_matter: FrontMatter | None = None
    segments: list[Segment] = field(default_factory=list)
    blocks: tuple[tuple[str, str, int], ...] | None = None
    """The body's block structure (see `assemble`), kept from the parse that found the
    segments; None when the text may hold footnotes, whose blocks depend on references."""
    dialect: Dialect = GFM
    """The Markdown the article is written in: every parse of it uses its grammar."""
    parse: BodyParse | None = field(default=None, compare=False, repr=False)
    """The body's tokens and parser environment from segmentation, for readers that need
    more of the same parse (`markdown.links`) without parsing the body again."""

    @property
    def body_start(self) -> int:
        """Offset where the Markdown body starts, after any front matter."""
        return self.front_matter.body_start if self.front_matter else 0

    @property
    def newline(self) -> str:
        match = re.search(r"\r\n|\r|\n", self.text)
        return match.group(0) if match else "\n"


def read_document(file: Path, root: Path, content_dir: Path,
                  front_matter_keys: Sequence[str], dialect: Dialect = GFM) -> Document:
    """Read and segment one article from disk."""
    path = file.relative_to(root).as_posix()
    slug = file.relative_to(content_dir).with_suffix("").as_posix()
    return segment_text(decode(file.read_bytes(), path), path, slug, front_matter_keys,
                        dialect)


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of `data`, BOM kept; anything else is refused, never guessed."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise LocpipeError(f"not UTF-8 text (byte {exc.start + 1} is invalid)", path, line,
                           "save the file as UTF-8") from None


def segment_text(text: str, path: str, slug: str = "",
                 front_matter_keys: Sequence[str] = ("title", "description"),
                 dialect: Dialect = GFM) -> Document:
    """Split `text` (a whole article) into segments, in source order."""
    bom = text.startswith(BOM)
    text = text[1:] if bom else text
    doc = Document(path, slug or Path(path).stem, text, bom, dialect=dialect)
    doc.front_matter = parse_front_matter(text, path)
    segments = list(_front_matter_segments(doc, front_matter_keys))
    body_start = doc.body_start
    env: dict[str, object] = {}
    tokens = body_tokens(text[body_start:], dialect, env)
    doc.parse = BodyParse(tokens, env)
    segments.extend(body_segments(text, tokens, body_start, dialect))
    doc.segments = sorted(segments, key=lambda s: s.start)
    if "^" not in text:
        doc.blocks = block_signature(tokens)
    return doc


def body_tokens(body: str, dialect: Dialect = GFM,
                env: dict[str, object] | None = None) -> list[Token]:
    """The block tokens of a Markdown body, each inline token with its content.

    Segments need the inline text, not its parse: without footnotes, whose
    references decide which definitions are shown, the blocks alone suffice.
    """
    if "^" not in body:
        return block_parser(dialect).parse(body, env)
    # A long paragraph's inline tokens are parsed piece by piece and dropped as read: its
    # inline token keeps no children (`fastpath.file_link_tokens` parses it if it must).
    return [token for token, _ in chunks.parse(full_parser(dialect), body,
                                               {} if env is None else env)]


def block_signature(tokens: Sequence[Token]) -> tuple[tuple[str, str, int], ...]:
    """Type, tag and nesting level of every block token: what a translation must keep."""
    return tuple((t.type, t.tag, t.level) for t in tokens if t.type != "inline")


_DATE_LIKE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")


def _check_date(fm: FrontMatter, path: str) -> None:
    """`date`, which editions localise, is a date (or text that is not a broken date)."""
    value = fm.data.get("date")
    line = fm.lines.get("date", 1)
    if value is None or isinstance(value, (datetime.date, datetime.datetime)):
        return
    hint = "write it as YYYY-MM-DD, e.g. `date: 2026-05-20`"
    if not isinstance(value, str):
        raise LocpipeError(f"front-matter field 'date' must be a date, not {value!r}",
                           path, line, hint)
    match = _DATE_LIKE.match(value.strip())
    if match:
        try:
            datetime.date(*map(int, match.groups()))
        except ValueError as exc:
            raise LocpipeError(f"front-matter field 'date' is not a valid date: {value!r} "
                               f"({exc})", path, line, hint) from None


def _front_matter_segments(doc: Document, keys: Sequence[str]) -> Iterator[Segment]:
    fm = doc.front_matter
    if fm is None:
        return
    _check_date(fm, doc.path)
    for key in keys:
        value = fm.data.get(key)
        if value is None:
            continue
        span = fm.values.get(key)
        if not isinstance(value, str) or span is None:
            line = span.line if span else fm.lines.get(key, 1)
            raise LocpipeError(f"front-matter field {key!r} must be text, not {value!r}",
                               doc.path, line, f"write `{key}:` as a single line of text")
        if value.strip():
            yield Segment("front matter", value, span.line, span.start, span.end, key,
                          single_line=True)


def body_segments(text: str, tokens: list[Token], body_start: int = 0,
                  dialect: Dialect = GFM) -> list[Segment]:
    """Segments of the Markdown body that starts at offset `body_start`, from its tokens."""
    return list(_walk(tokens, text, LineTable(text), body_start, dialect))


def _line_of(lines: Sequence[Line], offset: int) -> int:
    return next((i for i, line in enumerate(lines) if line.start >= offset), len(lines))


def _walk(tokens: list[Token], text: str, lines: Sequence[Line], body_start: int,
          dialect: Dialect) -> Iterator[Segment]:
    first = _line_of(lines, body_start)
    containers: list[tuple[str, str]] = []  # (closing token type, kind of its paragraphs)
    cell = -1
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            cell = -1
        elif token.type in ("th_open", "td_open"):
            cell += 1
        if containers and token.type == containers[-1][0]:
            containers.pop()
        elif token.type in CONTAINERS:
            containers.append((_closer(token), CONTAINERS[token.type]))
        elif token.type in EXTRACTED and i + 1 < len(tokens):
            kind = EXTRACTED[token.type]
            if kind == "paragraph" and containers:
                kind = containers[-1][1]
            elif kind == "title" and containers:
                kind = f"{containers[-1][1]} title"
            segment = _inline_segment(token, tokens[i + 1], kind, text, lines, first, cell,
                                      dialect)
            if segment is not None and segment.kind.startswith("table") and \
                    dialect.has("attr_list") and attribute_line(segment.msgid):
                segment = None  # `{.class}` under a table: its attributes, read as a row
            if segment is not None:
                yield segment
        elif token.nesting >= 0 and token.map is not None and token.type != "inline":
            opened = _describe(dialect, token, lines, first, text)
            if opened is None:
                continue
            if token.nesting == 1:
                containers.append((_closer(token), opened.kind or "paragraph"))
            yield from _texts(opened, text, lines[first + token.map[0]], first + token.map[0])


def _closer(token: Token) -> str:
    return token.type[:-len("_open")] + "_close"


def _describe(dialect: Dialect, token: Token, lines: Sequence[Line], first: int, text: str
              ) -> Opened | None:
    if not dialect.extensions or token.map is None:
        return None
    line = lines[first + token.map[0]]
    return dialect.describe(token, text[line.start:line.end])


def _texts(opened: Opened, text: str, line: Line, index: int) -> Iterator[Segment]:
    """The reader-visible texts of a line of structure, as single-line segments."""
    for piece in opened.texts:
        start, end = line.start + piece.start, line.start + piece.end
        yield Segment(piece.kind, text[start:end], index + 1, start, end,
                      single_line=True, stops=piece.stops)


def _inline_segment(block: Token, inline: Token, kind: str, text: str,
                    lines: Sequence[Line], first: int, cell: int, dialect: Dialect
                    ) -> Segment | None:
    """Locate the inline token's content in the source, or None to copy it as is."""
    if inline.type != "inline" or not inline.content.strip() or inline.map is None:
        return None
    begin = first + inline.map[0]
    if block.type in ("th_open", "td_open"):
        return _cell_segment(inline, kind, text, lines[begin], begin, cell)
    if FAST and block.type == "paragraph_open" and _plain_structure(kind, dialect):
        spanned = _spanned_paragraph(inline.content, kind, text, lines, begin)
        if spanned is not None:
            return spanned
    content = inline.content.split("\n")
    if begin + len(content) > len(lines):
        return None
    sources = [text[line.start:line.end] for line in lines[begin:begin + len(content)]]
    starts = _content_starts(block, content, sources)
    if starts is None:
        return None
    prefixes = tuple(src[:col] for src, col in zip(sources[1:], starts[1:], strict=True))
    if not all(_CONTINUATION.fullmatch(p) for p in prefixes):
        return None
    content, starts = _structure_removed(block, kind, content, starts, sources, dialect)
    if not content or not "".join(content).strip():
        return None
    last = begin + len(content) - 1
    start = lines[begin].start + starts[0]
    end = lines[last].start + starts[-1] + len(content[-1])
    if block.type == "alert_title_open":  # text after the marker, on the marker's line
        return Segment(kind, unwrap(content), begin + 1, start, end, single_line=True,
                       stops="")
    single = block.type == "heading_open" and block.markup.startswith("#")
    return Segment(kind, unwrap(content), begin + 1, start, end, None,
                   prefixes[:len(content) - 1], single)


FAST = FAST_PATHS
"""Whether `_spanned_paragraph` may answer for the general path (`LOCPIPE_FAST_PATHS=0`
turns it off; `tests/test_segment.py` compares the two)."""


def _plain_structure(kind: str, dialect: Dialect) -> bool:
    """Whether `_structure_removed` leaves a paragraph's lines as they are."""
    return not (dialect.has("attr_list") or dialect.has("shortcode")
                or (kind == "list item" and dialect.has("tasklist")))


def _spanned_paragraph(content: str, kind: str, text: str, lines: Sequence[Line],
                       begin: int) -> Segment | None:
    """Fast path of `_inline_segment` for a paragraph whose text is its source as
    written, from its first character to its last (no container prefix, each line
    ending in `\n`), or None to leave it to the general path.

    The general path splits the text and its source into a str a line (two more
    copies of the paragraph: 8 MB on 72 columns take 32 MB as 116,000 strs); this one
    compares the text with the source in place and unwraps its lines one at a time.
    """
    count = content.count("\n") + 1
    if begin + count > len(lines):
        return None
    first, last = lines[begin], lines[begin + count - 1]
    end = last.end
    while end > last.start and text[end - 1].isspace():
        end -= 1  # the general path compares the last line without its trailing spaces
    head = content.find("\n")
    start = end - len(content) if head < 0 else first.end - head
    if start < first.start or start + len(content) != end or \
            not text.startswith(content, start):
        return None
    return Segment(kind, unwrap(_lines_of(content)), begin + 1, start, end, None,
                   ("",) * (count - 1))


def _lines_of(text: str) -> Iterator[str]:
    """`text.split("\n")`, one line at a time."""
    start = 0
    while (cut := text.find("\n", start)) >= 0:
        yield text[start:cut]
        start = cut + 1
    yield text[start:]


def _structure_removed(block: Token, kind: str, content: list[str], starts: list[int],
                       sources: list[str], dialect: Dialect
                       ) -> tuple[list[str], list[int]]:
    """The block's text lines without the dialect's structure at their ends: a task
    box before the text, an attribute list after it or on a line of its own."""
    content, starts = list(content), list(starts)
    if dialect.has("tasklist") and kind == "list item" and \
            _LIST_MARKER.fullmatch(sources[0][:starts[0]]):
        box = _TASK_BOX.match(content[0])
        if box:
            content[0] = content[0][box.end():]
            starts[0] += box.end()
    if dialect.has("attr_list") or (dialect.has("heading_attrs") and block.type == "heading_open"):
        if block.type != "heading_open" and attribute_line(content[-1]):
            content, starts = content[:-1], starts[:-1]
        tail = attribute_tail(content[-1]) if content else 0
        if tail:
            content[-1] = content[-1][:-tail]
    if dialect.has("shortcode") and content:
        content, starts = _unwrapped(content, starts)
    return content, starts


def _unwrapped(content: list[str], starts: list[int]) -> tuple[list[str], list[int]]:
    """The text inside a shortcode pair that wraps all of it, or nothing when it is
    only shortcodes (`hugo.wrapping_shortcodes`)."""
    joined = "\n".join(content)
    pair = wrapping_shortcodes(joined)
    if pair is None:
        return content, starts
    head, tail = pair
    inner = joined[head:len(joined) - tail]
    if "\n" in joined[:head] or "\n" in joined[len(joined) - tail:] or not inner.strip():
        return ([], []) if not inner.strip() else (content, starts)
    starts = [starts[0] + head, *starts[1:]]
    return inner.split("\n"), starts


def _content_starts(block: Token, content: list[str], sources: list[str]) -> list[int] | None:
    """Column where each content line starts in its source line."""
    starts = []
    for index, (part, source) in enumerate(zip(content, sources, strict=True)):
        last = index == len(content) - 1
        if block.type == "heading_open" and block.markup.startswith("#"):
            marker = source.find("#")
            col = source.find(part, marker + len(block.markup))
        elif last:
            stripped = source.rstrip()
            col = len(stripped) - len(part) if stripped.endswith(part) else -1
        else:
            col = len(source) - len(part) if source.endswith(part) else -1
        if col < 0:
            return None
        starts.append(col)
    return starts


def _cell_segment(inline: Token, kind: str, text: str, line: Line, index: int,
                  cell: int) -> Segment | None:
    """Table cells have no column positions in the tokens: find them in the row."""
    row = text[line.start:line.end]
    prefix = len(_CONTINUATION.match(row).group(0))  # type: ignore[union-attr]
    cells = _row_cells(row[prefix:])
    if not 0 <= cell < len(cells):
        return None
    col, raw = cells[cell]
    if raw.replace("\\|", "|") != inline.content:
        return None
    start = line.start + prefix + col
    return Segment(kind, raw, index + 1, start, start + len(raw), single_line=True)


@lru_cache(maxsize=64)
def _row_cells(row: str) -> tuple[tuple[int, str], ...]:
    """`split_row`, once per row rather than once per cell of it."""
    return tuple(split_row(row))


def split_row(row: str) -> list[tuple[int, str]]:
    """Cells of a table row as (column, trimmed text), split on unescaped pipes."""
    bounds = [-1] + [m.start() for m in re.finditer(r"(?<!\\)(?:\\\\)*\|", row)]
    bounds = [b if b < 0 or row[b] == "|" else row.index("|", b) for b in bounds]
    cells = []
    for left, right in zip(bounds, [*bounds[1:], len(row)], strict=True):
        piece = row[left + 1:right]
        stripped = piece.strip()
        col = left + 1 + (len(piece) - len(piece.lstrip()))
        cells.append((col, stripped))
    if cells and not cells[0][1] and row.lstrip().startswith("|"):
        cells = cells[1:]
    if cells and not cells[-1][1] and row.rstrip().endswith("|"):
        cells = cells[:-1]
    return cells
