"""Orphans: what a deleted article or a removed locale leaves behind is reported by
`extract`, `update` and `build`, never listed by the manifest or `status`, and removed
by `locpipe prune` (catalogues only with `--catalogues`, once archived). Also: an empty
or header-only catalogue is an error, and an empty article is not published."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from bad_support import assert_one_error_line, run, run_ok, snapshot
from pipeline_support import translate

CONFIG = "locales: [zh_Hans, de]\n"
ARTICLES = {"keep": "# Kept\n\nStays here.\n", "gone": "# Gone\n\nDeleted soon.\n"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Two articles in two locales, built, with translations in each catalogue; then one
    article deleted and one locale removed from the settings."""
    (tmp_path / "content").mkdir()
    for slug, text in ARTICLES.items():
        (tmp_path / "content" / f"{slug}.md").write_text(text, encoding="utf-8")
    (tmp_path / "locpipe.yaml").write_text(CONFIG, encoding="utf-8")
    run_ok(tmp_path, "extract")
    run_ok(tmp_path, "update")
    for locale, word in (("zh_Hans", "中文"), ("de", "Deutsch")):
        for slug in ARTICLES:
            translate(tmp_path / f"locales/{locale}/LC_MESSAGES/{slug}.po",
                      {"Kept": f"{word} kept", "Gone": f"{word} gone"})
    run_ok(tmp_path, "build")
    (tmp_path / "content" / "gone.md").unlink()
    (tmp_path / "locpipe.yaml").write_text("locales: [zh_Hans]\n", encoding="utf-8")
    return tmp_path


ORPHANS = [
    "locales/templates/gone.pot: warning: orphaned template: its article no longer exists "
    "(run `locpipe prune` to remove it)",
    "locales/de/LC_MESSAGES/gone.po: warning: orphaned catalogue: locale de is not "
    "configured (run `locpipe prune --catalogues` to archive its translations and remove it)",
    "locales/de/LC_MESSAGES/keep.po: warning: orphaned catalogue: locale de is not "
    "configured (run `locpipe prune --catalogues` to archive its translations and remove it)",
    "locales/zh_Hans/LC_MESSAGES/gone.po: warning: orphaned catalogue: its article no longer "
    "exists (run `locpipe prune --catalogues` to archive its translations and remove it)",
    "build/site/de/gone.md: warning: orphaned edition: its article or language no longer "
    "exists (run `locpipe prune` to remove it)",
    "build/site/de/keep.md: warning: orphaned edition: its article or language no longer "
    "exists (run `locpipe prune` to remove it)",
    "build/site/en/gone.md: warning: orphaned edition: its article or language no longer "
    "exists (run `locpipe prune` to remove it)",
    "build/site/zh-Hans/gone.md: warning: orphaned edition: its article or language no "
    "longer exists (run `locpipe prune` to remove it)",
]


@pytest.mark.parametrize("command", ["extract", "update", "build"])
def test_each_job_reports_every_orphan(project: Path, command: str) -> None:
    assert run_ok(project, command).stderr.splitlines() == ORPHANS


def test_the_manifest_and_status_list_no_orphan(project: Path) -> None:
    run_ok(project, "build")
    manifest = json.loads((project / "build/site/manifest.json").read_text(encoding="utf-8"))
    assert [a["translation_key"] for a in manifest["articles"]] == ["keep"]
    assert [loc["locale"] for loc in manifest["locales"]] == ["en", "zh_Hans"]
    assert [e["locale"] for e in manifest["articles"][0]["editions"]] == ["en", "zh_Hans"]
    rows = json.loads(run_ok(project, "status", "--format", "json").stdout)
    assert "gone" not in json.dumps(rows)
    assert "keep" in json.dumps(rows)


def test_update_makes_no_catalogue_for_an_orphaned_template(project: Path) -> None:
    (project / "locpipe.yaml").write_text("locales: [zh_Hans, fr]\n", encoding="utf-8")
    run_ok(project, "update")
    assert sorted(p.name for p in (project / "locales/fr/LC_MESSAGES").iterdir()) == \
        ["keep.po"]


def test_prune_removes_templates_and_editions_and_keeps_catalogues(project: Path) -> None:
    result = run_ok(project, "prune")
    assert result.stdout.splitlines() == [
        "removed locales/templates/gone.pot", "removed build/site/de/gone.md",
        "removed build/site/de/keep.md", "removed build/site/en/gone.md",
        "removed build/site/zh-Hans/gone.md", "5 removed, 3 orphaned catalogues kept"]
    assert len(result.stderr.splitlines()) == 3
    assert not (project / "build/site/de").exists()  # no empty language folder is left
    assert sorted(p.relative_to(project).as_posix()
                  for p in (project / "build/site").rglob("*.md")) == \
        ["build/site/en/keep.md", "build/site/zh-Hans/keep.md"]
    assert (project / "locales/de/LC_MESSAGES/gone.po").exists()
    assert run_ok(project, "build").stderr.splitlines() == ORPHANS[1:4]


