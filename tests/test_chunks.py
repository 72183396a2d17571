"""A long text's inline parse in pieces (`markdown.chunks`) against its slow twin, the
whole parse: with `LIMIT` lowered so that every text is cut wherever it may be, the
tokens, and what `check`, `safety` and `splice` read from them, are the whole parse's,
over the CommonMark examples, the dialect corpus and generated paragraphs."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from locpipe.checks import markdown
from locpipe.errors import LocpipeError
from locpipe.markdown import chunks, links, safety, splice
from locpipe.markdown.dialects import COMMONMARK, GFM, Dialect, dialect_named
from locpipe.markdown.grammar import code_span_parser, full_parser
from locpipe.markdown.segment import segment_text
from pipeline_support import DIALECT_CORPUS, corpus, corpus_dialect

PAGES = sorted(DIALECT_CORPUS.rglob("*.md")) if DIALECT_CORPUS.is_dir() else []
MKDOCS = dialect_named("mkdocs")
REFERENCES = {"FOO": {"href": "/foo", "title": ""}, "BAR BAZ": {"href": "/b", "title": "t"},
              "A `B": {"href": "/ab", "title": ""}}


@contextmanager
def cut_everywhere(limit: int = 1) -> Iterator[None]:
    """Every inline text longer than `limit` is parsed in pieces."""
    saved = chunks.LIMIT
    chunks.LIMIT = limit
    try:
        yield
    finally:
        chunks.LIMIT = saved


def flat(stream: Iterable[tuple[Token, Iterable[Token]]]) -> list[Any]:
    """Every token of a parse, children included, as plain data."""
    out: list[Any] = []
    for token, children in stream:
        data = token.as_dict(children=False)
        data.pop("children", None)  # a long inline token's come from the stream
        out.append(data)
        out.append([child.as_dict() for child in children])
    return out


def both(text: str, md: Any, env: dict[str, Any] | None = None, inline: bool = False
         ) -> tuple[list[Any], list[Any], dict[str, Any], dict[str, Any]]:
    whole_env = copy.deepcopy(env or {})
    whole = flat(chunks.whole_parse(md, text, whole_env, inline))
    chunk_env = copy.deepcopy(env or {})
    with cut_everywhere():
        pieces = flat(chunks.parse(md, text, chunk_env, inline))
    return whole, pieces, whole_env, chunk_env


def assert_same_parse(text: str, dialect: Dialect = GFM) -> None:
    for md in (full_parser(dialect), code_span_parser(dialect)):
        for inline in (False, True):
            env = {"references": REFERENCES}
            whole, pieces, whole_env, chunk_env = both(text, md, env, inline)
            assert pieces == whole, (text, inline)
            assert repr(normal(chunk_env)) == repr(normal(whole_env))


def normal(env: dict[str, Any]) -> dict[str, Any]:
    """`env` with the empty footnote data that the footnote rule adds when it first looks
    at a text of 3 characters or more (a piece may be shorter): it means no footnotes."""
    return {**env, "footnotes": {"refs": {}, "list": {}, **env.get("footnotes", {})}}


def readers(text: str, dialect: Dialect = GFM) -> tuple[Any, ...]:
    """What the rules read from a text: its markup facts, safety facts, literal backticks."""
    refs = markdown._freeze(REFERENCES)
    return (markdown.full_parse(text, markdown.PARAGRAPH, refs, dialect),
            markdown.full_parse(text, markdown.HEADING, refs, dialect),
            markdown.full_parse(text, markdown.TABLE_CELL, refs, dialect),
            safety.facts.__wrapped__(text, dialect),  # type: ignore[attr-defined]
            splice._literal_backticks(text, False, dialect))


def link_readers(text: str, dialect: Dialect = GFM) -> tuple[Any, ...] | None:
    """An article's links: from its own parse, and from segmentation's (`file_links`)."""
    try:
        doc = segment_text(text, "content/a.md", dialect=dialect)
    except LocpipeError:
        return None  # front matter it refuses
    return links.parsed_links(doc), links.file_links(doc, fast=True)


def assert_same_links(text: str, dialect: Dialect = GFM) -> None:
    whole = link_readers(text, dialect)
    with cut_everywhere():
        assert link_readers(text, dialect) == whole, text


def assert_same_readers(text: str, dialect: Dialect = GFM) -> None:
    whole = readers(text, dialect)
    with cut_everywhere():
        assert readers(text, dialect) == whole, text


def pieces_of(text: str, md: Any = None) -> int:
    md = md or full_parser()
    with cut_everywhere():
        return sum(1 for _ in chunks._pieces(md, text, {}, True))


# ------------------------------------------------------------ cuts are made, and refused

def test_plain_words_are_cut_at_every_space_and_newline() -> None:
    assert pieces_of("one two\nthree four") == 4
    assert_same_parse("one two\nthree four")


@pytest.mark.parametrize(("text", "pieces"), [
    ("a b *c d* e f", 3),      # `a`, then `b *c` waits for its closer: `b *c d* e`, `f`
    ("x y `z w` v u", 3),
    ("x y [z w](u) v u", 3),
    ("x y <!-- z w --> v u", 3),
    ("x y <b c=\"d e\"> v u", 2),  # grown past the last cut: the rest is one piece
    ("a b\\* c d", 2),          # an escape is refused too: it costs cuts, not correctness
])
def test_a_cut_waits_for_what_is_open(text: str, pieces: int) -> None:
    assert pieces_of(text) == pieces
    assert_same_parse(text)


def test_below_the_limit_nothing_is_cut() -> None:
    assert sum(1 for _ in chunks._pieces(full_parser(), "one two three", {}, True)) == 1


# Each part of the acceptance test, and a text whose pieces would be parsed wrong
# without it: the differential test can fail.
WEAKENED = [
    ("emphasis", "a *b c* d"),
    ("backticks", "a `b c` d"),
    ("brackets", "a [b c](d) e"),
    ("html", "a <b c=\"d e\"> f"),
    ("destination", "a [FOO](x \"y z\") w"),
    ("label", "a [x][A `B] c d` e"),
    ("footnote", "a ^[b `c] d e` f"),
]


@pytest.mark.parametrize(("part", "text"), WEAKENED)
def test_without_each_part_of_the_test_some_text_is_parsed_wrong(
        part: str, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same_parse(text)
    weaken(part, monkeypatch)
    env = {"references": dict(REFERENCES)}
    whole, pieces, _, _ = both(text, full_parser(), env)
    assert pieces != whole


def weaken(part: str, monkeypatch: pytest.MonkeyPatch) -> None:

    drop = {"emphasis": "*", "backticks": "`", "brackets": "[]", "html": "<"}
    if part in drop:
        original = chunks._refused_characters

        def fewer(md: Any) -> re.Pattern[str]:
            chars = original(md).pattern[1:-1].replace("\\", "")
            kept = "".join(c for c in "`[]<&\\*_~" if c in chars and c not in drop[part])
            return re.compile("[" + re.escape(kept) + "]")
        monkeypatch.setattr(chunks, "_refused_characters", fewer)
    elif part == "destination":
        monkeypatch.setattr(chunks, "_ENDS_WITH_DESTINATION", frozenset())
    elif part == "label":
        monkeypatch.setattr(chunks, "_LABEL_OPENERS", re.compile(r"(?!)"))
    else:
        monkeypatch.setattr(chunks, "_new_footnotes", lambda env, before: [])


# ------------------------------------------------------------ the corpora

def examples() -> list[dict[str, Any]]:
    try:
        return corpus()
    except pytest.skip.Exception:
        return []


EXAMPLES = examples()


@pytest.mark.parametrize("number", [e["example"] for e in EXAMPLES] or [0])
def test_every_commonmark_example_parses_the_same_in_pieces(number: int) -> None:
    text = corpus()[number - 1]["markdown"]
    assert_same_parse(text, COMMONMARK)
    assert_same_parse(text, GFM)
    assert_same_readers(text, GFM)
    assert_same_links(text, GFM)


def dialect_pages() -> list[Path]:
    if not PAGES:
        pytest.skip(f"the dialect corpus is missing: {DIALECT_CORPUS}")
    return PAGES


@pytest.mark.parametrize("page", [p.relative_to(DIALECT_CORPUS).as_posix() for p in PAGES]
                         or ["-"])
def test_every_dialect_page_parses_the_same_in_pieces(page: str) -> None:
    dialect_pages()
    text = (DIALECT_CORPUS / page).read_text(encoding="utf-8")
    dialect = corpus_dialect(page)
    assert_same_parse(text, dialect)
    assert_same_links(text, dialect)
    for paragraph in text.split("\n\n")[:40]:  # what check reads: one block's text
        assert_same_readers(paragraph, dialect)


# ------------------------------------------------------------ generated paragraphs

WORD = st.sampled_from(["a", "b", "Qi", "flow", "x1", "9", "FOO", "BAR", "baz", "针灸"])
MARKUP = st.sampled_from([
    "*", "**", "_", "__", "~~", "`", "``", "[", "]", "](", "(", ")", "![", "^[", "[^1]",
    "[^2]", "][", "<", ">", "<b", "</b>", "<!--", "-->", "<?", "?>", "<http://e.com>",
    "&amp;", "&", "\\", "\\*", "\\`", "\"", "'", "!", "{", "}", "|", ":", "=", "<a x=\"",
    "[FOO]", "[BAR BAZ]", "[x](y \"", "[x][BAR", "  \n", "\\\n", "\n", " ", "A `B",
])
# Whole constructs with a space or a newline inside, where a cut would be wrong.
CONSTRUCT = st.sampled_from([
    "*a b*", "**a b**", "_a b_", "__a\nb__", "~~a b~~", "`a b`", "`` a ` b ``", "[a b](u)",
    "[a](u \"t s\")", "[a](<u v>)", "![a b](u \"t s\")", "[FOO]", "[x][BAR BAZ]",
    "[FOO](x \"y z\")", "[^1](x \"y z\")", "<b c=\"d e\">", "</b>", "<!-- a b -->",
    "<? a b ?>", "<!X a b>", "^[a b]", "^[a *b c*]", "[^1]", "[^2]", "&amp;", "&copy;",
    "<http://e.com>", "a  \nb", "a\\\nb", "*a **b c** d*", "***a b***", "[a *b](u) c*",
])
GLUE = st.sampled_from([" ", " ", " ", "\n", ""])
paragraphs = st.lists(st.tuples(st.one_of(WORD, WORD, WORD, CONSTRUCT, CONSTRUCT, MARKUP), GLUE),
                      min_size=1, max_size=30).map(
    lambda parts: "".join(a + b for a, b in parts).strip())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs, st.sampled_from([COMMONMARK, GFM, MKDOCS]))
def test_generated_paragraphs_parse_the_same_in_pieces(text: str, dialect: Dialect) -> None:
    assert_same_parse(text, dialect)
    assert_same_readers(text, dialect)
    assert_same_links(f"[FOO]: ./foo.png\n\n{text} [a b](./c.png)\n", dialect)


@settings(max_examples=100, deadline=None)
@given(paragraphs, paragraphs)
def test_a_paragraph_with_footnotes_parses_the_same_in_pieces(text: str, note: str) -> None:
    document = f"{text} and[^1] b[^2] c\n\n[^1]: {note}\n\n[^2]: d e f\n"
    assert_same_parse(document, GFM)
    assert_same_readers(text.replace("\n\n", " "), GFM)


def test_a_long_paragraph_parses_the_same_at_the_real_limit() -> None:
    words = ["*gentle*", "**firm**", "`code`", "[link](https://e.com/p)", "针灸", "the",
             "needle", "point", "<b>x</b>", "[^1]", "^[note]"]
    text = " ".join(words[i % len(words)] + f" w{i}" for i in range(40_000))
    md = full_parser()

    def env() -> dict[str, Any]:
        return {"footnotes": {"refs": {":1": -1}, "list": {}}}
    assert len(text) > 4 * chunks.LIMIT
    assert sum(1 for _ in chunks._pieces(md, text, env(), True)) > 4
    assert flat(chunks.parse(md, text, env())) == flat(chunks.whole_parse(md, text, env()))
