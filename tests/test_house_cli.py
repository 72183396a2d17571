"""cli/ is the only place that ends a run: no module outside it exits or speaks click.

Library code returns results or raises LocpipeError; the command line decides the
exit code. The one use of click allowed elsewhere is colouring text
(`click.style`, `click.unstyle`), which `views/status.py` does for its table.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "locpipe"
CLI = PACKAGE / "cli"
CLICK_ALLOWED = frozenset({"style", "unstyle"})
"""click's text colouring: no exit, no output, no context."""
EXIT_NAMES = frozenset({"SystemExit", "exit", "quit"})
"""Builtins that end the process."""
EXIT_ATTRIBUTES = frozenset({"exit", "_exit"})
"""`sys.exit`, `os._exit`, `ctx.exit`: whatever the object, library code has no use for them."""


def offences(source: str) -> list[str]:
    """`LINE: what` for each way `source` could end a run or reach for click."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        found.extend(f"{node.lineno}: {what}" for what in _offences(node))  # type: ignore[attr-defined]
    return sorted(found, key=lambda line: int(line.split(":")[0]))


def _offences(node: ast.AST) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from _imports(node)
    elif isinstance(node, ast.ImportFrom):
        yield from _imports_from(node)
    elif isinstance(node, ast.Attribute):
        yield from _attribute(node)
    elif isinstance(node, ast.Name) and node.id in EXIT_NAMES:
        yield f"uses {node.id}"


def _imports(node: ast.Import) -> Iterator[str]:
    for alias in node.names:
        if alias.name.startswith("click.") or (alias.name == "click" and alias.asname):
            yield f"imports {alias.name}" + (f" as {alias.asname}" if alias.asname else "")


def _imports_from(node: ast.ImportFrom) -> Iterator[str]:
    module = node.module or ""
    for alias in node.names:
        if _forbidden_from(module, alias.name):
            yield f"imports {alias.name} from {module}"


def _forbidden_from(module: str, name: str) -> bool:
    if module == "click":
        return name not in CLICK_ALLOWED
    return module.startswith("click.") or (module, name) in {("sys", "exit"), ("os", "_exit")}


def _attribute(node: ast.Attribute) -> Iterator[str]:
    if node.attr in EXIT_ATTRIBUTES:
        yield f"calls .{node.attr}"
    elif (isinstance(node.value, ast.Name) and node.value.id == "click"
          and node.attr not in CLICK_ALLOWED):
        yield f"uses click.{node.attr}"


def library_modules() -> list[Path]:
    """Every module of the package outside cli/."""
    return [path for path in sorted(PACKAGE.rglob("*.py")) if CLI not in path.parents]


@pytest.mark.parametrize("path", library_modules(),
                         ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_no_module_outside_cli_exits_or_uses_click(path: Path) -> None:
    assert offences(path.read_text(encoding="utf-8")) == []


def test_the_walk_sees_the_whole_package() -> None:
    names = {path.relative_to(PACKAGE).as_posix() for path in library_modules()}
    assert {"config.py", "errors.py", "jobs/pipeline.py", "views/status.py"} <= names
    assert not any(name.startswith("cli/") for name in names)


def test_cli_is_where_runs_end() -> None:
    """The rule is not vacuous: the command line itself does all of the above."""
    found = [line for path in sorted(CLI.glob("*.py"))
             for line in offences(path.read_text(encoding="utf-8"))]
    assert any(line.endswith("calls .exit") for line in found)
    assert any(line.endswith("uses click.echo") for line in found)


@pytest.mark.parametrize(("source", "expected"), [
    ("import sys\nsys.exit(1)\n", ["2: calls .exit"]),
    ("from sys import exit\nexit(1)\n", ["1: imports exit from sys", "2: uses exit"]),
    ("raise SystemExit(2)\n", ["1: uses SystemExit"]),
    ("try:\n    pass\nexcept SystemExit:\n    pass\n", ["3: uses SystemExit"]),
    ("quit()\n", ["1: uses quit"]),
    ("import os\nos._exit(3)\n", ["2: calls ._exit"]),
    ("def f(ctx):\n    ctx.exit(1)\n", ["2: calls .exit"]),
    ("import click\nclick.echo('x')\n", ["2: uses click.echo"]),
    ("import click\nraise click.exceptions.Exit(1)\n", ["2: uses click.exceptions"]),
    ("from click import echo, style\n", ["1: imports echo from click"]),
    ("from click.exceptions import Exit\n", ["1: imports Exit from click.exceptions"]),
    ("import click.testing\n", ["1: imports click.testing"]),
    ("import click as c\n", ["1: imports click as c"]),
], ids=["sys.exit", "from-sys-exit", "raise-SystemExit", "catch-SystemExit", "quit",
        "os._exit", "ctx.exit", "click.echo", "click.exceptions", "from-click-echo",
        "from-click-exceptions", "click-submodule", "click-renamed"])
def test_each_way_out_is_caught(source: str, expected: list[str]) -> None:
    assert offences(source) == expected


@pytest.mark.parametrize("source", [
    "import click\nprint(click.style('ok', fg='green'), click.unstyle('x'))\n",
    "from click import style, unstyle\n",
    "import sys\nsys.stderr.write('warning')\n",
    "from locpipe.errors import LocpipeError\nraise LocpipeError('bad input')\n",
    "exits = ['a']\nexit_code = 2\n",
], ids=["click-style", "from-click-style", "stderr", "locpipe-error", "similar-names"])
def test_colour_and_domain_errors_are_allowed(source: str) -> None:
    assert offences(source) == []
