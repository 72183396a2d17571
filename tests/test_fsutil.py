"""Atomic writes: the streamed variant leaves an identical file alone."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from locpipe.jobs import files
from locpipe.jobs.files import BLOCK, StagedFile, write_chunks_if_changed


def test_streamed_write_creates_replaces_and_skips_identical_text(tmp_path: Path) -> None:
    path = tmp_path / "out" / "manifest.json"
    assert write_chunks_if_changed(path, ["{", '"a": "甲"', "}\n"])
    assert path.read_text(encoding="utf-8") == '{"a": "甲"}\n'
    inode = path.stat().st_ino
    assert not write_chunks_if_changed(path, iter(['{"a": "甲"}', "\n"]))
    assert path.stat().st_ino == inode  # not replaced
    assert write_chunks_if_changed(path, ['{"a": "乙"}\n'])
    assert path.read_text(encoding="utf-8") == '{"a": "乙"}\n'
    assert sorted(p.name for p in path.parent.iterdir()) == ["manifest.json"]


def test_a_failing_stream_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text("old\n", encoding="utf-8")

    def chunks() -> Iterator[str]:
        yield "new"
        raise ValueError("stopped")

    with pytest.raises(ValueError, match="stopped"):
        write_chunks_if_changed(path, chunks())
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]


@pytest.mark.parametrize("change", [None, 0, BLOCK - 1, BLOCK, 3 * BLOCK - 1])
def test_a_staged_file_is_compared_block_by_block(tmp_path: Path, change: int | None) -> None:
    """Texts of three blocks, alike but for one byte here or there."""
    path = tmp_path / "cache.jsonl"
    text = "".join(f"{{\"slug\": \"article-{i:06d}\"}}\n" for i in range(3 * BLOCK // 26))
    text += "x" * (3 * BLOCK - len(text))
    path.write_text(text, encoding="utf-8")
    new = text if change is None else text[:change] + "#" + text[change + 1:]
    with StagedFile(path) as staged:
        for start in range(0, len(new), 1000):
            staged.write(new[start:start + 1000])
    assert staged.written == (change is not None)
    assert path.read_text(encoding="utf-8") == new
    assert [p.name for p in tmp_path.iterdir()] == ["cache.jsonl"]


def test_a_temporary_name_left_by_an_earlier_process_is_not_reused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file with the name this process would pick next stays as it was."""
    path = tmp_path / "new" / "folder" / "edition.md"
    monkeypatch.setattr(files, "_names", itertools.count(7))
    path.parent.mkdir(parents=True)
    left = path.with_name(f".edition.md.{os.getpid()}-7.tmp")
    left.write_text("left\n", encoding="utf-8")
    files.write_text_atomic(path, "edition\n")
    assert path.read_text(encoding="utf-8") == "edition\n"
    assert left.read_text(encoding="utf-8") == "left\n"
    assert sorted(p.name for p in path.parent.iterdir()) == [left.name, "edition.md"]


def test_a_missing_folder_is_made(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "edition.md"
    files.write_text_atomic(path, "edition\n")
    assert path.read_text(encoding="utf-8") == "edition\n"
    assert [p.name for p in path.parent.iterdir()] == ["edition.md"]
    assert path.stat().st_mode & 0o777 == 0o644


def test_what_a_killed_process_left_is_removed_and_nothing_else(tmp_path: Path) -> None:
    kept = [tmp_path / "a" / "edition.md", tmp_path / "a" / ".edition.md.42-0.tmp.md",
            tmp_path / "b" / ".edition.md.7-3.tmp", tmp_path / ".x.421-1.tmp"]
    left = [tmp_path / "a" / ".edition.md.42-0.tmp", tmp_path / "b" / "c" / ".x.po.42-17.tmp"]
    for path in kept + left:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    files.remove_left_by(42, [tmp_path, tmp_path / "missing"])
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == sorted(kept)