def _archived(path: Path) -> dict[str, str]:
    po = polib.pofile(str(path), wrapwidth=0)
    assert all(entry.obsolete for entry in po)
    return {entry.msgid: entry.msgstr for entry in po}


def test_prune_catalogues_archives_their_translations_first(project: Path) -> None:
    result = run_ok(project, "prune", "--catalogues")
    assert result.stdout.splitlines()[:2] == ["archived into locales/de/archive.po",
                                              "archived into locales/zh_Hans/archive.po"]
    assert result.stdout.endswith("8 removed, 0 orphaned catalogues kept\n")
    assert result.stderr == ""
    assert _archived(project / "locales/de/archive.po") == {
        "Gone": "Deutsch gone", "Kept": "Deutsch kept"}
    assert _archived(project / "locales/zh_Hans/archive.po") == {"Gone": "中文 gone"}
    assert not (project / "locales/de/LC_MESSAGES").exists()
    assert sorted(p.name for p in (project / "locales/zh_Hans/LC_MESSAGES").iterdir()) == \
        ["keep.po"]
    for command in ("extract", "update", "build"):
        assert run_ok(project, command).stderr == ""
    if shutil.which("msgfmt"):
        for archive in project.glob("locales/*/archive.po"):
            done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(archive)],
                                  capture_output=True, text=True, check=False)
            assert done.returncode == 0, done.stderr


def test_a_second_prune_adds_to_the_archive(project: Path) -> None:
    run_ok(project, "prune", "--catalogues")
    (project / "content" / "keep.md").unlink()
    run_ok(project, "prune", "--catalogues")
    assert _archived(project / "locales/zh_Hans/archive.po") == {
        "Gone": "中文 gone", "Kept": "中文 kept"}


def test_a_dry_run_changes_nothing(project: Path) -> None:
    before = snapshot(project)
    result = run_ok(project, "prune", "--catalogues", "--dry-run")
    assert result.stdout.endswith("8 to remove, 0 orphaned catalogues kept\n")
    assert "would remove locales/de/LC_MESSAGES/gone.po" in result.stdout
    assert snapshot(project) == before


def test_an_unreadable_orphaned_catalogue_stops_prune_before_anything_goes(
        project: Path) -> None:
    bad = project / "locales/de/LC_MESSAGES/gone.po"
    bad.write_text(bad.read_text(encoding="utf-8") + '\nmsgid "broken\n', encoding="utf-8")
    line = bad.read_text(encoding="utf-8").splitlines().index('msgid "broken') + 1
    before = snapshot(project)
    result = run(project, "prune", "--catalogues")
    assert_one_error_line(result, "locales/de/LC_MESSAGES/gone.po", line, "string is not")
    assert snapshot(project) == before


# ------------------------------------------------------------ empty files

@pytest.mark.parametrize("text", ["", 'msgid ""\nmsgstr ""\n"Language: zh_Hans\\n"\n'],
                         ids=["empty", "header-only"])
@pytest.mark.parametrize("command", ["update", "build", "status", "report"])
def test_an_empty_or_header_only_catalogue_is_an_error(project: Path, text: str,
                                                       command: str) -> None:
    catalogue = project / "locales/zh_Hans/LC_MESSAGES/keep.po"
    catalogue.write_text(text, encoding="utf-8")
    before = snapshot(project)
    result = run(project, command)
    assert_one_error_line(result, "locales/zh_Hans/LC_MESSAGES/keep.po", None,
                          "the catalogue has no entries (it is empty or holds only its "
                          "header), but its article has 2 to translate")
    assert snapshot(project) == before


def test_an_empty_article_is_not_published(project: Path) -> None:
    (project / "content" / "keep.md").write_text("\n", encoding="utf-8")
    warning = "content/keep.md: warning: empty article, {} (write its text, or delete it " \
              "and run `locpipe prune`)"
    assert warning.format("nothing to translate") in run_ok(project, "extract").stderr
    run_ok(project, "update")
    assert warning.format("not published") in run_ok(project, "build").stderr
    assert not (project / "build/site/en/keep.md").exists()
    assert not (project / "build/site/zh-Hans/keep.md").exists()
    manifest = json.loads((project / "build/site/manifest.json").read_text(encoding="utf-8"))
    article, = manifest["articles"]
    assert article["editions"] == []
    assert {s["reason"] for s in article["skipped"]} == {"the article is empty"}
    # The translations are not lost: they wait as obsolete entries.
    po = polib.pofile(str(project / "locales/zh_Hans/LC_MESSAGES/keep.po"))
    assert {e.msgid: e.msgstr for e in po if e.obsolete} == {"Kept": "中文 kept"}
