"""The dialects: structure is copied, what a reader sees is extracted.

Corpus-wide over `/work/shared/corpus/dialects/` (each folder read in the dialect it
is named after), then construct by construct.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from locpipe.config import DIALECTS as DIALECT_NAMES
from locpipe.config import load_config
from locpipe.errors import LocpipeError
from locpipe.markdown.dialects import COMMONMARK, dialect_named, dialect_of
from locpipe.markdown.frontmatter import body_offset
from locpipe.markdown.grammar import block_parser
from locpipe.markdown.segment import Document, Segment, segment_text
from locpipe.markdown.splice import assemble
from pipeline_support import DIALECT_CORPUS, corpus_dialect

CORPUS_DIR = DIALECT_CORPUS
PAGES = sorted(p.relative_to(CORPUS_DIR).as_posix() for p in CORPUS_DIR.rglob("*")
               if p.suffix in (".md", ".mdx")) if CORPUS_DIR.is_dir() else []

# What must never be inside a msgid (code spans aside): each dialect's structure.
MARKERS = {
    "container fence": re.compile(r"(?:^|\s):{3,}(?:[\w-]|\[|\s*$)"),
    "block fence": re.compile(r"(?:^|\s)/{3,}(?:\s|$)"),
    "admonition marker": re.compile(r"^(?:!!!|\?\?\?)\+?\s"),
    "tab marker": re.compile(r'^===[+!]?\s+"'),
    "alert marker": re.compile(r"^\[![A-Za-z]+\]"),
    "attribute list": re.compile(r"\{:?\s*[#.]\\?[\w-][^{}]*\}\s*$"),
    "shortcode line": re.compile(r"^(?:\s*\{\{[<%][^{}]*[>%]\}\})+\s*$"),
    "shortcode pair": re.compile(
        r"^\{\{([<%])\s*([\w/.-]+)(?![\w/.-])[^{}]*[>%]\}\}.*\{\{\1\s*/\2\s*[>%]\}\}$"),
    "MDX statement": re.compile(r"^(?:import|export)\s"),
    "JSX tag line": re.compile(r"^</?[A-Z][\w.]*(?:\s[^<>]*)?/?>$"),
    "snippet line": re.compile(r"^;*-+8<-+(?:\s|$)"),
    "abbreviation": re.compile(r"^\*\[[^\]]+\]:"),
    "mdBook directive": re.compile(r"^\{\{#\w+"),
    "task box": re.compile(r"^\[[ xX]\]\s"),
}
_CODE_SPAN = re.compile(r"(`+).+?\1")
_HEADING_ID = re.compile(r"\{#[^{}\s]+\}")
_SHORTCODE_LINE = re.compile(r"^[ \t]*(?:\{\{[<%][^{}\n]*[>%]\}\}[ \t]*)+$", re.MULTILINE)


def page_document(page: str) -> Document:
    if not PAGES:
        pytest.skip(f"the dialect corpus is missing: {CORPUS_DIR} (see shared/corpus/README.md)")
    text = (CORPUS_DIR / page).read_text(encoding="utf-8")
    return segment_text(text, f"content/{page}", dialect=corpus_dialect(page))


def markers(msgid: str) -> list[str]:
    text = _CODE_SPAN.sub("code", msgid)
    return [name for name, pattern in MARKERS.items() if pattern.search(text)]


def structure(doc: Document, text: str) -> list[tuple[str, str, int, str]]:
    """The block tokens of `text` under the document's dialect (titles aside: they
    are text inside a token's `info`)."""
    tokens = block_parser(doc.dialect).parse(text[body_offset(text):])
    return [(t.type, t.tag, t.level, t.markup) for t in tokens if t.type != "inline"]


def pseudo(segment: Segment) -> str:
    return f"⟦{segment.msgid}⟧"


def test_the_corpus_has_every_folder() -> None:
    if not PAGES:
        pytest.skip("the dialect corpus is missing")
    assert {page.split("/")[0] for page in PAGES} == {
        "vitepress", "vitepress-zh", "docusaurus", "hugo", "mkdocs"}


@pytest.mark.parametrize("page", PAGES or ["-"])
def test_no_entry_carries_a_structural_marker(page: str) -> None:
    doc = page_document(page)
    marked = {s.msgid: markers(s.msgid) for s in doc.segments
              if s.context is None and markers(s.msgid)}
    assert marked == {}


