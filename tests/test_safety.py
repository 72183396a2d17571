"""Writes are safe: atomic, never over a file that failed to parse, and `update`
never loses a translation, a translator's comment or a flag."""

from __future__ import annotations

import ast
import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bad_support import (
    CATALOGUE,
    DATA,
    assert_one_error_line,
    make_project,
    run,
    run_ok,
    snapshot,
)
from locpipe.errors import LocpipeError
from locpipe.jobs.files import write_text_atomic

SRC = Path(__file__).resolve().parent.parent / "src" / "locpipe"


# ------------------------------------------------------------ atomic writes

def _only_file(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_failed_rename_keeps_the_old_file_and_leaves_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "article.po"
    path.write_bytes(b"old translations\n")

    def no_space(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(LocpipeError) as caught:
        write_text_atomic(path, "new translations\n")
    assert path.read_bytes() == b"old translations\n"
    assert _only_file(tmp_path) == ["article.po"]
    assert caught.value.path == path
    assert "No space left on device" in caught.value.message


class _StopsHalfWay:
    """A file handle that writes half of what it is given, then fails."""

    def __init__(self, handle: Any, error: BaseException) -> None:
        self.handle = handle
        self.error = error

    def __enter__(self) -> _StopsHalfWay:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[:len(data) // 2])
        self.handle.flush()
        raise self.error


@pytest.mark.parametrize("error", [KeyboardInterrupt(), OSError(errno.EIO, "I/O error")],
                         ids=["interrupted", "io-error"])
@pytest.mark.parametrize("existing", [True, False], ids=["replacing", "creating"])
def test_a_write_stopped_half_way_keeps_the_old_file_and_leaves_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException,
        existing: bool) -> None:
    path = tmp_path / "edition.md"
    if existing:
        path.write_bytes(b"old edition\n")
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: _StopsHalfWay(
        real_fdopen(fd, *a, **k), error))
    expected = KeyboardInterrupt if isinstance(error, KeyboardInterrupt) else LocpipeError
    with pytest.raises(expected):
        write_text_atomic(path, "new edition, much longer than the old one\n" * 100)
    monkeypatch.undo()
    if existing:
        assert path.read_bytes() == b"old edition\n"
        assert _only_file(tmp_path) == ["edition.md"]
    else:
        assert _only_file(tmp_path) == []


def test_a_write_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "article.po"
    path.write_text("old\n")
    path.chmod(0o640)
    write_text_atomic(path, "new\n")
    assert path.read_text() == "new\n"
    assert path.stat().st_mode & 0o777 == 0o640
    write_text_atomic(tmp_path / "fresh.po", "x\n")
    assert (tmp_path / "fresh.po").stat().st_mode & 0o777 == 0o644


def test_update_that_cannot_write_is_one_line_and_keeps_the_catalogue(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path)
    run_ok(root, "extract")
    run_ok(root, "update")
    (root / "content" / "article.md").write_text("# A new title\n", encoding="utf-8")
    run_ok(root, "extract")
    before = snapshot(root)
    real_replace = os.replace

    def full_disk_for_catalogues(src: str, dst: str) -> None:
        if str(dst).endswith(".po"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_disk_for_catalogues)
    result = run(root, "update")
    assert_one_error_line(result, CATALOGUE.as_posix(), None,
                          "cannot write the file: No space left on device")
    assert snapshot(root) == before


# Calls that write files: methods by name, functions by module and name.
_METHODS = {"write_text", "write_bytes", "rename", "touch", "symlink_to", "hardlink_to"}
_FUNCTIONS = {"os": {"replace", "rename", "fdopen", "open", "write"},
              "shutil": {"copy", "copy2", "copyfile", "copytree", "move"},
              "tempfile": {"mkstemp", "NamedTemporaryFile", "TemporaryFile"},
              "json": {"dump"}, "pickle": {"dump"}}


def _writing_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute):
            module = func.value.id if isinstance(func.value, ast.Name) else ""
            writes = func.attr in _METHODS or func.attr in _FUNCTIONS.get(module, ())
        else:
            modes = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)] + \
                [k.value.value for k in node.keywords
                 if k.arg == "mode" and isinstance(k.value, ast.Constant)]
            writes = getattr(func, "id", "") == "open" and \
                any(set(str(m)) & set("wax+") for m in modes)
        if writes:
            found.append(f"{path.name}:{node.lineno}: {ast.unparse(func)}")
    return found


