"""End to end in the `vitepress` dialect: locpipe's editions built by VitePress.

VitePress and its dependencies come from `tests/sites/vitepress/package-lock.json`
(`.ci/run` runs `npm ci` there); the site's settings are `tests/sites/vitepress/config.mjs`.
The pages are `tests/data/sites/vitepress/content/` (see the README there).
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from html_support import Element
from sites_support import (
    ROOT,
    Built,
    Generator,
    SiteChecks,
    count_lines,
    localise,
    run_generator,
    tool_or_skip,
)

PACKAGE = ROOT / "tests" / "sites" / "vitepress"
VITEPRESS = PACKAGE / "node_modules" / ".bin" / "vitepress"
ALERTS = ("note", "tip", "important", "warning", "caution")


def content(document: Element) -> Element:
    return document.find("div", "vp-doc")


def label(element: Element) -> str | None:
    classes = element.classes
    if "custom-block" in classes:
        (kind,) = classes - {"custom-block", "github-alert"}
        return f"alert:{kind}" if "github-alert" in classes else f"container:{kind}"
    if "vp-code-group" in classes:
        return "container:code-group"
    if re.fullmatch(r"h[1-6]|ul|ol|blockquote|table", element.tag):
        return element.tag
    return None


def ignore(element: Element) -> bool:
    """Code blocks (with their copy button and language), permalinks, code-group tabs."""
    return element.tag == "pre" or "header-anchor" in element.classes or \
        "tabs" in element.classes or \
        any(c.startswith("language-") for c in element.classes)


GENERATOR = Generator(
    "VitePress", content, label, ignore,
    # The titles VitePress writes for a container or an alert that has none.
    generated=frozenset({"INFO", "TIP", "WARNING", "DANGER", "Details",
                         *(kind.upper() for kind in ALERTS)}))


def expected(markdown: str) -> Counter[str]:
    """`::: name` openers (any number of colons) and `> [!KIND]` alerts."""
    return count_lines(markdown, [
        (re.compile(r"^\s*:{3,}\s*([\w-]+)"), lambda m: f"container:{m.group(1)}"),
        (re.compile(r"^\s*>\s*\[!(\w+)\]\s*$"), lambda m: f"alert:{m.group(1).lower()}"),
    ])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    tool_or_skip(VITEPRESS.is_file() and shutil.which("node") is not None, "VitePress",
                 f"cd {PACKAGE.relative_to(ROOT)} && npm ci")
    root = tmp_path_factory.mktemp("vitepress")
    localised = localise(root, "vitepress")
    (root / "site" / ".vitepress").mkdir(parents=True)
    shutil.copy(PACKAGE / "config.mjs", root / "site" / ".vitepress" / "config.mjs")
    # The pages import Vue from the project's node_modules, wherever the project is.
    (root / "node_modules").symlink_to(PACKAGE / "node_modules", target_is_directory=True)
    log = run_generator([str(VITEPRESS), "build", "site"], root)

    def page_path(lang: str, slug: str) -> Path:
        return root / "build" / "vitepress" / lang / f"{slug}.html"

    return Built(localised, GENERATOR, page_path, expected, log)


class TestVitePress(SiteChecks):
    def test_alerts_are_rendered_as_alerts(self, built: Built) -> None:
        page = built.page("zh-Hans", "guide")
        assert [path[-1] for path in page.structure if path[-1].startswith("alert:")] == \
            [f"alert:{kind}" for kind in ALERTS]