@pytest.mark.parametrize("page", PAGES or ["-"])
def test_a_pseudo_translation_keeps_every_block_id_and_shortcode(page: str) -> None:
    doc = page_document(page)
    source = doc.text
    result = assemble(doc, {(s.context, s.msgid): pseudo(s) for s in doc.segments})
    assert result.fallbacks == []
    assert result.translated == len(doc.segments)
    assert structure(doc, result.text) == structure(doc, source)
    assert Counter(_HEADING_ID.findall(result.text)) == Counter(_HEADING_ID.findall(source))
    # a shortcode line is copied; only the arguments shown as text are translated
    assert Counter(_SHORTCODE_LINE.findall(result.text.replace("⟦", "").replace("⟧", ""))) \
        == Counter(_SHORTCODE_LINE.findall(source))
    body = [s for s in doc.segments if s.context is None]
    assert all(pseudo(s) in result.text for s in body)


@pytest.mark.parametrize("page", PAGES or ["-"])
def test_an_identity_translation_gives_the_page_back(page: str) -> None:
    doc = page_document(page)
    result = assemble(doc, {(s.context, s.msgid): s.msgid for s in doc.segments})
    assert result.text == doc.text
    assert result.fallbacks == []


# ------------------------------------------------------------ construct by construct

def extracted(text: str, dialect: str) -> list[tuple[str, str]]:
    doc = segment_text(text, "content/a.md", dialect=dialect_named(dialect))
    return [(s.kind, s.msgid) for s in doc.segments]


CONSTRUCTS = [
    ("vitepress", "::: warning Important\nThis *option* is\ngreat.\n:::\n",
     [("warning container title", "Important"), ("warning container", "This *option* is great.")]),
    ("vitepress", "::: code-group\n```js\nx\n```\n:::\n", []),
    ("vitepress", "## Props {#props}\n", [("heading", "Props")]),
    ("vitepress", "::::: tip\n::: details Click me\n- inner item\n:::\n:::::\n",
     [("details container title", "Click me"), ("list item", "inner item")]),
    ("docusaurus", ":::note[Your title]\nSome **content**.\n:::\n",
     [("note container title", "Your title"), ("note container", "Some **content**.")]),
    ("docusaurus", "import Tabs from '@theme/Tabs';\n\n<Tabs>\n<TabItem value=\"a\">\n"
     "Text in a tab.\n</TabItem>\n</Tabs>\n", [("paragraph", "Text in a tab.")]),
    ("gfm", "> [!NOTE]\n> Useful information.\n", [("note alert", "Useful information.")]),
    ("gfm", "- [ ] to do\n- [x] done\n", [("list item", "to do"), ("list item", "done")]),
    ("hugo", "> [!NB] A title\n> The body.\n", [("nb alert title", "A title"),
                                                ("nb alert", "The body.")]),
    ("hugo", '{{< figure src="a.png" caption="A needle" >}}\n',
     [("figure shortcode caption", "A needle")]),
    ("hugo", "{{% notice info %}}\nThe *body*.\n{{% /notice %}}\n",
     [("notice shortcode", "The *body*.")]),
    ("hugo", "{{< highlight go >}}\nfmt.Println(1)\n{{< /highlight >}}\n", []),
    ("hugo", "Text with {{< param x >}} inside.\n",
     [("paragraph", "Text with {{< param x >}} inside.")]),
    ("hugo", "| a |\n| - |\n| b |\n{.table}\n", [("table header", "a"), ("table cell", "b")]),
    ("mkdocs", '!!! note "Phasellus posuere"\n    The body.\n',
     [("note admonition title", "Phasellus posuere"), ("note admonition", "The body.")]),
    ("mkdocs", "!!! Note\n    No title written.\n", [("note admonition", "No title written.")]),
    ("mkdocs", '=== "Tab one"\n    One.\n\n=== "Tab two"\n    Two.\n',
     [("tab label", "Tab one"), ("tab", "One."), ("tab label", "Tab two"), ("tab", "Two.")]),
    ("mkdocs", "/// html | div.result\n//// note | Title\nContent\n////\n///\n",
     [("note block title", "Title"), ("note block", "Content")]),
    ("mkdocs", "A paragraph.\n{: .lead }\n\n*[HTML]: Hyper Text Markup Language\n",
     [("paragraph", "A paragraph."), ("abbreviation", "Hyper Text Markup Language")]),
    ("mkdocs", 'Apple\n:   A fruit.\n\n--8<-- "snippet.md"\n',
     [("definition term", "Apple"), ("definition", "A fruit.")]),
    ("mdbook", "{{#include file.rs}}\n\nText.\n", [("paragraph", "Text.")]),
]


