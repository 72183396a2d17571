"""Markdown integrity rules (M001-M008), judged on what markdown-it-py parses."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks_support import CATALOGUE, check_entry, entry, messages, po, project

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


@pytest.mark.parametrize(("msgid", "msgstr", "code", "expected"), [
    ("Run `a` then `b`.", "先运行 `b`，再运行 `a`。", "M002", []),
    ("Run `locpipe build`.", "运行 `locpipe 构建`。", "M002",
     ['inline code changed: "locpipe build" became "locpipe 构建"']),
    ("Run `a` then `b`.", "运行 `a`。", "M002", []),
    ("Run `a` then `b`.", "运行 `a`。", "M007", ['inline code dropped: "b"']),
    ("Run it.", "运行 `rm -rf /`。", "M007", ['inline code added: "rm -rf /"']),
    # Grammar drops a span, or adds backticks around a word the source has: not reported.
    ("The `actions` run.", "`action` 运行。", "M002", []),
    ("The `actions` run.", "`action` 运行。", "M007", []),
    ("Set state first.", "先设置 `state`。", "M007", []),
    ("Read `path` first.", "先读 path。", "M007", []),
    # The plural twin is found even when the singular is also a word of the prose.
    ("Actions read `this`; `actions` may wait.", "action 读 `this`；`action` 可以等待。",
     "M007", []),
    # A span of the source written once more, where Chinese repeats the noun: not reported;
    # a span the source does not have still is.
    ("It has the same `params` as here.", "它的 `params` 与这里的 `params` 相同。", "M007", []),
    ("It has the same `params` as here.", "它的 `params` 与这里的 `query` 相同。", "M007",
     ['inline code added: "query"']),
], ids=["reordered", "changed", "dropped-is-not-changed", "dropped", "added", "plural",
        "plural-warning", "backticks-added", "backticks-removed", "plural-beside-prose",
        "repeated", "repeat-of-nothing"])
def test_inline_code(tmp_path: Path, msgid: str, msgstr: str, code: str,
                     expected: list[str]) -> None:
    assert check_entry(tmp_path, msgid, msgstr, code) == expected


@pytest.mark.parametrize(("msgid", "msgstr", "locale", "expected"), [
    # Chinese sets no italics: dropped `*em*` is not reported, strikethrough is.
    ("An *old* ~~new~~ idea.", "一个旧的新想法。", "zh_Hans",
     ["strikethrough dropped (1 in the source, 0 here)"]),
    ("An *old* idea.", "Eine alte Idee.", "de", ["emphasis dropped (1 in the source, 0 here)"]),
    ("An old idea.", "一个**旧**想法。", "zh_Hans", []),
    ("The **flow** of Qi.", "气的**流动**。", "zh_Hans", []),
    ("The **flow** of Qi.", "气的流动。", "zh_Hans",
     ["strong emphasis dropped (1 in the source, 0 here)"]),
])
def test_emphasis_dropped(tmp_path: Path, msgid: str, msgstr: str, locale: str,
                          expected: list[str]) -> None:
    assert check_entry(tmp_path, msgid, msgstr, "M008", locale=locale) == expected


def test_emphasis_trap_names_the_literal_asterisks(tmp_path: Path) -> None:
    [message] = check_entry(tmp_path / "a", "The flow of **“Qi”**.", "这是**“气”**的流动。",
                            "M003")
    assert "'**' is shown as text" in message and "full-width punctuation" in message
    assert check_entry(tmp_path / "b", "The flow of **“Qi”**.", "这是**“气”**的流动。",
                       "M008") == []


def test_unclosed_emphasis_gets_no_full_width_hint(tmp_path: Path) -> None:
    [message] = check_entry(tmp_path, "The **flow** of Qi.", "气的**流动。", "M003")
    assert message == ("strong emphasis lost (1 in the source, 0 here); '**' is shown as "
                       "text: it is not closed, or not flanked as CommonMark needs")


@pytest.mark.parametrize(("msgid", "msgstr"), [
    ("See [MDN](https://developer.mozilla.org/en-US/docs/Web/API)",
     "见 [MDN](https://developer.mozilla.org/zh-CN/docs/Web/API)"),
    ("See [Pinia](https://pinia.vuejs.org/core-concepts/)",
     "见 [Pinia](https://pinia.vuejs.org/zh/core-concepts/)"),
    ("See [Vite](https://vite.dev/guide/api-hmr.html#hmr-api)",
     "见 [Vite](https://cn.vite.dev/guide/api-hmr#hmr-api)"),
    ("See [guide](/guide/essentials)", "见[指南](/zh/guide/essentials/)"),
    ("See [it](http://example.org/a)", "见[它](https://example.org/a)"),
    ("See [it](https://support.google.com/x?hl=en)",
     "见[它](https://support.google.com/x?hl=zh-CN)"),
    ("See [install](#installation)", "见[安装](#安装)"),
    ("See [the type](../api/#RouteLocationRaw)", "见[类型](../api/#routelocationraw)"),
    ("See [caveats](https://v2.vuejs.org/v2/guide/reactivity.html#Change-Detection-Caveats)",
     "见[注意事项](https://v2.cn.vuejs.org/v2/guide/reactivity.html#检测变化的注意事项)"),
], ids=["mdn-language-segment", "language-segment", "language-subdomain", "trailing-slash",
        "https", "language-parameter", "fragment-to-edition-heading", "fragment-as-heading-id",
        "translated-heading-of-another-edition"])
def test_localised_links_are_not_changes(tmp_path: Path, msgid: str, msgstr: str) -> None:
    catalogue = po(entry(msgid, msgstr), entry("Installation", "安装", kind="heading", line=3))
    project(tmp_path, {CATALOGUE: catalogue})
    assert messages(tmp_path, "M001") == []
    assert messages(tmp_path, "S003") == []


@pytest.mark.parametrize(("msgid", "msgstr", "expected"), [
    ("See [it](https://pinia.vuejs.org/core-concepts/)",
     "见[它](https://pinia-vuejs.org.evil.example/zh/core-concepts/)",
     'link URL changed: "https://pinia.vuejs.org/core-concepts/" became '
     '"https://pinia-vuejs.org.evil.example/zh/core-concepts/"'),
    ("See [it](https://pinia.vuejs.org/core-concepts/state)",
     "见[它](https://pinia.vuejs.org/zh/core-concepts/getters)",
     'link URL changed: "https://pinia.vuejs.org/core-concepts/state" became '
     '"https://pinia.vuejs.org/zh/core-concepts/getters"'),
    ("See [it](https://example.org/en/a)", "见[它](https://example.org/zh/b)",
     'link URL changed: "https://example.org/en/a" became "https://example.org/zh/b"'),
    ("See [install](#installation)", "见[安装](#卸载)",
     'link URL changed: "#installation" became "#%E5%8D%B8%E8%BD%BD"'),
    ("See [it](https://example.org/a)", "见[它](http://example.org/a)",
     'link URL changed: "https://example.org/a" became "http://example.org/a"'),
    ("See [the type](../api/#RouteLocationRaw)", "见[类型](../api/#Type-Aliases-RouteLocationRaw)",
     'link URL changed: "../api/#RouteLocationRaw" became '
     '"../api/#Type-Aliases-RouteLocationRaw"'),
    ("See [it](https://vuejs.org/guide/a.html#caveats)", "见[它](https://vuejs.org/guide/a.html#注意)",
     'link URL changed: "https://vuejs.org/guide/a.html#caveats" became '
     '"https://vuejs.org/guide/a.html#%E6%B3%A8%E6%84%8F"'),
    ("See [it](https://v2.vuejs.org/guide/a.html#caveats)",
     "见[它](https://v2.cn.vuejs.org/guide/a.html#reactivity)",
     'link URL changed: "https://v2.vuejs.org/guide/a.html#caveats" became '
     '"https://v2.cn.vuejs.org/guide/a.html#reactivity"'),
], ids=["look-alike-host", "changed-path-segment", "language-and-page-changed",
        "fragment-to-no-heading", "https-to-http", "fragment-to-another-id",
        "translated-fragment-same-edition", "other-edition-another-heading"])
def test_changes_beside_a_localisation_are_still_m001(tmp_path: Path, msgid: str, msgstr: str,
                                                      expected: str) -> None:
    catalogue = po(entry(msgid, msgstr), entry("Installation", "安装", kind="heading", line=3))
    project(tmp_path, {CATALOGUE: catalogue})
    assert messages(tmp_path, "M001") == [expected]


def test_look_alike_host_is_a_foreign_host(tmp_path: Path) -> None:
    assert check_entry(tmp_path, "See [it](https://pinia.vuejs.org/)",
                       "见[它](https://pinia-vuejs.org.evil.example/zh/)", "S003") == [
        "link to host 'pinia-vuejs.org.evil.example', which the source does not link to"]


def test_project_link_settings(tmp_path: Path) -> None:
    config = ("checks:\n  links:\n    allow_hosts: [docs.example.cn]\n    rewrite:\n"
              "      - {from: '^https://example\\.org/', to: 'https://example.cn/'}\n")
    msgid = "See [a](https://example.org/a) and [b](https://example.org/b)."
    msgstr = "见[甲](https://example.cn/a)和[乙](https://docs.example.cn/b)。"
    assert check_entry(tmp_path / "a", msgid, msgstr, "S003", config=config) == []
    assert check_entry(tmp_path / "b", msgid, msgstr, "M001", config=config) == [
        'link URL changed: "https://example.org/b" became "https://docs.example.cn/b"']
    assert check_entry(tmp_path / "c", msgid, msgstr, "S003") == [
        "link to host 'docs.example.cn', which the source does not link to",
        "link to host 'example.cn', which the source does not link to"]


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
