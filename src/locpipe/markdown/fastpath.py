"""Fast paths of assembly: parses `build` skips where it can prove their answer.

The links `build` copies as assets come from the parse segmentation made
(`file_link_tokens`, below, with its measure); the rest concern splicing.

Each fast path answers a question its slow twin in `splice` answers by parsing,
and `tests/test_fastpath.py` runs both over the fuzz generator, every CommonMark
spec example and the dialect corpus: same edition text, same fallbacks.
`LOCPIPE_FAST_PATHS=0` turns them off, and `check`'s plain-text shortcut
(`checks.markdown._is_plain`) with them (`ENABLED`, from `config.FAST_PATHS`);
`assemble(..., fast=False)` does so for one call.

Measured with `python bench/bench_fastpath.py` (2,000 generated articles, every
entry pseudo-translated; one process, one job; least CPU time of 4 runs):
`build` takes 10.48 s with the fast paths and 13.41 s without (-2.92 s, 22%);
`check` 3.16 s against 3.36 s (-0.20 s, 6%, the `_is_plain` shortcut). Switched
off one at a time in the benchmark's assembly step (least of 5 runs):

- `plain_splice` saves 2.40 s, 18% of the build without fast paths;
- `plain_text`, in `_block_problem`, saves 1.05 s, 8%.

`adds_nothing_unsafe` (below, with its measure) skips the two parses with which
`markdown.safety` reads a translation and its source, where the translation keeps
its source's links.

Reference definitions send only the segments in their run of lines to the slow
path, not their whole article: on `bench/bench_pipeline.py`'s 2,000 articles
(CommonMark examples, a quarter with a definition) 50 articles take it instead
of 538, and assembling all of them takes 1.3 s of CPU instead of 1.8 s (4.6 s
without the fast paths).

Two smaller ones pay on articles with code spans and reference definitions, as
`bench/bench_pipeline.py`'s CommonMark examples are: switched off one at a time
while assembling its 2,000 articles (least CPU time of 3 runs), all fast paths
1.08 s; without the backtick counter (`simple_backticks`, `unpaired_backticks`:
only code spans decide which backticks are literal when no escape, link,
autolink, HTML or entity can hide one) 1.32 s; without `Document.blocks` (the
source's block signature kept from segmentation, used where the splice must be
parsed) 1.30 s. On `bench_fastpath.py`'s corpus, with few of either, both are
within the noise (-0.11 s and -0.04 s of 4.8 s). Each is about 2% of a cold
build. `tests/test_assemble.py` compares the counter with the
parser; `tests/test_commonmark.py` the kept signature with the block parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache

from markdown_it.helpers import parseLinkDestination

from locpipe.config import FAST_PATHS
from locpipe.markdown import chunks
from locpipe.markdown.dialects import GFM, Dialect
from locpipe.markdown.grammar import full_parser
from locpipe.markdown.safety import UNSAFE_SCHEME, has_marks, host, normal, slot_urls
from locpipe.markdown.segment import BodyParse, Document
from locpipe.markdown.text import split_lines, unwrap_text
from locpipe.project import may_reach_file

ENABLED = FAST_PATHS
"""Whether `assemble` takes the fast paths unless told otherwise."""

# What a line may start with and still be nothing but paragraph text, whatever
# comes before or after it: anything but white space, the characters that open
# a block, and those a table's delimiter row starts with (`|`, `-`, `:`). A
# pipe anywhere could make the line a table row. The dialects open blocks with
# `:::`, `///`, `!!!`, `???`, `===`, `{{<`, `{{#`, `{: }`, `*[`, `;--8<--`, `[!NOTE]` and
# `: ` (definitions): their first characters are left out too.
_PLAIN_LINE = re.compile(r"[^\s#*+\-_=>`~<|\[:0-9/!?{;][^|\r\n]*")
# MDX reads `import` and `export` at the start of a line as code.
_ESM_LINE = re.compile(r"(?:import|export)\b", re.MULTILINE)
# What can hide a backtick from the code-span rule or make one: an escape, an
# autolink or HTML (`<`), an entity (`&#96;`), an image or an inline footnote (`![`,
# `^[`: their text is parsed apart), and a link's destination or title: what follows
# `](` up to the first `)`, when it holds a backtick or what could open a title or
# nested parentheses.
_HIDES_BACKTICKS = re.compile(r"[\\<&]|[!^]\[|\]\([^)]*[`\"'(]")
_BACKTICK_RUN = re.compile(r"`+")


def plain_text(text: str, dialect: Dialect = GFM) -> bool:
    """Whether every line of `text` (a translation, unwrapped) is plain paragraph text.

    Skips: parsing the translation alone in its block's place (`_block_problem`).
    Sound because no such line opens a block (heading, list, quote, fence, code,
    HTML, thematic break, reference or footnote definition), underlines a setext
    heading or forms a table (it has no `|`): alone, the lines are one paragraph,
    and under a `#` or over `===` one heading.
    """
    if dialect.has("mdx") and _ESM_LINE.search(text):
        return False
    return all(_PLAIN_LINE.fullmatch(line) for line in text.split("\n"))


def plain_splice(doc: Document, written: Mapping[int, str]) -> bool:
    """Whether splicing `written` (segment index -> text) into `doc` keeps its blocks,
    without parsing the edition again.

    Skips: the block parse of the edition (and of the source) that `assemble`
    compares. Sound when every line written is `plain_text` and its neighbours
    in the source cannot read it otherwise:

    - A plain line is paragraph text where paragraph text was (paragraphs,
      headings), so the line after the segment ends the block as it did, and a
      line before it cannot take it as a setext underline or a delimiter row.
    - A reference definition reads a title from the line right after it (`[a]: /u`
      over `"T"`), and a definition holds no blank line: a segment takes the
      slow path when a line above it, up to a blank line, holds `]:`.
    - A table row is a row only by its pipes: a cell is written fast only when
      its source has no `\\|` (the row keeps every pipe it had, and a header row
      needs one) and the text does not end in `\\` (which escapes the next `|`).
    - Footnotes are left out: a reference decides which definitions are shown.
    - A first line `---` or `+++` that opens no front matter (a thematic break, text)
      opens it once the line under it reads `key: value`, or under `#` lines, which
      YAML reads as comments: a segment on line 2 of such a document, or under `#`
      lines from line 2, takes the slow path.
    """
    if "^" in doc.text:
        return False
    could_open = _header_lines(doc) if doc.front_matter is None else 0
    after_references = _after_references(doc.text) if "]:" in doc.text else []
    for index, text in written.items():
        segment = doc.segments[index]
        if segment.context is not None:
            continue  # a front-matter value, written as one YAML scalar
        if after_references and after_references[segment.line - 1]:
            return False  # `line` is the segment's first line in `doc.text`
        if 2 <= segment.line <= could_open:
            return False
        if "^" in text or not plain_text(unwrap_text(text), doc.dialect):
            return False
        if segment.kind.startswith("table") and ("|" in segment.msgid or text.endswith("\\")):
            return False
    return True


def _header_lines(doc: Document) -> int:
    """The last line that a translation could make the first key of front matter: line
    2 under a leading `---` or `+++`, or the line after the `#` lines under it; 0 when
    the document does not start with either."""
    if not doc.text.startswith(("---", "+++")):
        return 0
    lines = split_lines(doc.text)
    last = 2
    while last <= len(lines) and doc.text.startswith("#", lines[last - 1].start):
        last += 1
    return last


def _after_references(text: str) -> list[bool]:
    """For each line of `text`, whether the lines above it, up to a blank line, hold
    `]:`: a reference definition among them could take the line as its title (a
    definition holds no blank line)."""
    after: list[bool] = []
    open_run = False
    for line in split_lines(text):
        after.append(open_run)
        source = text[line.start:line.end]
        open_run = bool(source.strip()) and (open_run or "]:" in source)
    return after


def simple_backticks(text: str) -> bool:
    """Whether only code spans decide which of `text`'s backticks are literal.

    A link leaves them to the code spans when its destination holds no backtick
    and it has no title: its label is found only where no code span crosses the
    `]` (markdown-it skips over code spans to find it), and its text is parsed
    as any other. Without a `(`, `"` or `'` between `](` and the first `)`, a
    link that forms ends at that `)`, so a backtick after it is never hidden.

    Links were left to the parser until they were measured: assembling the
    target editions of 1,000 of `bench/bench_pipeline.py`'s articles (prose with
    links and code spans) takes 0.38 s of CPU with them counted here against
    0.64 s (least of 4 runs), about 0.5 s of a 2,000-article build.
    """
    return _HIDES_BACKTICKS.search(text) is None


def unpaired_backticks(text: str) -> int:
    """The code-span rule alone: a run of n backticks opens a span closed by the next
    run of exactly n; a run with no such closer is literal text."""
    runs = [len(run) for run in _BACKTICK_RUN.findall(text)]
    closer: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        closer[i] = seen.get(runs[i])
        seen[runs[i]] = i
    literal, i = 0, 0
    while i < len(runs):
        end = closer[i]
        if end is None:
            literal += runs[i]
            i += 1
        else:
            i = end + 1
    return literal


# `](` and a destination that may be a relative path: not `scheme:`, `/` or `#`
# (written before any escape, entity or space that would change it).
_RELATIVE_DESTINATION = re.compile(r"\]\(\s*<?(?![A-Za-z][A-Za-z0-9+.-]*:|[/#])")


def file_link_tokens(parse: BodyParse, dialect: Dialect) -> Iterator[chunks.Block]:
    """The tokens of segmentation's parse, each with its children: parsed here for an
    inline token that may hold a link to a file (a block-only parse leaves them empty),
    a long one piece by piece (`chunks.children`), never all in memory at once.

    Skips: parsing the body again, block and inline, to find the links `build` copies
    as assets. The block tokens and reference definitions are the full parse's, so
    only inline text that can hold such a link is parsed, with the same inline rules:
    `](` before a destination that is not a URL, a site path or an anchor, or `[`
    when a reference definition `may_reach_file`. Autolinks (`<`) always have a
    scheme, and the grammar has no linkify.

    Measured on `bench/bench_pipeline.py`'s 2,000 articles (mostly `https:` links):
    4.5 s of CPU for the full parse against 0.09 s, about a fifth of a cold
    `build`. `links.parsed_links` is its slow twin (`tests/test_links.py`).
    """
    md = full_parser(dialect)
    references = parse.env.get("references")
    by_reference = isinstance(references, dict) and any(
        may_reach_file(str(ref.get("href", ""))) for ref in references.values())
    for token in parse.tokens:
        if token.type == "inline" and not token.children and (
                (by_reference and "[" in token.content)
                or _RELATIVE_DESTINATION.search(token.content)):
            yield token, chunks.children(md, token.content, parse.env, join=False)
        else:
            yield token, token.children or ()


# What a translation needs to have for its parse to find raw HTML or a URL that no
# pattern sees: a tag or autolink (`<`), a reference definition (`]:`), or a NUL
# (the parser reads it as U+FFFD, so a destination would not end there).
_PARSED_ONLY = re.compile(r"<|\]:|\x00")
_LINK_TAIL = re.compile(r"\]\([ \t]*")


def adds_nothing_unsafe(source: str, target: str, dialect: Dialect = GFM) -> bool:
    """True where `safety.unsafe(source, target)` is None for certain, known without
    parsing either text; False where only the parse can tell.

    Skips: the two parses of `safety.facts` for a translation that keeps its source's
    links. Without `_PARSED_ONLY` the target has no raw HTML, no autolink and no
    reference, so every URL its parse finds is a `](` destination, read here with
    the parser's own functions (`parseLinkDestination`, `normalizeLink`,
    `validateLink`), or one its patterns find (`slot_urls`). When none of them has
    an unsafe scheme or a host that the source's patterns do not find, the target
    adds neither, whatever else its parse or the source's finds: `unsafe` would say
    None. Nothing in a dialect makes a link or raw HTML out of other characters.

    Measured on `bench/bench_pipeline.py`'s 2,000 articles, every entry pseudo-
    translated (14,578 translations with `<`, `:`, `//` or `&`; 14,169 of them without
    `<`, nearly all with links): a cold `build --jobs 1` takes 21.8 s of CPU with it
    and 28.8 s without (least of 3 runs), a quarter less; 74 of the first 2,240 such
    translations still take the parse. `_table_row` and the NUL are precautions no
    test has shown needed: the link rule and the patterns already see them the same.
    `tests/test_fastpath.py` compares it with `unsafe` over the fuzz generator, the
    CommonMark examples and the dialect corpus.
    """
    if not has_marks(target):
        return True  # as `unsafe` says at once
    if _PARSED_ONLY.search(target) or _table_row(target):
        return False
    destinations = _destinations(target, dialect)
    if destinations is None:
        return False
    urls = slot_urls(target) | destinations
    if not urls:
        return True
    hosts = {host(url) for url in slot_urls(source)} | {""}
    return not any(UNSAFE_SCHEME.match(url) or host(url) not in hosts for url in urls)


def _table_row(text: str) -> bool:
    """Whether `text` could hold a table, whose cells end a destination at a `|`."""
    return "|" in text and ("\n" in text or "\r" in text)


def _destinations(text: str, dialect: Dialect) -> set[str] | None:
    """Every destination a `](` of `text` could begin, as the link rule reads it; None
    when one may begin on the next line, past what a block quote or list strips."""
    found = set()
    for tail in _LINK_TAIL.finditer(text):
        start = tail.end()
        if text.startswith(("\n", "\r"), start):
            return None
        result = parseLinkDestination(text, start, len(text))
        if result.ok:
            found.add(_link_href(result.str, dialect))
    return found


@lru_cache(maxsize=4096)
def _link_href(destination: str, dialect: Dialect) -> str:
    """The href the link rule makes of `destination`, as `facts` keeps it: "" for one
    the parser refuses (`javascript:`). Cached: a site repeats its links, and
    normalising one costs a URL parse."""
    md = full_parser(dialect)
    href = md.normalizeLink(destination)
    return normal(href) if md.validateLink(href) else ""
