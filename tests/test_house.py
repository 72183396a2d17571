"""One of each (DESIGN.md, "The house"): one module builds Markdown parsers, one
reads catalogues, one defines an entry's state. A second copy elsewhere fails here.

Each rule walks the syntax trees of the modules (as `test_safety.py` does for
file writes), and each is shown to bite on a copy of the source with a
violation planted in it.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "locpipe"

PARSER_HOME = {"markdown/grammar.py"}
"""Where MarkdownIt parsers are built."""
READER_HOME = {"po/reader.py", "po/fastpath.py"}
"""Where `.po`/`.pot` text is parsed: the reader, and the fast path it calls."""
STATE_HOME = {"po/state.py", "po/fastpath.py", "po/writer.py"}
"""Where the `fuzzy` flag is looked at: the definition of state, and where flags are
read from text or written to it."""

# A string (or regular expression) that starts the way a line of a catalogue does: a
# module that reads files and holds one parses catalogue text itself.
_PO_SYNTAX = re.compile(r'^\^?(?:\(#~[^)]*\)\?)?(?:msgid|msgstr|msgctxt|"Language:|#[~,|])')
_READS = {"read_text", "read_bytes", "open", "readlines"}

Finder = Callable[[ast.Module], Iterator[ast.AST]]


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def parser_builds(tree: ast.Module) -> Iterator[ast.AST]:
    """`MarkdownIt(...)`, `markdown_it.MarkdownIt` and `from markdown_it import MarkdownIt`,
    except the type named for hints only (under `if TYPE_CHECKING:`), as the dialect
    modules do for the parsers they are given."""
    hints = {id(node) for block in ast.walk(tree) if _type_checking(block)
             for node in ast.walk(block)}
    return (node for node in ast.walk(tree) if _builds_parser(node) and id(node) not in hints)


def _type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and isinstance(node.test, ast.Name) \
        and node.test.id == "TYPE_CHECKING"


def _builds_parser(node: ast.AST) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id == "MarkdownIt"
    if isinstance(node, ast.Attribute):
        return node.attr == "MarkdownIt"
    return isinstance(node, ast.ImportFrom) and (node.module or "").startswith("markdown_it") \
        and any(alias.name == "MarkdownIt" for alias in node.names)


def catalogue_parsing(tree: ast.Module) -> Iterator[ast.AST]:
    """polib's parsers, the fast path, or a file read in a module that holds PO syntax."""
    yield from (node for node in ast.walk(tree) if _parses_catalogues(node))
    if any(_po_syntax(node) for node in _strings(tree)):
        yield from (node for node in ast.walk(tree) if _reads_a_file(node))