@pytest.mark.parametrize(("dialect", "text", "expected"), CONSTRUCTS)
def test_each_construct_gives_its_text_and_keeps_its_structure(
        dialect: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert extracted(text, dialect) == expected


@pytest.mark.parametrize(("dialect", "text", "expected"), CONSTRUCTS)
def test_without_the_dialect_the_construct_is_commonmark_text(
        dialect: str, text: str, expected: list[tuple[str, str]]) -> None:
    doc = segment_text(text, "content/a.md", dialect=COMMONMARK)
    doc_d = segment_text(text, "content/a.md", dialect=dialect_named(dialect))
    assert [s.msgid for s in doc.segments] != [s.msgid for s in doc_d.segments] or \
        not any(markers(s.msgid) for s in doc.segments)


# A translation that would break the line or block around it falls back.
BREAKING = [
    ("mkdocs", '!!! note "Title"\n    Body.\n', "Title", 'Ti"tle', 'a `"` would end'),
    ("docusaurus", ":::note[Title]\nBody.\n:::\n", "Title", "a ] b", "a `]` would end"),
    ("vitepress", "::: tip Title\nBody.\n:::\n", "Body.", ":::\nmore", "site's Markdown"),
    ("vitepress", "::: tip Title\nBody.\n:::\n", "Body.", "::: warning x", "site's Markdown"),
    ("vitepress", "## Props {#props}\n", "Props", "属性 {#shu-xing}", "attribute list"),
    ("mkdocs", "Para.\n", "Para.", "文字\n{: .x }", "attribute list"),
    ("hugo", "Para.\n", "Para.", '{{< figure src="x" >}}', "site's Markdown"),
    ("mkdocs", '=== "A"\n    Body.\n', "Body.", "!!! note\n    x", "site's Markdown"),
]


@pytest.mark.parametrize(("dialect", "text", "msgid", "target", "reason"), BREAKING)
def test_a_translation_that_breaks_the_structure_falls_back(
        dialect: str, text: str, msgid: str, target: str, reason: str) -> None:
    doc = segment_text(text, "content/a.md", dialect=dialect_named(dialect))
    result = assemble(doc, {(None, msgid): target})
    assert result.text == text
    assert [f.segment.msgid for f in result.fallbacks] == [msgid]
    assert reason in result.fallbacks[0].reason


def test_a_translated_title_and_body_are_spliced_in_place() -> None:
    text = '!!! warning "Be careful"\n    Needles are\n    sharp.\n'
    doc = segment_text(text, "content/a.md", dialect=dialect_named("mkdocs"))
    result = assemble(doc, {(None, "Be careful"): "小心", (None, "Needles are sharp."):
                            "针很\n锋利。"}, cjk=True)  # no break between CJK characters
    assert result.text == '!!! warning "小心"\n    针很锋利。\n'
    assert result.fallbacks == []


# ------------------------------------------------------------ configuration

@pytest.mark.parametrize("name", sorted(DIALECT_NAMES))
def test_every_dialect_can_be_chosen(tmp_path: Path, name: str) -> None:
    (tmp_path / "locpipe.yaml").write_text(f"dialect: {name}\n", encoding="utf-8")
    config = load_config(cwd=tmp_path)
    assert dialect_of(config) == dialect_named(name)
    assert block_parser(dialect_of(config)).parse("::: tip\nx\n:::\n")


def test_extensions_are_added_and_removed(tmp_path: Path) -> None:
    (tmp_path / "locpipe.yaml").write_text(
        "dialect: vitepress\nextensions: {container: false, admonition: true}\n",
        encoding="utf-8")
    dialect = dialect_of(load_config(cwd=tmp_path))
    assert not dialect.has("container") and dialect.has("admonition")
    assert extracted("::: tip\nx\n:::\n", "gfm") == [("paragraph", "::: tip x :::")]


@pytest.mark.parametrize(("yaml_text", "message", "hint"), [
    ("dialect: vitpress\n", "unknown dialect 'vitpress'", "did you mean 'vitepress'?"),
    ("dialect: 42\n", "unknown dialect", "known: commonmark, gfm"),
    ("extensions: {contaner: true}\n", "unknown extension 'contaner'", "'container'"),
    ("extensions: {container: yes please}\n", "must map extension names", "footnote: false"),
])
def test_a_bad_dialect_setting_names_the_key_and_line(tmp_path: Path, yaml_text: str,
                                                      message: str, hint: str) -> None:
    (tmp_path / "locpipe.yaml").write_text("locales: [zh_Hans]\n" + yaml_text, encoding="utf-8")
    with pytest.raises(LocpipeError) as caught:
        load_config(cwd=tmp_path)
    assert message in str(caught.value.message) and caught.value.line == 2
    assert hint in str(caught.value.hint)
