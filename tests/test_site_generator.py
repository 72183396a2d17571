"""End to end: `locpipe build`, then MkDocs with mkdocs-static-i18n builds the site.

Uses the shipped `site/mkdocs.yml` (documented in docs/site-generators.md) on
a copy of the real project, and reads the pages MkDocs wrote.
"""

from __future__ import annotations

import importlib.util
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from html_support import Element, parse_html
from locpipe.cli import main

ROOT = Path(__file__).resolve().parent.parent
SLUG = "how-does-acupuncture-work"
GENERATOR_MODULES = ("mkdocs", "mkdocs_static_i18n", "material")
# mkdocs-static-i18n warns about a missing homepage: the editions are articles only.
ALLOWED_WARNING = "mkdocs_static_i18n: Could not find a homepage for locale"
DOCS = ROOT / "docs" / "site-generators.md"
PARTIAL = ROOT / "site" / "overrides" / "partials" / "languages" / "zh-Hans.html"


@dataclass
class Site:
    """A project built by locpipe and then by MkDocs."""

    root: Path
    """The project."""
    manifest: dict[str, Any]
    """locpipe's build/site/manifest.json."""
    log: str
    """What `mkdocs build` printed."""

    @property
    def site_dir(self) -> Path:
        return self.root / "build" / "mkdocs"

    def page_url(self, lang: str) -> str:
        """Where the plugin puts an edition: the default language at the root."""
        prefix = "" if lang == self.manifest["source_locale"] else f"{lang}/"
        return f"{prefix}{SLUG}/"

    def page(self, lang: str) -> Element:
        path = self.site_dir / self.page_url(lang) / "index.html"
        return parse_html(path.read_text(encoding="utf-8"))

    def front_matter(self, lang: str) -> dict[str, Any]:
        text = (self.root / "build" / "site" / lang / f"{SLUG}.md").read_text(encoding="utf-8")
        data: dict[str, Any] = yaml.safe_load(text.split("---\n")[1])
        return data


def generator_or_skip() -> None:
    missing = [m for m in GENERATOR_MODULES if importlib.util.find_spec(m) is None]
    if not missing:
        return
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(f"{', '.join(missing)} not installed in CI: the test extra brings them")
    pytest.skip(f"{', '.join(missing)} not installed: pip install -e '.[test]'")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    generator_or_skip()
    root = tmp_path_factory.mktemp("site")
    for folder in ("content", "glossary", "locales", "site"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copy(ROOT / "locpipe.yaml", root / "locpipe.yaml")
    built = CliRunner().invoke(main, ["build", "--config", str(root / "locpipe.yaml")])
    assert built.exit_code == 0, built.output
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "site/mkdocs.yml"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    manifest = json.loads((root / "build/site/manifest.json").read_text(encoding="utf-8"))
    return Site(root, manifest, done.stdout + done.stderr)


def editions(site: Site) -> list[str]:
    (article,) = site.manifest["articles"]
    return [edition["lang"] for edition in article["editions"]]


def test_build_has_no_warning_but_the_missing_homepage(site: Site) -> None:
    warnings = [line for line in site.log.splitlines() if line.startswith("WARNING")]
    assert warnings and all(ALLOWED_WARNING in line for line in warnings)


def test_every_edition_has_a_page(site: Site) -> None:
    assert editions(site) == ["en", "zh-Hans", "zh-Hant"]
    pages = sorted(p.relative_to(site.site_dir).as_posix()
                   for p in site.site_dir.rglob("index.html"))
    assert pages == [f"{SLUG}/index.html", f"zh-Hans/{SLUG}/index.html",
                     f"zh-Hant/{SLUG}/index.html"]


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "zh-Hant"])
def test_page_declares_its_language_and_carries_its_title(site: Site, lang: str) -> None:
    page = site.page(lang)
    title = site.front_matter(lang)["title"]
    assert page.find("html").attrs["lang"] == lang
    assert page.find("title").text.startswith(f"{title} - ")
    assert page.find("h1").text == title


def test_chinese_page_is_the_translation(site: Site) -> None:
    page = site.page("zh-Hans")
    assert site.front_matter("zh-Hans")["title"] == "针灸是如何起效的？"
    text = page.find("article").text
    assert "如今，现代科学研究正逐步揭示这一古老疗法背后更深层的作用机制。" in text
    assert "Today, modern scientific research" not in text


def test_traditional_chinese_page_is_the_derived_edition(site: Site) -> None:
    page = site.page("zh-Hant")
    assert site.front_matter("zh-Hant")["title"] == "針灸是如何起效的？"
    assert site.front_matter("zh-Hant")["date_display"] == "2026年5月20日"
    text = page.find("article").text
    assert "如今，現代科學研究正逐步揭示這一古老療法背後更深層的作用機制。" in text
    assert "調節「氣」的運行" in text
    assert "如今，现代科学研究" not in text


LANGS = ["en", "zh-Hans", "zh-Hant"]


@pytest.mark.parametrize(("lang", "other"),
                         [(a, b) for a in LANGS for b in LANGS if a != b])
def test_each_page_links_to_the_other_edition(site: Site, lang: str, other: str) -> None:
    page = site.page(lang)
    here = site.page_url(lang)
    alternates = {link.attrs["hreflang"]: link.attrs["href"] for link in page.iter("link")
                  if link.attrs.get("rel") == "alternate"}
    switcher = {a.attrs["hreflang"]: a.attrs["href"] for a in page.iter("a")
                if "hreflang" in a.attrs}
    for links in (alternates, switcher):
        target = posixpath.normpath(posixpath.join(here, links[other])) + "/"
        assert target == site.page_url(other)
        assert (site.site_dir / target / "index.html").is_file()


def fenced(markdown: str, info: str) -> list[str]:
    return re.findall(rf"^```{info}\n(.*?)^```$", markdown, re.MULTILINE | re.DOTALL)


def test_docs_show_the_shipped_files() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    (config,) = fenced(docs, "yaml")
    shipped = (ROOT / "site" / "mkdocs.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(config) == yaml.safe_load(shipped)
    (partial,) = fenced(docs, "jinja")
    code = PARTIAL.read_text(encoding="utf-8").split("-#}\n", 1)[1]
    assert partial == code
