"""End to end in the `mkdocs` dialect: locpipe's editions built by MkDocs Material.

The tools are the test extra's (mkdocs, mkdocs-material, mkdocs-static-i18n, and
pymdown-extensions with Material); the site is `tests/sites/mkdocs/mkdocs.yml`, the
shipped `site/mkdocs.yml` with the dialect's Markdown extensions. The pages are
`tests/data/sites/mkdocs/content/` (see the README there), among them `///` blocks
holding `////` ones, which pymdownx.blocks nest the other way round from `:::`.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

from html_support import Element, parse_html
from sites_support import (
    ROOT,
    Built,
    Generator,
    Localised,
    SiteChecks,
    count_lines,
    make_site,
    run_generator,
    tool_or_skip,
)

CONFIG = ROOT / "tests" / "sites" / "mkdocs" / "mkdocs.yml"
MODULES = ("mkdocs", "material", "mkdocs_static_i18n", "pymdownx")
# The `pymdownx.blocks.admonition` types of the config; Material titles an admonition
# that has none with its type's name.
TYPES = ("new", "settings", "note", "abstract", "info", "tip", "success", "question",
         "warning", "failure", "danger", "bug", "example", "quote")


def content(document: Element) -> Element:
    return document.find("article", "md-content__inner")


def label(element: Element) -> str | None:
    classes = element.classes
    if "admonition" in classes:
        (kind,) = classes - {"admonition"}
        return f"admonition:{kind}"
    if element.tag == "details":
        return "details"
    if "tabbed-set" in classes:
        return "set:tabs"
    if "tabbed-block" in classes:
        return "tab"
    if re.fullmatch(r"h[1-6]|ul|ol|blockquote|table|dl", element.tag):
        return element.tag
    return None


def ignore(element: Element) -> bool:
    """Code blocks and the permalinks after each heading."""
    return element.tag == "pre" or bool(element.classes & {"headerlink", "highlight"})


GENERATOR = Generator("MkDocs Material", content, label, ignore,
                      generated=frozenset(kind.capitalize() for kind in TYPES))


def expected(markdown: str) -> Counter[str]:
    """`!!!` admonitions, `???` details, `===` tabs, and `///` admonitions and details."""
    return count_lines(markdown, [
        (re.compile(r"^\s*!!!\s+([\w-]+)"), lambda m: f"admonition:{m.group(1)}"),
        (re.compile(r"^\s*\?\?\?\+?\s"), lambda m: "details"),
        (re.compile(r'^\s*===[!+]?\s+"'), lambda m: "tab"),
        (re.compile(r"^\s*/{3,}\s*details\b"), lambda m: "details"),
        (re.compile(r"^\s*/{3,}\s*tab\b"), lambda m: "tab"),
        # `/// html | div.result` wraps Markdown in an element: no construct of its own.
        (re.compile(r"^\s*/{3,}\s*(?!html\b)([\w-]+)"), lambda m: f"admonition:{m.group(1)}"),
    ])


def build_site(root: Path, localised: Localised) -> Built:
    shutil.copytree(ROOT / "site" / "overrides", root / "site" / "overrides")
    shutil.copy(CONFIG, root / "site" / "mkdocs.yml")
    log = run_generator([sys.executable, "-m", "mkdocs", "build", "-f", "site/mkdocs.yml"],
                        root, env={"NO_MKDOCS_2_WARNING": "1"})

    def page_path(lang: str, slug: str) -> Path:
        prefix = "" if lang == "en" else f"{lang}/"
        return root / "build" / "mkdocs" / prefix / slug / "index.html"

    return Built(localised, GENERATOR, page_path, expected, log)


def mkdocs_or_skip() -> None:
    missing = [m for m in MODULES if importlib.util.find_spec(m) is None]
    tool_or_skip(not missing, ", ".join(missing), "pip install -e '.[test]'")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    mkdocs_or_skip()
    return make_site(tmp_path_factory, "mkdocs", build_site)


class TestMkDocs(SiteChecks):
    def test_tab_labels_are_translated(self, built: Built) -> None:
        page = built.page("zh-Hans", "guide")
        assert [b.text for b in page.blocks if b.path[-1] == "label"] == \
            ["⟦C⟧", "⟦C++⟧", "⟦Python⟧"]

    def test_abbreviations_are_translated(self, built: Built) -> None:
        html = built.page_path("zh-Hans", "guide").read_text(encoding="utf-8")
        titles = {a.text: a.attrs["title"] for a in parse_html(html).find_all("abbr")}
        assert titles == {"HTML": "⟦Hyper Text Markup Language⟧",
                          "W3C": "⟦World Wide Web Consortium⟧"}

    def test_attribute_lists_reach_the_page(self, built: Built) -> None:
        html = built.page_path("zh-Hans", "guide").read_text(encoding="utf-8")
        document = parse_html(html)
        assert document.find("p", "lead").text == "⟦A paragraph with a class.⟧"
        heading = document.by_id()["custom-id"]
        assert "special" in heading.classes and heading.text.startswith("⟦A heading")

