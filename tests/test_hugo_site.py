"""End to end on a Hugo project: TOML front matter, Hugo's edition keys, detection.

A real project in a temporary folder: `hugo.toml` beside `content/` (the dialect is
detected from it), an article with `+++` front matter, a translator's catalogue, then
`locpipe extract`, `update` and `build`, and Hugo itself building the editions.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import tomllib

from pipeline_support import invoke, translate, write_files

ARTICLE = (
    "+++\n"
    "# written by `hugo new`\n"
    'title = "How acupuncture works"   # the page title\n'
    "description = 'A short answer'\n"
    "date = 2026-05-20T10:00:00+08:00\n"
    "draft = false\n"
    'tags = ["health"]\n'
    "\n"
    "[params]\n"
    'author = "Qikan Yin"\n'
    "+++\n"
    "\n"
    "## Qi {#qi}\n"
    "\n"
    "Acupuncture moves the qi.\n"
)
HUGO_TOML = (
    'baseURL = "https://example.org/"\n'
    'defaultContentLanguage = "en"\n'
    'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
    "[languages.en]\n"
    'contentDir = "build/site/en"\n'
    "weight = 1\n"
    "[languages.zh-hans]\n"
    'contentDir = "build/site/zh-Hans"\n'
    'languageCode = "zh-Hans"\n'
    "weight = 2\n"
)
SINGLE = ("<h1>{{ .Title }}</h1><p class=\"description\">{{ .Description }}</p>"
          # Hugo before 0.123 keeps a front-matter [params] table as `.Params.params`.
          "<p class=\"author\">{{ with .Params.params }}{{ .author }}{{ else }}"
          "{{ .Params.author }}{{ end }}</p>{{ .Content }}"
          "<ul>{{ range .Translations }}<li>{{ .Lang }}: {{ .Title }}</li>{{ end }}</ul>")
TRANSLATIONS = {"How acupuncture works": "针灸如何起效", "A short answer": "简短的回答",
                "Qi": "气", "Acupuncture moves the qi.": "针灸使气运行。"}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_files(tmp_path_factory.mktemp("hugo"), {
        "locpipe.yaml": "locales: [zh_Hans]\nfront_matter_keys: [title, description]\n",
        "hugo.toml": HUGO_TOML,
        "content/post.md": ARTICLE,
        "layouts/_default/single.html": SINGLE,
        "layouts/_default/list.html": "{{ .Title }}",
    })
    for command in ("extract", "update"):
        assert invoke(root, command).code == 0
    translate(root / "locales/zh_Hans/LC_MESSAGES/post.po", TRANSLATIONS)
    run = invoke(root, "build")
    assert run.code == 0, run.err
    assert "info: dialect hugo, detected from hugo.toml" in run.err
    return root


def edition(root: Path, lang: str) -> str:
    return (root / "build/site" / lang / "post.md").read_text(encoding="utf-8")


def test_the_catalogue_holds_the_toml_values_not_the_block(project: Path) -> None:
    pot = (project / "locales/templates/post.pot").read_text(encoding="utf-8")
    assert 'msgctxt "title"\nmsgid "How acupuncture works"' in pot
    assert 'msgctxt "description"\nmsgid "A short answer"' in pot
    assert "+++" not in pot and "draft" not in pot


def test_the_edition_is_the_source_with_only_the_translated_values_changed(
        project: Path) -> None:
    text = edition(project, "zh-Hans")
    assert text.count("+++\n") == 2 and "---" not in text  # one block, in TOML
    block = text.split("+++\n")[1]
    source = ARTICLE.split("+++\n")[1]
    data = tomllib.loads(block)
    assert data["title"] == "针灸如何起效" and data["description"] == "简短的回答"
    assert data["translationKey"] == "post" and data["lang"] == "zh-Hans"
    assert "translation_key" not in data
    # Every line of the source's block is kept but the two translated values.
    kept = [line for line in source.splitlines()
            if not line.startswith(("title", "description"))]
    assert [line for line in block.splitlines() if line in kept] == kept
    assert 'title = "针灸如何起效"   # the page title' in block
    assert "description = '简短的回答'" in block  # a literal string stays literal
    # The fields locpipe adds are top-level keys: before the [params] table.
    assert block.index("translationKey") < block.index("[params]")
    assert text.endswith("## 气 {#qi}\n\n针灸使气运行。\n")


def test_the_source_edition_gets_the_same_keys(project: Path) -> None:
    data = tomllib.loads(edition(project, "en").split("+++\n")[1])
    assert (data["title"], data["translationKey"], data["lang"]) == \
        ("How acupuncture works", "post", "en")


def _hugo() -> str:
    hugo = shutil.which("hugo")
    if hugo is None:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail("hugo is not installed in CI: .ci/run installs it")
        pytest.skip("hugo is not installed: apt-get install hugo")
    return hugo


def test_hugo_reads_the_edition(project: Path) -> None:
    run = subprocess.run([_hugo(), "--quiet", "-s", str(project), "-d", "public"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    zh = (project / "public/zh-hans/post/index.html").read_text(encoding="utf-8")
    assert "<h1>针灸如何起效</h1>" in zh
    assert '<p class="description">简短的回答</p>' in zh
    assert '<p class="author">Qikan Yin</p>' in zh  # the [params] table read as before
    assert re.search(r'<h2 id="?qi"?>气</h2>', zh)
    # Hugo pairs the editions by translationKey: each lists the other.
    assert "<li>en: How acupuncture works</li>" in zh
    en = (project / "public/post/index.html").read_text(encoding="utf-8")
    assert "<li>zh-hans: 针灸如何起效</li>" in en
