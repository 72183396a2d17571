"""Markdown integrity rules (M001-M006), judged on what markdown-it-py parses."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks_support import check_entry

ARTICLE = "See [the study][1].\n\n[1]: https://example.org/study\n"


@pytest.mark.parametrize(("msgid", "msgstr", "expected"), [
    ("![Needles](img/needles.png) in use.", "使用中。",
     ['image URL dropped: "img/needles.png"']),
    ("Read <https://example.org>.", "请阅读 <https://example.org>。", []),
    ("See [a](https://example.org/a).", "见[甲](https://example.org/a)和[乙](https://example.org/a)。",
     ['link URL added: "https://example.org/a"']),
    # Text that only looks like a link is no link on either side.
    ("Cost [in dollars] (approx.)", "费用 [美元] (约)", []),
], ids=["image-dropped", "autolink-kept", "link-doubled", "not-a-link"])
def test_link_urls(tmp_path: Path, msgid: str, msgstr: str, expected: list[str]) -> None:
    assert check_entry(tmp_path, msgid, msgstr, "M001") == expected


def test_reference_links_resolve_through_the_source_article(tmp_path: Path) -> None:
    files = {"content/article.md": ARTICLE}
    assert check_entry(tmp_path / "a", "See [the study][1].", "见[研究][1]。", "M001",
                       files=files) == []
    assert check_entry(tmp_path / "b", "See [the study][1].", "见研究。", "M001",
                       files=files) == ['link URL dropped: "https://example.org/study"']


@pytest.mark.parametrize(("msgid", "msgstr", "expected"), [
    ("Run `a` then `b`.", "先运行 `b`，再运行 `a`。", []),
    ("Run `a` then `b`.", "运行 `a`。", ['inline code dropped: "b"']),
    ("Run it.", "运行 `rm -rf /`。", ['inline code added: "rm -rf /"']),
])
def test_inline_code(tmp_path: Path, msgid: str, msgstr: str, expected: list[str]) -> None:
    assert check_entry(tmp_path, msgid, msgstr, "M002") == expected


@pytest.mark.parametrize(("msgid", "msgstr", "expected"), [
    ("An *old* ~~new~~ idea.", "一个旧的新想法。",
     ["emphasis lost (1 in the source, 0 here)", "strikethrough lost (1 in the source, 0 here)"]),
    ("An old idea.", "一个**旧**想法。", []),
    ("The **flow** of Qi.", "气的**流动**。", []),
])
def test_emphasis(tmp_path: Path, msgid: str, msgstr: str, expected: list[str]) -> None:
    assert check_entry(tmp_path, msgid, msgstr, "M003") == expected


def test_emphasis_trap_names_the_literal_asterisks(tmp_path: Path) -> None:
    [message] = check_entry(tmp_path, "The flow of **“Qi”**.", "这是**“气”**的流动。", "M003")
    assert "'**' is shown as text" in message


@pytest.mark.parametrize(("msgstr", "expected"), [
    ("穴位[^2]很重要。", ['footnote reference changed: "1" became "2"']),
    ("穴位[^1]很重要[^1]。", ['footnote reference added: "1"']),
    ("穴位[^1]很重要。", []),
])
def test_footnotes(tmp_path: Path, msgstr: str, expected: list[str]) -> None:
    assert check_entry(tmp_path, "Points[^1] matter.", msgstr, "M004") == expected


@pytest.mark.parametrize(("msgid", "msgstr", "found"), [
    ("See [the study](https://e.org).", "见[研究]（https://e.org）。", "]（"),
    ("See [the study](https://e.org).", "见[研究](https://e.org）。", "](https://e.org）"),
    ("See [the study](https://e.org).", "见【研究](https://e.org)。", "【研究]"),
])
def test_broken_link_syntax(tmp_path: Path, msgid: str, msgstr: str, found: str) -> None:
    assert check_entry(tmp_path, msgid, msgstr, "M005") == [
        f"link syntax broken by full-width brackets near {found!r}"]


def test_fullwidth_brackets_without_a_link_are_fine(tmp_path: Path) -> None:
    assert check_entry(tmp_path, "See the note (below).", "见【注】（下文）。", "M005") == []


@pytest.mark.parametrize(("msgid", "msgstr", "kind", "expected"), [
    # A heading's msgid may look like a list item; translating the number is fine.
    ("1. Restoring Balance", "一、恢复平衡", "heading", []),
    ("1. Restoring Balance", "1. 恢复平衡", "heading", []),
    ("Restoring Balance", "恢复\n\n平衡", "heading",
     ["heading in the source, heading, paragraph"]),
    ("Balance takes time.", "1. 平衡需要时间。", "paragraph",
     ["paragraph in the source, ordered_list[paragraph]"]),
    ("Balance takes time.", "1\\. 平衡需要时间。", "paragraph", []),
    ("Balance takes time.", "```\n平衡需要时间。", "paragraph",
     ["paragraph in the source, fence"]),
    ("Balance takes time.", "<div>平衡需要时间。</div>", "paragraph",
     ["paragraph in the source, html_block"]),
    ("a \\| b", "甲 | 乙", "table cell", ["table, 1 cell in the source, table, 2 cells"]),
    ("a \\| b", "甲 \\| 乙", "table cell", []),
    # A footnote reference brings the footnote list along; that is M004's business.
    ("Points[^1] matter.", "穴位很重要。", "paragraph", []),
    # Front matter is YAML, not Markdown: a leading dash is text there.
    ("Ancient Wisdom", "- 古老智慧", "front matter: title", []),
], ids=["heading-number", "heading-number-kept", "heading-split", "paragraph-to-list",
        "escaped-number", "fence", "html-block", "table-pipe", "table-pipe-escaped",
        "footnote-dropped", "front-matter"])
def test_block_structure(tmp_path: Path, msgid: str, msgstr: str, kind: str,
                         expected: list[str]) -> None:
    found = check_entry(tmp_path, msgid, msgstr, "M006", kind=kind)
    assert found == [f"block structure changes: {e} in the translation" for e in expected]
