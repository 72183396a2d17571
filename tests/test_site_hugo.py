"""End to end in the `hugo` dialect: locpipe's editions built by Hugo.

Hugo is Debian's package (`apt-get install hugo`, 0.111 on Debian 12); the site is
`tests/sites/hugo/` (settings, a page layout, and Docsy's `alert`, `tabpane` and `tab`
shortcodes reduced to their markup, since Docsy itself is not installed). The pages are
`tests/data/sites/hugo/content/`, among them Docsy's one-line alert pair and its titled
block-quote alerts of any kind (`> [!SECONDARY] Title`).

Hugo 0.111 predates its alert rendering (0.132): `> [!NOTE]` is a block quote whose
text starts with the marker, so that is what the pages are checked for.
"""

from __future__ import annotations

import re
import shutil
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

SITE = ROOT / "tests" / "sites" / "hugo"
ALERT_MARKER = re.compile(r"\[!(\w+)\]")


def content(document: Element) -> Element:
    return document.find("article")


def label(element: Element) -> str | None:
    classes = element.classes
    if "alert" in classes:
        (color,) = {c[len("alert-"):] for c in classes if c.startswith("alert-")} - {"heading"}
        return f"shortcode:alert-{color}"
    if classes & {"tabpane", "tab"}:
        return f"shortcode:{element.attrs['class']}"
    if element.tag == "blockquote":
        first = ALERT_MARKER.match(element.text.strip())
        return f"alert:{first.group(1).lower()}" if first else "blockquote"
    if element.tag == "figure":
        return "shortcode:figure"
    if re.fullmatch(r"h[1-6]|ul|ol|table|dl", element.tag):
        return element.tag
    return None


def ignore(element: Element) -> bool:
    return element.tag == "pre"


GENERATOR = Generator("Hugo", content, label, ignore,
                      text_classes=frozenset({"alert-heading", "tab-header"}),
                      kept=ALERT_MARKER)


def expected(markdown: str) -> Counter[str]:
    """Alert shortcodes by colour, tab panes and tabs, figures, `> [!KIND]` alerts."""
    return count_lines(markdown, [
        (re.compile(r'\{\{% alert\b(?:.*\bcolor="(\w+))?'),
         lambda m: f"shortcode:alert-{m.group(1) or 'primary'}"),
        (re.compile(r"\{\{[<%] (tabpane|tab|figure)\b"), lambda m: f"shortcode:{m.group(1)}"),
        (re.compile(r"^>\s*\[!(\w+)\]"), lambda m: f"alert:{m.group(1).lower()}"),
    ])


def build_site(root: Path, localised: Localised) -> Built:
    shutil.copytree(SITE, root / "hugo")
    log = run_generator(["hugo", "--quiet"], root / "hugo")

    def page_path(lang: str, slug: str) -> Path:
        # Hugo serves the default language at the root and names folders in lower case.
        prefix = "" if lang == "en" else f"{lang.lower()}/"
        return root / "hugo" / "public" / prefix / slug / "index.html"

    return Built(localised, GENERATOR, page_path, expected, log)


def hugo_or_skip() -> None:
    tool_or_skip(shutil.which("hugo") is not None, "Hugo", "apt-get install hugo")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    hugo_or_skip()
    return make_site(tmp_path_factory, "hugo", build_site)


class TestHugo(SiteChecks):
    def test_tabs_keep_their_translated_labels(self, built: Built) -> None:
        page = built.page("zh-Hans", "guide")
        headers = [b.text for b in page.blocks if b.path[-2:] == ("shortcode:tab", "div")]
        assert headers == ["⟦Linux⟧", "⟦macOS⟧"]

    def test_figure_caption_and_alt_text_are_translated(self, built: Built) -> None:
        html = built.page_path("zh-Hans", "guide").read_text(encoding="utf-8")
        (figure,) = parse_html(html).find_all("figure")
        assert figure.find("img").attrs["alt"] == "⟦The Hugo logo⟧"
        assert figure.find("figcaption").text.strip() == "⟦The logo of the project⟧"

