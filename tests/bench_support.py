"""Loading the benchmarks in `bench/`, which are scripts, not an installed package."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent.parent / "bench"


def load_bench(name: str) -> ModuleType:
    """Import `bench/<name>.py` under its own name."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))  # the benchmarks import their neighbours by name
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look modules up by name
    spec.loader.exec_module(module)
    return module


def small_output(bench: ModuleType) -> str:
    """What a benchmark prints for `--small`, the miniature the test suite runs."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        bench.main(["--small"])
    return out.getvalue()
