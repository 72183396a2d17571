"""The `locpipe check` benchmark, run small: it works and stays fast."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    path = ROOT / "bench" / "bench_check.py"
    spec = importlib.util.spec_from_file_location("bench_check", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_small_mode_runs_quickly_and_finds_the_planted_errors(
        bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--small"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("check: 10 catalogues x 20 entries, 100-term glossary: ")
    result = bench.bench(5, 50, 10)
    assert result.seconds < 5
    assert result.findings > 0
