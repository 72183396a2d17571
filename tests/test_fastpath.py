"""The fast paths of assembly against their slow twins: same edition, same fallbacks.

Over the fuzz generator (random documents, random translations with breakers),
every CommonMark spec example and every page of the dialect corpus, each with
translation styles that take the fast paths and ones that must not. The corpora
are read from /work/shared/corpus; their tests skip, saying so, when it is missing.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bad_support import make_project, run_ok
from fuzz_support import documents, inline, noise, translation
from locpipe.checks import markdown as check_markdown
from locpipe.config import DIALECTS as DIALECT_NAMES
from locpipe.markdown import fastpath
from locpipe.markdown.dialects import dialect_named
from locpipe.markdown.safety import unsafe
from locpipe.markdown.segment import Document, segment_text
from locpipe.markdown.splice import Assembly, Key, assemble
from pipeline_support import CORPUS, DIALECT_CORPUS, block_structure, corpus, corpus_dialect

DIALECTS = DIALECT_CORPUS
PAGES = sorted(DIALECTS.rglob("*.md")) if DIALECTS.is_dir() else []
EXAMPLES = json.loads(CORPUS.read_text(encoding="utf-8")) if CORPUS.is_file() else []


def both(doc: Document, translations: dict[Key, str], cjk: bool) -> tuple[Assembly, Assembly]:
    """The assembly with the fast paths and without them."""
    return assemble(doc, translations, cjk, fast=True), assemble(doc, translations, cjk,
                                                                 fast=False)


def assert_same(doc: Document, translations: dict[Key, str],
                cjks: tuple[bool, ...] = (False, True)) -> None:
    for cjk in cjks:
        fast, slow = both(doc, translations, cjk)
        assert fast.text == slow.text, (translations, fast.fallbacks, slow.fallbacks)
        assert fast == slow, translations


def keys(doc: Document) -> list[Key]:
    return list(dict.fromkeys((s.context, s.msgid) for s in doc.segments))


# Translation styles: plain text takes the fast paths; the others sit next to
# what a neighbouring line may read (a title, a delimiter row, a pipe, a marker).
Style = Callable[[int, str], str]
STYLES: dict[str, Style] = {
    "identity": lambda i, msgid: msgid,
    "chinese": lambda i, msgid: f"译文{i}：{msgid[::-1]}",
    "plain": lambda i, msgid: "针灸与气" if i % 2 else "Akupunktur und Qi",
    "lines": lambda i, msgid: "第一行  \n第二行\\\n第三行",
    "title": lambda i, msgid: ["'title'", '"title"', "(title)"][i % 3],
    "delimiter": lambda i, msgid: [":-", ":--:", "-", "==="][i % 4],
    "pipes": lambda i, msgid: ["a | b", "a \\| b", "x\\", "|", "a|b\\"][i % 5],
    "markers": lambda i, msgid: ["# x", "- x", "1) x", "> x", "    x", "<div>", "[x]: /u",
                                 "```", "x\n===", "1. x"][i % 10] + " " + msgid,
    "markup": lambda i, msgid: f"*{msgid}* `code` [link](/u) <b>b</b> &amp; \\*",
    "dialect": lambda i, msgid: ["::: tip", ":::", "!!! note", '=== "x"', "/// note", "///",
                                 "[!NOTE]", "{{< x >}}", "import x", "*[A]: b", ": d",
                                 '"', "]", "{: .c }"][i % 14] + " " + msgid,
    "attributes": lambda i, msgid: msgid + [" {#id}", " {: .c }", "\n{.c}", " :::"][i % 4],
}


def each_style(doc: Document, both: bool = True) -> None:
    """Each style for a CJK edition and another, or (not `both`) for one of them in
    turn: a long page that falls back costs dozens of parses per assembly."""
    for n, (name, style) in enumerate(STYLES.items()):
        translations = {k: style(i, k[1]) for i, k in enumerate(keys(doc))}
        try:
            assert_same(doc, translations, (False, True) if both else (n % 2 == 1,))
        except AssertionError as error:
            raise AssertionError(f"style {name}: {error}") from None


# ------------------------------------------------------------ the fuzz generator

# LOCPIPE_FUZZ_EXAMPLES=20000 searches longer than the test suite does.
@settings(max_examples=int(os.environ.get("LOCPIPE_FUZZ_EXAMPLES", "300")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(source=documents(dialects=True), dialect=st.sampled_from(sorted(DIALECT_NAMES)),
       data=st.data())
# a table to markdown-it, one column
@example(source="Name \\| Type\n---\n", data=None, dialect="gfm")
# `'t'` would be its title
@example(source="[ref]: http://example.com\nbar\n", data=None, dialect="gfm")
# `:-` would make a table of the heading
@example(source="# a \\| b\nfoo\n", data=None, dialect="gfm")
# `x\` would escape the pipe after it
@example(source="a|b\n-|-\n", data=None, dialect="gfm")
# `title: x` under the leading break would make front matter of the first lines
@example(source="---\nHello\n---\n", data=None, dialect="gfm")
def test_random_documents_and_translations(source: str, data: st.DataObject | None,
                                           dialect: str) -> None:
    doc = segment_text(source, "content/a.md", dialect=dialect_named(dialect))
    if data is None:  # the examples above: every breaking translation of each segment
        for target in ("名称 类型", "'title'", ":-", "x\\", "title: x"):
            assert_same(doc, {k: target for k in keys(doc)})
        return
    translations = {k: data.draw(translation(k[1])) for k in keys(doc)}
    assert_same(doc, {k: v for k, v in translations.items() if v})


def test_a_key_under_comment_lines_would_open_front_matter() -> None:
    # `# H` is a heading here, and a YAML comment once `title: x` follows it.
    doc = segment_text("---\n# H\nHello\n---\n", "content/a.md")
    assert_same(doc, {(None, "Hello"): "title: x"})


# ------------------------------------------------------------ the corpora

@pytest.mark.parametrize("number", [e["example"] for e in EXAMPLES] or [0])
def test_commonmark_examples(number: int) -> None:
    examples = EXAMPLES or corpus()  # skips with the reason
    each_style(segment_text(examples[number - 1]["markdown"], f"content/ex{number:03d}.md"))


def dialect_pages() -> list[Path]:
    if not PAGES:
        pytest.skip(f"the dialect corpus is missing: {DIALECTS} (see shared/corpus/README.md)")
    return PAGES


@pytest.mark.parametrize("page", [p.relative_to(DIALECTS).as_posix() for p in PAGES] or ["-"])
def test_dialect_pages(page: str) -> None:
    dialect_pages()
    path = DIALECTS / page
    each_style(segment_text(path.read_text(encoding="utf-8"), f"content/{page}",
                            dialect=corpus_dialect(page)), both=False)


def test_the_dialect_corpus_is_there() -> None:
    assert len(dialect_pages()) > 400


# ------------------------------------------------------------ the safety policy

LINK_PIECES = ["[x]", "](", "]:", "(", ")", "<", ">", "\n", "\r", " ", "\t", "|", "-", "\x00",
               "`", "\\", "&#58;", "&amp;", "http://a.example", "https://evil.example/p",
               "//evil.example", "javascript:", "data:", "HTTPS://A.EXAMPLE", "évil.example",
               "> ", "- ", "    ", "a", "气"]
linkish = st.lists(st.sampled_from(LINK_PIECES), max_size=14).map("".join)


@settings(max_examples=int(os.environ.get("LOCPIPE_FUZZ_EXAMPLES", "300")) * 4, deadline=None)
@given(source=linkish | inline, target=linkish | inline,
       dialect=st.sampled_from(sorted(DIALECT_NAMES)))
@example(source="[a](https://a.example)", target="> [a](\n> https://evil.example)",
         dialect="gfm")
@example(source="a|b\n-|-\n[x](https://a.example)",
         target="a|b\n-|-\n[x](https://a.example|evil.example)", dialect="gfm")
@example(source="[x](https://a.example)", target="[x](https://a.example\x00evil)", dialect="gfm")
def test_a_translation_called_safe_unparsed_is_safe_parsed(source: str, target: str,
                                                           dialect: str) -> None:
    """Where the fast path says a translation adds nothing unsafe, the parse agrees;
    in the documents above, assembly compares the two over whole editions."""
    grammar = dialect_named(dialect)
    if fastpath.adds_nothing_unsafe(source, target, grammar):
        assert unsafe(source, target, grammar) is None


def test_a_translation_that_keeps_its_links_is_called_safe_unparsed() -> None:
    """What the fast path is for: the links copied, the text around them translated."""
    source = "See [the guide](https://a.example/guide?x=1#y) and ![map](map.png \"Map\")."
    assert fastpath.adds_nothing_unsafe(source, "见[指南](https://a.example/guide?x=1#y)与"
                                                "![地图](map.png \"地图\")。")
    assert not fastpath.adds_nothing_unsafe(source, "见[指南](https://evil.example/)。")


# ------------------------------------------------------------ the holes, one by one

@pytest.mark.parametrize(("source", "msgid", "target"), [
    # an escaped pipe is the header's only one: without it, `---` underlines a heading
    ("Name \\| Type\n---\n", "Name \\| Type", "名称 类型"),
    ("Name \\| Type\n:--\nrow\n", "Name \\| Type", "名称"),
    # a reference definition takes its title from the next line
    ("[foo]: /url\nbar\n", "bar", "'title'"),
    ("[foo]:\n/url\nbar\n", "bar", "(title)"),
    ("[foo\nbar]: /url\nbaz\n", "baz", '"title"'),
    ("> [foo]: /url\n> bar\n", "bar", "'title'"),
    ("- [foo]: /url\n  bar\n", "bar", "'title'"),
    ("[foo]: /url\r\nbar\r\n", "bar", "'title'"),
    # a line starting with `:` is a delimiter row under a header with a pipe
    ("# a \\| b\nfoo\n", "foo", ":-"),
    ("<!-- a \\| b -->\nfoo\n", "foo", ":--"),
    # a backslash at the end of a cell escapes the pipe after it
    ("|a|b|\n|-|-|\n", "a", "x\\"),
])
def test_a_line_its_neighbours_read_otherwise_takes_the_slow_path(
        source: str, msgid: str, target: str) -> None:
    doc = segment_text(source, "content/a.md")
    fast, slow = both(doc, {(None, msgid): target}, False)
    assert fast == slow
    assert block_structure(fast.text) == block_structure(source), fast.text
    assert [f.segment.msgid for f in fast.fallbacks] == [msgid]


# ------------------------------------------------------------ through the command line

ONE_COLUMN = "# Types\n\nName \\| Type\n---\nint\n"


@pytest.mark.parametrize("switch", ["1", "0"])
def test_build_keeps_a_one_column_table_whose_header_would_lose_its_pipe(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, switch: str) -> None:
    """A header whose only pipe is escaped, translated without one: `---` would
    underline a heading. The edition keeps the table and the build says why."""
    monkeypatch.setattr(fastpath, "ENABLED", switch == "1")
    root = make_project(tmp_path, ONE_COLUMN, "source_locale: en\nlocales: [zh_Hans]\n")
    run_ok(root, "extract")
    run_ok(root, "update")
    path = root / "locales/zh_Hans/LC_MESSAGES/article.po"
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = {"Name \\| Type": "名称 类型", "int": "整数"}.get(entry.msgid, "")
    po.save(str(path))
    result = run_ok(root, "build")
    edition = (root / "build/site/zh-Hans/article.md").read_text(encoding="utf-8")
    assert block_structure(edition) == block_structure(ONE_COLUMN)
    assert edition.endswith("Name \\| Type\n---\n整数\n")
    [warning] = result.stderr.splitlines()
    assert re.fullmatch(r"locales/zh_Hans/LC_MESSAGES/article\.po:\d+: warning: translation "
                        r"not used, the source text is kept: it changes the document's "
                        r"structure \(fix the msgstr\)", warning), warning


# ------------------------------------------------------------ check's plain-text shortcut

# Unicode spaces at the ends, NUL and CR (which the parser rewrites) and a closing
# `#` in a heading once made the shortcut disagree.
TEXT = st.one_of(inline, noise, st.text(max_size=20), st.text(
    alphabet="ab Z9 .,:;!?-“”'\"()（）、。气#=+\t\u3000\xa0\x85\x0b\0\r", max_size=30))


@settings(max_examples=1000, deadline=None)
@given(text=TEXT, context=st.sampled_from([check_markdown.PARAGRAPH, check_markdown.HEADING,
                                           check_markdown.TABLE_CELL]))
def test_checks_plain_text_shortcut_is_the_parse(text: str, context: str) -> None:
    """`checks.markdown._parse` with its shortcut gives what the parser gives, in full."""
    check_markdown._parse.cache_clear()  # a parse cached with the fast paths off
    assert check_markdown._parse(text, context, ()) == check_markdown.full_parse(text, context)


@pytest.mark.parametrize("source", [
    "[foo]: /url\n\nbar\n",
    "[foo]: /url\n\n> bar\n",
    "bar\n\n[foo]: /url\n",
])
def test_a_definition_a_blank_line_away_leaves_the_fast_path_open(source: str) -> None:
    doc = segment_text(source, "content/a.md")
    written = {i: "'title'" for i, s in enumerate(doc.segments) if s.msgid == "bar"}
    assert fastpath.plain_splice(doc, written)
    fast, slow = both(doc, {(None, "bar"): "'title'"}, False)
    assert fast == slow and not fast.fallbacks
