"""Atomic writes: the streamed variant leaves an identical file alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from locpipe.jobs.files import write_chunks_if_changed


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