def test_no_module_but_jobs_files_writes_files() -> None:
    calls = [c for p in sorted(SRC.rglob("*.py")) if p != SRC / "jobs" / "files.py"
             for c in _writing_calls(p)]
    assert calls == []
    seen = {c.split(": ", 1)[1] for c in _writing_calls(SRC / "jobs" / "files.py")}
    assert {"os.fdopen", "os.replace", "tempfile.mkstemp"} <= seen  # the check sees writes


def test_every_file_the_jobs_write_goes_through_a_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Spy on renames: each file a job creates or changes was renamed into place
    from a temporary file in its own folder."""
    root = make_project(tmp_path)
    renamed: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        renamed.append((Path(src).absolute(), Path(dst).absolute()))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    for step in ("extract", "update", "translate", "build", "glossary"):
        before = snapshot(root)
        renamed.clear()
        if step == "translate":
            _translate_all(root / CATALOGUE, lambda e: f"【{e.msgid}】")
            continue
        args = ["glossary", "export", "--format", "csv", "-o", "build/terms.csv"] \
            if step == "glossary" else [step]
        run_ok(root, *args)
        after = snapshot(root)
        changed = {k for k in after if before.get(k) != after[k]}
        assert changed, step
        targets = {dst.resolve().relative_to(root.resolve()).as_posix() for _, dst in renamed}
        assert changed <= targets, (step, changed - targets)
        for src, dst in renamed:
            assert src.parent == dst.parent and src.name.startswith(f".{dst.name}.")
    assert not [k for k in snapshot(root) if k.endswith(".tmp")]


def _translate_all(path: Path, translate: Callable[[polib.POEntry], str]) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = translate(entry)
    po.save(str(path))


# ------------------------------------------------------------ a file that failed to parse

def test_update_refuses_a_catalogue_that_failed_to_parse_and_says_why(tmp_path: Path) -> None:
    """polib reads an unclosed string as if the rest of the file did not exist;
    rewriting it would drop every entry after it."""
    root = make_project(tmp_path)
    run_ok(root, "extract")
    (root / CATALOGUE).parent.mkdir(parents=True)
    shutil.copy(DATA / "bad.unterminated.po", root / CATALOGUE)
    before = (root / CATALOGUE).read_bytes()
    result = run(root, "update")
    line = assert_one_error_line(result, CATALOGUE.as_posix(), 13, "string is not closed")
    assert "cannot parse catalogue" in line
    assert (root / CATALOGUE).read_bytes() == before


# ------------------------------------------------------------ nothing lost across updates

WORDS = ["needle", "point", "qi", "flow", "meridian", "body", "heat", "cold", "pulse",
         "stone", "river", "breath"]
KINDS = ["", "# ", "- ", "> "]
sentences = st.lists(st.sampled_from(WORDS), min_size=3, max_size=7).map(" ".join)
blocks = st.tuples(st.sampled_from(KINDS), sentences)
edits = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 50), blocks),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("change"), st.integers(0, 50), st.integers(0, 6),
              st.sampled_from(WORDS)),
    st.tuples(st.just("reorder"), st.integers(0, 50), st.integers(0, 50)),
)
ACTIONS = ["none", "translate", "translate", "translate+comment", "translate+flag",
           "comment", "accept"]


def _edit(doc: list[tuple[str, str]], edit: tuple[Any, ...]) -> None:
    kind, at = edit[0], edit[1] % (len(doc) + 1)
    if kind == "insert":
        doc.insert(at, edit[2])
    elif not doc:
        return
    elif kind == "delete":
        del doc[at % len(doc)]
    elif kind == "change":
        prefix, text = doc[at % len(doc)]
        words = text.split()
        words[edit[2] % len(words)] = edit[3]
        doc[at % len(doc)] = (prefix, " ".join(words))
    else:
        i, j = at % len(doc), edit[2] % len(doc)
        doc[i], doc[j] = doc[j], doc[i]


def _article(doc: list[tuple[str, str]], title: str) -> str:
    return f"---\ntitle: {title}\n---\n\n" + "".join(f"{p}{t}\n\n" for p, t in doc)


@dataclass
class Work:
    """What the translator wrote, to be found again after every update."""

    translations: list[tuple[str, str, str]] = field(default_factory=list)
    """(msgstr, comment or "", flag or "")."""
    comments: list[str] = field(default_factory=list)
    """Comments on entries left untranslated."""
    count: int = 0

    def mark(self) -> str:
        self.count += 1
        return f"[{self.count}]"


def _translator(po_path: Path, data: st.DataObject, work: Work) -> None:
    """Act on each entry as a translator might: never overwriting a translation."""
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.obsolete:
            continue
        action = data.draw(st.sampled_from(ACTIONS))
        if action == "accept" and "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        if entry.msgstr or action in ("none", "accept"):
            continue
        mark = work.mark()
        comment = flag = ""
        if action in ("comment", "translate+comment"):
            comment = f"note {mark}"
            entry.tcomment = f"{entry.tcomment}\n{comment}" if entry.tcomment else comment
        if action == "comment":
            work.comments.append(comment)
            continue
        if action == "translate+flag":
            flag = f"reviewed-{work.count}"
            entry.flags.append(flag)
        entry.msgstr = f"译文 {mark} {entry.msgid}"
        work.translations.append((entry.msgstr, comment, flag))
    po.save(str(po_path))


def _lost(po: polib.POFile, work: Work) -> list[str]:
    entries = list(po)  # active, fuzzy and obsolete alike
    lost = [m for m, comment, flag in work.translations
            if not any(e.msgstr == m and comment in e.tcomment and (not flag or flag in e.flags)
                       for e in entries)]
    return lost + [c for c in work.comments if not any(c in e.tcomment for e in entries)]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(first=st.lists(blocks, min_size=1, max_size=6),
       rounds=st.lists(st.lists(edits, min_size=1, max_size=4), min_size=2, max_size=4),
       data=st.data())
def test_update_never_drops_a_translation_a_comment_or_a_flag(
        first: list[tuple[str, str]], rounds: list[list[tuple[Any, ...]]],
        data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp), _article(first, "Needle and qi"))
        doc, work = list(first), Work()
        for number, round_edits in enumerate([[], *rounds]):
            for edit in round_edits:
                _edit(doc, edit)
            title = "Needle and qi" if number % 2 == 0 else "Needle and the qi"
            (root / "content" / "article.md").write_text(_article(doc, title), encoding="utf-8")
            run_ok(root, "extract")
            run_ok(root, "update")
            po = polib.pofile(str(root / CATALOGUE))
            assert _lost(po, work) == [], f"lost after round {number}"
            _translator(root / CATALOGUE, data, work)


def test_a_comment_on_an_untranslated_entry_stays_as_an_obsolete_entry(tmp_path: Path) -> None:
    """The decision for the edge case: gettext drops obsolete entries without a
    translation; locpipe keeps one that has a translator's comment."""
    root = make_project(tmp_path, "First paragraph.\n\nSecond paragraph.\n")
    run_ok(root, "extract")
    run_ok(root, "update")
    po = polib.pofile(str(root / CATALOGUE))
    po.find("First paragraph.").tcomment = "ask the author about this"
    po.save(str(root / CATALOGUE))
    (root / "content" / "article.md").write_text("Second paragraph.\n", encoding="utf-8")
    run_ok(root, "extract")
    run_ok(root, "update")
    po = polib.pofile(str(root / CATALOGUE))
    kept = po.find("First paragraph.", include_obsolete_entries=True)
    assert kept is not None and kept.obsolete
    assert kept.tcomment == "ask the author about this"
    assert [e.msgid for e in po if e.obsolete] == ["First paragraph."]
    # an untranslated entry with no comment is dropped, as gettext does
    (root / "content" / "article.md").write_text("Third.\n", encoding="utf-8")
    run_ok(root, "extract")
    run_ok(root, "update")
    po = polib.pofile(str(root / CATALOGUE))
    assert sorted(e.msgid for e in po if e.obsolete) == ["First paragraph."]
