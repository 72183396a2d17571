"""Shared fixtures: a copy of the shipped project, and the command line run on it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline_support import GETTEXT, Run, copy_project, invoke, msgfmt

Runner = Callable[..., Run]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The real project (article, glossary, locpipe.yaml, Chinese catalogue) in tmp_path."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def run(project: Path) -> Runner:
    """`run("build", "--locale", "zh_Hans")`: the CLI on `project`, which must succeed.

    `expect` names another exit code; `root` runs it on another folder. After a
    successful extract or update every catalogue in the project must pass msgfmt.
    """

    def runner(*args: str, expect: int = 0, root: Path | None = None, **options: object) -> Run:
        folder = root or project
        result = invoke(folder, *args, **options)  # type: ignore[arg-type]
        assert result.code == expect, f"exit {result.code}\n{result.out}\n{result.err}"
        if expect == 0 and args[0] in ("extract", "update") and GETTEXT:
            for path in sorted(folder.rglob("*.po*")):
                checked = msgfmt(path)
                assert checked.returncode == 0, f"{path}: {checked.stderr}"
        return result

    return runner
