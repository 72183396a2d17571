"""The job cache: entries by slug, kept between runs, forgotten when not added again."""

from __future__ import annotations

from pathlib import Path

from locpipe.jobs.cache import Cache


def test_entries_come_back_in_the_next_run_with_their_key(tmp_path: Path) -> None:
    cache = Cache(tmp_path, "build")
    cache.add("b", {"key": "k2", "editions": [["b", "en"]]})
    cache.add("a", {"key": "k1", "warnings": ["汉字"]})
    assert [slug for slug, _ in cache.entries()] == ["a", "b"]
    cache.save()
    again = Cache(tmp_path, "build")
    assert again.hit("a", "k1") == {"key": "k1", "warnings": ["汉字"]}
    assert again.hit("b", "other key") is None
    assert again.hit("c", "k1") is None


def test_documents_not_added_again_are_forgotten(tmp_path: Path) -> None:
    first = Cache(tmp_path, "extract")
    first.add("gone", {"key": "k"})
    first.add("kept", {"key": "k"})
    first.save()
    second = Cache(tmp_path, "extract")
    second.add("kept", {"key": "k"})
    second.save()
    assert Cache(tmp_path, "extract").hit("gone", "k") is None
    assert Cache(tmp_path, "extract").hit("kept", "k") == {"key": "k"}


def test_an_unchanged_cache_is_not_rewritten(tmp_path: Path) -> None:
    for _ in range(2):
        cache = Cache(tmp_path, "extract")
        cache.add("a", {"key": "k"})
        cache.save()
    before = cache.path.stat()
    cache = Cache(tmp_path, "extract")
    cache.add("a", {"key": "k"})
    cache.save()
    assert (cache.path.stat().st_ino, cache.path.stat().st_mtime_ns) == \
        (before.st_ino, before.st_mtime_ns)


def test_a_damaged_line_costs_only_its_own_entry(tmp_path: Path) -> None:
    cache = Cache(tmp_path, "build")
    cache.add("a", {"key": "k"})
    cache.add("b", {"key": "k"})
    cache.save()
    lines = cache.path.read_text(encoding="utf-8").splitlines()
    cache.path.write_text(lines[0][:-3] + "\n" + lines[1] + "\n", encoding="utf-8")
    again = Cache(tmp_path, "build")
    assert again.hit("a", "k") is None
    assert again.hit("b", "k") == {"key": "k"}


def test_a_kept_entry_is_written_back_as_it_was(tmp_path: Path) -> None:
    cache = Cache(tmp_path, "build")
    cache.add("a", {"key": "k", "manifest": "文"})
    cache.save()
    again = Cache(tmp_path, "build")
    assert again.hit("a", "k") == {"key": "k", "manifest": "文"}
    again.keep("a")
    assert list(again.entries()) == [("a", {"key": "k", "manifest": "文"})]
