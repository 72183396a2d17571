"""check and build agree on what is not published (`checks.publishing`, rule M009, and
`markdown.safety`): over random articles and translations, markup-breaking and unsafe
ones, check names exactly the entries build refuses, with the same reason, path and
line, and every security error check reports is a translation build refuses."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bad_support import make_project, run, run_ok
from fuzz_support import documents, translation

CONFIG = "source_locale: en\nlocales: [zh_Hans]\nwrap: {wrap}\n"
CATALOGUE = "locales/zh_Hans/LC_MESSAGES/article.po"
_BUILD = re.compile(r"^(\S+):(\d+): warning: translation not used, the source text is "
                    r"kept: (.*) \(fix the msgstr\)$")
_CHECK = re.compile(r"^(\S+):(\d+):\d+: (M009|S00\d) (.*)$")
_M009 = "build keeps the source text: "

Place = tuple[str, int, str]


def build_refusals(stderr: str) -> Counter[Place]:
    return Counter((m[1], int(m[2]), m[3]) for m in map(_BUILD.match, stderr.splitlines())
                   if m)


def check_findings(stdout: str) -> tuple[Counter[Place], set[tuple[str, int]]]:
    """M009's (path, line, reason) and the places of S001-S003 errors."""
    refused: Counter[Place] = Counter()
    unsafe: set[tuple[str, int]] = set()
    for match in filter(None, map(_CHECK.match, stdout.splitlines())):
        if match[3] == "M009":
            refused[(match[1], int(match[2]), match[4].removeprefix(_M009))] += 1
        else:
            unsafe.add((match[1], int(match[2])))
    return refused, unsafe


def agree(root: Path) -> Counter[Place]:
    """Build and check the project; assert they agree; what build refused."""
    built = run_ok(root, "build")
    checked = run(root, "check", "--select", "M009,S001,S002,S003")
    assert checked.exit_code in (0, 1), checked.stderr or checked.exception
    refused = build_refusals(built.stderr)
    reported, unsafe = check_findings(checked.stdout)
    assert reported == refused
    assert unsafe <= {(path, line) for path, line, _ in refused}
    return refused


def _fill(path: Path, choose: object) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = choose(entry)  # type: ignore[operator]
    po.save(str(path))


# LOCPIPE_FUZZ_EXAMPLES=2000 searches longer than the test suite does.
@settings(max_examples=int(os.environ.get("LOCPIPE_FUZZ_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(source=documents(), wrap=st.sampled_from(["false", "79"]), data=st.data())
def test_check_reports_exactly_what_build_refuses(source: str, wrap: str,
                                                  data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp), source, CONFIG.format(wrap=wrap))
        run_ok(root, "extract")
        run_ok(root, "update")

        def random_translation(entry: polib.POEntry) -> str:
            if data.draw(st.booleans()):
                entry.flags.append("fuzzy")
            return data.draw(translation(entry.msgid))

        _fill(root / CATALOGUE, random_translation)
        agree(root)


ARTICLE = """---
title: Points
---

# Points

A paragraph with [a link](https://example.org/x).

| Point | Effect |
| --- | --- |
| Zusanli | calm |

Second `code` here.
"""
UNSAFE = {
    "Points": "穴位<script>alert(1)</script>",
    "A paragraph with [a link](https://example.org/x).": "段落[链接](https://evil.example/x)。",
    "Zusanli": "足三里<img src=x onerror=alert(1)>",
    "calm": "[平静](javascript:alert(1))",
    "Effect": "<iframe src=a.html></iframe>效果",
    "Point": "穴位 | 名称",
    "Second `code` here.": "第二段 `代码 在这里。",
}


def test_nothing_unsafe_is_published_and_check_names_each_refusal(tmp_path: Path) -> None:
    root = make_project(tmp_path, ARTICLE, CONFIG.format(wrap=79))
    run_ok(root, "extract")
    run_ok(root, "update")
    _fill(root / CATALOGUE, lambda e: UNSAFE.get(e.msgid, "译文"))
    refused = agree(root)
    # The heading and the title share a msgid: both places are refused.
    assert sum(refused.values()) == len(UNSAFE) + 1
    edition = (root / "build/site/zh-Hans/article.md").read_text(encoding="utf-8")
    for bad in ("<script", "onerror", "javascript:", "evil.example", "<iframe", "`代码"):
        assert bad not in edition
    assert "| Zusanli | calm |" in edition and "Second `code` here." in edition
    lines = (root / CATALOGUE).read_text(encoding="utf-8").splitlines()
    for path, line, _ in refused:
        assert path == CATALOGUE and lines[line - 1].startswith("msgstr ")


def refusals_from(cwd: Path, root: Path) -> tuple[Counter[Place], Counter[Place]]:
    """What a fresh build refuses and what check reports as M009, both run from `cwd`
    with `--config`."""
    shutil.rmtree(root / ".locpipe-cache", ignore_errors=True)  # a cached build says nothing
    config = str(root / "locpipe.yaml")
    built = run_ok(cwd, "build", "--config", config)
    checked = run(cwd, "check", "--select", "M009", "--config", config)
    assert checked.exit_code == 1, checked.stderr or checked.exception
    return build_refusals(built.stderr), check_findings(checked.stdout)[0]


def test_build_and_check_name_files_relative_to_the_project_from_any_folder(
        tmp_path: Path) -> None:
    root = make_project(tmp_path / "site", ARTICLE, CONFIG.format(wrap=79))
    (tmp_path / "elsewhere").mkdir()
    run_ok(root, "extract")
    run_ok(root, "update")
    _fill(root / CATALOGUE, lambda e: UNSAFE.get(e.msgid, "译文"))
    inside, _ = refusals_from(root, root)
    assert inside and {path for path, _, _ in inside} == {CATALOGUE}
    for cwd in (tmp_path, tmp_path / "elsewhere", root / "content", Path("/")):
        refused, reported = refusals_from(cwd, root)
        assert refused == reported == inside, cwd


LINKS = """checks:
  links:
    allow_hosts: ["*.mirror.example"]
    rewrite: [{from: "^https://example\\\\.org/", to: "https://example.cn/"}]
"""


@pytest.mark.parametrize(("url", "published"), [
    ("https://zh.example.org/s", True),  # a language label before the source's host
    ("https://docs.mirror.example/s", True),  # in `checks.links.allow_hosts`
    ("https://example.cn/s", True),  # a `checks.links.rewrite` rule's
    ("https://example.org.evil.example/s", False),  # a look-alike
    ("https://evil.example/s", False),
])
def test_build_allows_the_hosts_check_allows(tmp_path: Path, url: str, published: bool
                                             ) -> None:
    root = make_project(tmp_path, "See [the study](https://example.org/s).\n",
                        CONFIG.format(wrap=79) + LINKS)
    run_ok(root, "extract")
    run_ok(root, "update")
    _fill(root / CATALOGUE, lambda e: f"见[研究]({url})。")
    refused = agree(root)
    edition = (root / "build/site/zh-Hans/article.md").read_text(encoding="utf-8")
    assert (url in edition) is published
    assert bool(refused) is not published
