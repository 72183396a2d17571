"""The command line: defaults, --locale, thresholds, and errors as one line with exit 2."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline_support import Run, snapshot, split_front_matter, translate, write_files

Runner = Callable[..., Run]
ARTICLE = "---\ntitle: Guide\n---\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird.\n"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A project with one short article and two target locales."""
    return write_files(tmp_path / "small", {"locpipe.yaml": "locales: [de, zh_Hans]\n",
                                            "content/guide.md": ARTICLE})


def manifest(root: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((root / "build/site/manifest.json").read_text())
    return data


def test_a_project_without_locpipe_yaml_runs_on_the_defaults(tmp_path: Path,
                                                             run: Runner) -> None:
    root = write_files(tmp_path / "bare", {"content/notes/guide.md": ARTICLE})
    for command in ("extract", "update", "build"):
        run(command, root=root, config=False)
    assert (root / "locales/templates/notes/guide.pot").is_file()
    assert (root / "locales/zh_Hans/LC_MESSAGES/notes/guide.po").is_file()
    assert sorted(p.relative_to(root / "build/site").as_posix()
                  for p in (root / "build/site").rglob("*.md")) == [
        "en/notes/guide.md", "zh-Hans/notes/guide.md"]
    assert [loc["locale"] for loc in manifest(root)["locales"]] == ["en", "zh_Hans"]  # type: ignore[index]


def test_locale_limits_update(small: Path, run: Runner) -> None:
    run("extract", root=small)
    run("update", "--locale", "de", root=small)
    assert (small / "locales/de/LC_MESSAGES/guide.po").is_file()
    assert not (small / "locales/zh_Hans").exists()


def test_locale_limits_build(small: Path, run: Runner) -> None:
    run("extract", root=small)
    run("update", root=small)
    run("build", "--locale", "zh_Hans", root=small)
    built = sorted(p.parent.name for p in (small / "build/site").rglob("*.md"))
    assert built == ["en", "zh-Hans"]
    data = manifest(small)
    assert [loc["lang"] for loc in data["locales"]] == ["en", "zh-Hans"]  # type: ignore[index]


def test_an_unknown_locale_is_one_error_line(small: Path, run: Runner) -> None:
    run("extract", root=small)
    result = run("update", "--locale", "fr", root=small, expect=2)
    assert result.err.splitlines() == [
        f"{small / 'locpipe.yaml'}: error: locale 'fr' is not configured "
        "(choose one of: de, zh_Hans)"]
    assert not (small / "locales/de").exists()


def test_an_edition_below_the_threshold_is_left_out_and_the_manifest_says_why(
        small: Path, run: Runner) -> None:
    run("extract", root=small)
    run("update", root=small)
    translate(small / "locales/de/LC_MESSAGES/guide.po",
              {"Guide": "Leitfaden", "First paragraph.": "Erster Absatz.",
               "Second paragraph.": "Zweiter Absatz."})
    translate(small / "locales/zh_Hans/LC_MESSAGES/guide.po", {"Guide": "指南"})
    run("build", root=small)
    assert (small / "build/site/zh-Hans/guide.md").is_file()
    config = small / "locpipe.yaml"
    config.write_text(config.read_text() + "completeness_threshold: 0.5\n")
    run("build", root=small)
    assert (small / "build/site/de/guide.md").is_file()
    assert not (small / "build/site/zh-Hans/guide.md").exists()  # not even a stale one
    article = manifest(small)["articles"][0]  # type: ignore[index]
    assert [e["lang"] for e in article["editions"]] == ["en", "de"]
    assert article["skipped"] == [{
        "locale": "zh_Hans", "lang": "zh-Hans", "completeness": 0.25,
        "reason": "completeness 25% is below the threshold 50%"}]
    meta, _ = split_front_matter((small / "build/site/de/guide.md").read_text())
    assert (meta["title"], meta["completeness"]) == ("Leitfaden", 0.75)


def test_warnings_go_to_stderr_and_the_summary_to_stdout(small: Path, run: Runner) -> None:
    run("extract", root=small)
    run("update", root=small)
    translate(small / "locales/de/LC_MESSAGES/guide.po", {"Third.": "# Dritter"})
    result = run("build", "--locale", "de", root=small)
    assert result.out == "3 written, 0 unchanged\n"  # en, de and the manifest
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("locales/de/LC_MESSAGES/guide.po:")
    assert result.warnings[0].endswith(
        ": warning: translation not used, the source text is kept: "
        "it starts like a heading (`#`) (fix the msgstr)")


def test_bad_front_matter_is_one_line_naming_file_and_line(small: Path, run: Runner) -> None:
    (small / "content/guide.md").write_text("---\ntitle: Guide\nbad: [open\n---\n\nText.\n")
    result = run("extract", root=small, expect=2)
    assert result.err.startswith("content/guide.md:4: error: front matter is not valid YAML")
    assert len(result.err.splitlines()) == 1
    assert "Traceback" not in result.err + result.out


def test_a_broken_catalogue_stops_update_and_is_not_rewritten(small: Path,
                                                               run: Runner) -> None:
    run("extract", root=small)
    run("update", root=small)
    po = small / "locales/de/LC_MESSAGES/guide.po"
    po.write_text(po.read_text().replace('msgid "Third."', 'msgid "Third.'))
    before = snapshot(small / "locales")
    result = run("update", root=small, expect=2)
    assert "locales/de/LC_MESSAGES/guide.po:" in result.err
    assert ": error: cannot parse catalogue" in result.err
    assert snapshot(small / "locales") == before


def test_an_unknown_setting_suggests_the_right_one(small: Path, run: Runner) -> None:
    (small / "locpipe.yaml").write_text("locales: [de]\ncompleteness_treshold: 0.5\n")
    result = run("build", root=small, expect=2)
    assert result.err.strip().endswith(
        "error: unknown key 'completeness_treshold' (did you mean 'completeness_threshold'?)")
    assert ":2: error:" in result.err


def test_each_command_documents_itself(run: Runner) -> None:
    for command, words in (("extract", "template"), ("update", "fuzzy"),
                           ("build", "manifest.json")):
        result = run(command, "--help", config=False)
        assert words in result.out
        assert "--config" in result.out
