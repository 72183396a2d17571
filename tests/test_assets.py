"""Assets: the files articles link to are in every edition's folder, a locale's own
version where it has one, listed in the manifest; real projects in a temporary folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from locpipe.site.assets import linked_path, names_a_file
from pipeline_support import invoke, write_files

ARTICLE = """---
title: Guide
---

# Guide

![A chart](img/chart.png "Chart")
See [the data](../files/data%20set.csv) and [the other guide](other.md),
[a missing file](img/none.png), [a page](/about/), [a host](https://example.org/x.png),
[an anchor](#guide) and [a reference][ref].

```
![in code](img/code.png)
```

[ref]: img/ref.png
"""
FILES = {
    "locpipe.yaml": "locales: [zh_Hans, de]\n",
    "content/guide/index.md": ARTICLE,
    "content/guide/other.md": "# Other\n",
    "content/guide/img/chart.png": b"\x89PNG chart",
    "content/guide/img/ref.png": b"\x89PNG ref",
    "content/guide/img/code.png": b"\x89PNG code",
    "content/files/data set.csv": "a,b\n",
    "locales/zh_Hans/assets/guide/img/chart.png": b"\x89PNG chart with Chinese labels",
}
ASSETS = ["files/data set.csv", "guide/img/chart.png", "guide/img/ref.png"]


def build(root: Path) -> list[str]:
    for command in ("extract", "update"):
        assert invoke(root, command).code == 0
    run = invoke(root, "build")
    assert run.code == 0, run.err
    return run.warnings


def manifest(root: Path) -> dict[str, list[dict[str, str]]]:
    data = json.loads((root / "build/site/manifest.json").read_text(encoding="utf-8"))
    (article,) = [a for a in data["articles"] if a["translation_key"] == "guide/index"]
    return {e["lang"]: e["assets"] for e in article["editions"]}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_files(tmp_path, FILES)


def test_every_edition_gets_the_linked_files_and_a_locale_its_own_version(
        project: Path) -> None:
    warnings = build(project)
    site = project / "build/site"
    for lang in ("en", "zh-Hans", "de"):
        found = sorted(p.relative_to(site / lang).as_posix()
                       for p in (site / lang).rglob("*") if p.is_file())
        assert found == sorted([*ASSETS, "guide/index.md", "guide/other.md"]), lang
    assert (site / "zh-Hans/guide/img/chart.png").read_bytes() == \
        b"\x89PNG chart with Chinese labels"
    assert (site / "de/guide/img/chart.png").read_bytes() == b"\x89PNG chart"
    assert (site / "en/files/data set.csv").read_text() == "a,b\n"
    assert warnings == [
        "content/guide/index.md:9: warning: 'img/none.png' not found: the editions link to "
        "a file they do not have (add content/guide/img/none.png or fix the link)"]


def test_the_manifest_lists_each_edition_s_assets_and_where_they_come_from(
        project: Path) -> None:
    build(project)
    listed = manifest(project)
    assert [a["path"] for a in listed["zh-Hans"]] == [f"zh-Hans/{p}" for p in ASSETS]
    sources = {a["path"]: a["source"] for lang in listed for a in listed[lang]}
    assert sources["zh-Hans/guide/img/chart.png"] == "locales/zh_Hans/assets/guide/img/chart.png"
    assert sources["de/guide/img/chart.png"] == "content/guide/img/chart.png"
    assert sources["en/files/data set.csv"] == "content/files/data set.csv"


def test_a_changed_or_added_asset_is_copied_again_by_the_next_build(project: Path) -> None:
    build(project)
    site = project / "build/site"
    write_files(project, {"content/guide/img/ref.png": b"\x89PNG ref, redrawn",
                          "locales/de/assets/guide/img/chart.png": b"\x89PNG Diagramm"})
    build(project)
    assert (site / "en/guide/img/ref.png").read_bytes() == b"\x89PNG ref, redrawn"
    assert (site / "de/guide/img/chart.png").read_bytes() == b"\x89PNG Diagramm"
    assert manifest(project)["de"][1]["source"] == "locales/de/assets/guide/img/chart.png"
    (site / "zh-Hans/guide/img/ref.png").unlink()
    build(project)
    assert (site / "zh-Hans/guide/img/ref.png").read_bytes() == b"\x89PNG ref, redrawn"


def test_an_unchanged_build_writes_no_asset(project: Path) -> None:
    build(project)
    run = invoke(project, "build", "-v")
    assert run.code == 0 and "written build" not in run.out


def test_assets_link_makes_relative_symbolic_links(project: Path) -> None:
    write_files(project, {"locpipe.yaml": "locales: [zh_Hans]\nassets: link\n"})
    build(project)
    chart = project / "build/site/zh-Hans/guide/img/chart.png"
    assert chart.is_symlink() and not os.path.isabs(os.readlink(chart))
    assert chart.resolve() == (project / "locales/zh_Hans/assets/guide/img/chart.png").resolve()
    # Back to copies: the link is replaced by a file.
    write_files(project, {"locpipe.yaml": "locales: [zh_Hans]\nassets: copy\n"})
    build(project)
    assert not chart.is_symlink() and chart.read_bytes() == b"\x89PNG chart with Chinese labels"


def test_assets_none_copies_nothing_and_warns_of_nothing(project: Path) -> None:
    write_files(project, {"locpipe.yaml": "locales: [zh_Hans]\nassets: none\n"})
    assert build(project) == []
    assert not (project / "build/site/en/guide/img").exists()
    assert "assets" not in json.dumps(manifest_or_none(project))


def manifest_or_none(root: Path) -> object:
    return json.loads((root / "build/site/manifest.json").read_text(encoding="utf-8"))


def test_a_link_that_leaves_the_project_is_not_followed(project: Path, tmp_path: Path) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(b"secret")
    (project / "content/guide/img/leak.png").symlink_to(outside / "secret.png")
    write_files(project, {"content/guide/index.md": ARTICLE + "\n![leak](img/leak.png)\n"
                          "![up](../../../etc/passwd)\n"})
    warnings = build(project)
    assert not list((project / "build").rglob("leak.png"))
    assert not list((project / "build").rglob("passwd"))
    assert any("index.md:18: warning: 'img/leak.png' leads outside the content folder"
               in w for w in warnings), warnings


def test_the_setting_is_validated(project: Path) -> None:
    write_files(project, {"locpipe.yaml": "locales: [zh_Hans]\nassets: move\n"})
    run = invoke(project, "build")
    assert run.code == 2
    (line,) = run.err.strip().splitlines()
    assert line.endswith("locpipe.yaml:2: error: 'assets' must be one of copy, link, none, "
                         "not 'move'")


@pytest.mark.parametrize(("slug", "target", "path"), [
    ("guide/index", "img/a.png", "guide/img/a.png"),
    ("guide/index", "./img/a.png?v=2#top", "guide/img/a.png"),
    ("guide/index", "../files/data%20set.csv", "files/data set.csv"),
    ("index", "img/%E5%9B%BE.png", "img/图.png"),
    ("index", "../outside.png", None),
    ("index", "/static/a.png", None),
    ("index", "https://example.org/a.png", None),
    ("index", "mailto:someone@example.org", None),
    ("index", "#anchor", None),
    ("blog/2024/review", "0.10.0/#themes", None),
    ("index", "%7B%7B%25%20param%20repo%20%25%7D%7D/blob/main/a.js", None),
    ("index", ".", None),
])
def test_which_links_reach_a_file_of_the_content_folder(slug: str, target: str,
                                                         path: str | None) -> None:
    assert linked_path(slug, target) == path


@pytest.mark.parametrize(("path", "file"), [
    ("img/a.png", True), ("files/data.tar.gz", True), ("guide", False), ("guide.html", False),
    ("guide.MD", False), ("(foo)", False), ("v1.2/notes", False),
])
def test_only_a_file_s_name_makes_a_missing_link_a_warning(path: str, file: bool) -> None:
    assert names_a_file(path) is file


def test_a_link_to_a_page_route_is_no_warning_and_an_existing_file_is_copied(
        project: Path) -> None:
    write_files(project, {"content/guide/index.md": "[Setup](./setup) and [notes](NOTES)\n",
                          "content/guide/NOTES": "plain text\n"})
    assert build(project) == []
    assert (project / "build/site/zh-Hans/guide/NOTES").read_text() == "plain text\n"
