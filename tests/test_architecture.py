"""The house: stages in layers and no import cycles, as `pyproject.toml`'s
import-linter contracts state them (docs/architecture.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter on the package under `root/src`, with `root/pyproject.toml`."""
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"),
                           "--no-cache"], capture_output=True, text=True, env=env, cwd=root)


def test_the_import_contracts_are_kept() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


PLANTED = {
    "a cycle inside a package": ("jobs/work.py", "import locpipe.jobs.pipeline"),
    "a stage importing one above it": ("markdown/text.py", "import locpipe.catalogue.merge"),
    "two packages of one layer": ("checks/rules.py", "import locpipe.site.editions"),
    "the CLI imported by a stage": ("views/status.py", "import locpipe.cli"),
}


@pytest.mark.parametrize("where", PLANTED, ids=list(PLANTED))
def test_a_planted_violation_breaks_a_contract(where: str, tmp_path: Path) -> None:
    module, line = PLANTED[where]
    shutil.copytree(ROOT / "src", tmp_path / "src")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    target = tmp_path / "src" / "locpipe" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # noqa\n",
                      encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode == 1, done.stdout
    assert " 0 broken" not in done.stdout and "BROKEN" in done.stdout
