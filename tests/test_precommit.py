"""`.pre-commit-hooks.yaml`: the hooks parse, and their entries run as the hooks would."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from locpipe.cli import main

ROOT = Path(__file__).resolve().parent.parent
SLUG = "how-does-acupuncture-work"
# What pre-commit (https://pre-commit.com/#new-hooks) requires and what ours set.
REQUIRED = {"id", "name", "entry", "language"}
EXPECTED = {
    "locpipe-check": ("locpipe check", "locpipe check"),
    "locpipe-extract-check": ("locpipe extract --check", "locpipe extract --check"),
}


@pytest.fixture(scope="module")
def hooks() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return {hook["id"]: hook for hook in data}


def test_hooks_are_named_and_declared_as_python(hooks: dict[str, dict[str, Any]]) -> None:
    assert set(hooks) == set(EXPECTED)
    for hook_id, (name, entry) in EXPECTED.items():
        hook = hooks[hook_id]
        assert set(hook) >= REQUIRED
        assert (hook["name"], hook["entry"]) == (name, entry)
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
        assert hook["description"]


@pytest.mark.parametrize("path", [
    f"content/{SLUG}.md", f"locales/zh_Hans/LC_MESSAGES/{SLUG}.po",
    f"locales/templates/{SLUG}.pot", "glossary/tcm.yaml", "locpipe.yaml",
])
def test_files_pattern_matches_project_files(hooks: dict[str, dict[str, Any]],
                                             path: str) -> None:
    # pre-commit applies `files` with re.search to paths relative to the repository.
    for hook in hooks.values():
        assert re.search(hook["files"], path)


@pytest.mark.parametrize("path", ["src/locpipe/cli.py", "pyproject.toml", "README.po.bak",
                                  "build/site/manifest.json"])
def test_files_pattern_skips_other_files(hooks: dict[str, dict[str, Any]], path: str) -> None:
    for hook in hooks.values():
        assert not re.search(hook["files"], path)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real project as the working folder, as pre-commit runs hooks."""
    for folder in ("content", "glossary", "locales"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "locpipe.yaml", tmp_path / "locpipe.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_entry(hook: dict[str, Any]) -> int:
    """Run the hook's entry the way pre-commit does: no file names appended."""
    program, *args = shlex.split(hook["entry"])
    assert program == "locpipe"
    return CliRunner().invoke(main, args).exit_code


def test_entries_pass_on_the_shipped_project(hooks: dict[str, dict[str, Any]],
                                             project: Path) -> None:
    assert {hook_id: run_entry(hook) for hook_id, hook in hooks.items()} == {
        "locpipe-check": 0, "locpipe-extract-check": 0}


def test_check_fails_on_an_error_finding(hooks: dict[str, dict[str, Any]],
                                         project: Path) -> None:
    po = project / f"locales/zh_Hans/LC_MESSAGES/{SLUG}.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "针灸是如何起效的？"' in text
    po.write_text(text.replace('msgstr "针灸是', 'msgstr "针炙是'), encoding="utf-8")
    assert run_entry(hooks["locpipe-check"]) == 1


def test_extract_check_fails_on_a_stale_template_and_writes_nothing(
        hooks: dict[str, dict[str, Any]], project: Path) -> None:
    article = project / f"content/{SLUG}.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nA new paragraph.\n",
                       encoding="utf-8")
    template = project / f"locales/templates/{SLUG}.pot"
    before = template.read_bytes()
    assert run_entry(hooks["locpipe-extract-check"]) == 1
    assert template.read_bytes() == before
