"""Localised links: which URL changes are the source URL for another language."""

from __future__ import annotations

import pytest

from locpipe.checks.links import Localiser, anchor, is_language, same_host
from locpipe.checks.settings import LinkSettings

LOCAL = Localiser(LinkSettings(), frozenset({anchor("安装"), anchor("Getting Started")}))


@pytest.mark.parametrize(("label", "expected"), [
    ("en", True), ("zh-CN", True), ("zh_Hans", True), ("pt-BR", True), ("cn", True),
    ("docs", False), ("api", False), ("guide", False), ("x", False), ("evil", False),
])
def test_is_language(label: str, expected: bool) -> None:
    assert is_language(label) is expected


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("vuejs.org", "cn.vuejs.org", True), ("en.x.org", "zh.x.org", True),
    ("pinia.vuejs.org", "pinia.vuejs.org", True),
    ("pinia.vuejs.org", "pinia-vuejs.org.evil.example", False),
    ("vuejs.org", "vuejs.org.cn", False), ("vuejs.org", "evil.vuejs.org", False),
    ("vuejs.org", "zh.cn.vuejs.org", False), ("x.com", "twitter.com", False),
    ("v2.vuejs.org", "v2.cn.vuejs.org", True), ("a.b.org", "a.b.org.zh", False),
])
def test_same_host(source: str, target: str, expected: bool) -> None:
    assert same_host(source, target) is expected


@pytest.mark.parametrize(("source", "target", "page", "expected"), [
    ("https://developer.mozilla.org/en-US/docs/Web", "https://developer.mozilla.org/zh-CN/docs/Web",
     None, True),
    ("https://pinia.vuejs.org/core/", "https://pinia.vuejs.org/zh/core/", None, True),
    ("https://vite.dev/guide/x.html#a", "https://cn.vite.dev/guide/x#a", None, True),
    ("http://a.org/x", "https://a.org/x/", None, True),
    ("https://a.org/x?hl=en&q=1", "https://a.org/x?q=1&hl=zh-CN", None, True),
    ("#installation", "#%E5%AE%89%E8%A3%85", None, True),
    ("guide.md#getting-started", "guide.md#Getting-Started", None, True),
    ("/ssr/index.md", "../ssr/index.md", "core-concepts/state.md", True),
    ("/ssr/index.md", "../ssr/other.md", "core-concepts/state.md", False),
    ("https://a.org/x", "http://a.org/x", None, False),
    ("https://a.org/en/x", "https://a.org/zh/y", None, False),
    ("https://a.org/x", "https://a.org/zh/x/y", None, False),
    ("https://a.org/x?q=1", "https://a.org/x?q=2", None, False),
    ("#installation", "#卸载", None, False),
    ("https://a.org/x#a", "https://a.org/x", None, False),
    ("https://pinia.vuejs.org/", "https://pinia-vuejs.org.evil.example/zh/", None, False),
    # The source's fragment as a generated heading id; not another heading's.
    ("../api/#RouteLocationNormalized", "../api/#routelocationnormalized", "guide/a.md", True),
    ("#Shared-Getters", "#shared-getters", None, True),
    ("#Shared-Getters", "#shared-actions", None, False),
    ("../api/#RouteLocationRaw", "../api/#Type-Aliases-RouteLocationRaw", "guide/a.md", False),
    # Another site's edition in another language: its headings are translated.
    ("https://v2.vuejs.org/v2/guide/r.html#Change-Detection-Caveats",
     "https://v2.cn.vuejs.org/v2/guide/r.html#%E6%A3%80%E6%B5%8B", None, True),
    ("https://vuex.vuejs.org/guide/state.html#the-mapstate-helper",
     "https://vuex.vuejs.org/zh/guide/state.html#mapstate-辅助函数", None, True),
    # ...but not an ASCII fragment of another heading there, nor a translated one on the
    # same page of the same site, nor on a page of this project the edition lacks.
    ("https://v2.vuejs.org/v2/guide/r.html#Change-Detection-Caveats",
     "https://v2.cn.vuejs.org/v2/guide/r.html#declaring-reactive-properties", None, False),
    ("https://vuejs.org/guide/x.html#caveats", "https://vuejs.org/guide/x.html#注意事项",
     None, False),
    ("./guards.md#Global-After-Hooks", "./guards.md#全局后置钩子", "guide/a.md", False),
    ("https://v2.vuejs.org/v2/guide/r.html#Caveats",
     "https://v2.cn.vuejs.org/v2/guide/other.html#注意事项", None, False),
])
def test_localises(source: str, target: str, page: str | None, expected: bool) -> None:
    assert LOCAL.localises(source, target, page) is expected