def _parses_catalogues(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.value.id == "polib" and node.attr in ("pofile", "mofile")
    if isinstance(node, ast.ImportFrom) and node.module == "polib":
        return any(alias.name in ("pofile", "mofile") for alias in node.names)
    return _imports_fastpath(node)


def _imports_fastpath(node: ast.AST) -> bool:
    if isinstance(node, ast.ImportFrom):
        module = node.module or ""
        return module == "locpipe.po.fastpath" or (
            module == "locpipe.po" and any(a.name == "fastpath" for a in node.names))
    return isinstance(node, ast.Import) and any(
        a.name == "locpipe.po.fastpath" for a in node.names)


def _strings(tree: ast.Module) -> Iterator[ast.Constant]:
    """String constants that are not docstrings (of modules, classes, functions or
    fields): those describe catalogues, they do not parse them."""
    described = {id(node.value) for node in ast.walk(tree)
                 if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in described:
            yield node


def _po_syntax(node: ast.Constant) -> bool:
    return bool(_PO_SYNTAX.search(str(node.value)))


def _reads_a_file(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return (isinstance(func, ast.Attribute) and func.attr in _READS) or \
        (isinstance(func, ast.Name) and func.id == "open")


def state_words(tree: ast.Module) -> Iterator[ast.AST]:
    """`"fuzzy" in ...` and `"fuzzy" not in ...`: deciding state from the flags."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant) \
                and node.left.value == "fuzzy" \
                and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops):
            yield node


def found(finder: Finder, files: list[Path], base: Path) -> list[str]:
    """`path:line: code` of every node `finder` finds in `files`."""
    hits = []
    for path in files:
        tree = _tree(path)
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in finder(tree):
            line = getattr(node, "lineno", 1)
            hits.append(f"{path.relative_to(base).as_posix()}:{line}: {lines[line - 1].strip()}")
    return sorted(set(hits))


def modules(src: Path, allowed: set[str]) -> list[Path]:
    return [p for p in sorted(src.rglob("*.py")) if p.relative_to(src).as_posix() not in allowed]


def scripts(root: Path) -> list[Path]:
    """Tests and benchmarks: they parse with `locpipe.markdown.grammar` too."""
    return sorted((root / "tests").rglob("*.py")) + sorted((root / "bench").rglob("*.py"))


def test_only_the_grammar_module_builds_a_markdown_parser() -> None:
    assert found(parser_builds, modules(SRC, PARSER_HOME), SRC) == []
    assert found(parser_builds, scripts(ROOT), ROOT) == []
    assert found(parser_builds, [SRC / "markdown" / "grammar.py"], SRC)  # it sees them


def test_only_the_reader_parses_catalogues() -> None:
    assert found(catalogue_parsing, modules(SRC, READER_HOME), SRC) == []
    assert found(catalogue_parsing, [SRC / "po" / "reader.py"], SRC)


def test_only_po_state_decides_state_from_the_flags() -> None:
    assert found(state_words, modules(SRC, STATE_HOME), SRC) == []
    assert found(state_words, [SRC / "po" / "state.py"], SRC)


PLANTED = [
    ("parser", "checks/markdown.py", "from markdown_it import MarkdownIt\n"),
    ("parser", "views/report.py", "import markdown_it\nP = markdown_it.MarkdownIt('zero')\n"),
    ("parser", "../../tests/test_x.py", "from markdown_it.main import MarkdownIt as M\n"),
    ("parser", "../../bench/bench_x.py", "def parser():\n    return MarkdownIt()\n"),
    ("reader", "views/status.py", "import polib\nPO = polib.pofile('a.po')\n"),
    ("reader", "checks/model.py", "from polib import pofile\n"),
    ("reader", "views/report.py", "from locpipe.po import fastpath\n"),
    ("reader", "checks/validity.py",
     "def language(path):\n    return path.read_text().count('\"Language:')\n"),
    ("reader", "checks/runner.py",
     "def msgids(path):\n    with open(path) as lines:\n"
     "        return [x for x in lines if x.startswith('msgid ')]\n"),
    ("state", "checks/completeness.py", "def f(entry):\n    return 'fuzzy' in entry.flags\n"),
    ("state", "views/report.py", "def f(flags):\n    return 'fuzzy' not in flags\n"),
]


@pytest.mark.parametrize(("rule", "module", "code"), PLANTED,
                         ids=[f"{rule}-{Path(module).name}" for rule, module, _ in PLANTED])
def test_each_rule_bites_on_a_planted_copy(tmp_path: Path, rule: str, module: str,
                                           code: str) -> None:
    root = tmp_path / "copy"
    for folder in ("src", "tests", "bench"):
        shutil.copytree(ROOT / folder, root / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "data", "golden"))
    src = root / "src" / "locpipe"
    target = (src / module).resolve()
    before = target.read_text(encoding="utf-8") if target.exists() else ""
    target.write_text(before + "\n" + code, encoding="utf-8")
    planted = len(before.splitlines()) + 2
    if rule == "parser":
        hits = found(parser_builds, modules(src, PARSER_HOME) + scripts(root), root)
    elif rule == "reader":
        hits = found(catalogue_parsing, modules(src, READER_HOME), root)
    else:
        hits = found(state_words, modules(src, STATE_HOME), root)
    where = target.relative_to(root).as_posix()
    assert hits and all(h.startswith(f"{where}:") for h in hits), hits
    assert any(int(h.split(":")[1]) >= planted for h in hits), hits
