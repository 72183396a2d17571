"""The job cache: typed entries by slug, streamed in slug order, kept between runs,
forgotten when not added again, ignored whenever they are not exactly this format's."""

from __future__ import annotations

import json
import tracemalloc
from dataclasses import asdict, astuple, replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from locpipe.jobs.cache import (
    FORMAT,
    BuildEntry,
    Cache,
    ExtractEntry,
    decode,
    encode,
)
from locpipe.site.editions import Edition

EDITION = Edition("b", "zh_Hans", "zh-Hans", "zh-Hans/b.md", 4, 3, 1, 0, sha256="5" * 64)


def build_entry(slug: str, key: str = "k", manifest: str = "文") -> BuildEntry:
    return BuildEntry(slug, key, (replace(EDITION, slug=slug),), manifest, ("警告",))


def save(root: Path, job: str, *entries: ExtractEntry | BuildEntry) -> Path:
    kind = type(entries[0]) if entries else ExtractEntry
    with Cache(root, job, kind) as cache:
        for entry in entries:
            cache.add(entry)  # type: ignore[arg-type]
    return cache.path


def test_entries_come_back_in_the_next_run_with_their_key(tmp_path: Path) -> None:
    save(tmp_path, "build", build_entry("a", "k1"), build_entry("b", "k2"))
    with Cache(tmp_path, "build", BuildEntry) as again:
        found = again.hit("a", "k1")
        assert found is not None and found.entry == build_entry("a", "k1")
        assert again.hit("b", "other key") is None
        assert again.hit("c", "k1") is None


def test_documents_not_added_again_are_forgotten(tmp_path: Path) -> None:
    save(tmp_path, "extract", ExtractEntry("gone", "k"), ExtractEntry("kept", "k"))
    save(tmp_path, "extract", ExtractEntry("kept", "k"))
    with Cache(tmp_path, "extract", ExtractEntry) as cache:
        assert cache.hit("gone", "k") is None
        assert cache.hit("kept", "k") is not None


def test_an_unchanged_cache_is_not_rewritten(tmp_path: Path) -> None:
    path = save(tmp_path, "extract", ExtractEntry("a", "k"))
    before = path.stat()
    save(tmp_path, "extract", ExtractEntry("a", "k"))
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_damaged_line_costs_only_its_own_entry(tmp_path: Path) -> None:
    path = save(tmp_path, "build", build_entry("a"), build_entry("b"))
    header, first, second = path.read_text(encoding="utf-8").splitlines()
    path.write_text(f"{header}\n{first[:-3]}\n{second}\n", encoding="utf-8")
    with Cache(tmp_path, "build", BuildEntry) as again:
        assert again.hit("a", "k") is None
        assert again.hit("b", "k") is not None


def test_a_kept_entry_is_written_back_as_it_was(tmp_path: Path) -> None:
    path = save(tmp_path, "build", build_entry("a"))
    line = path.read_text(encoding="utf-8").splitlines()[1]
    odd = line.replace('"manifest":"文"', '"manifest":"\\u6587"')  # same entry, other text
    path.write_text(f"{json.dumps({'format': FORMAT, 'job': 'build'})}\n{odd}\n",
                    encoding="utf-8")
    with Cache(tmp_path, "build", BuildEntry) as again:
        found = again.hit("a", "k")
        assert found is not None and found.entry == build_entry("a")
        again.add(found.entry, found.line)
    assert path.read_text(encoding="utf-8").splitlines()[1] == odd


def test_the_file_names_its_format_and_holds_fields_by_name(tmp_path: Path) -> None:
    path = save(tmp_path, "build", build_entry("a"))
    header, line = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(header) == {"format": FORMAT, "job": "build"}
    data = json.loads(line)
    assert data == json.loads(json.dumps(asdict(build_entry("a"))))  # tuples as lists
    assert data["editions"][0]["translated"] == 3 and data["warnings"] == ["警告"]


def _v1_line(entry: BuildEntry) -> str:
    """How locpipe 0.1's cache held an entry: `[slug, {...}]`, editions as tuples of
    the fields of an `Edition` that still had its text after `untranslated`."""
    editions = [[*astuple(e)[:8], "", *astuple(e)[8:]] for e in entry.editions]
    return json.dumps([entry.slug, {"key": entry.key, "editions": editions,
                                    "manifest": entry.manifest,
                                    "warnings": list(entry.warnings)}], sort_keys=True)


@pytest.mark.parametrize("layout", ["version 1", "version 1 with a header", "newer format",
                                    "another job", "positional editions",
                                    "a field missing", "a field more", "a number as text",
                                    "true for a number"])
def test_an_entry_of_another_format_is_ignored_never_misread(tmp_path: Path,
                                                             layout: str) -> None:
    entry = build_entry("a")
    data = asdict(entry)
    header = json.dumps({"format": FORMAT, "job": "build"})
    edition = data["editions"][0]
    lines = {
        "version 1": [_v1_line(entry)],
        "version 1 with a header": [header, _v1_line(entry)],
        "newer format": [json.dumps({"format": FORMAT + 1, "job": "build"}), encode(entry)],
        "another job": [json.dumps({"format": FORMAT, "job": "extract"}), encode(entry)],
        "positional editions": [header, json.dumps({**data, "editions": [
            list(edition.values())]})],
        "a field missing": [header, json.dumps({k: v for k, v in data.items()
                                                if k != "warnings"})],
        "a field more": [header, json.dumps({**data, "editions": [{**edition, "text": ""}]})],
        "a number as text": [header, json.dumps({**data, "editions": [
            {**edition, "total": "4"}]})],
        "true for a number": [header, json.dumps({**data, "editions": [
            {**edition, "fuzzy": True}]})],
    }[layout]
    path = tmp_path / ".locpipe-cache" / "build.jsonl"
    path.parent.mkdir()
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Cache(tmp_path, "build", BuildEntry) as cache:
        assert cache.hit("a", "k") is None
    assert decode(BuildEntry, lines[-1]) is None or layout in ("newer format", "another job")


def test_entries_are_asked_for_and_given_in_slug_order(tmp_path: Path) -> None:
    with Cache(tmp_path, "extract", ExtractEntry) as cache:
        cache.hit("b", "k")
        with pytest.raises(ValueError, match="after 'b'"):
            cache.hit("a", "k")
        cache.add(ExtractEntry("b", "k"))
        with pytest.raises(ValueError, match="after 'b'"):
            cache.add(ExtractEntry("a-b", "k"))


def test_an_error_in_the_run_keeps_the_old_file(tmp_path: Path) -> None:
    path = save(tmp_path, "extract", ExtractEntry("a", "k"))
    before = path.read_bytes()
    with pytest.raises(RuntimeError), Cache(tmp_path, "extract", ExtractEntry) as cache:
        cache.add(ExtractEntry("b", "k"))
        raise RuntimeError("stopped")
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["extract.jsonl"]


def test_a_pass_holds_one_old_entry_at_a_time(tmp_path: Path) -> None:
    """10 MB of entries read back and kept in one pass, with well under 1 MB of memory."""
    slugs = [f"section/article-{i:05d}" for i in range(5000)]
    save(tmp_path, "build", *(build_entry(s, manifest="文" * 700) for s in slugs))
    assert (tmp_path / ".locpipe-cache" / "build.jsonl").stat().st_size > 10_000_000
    tracemalloc.start()
    try:
        with Cache(tmp_path, "build", BuildEntry) as cache:
            for slug in slugs:
                found = cache.hit(slug, "k")
                assert found is not None
                cache.add(found.entry, found.line)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000


texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
counts = st.integers(min_value=0, max_value=10**6)
editions = st.builds(Edition, texts, texts, texts, texts, counts, counts, counts, counts,
                     st.booleans(), texts, texts)
build_entries = st.builds(BuildEntry, texts, texts, st.tuples(editions) | st.just(()),
                          texts, st.lists(texts, max_size=3).map(tuple))


@given(build_entries)
def test_a_build_entry_comes_back_as_it_went(entry: BuildEntry) -> None:
    line = encode(entry)
    assert "\n" not in line and "\r" not in line
    assert decode(BuildEntry, line) == entry


@given(st.dictionaries(st.text(min_size=1, max_size=8), texts, min_size=1, max_size=8))
def test_entries_come_back_through_the_file_whatever_their_slugs(
        tmp_path_factory: pytest.TempPathFactory, keys: dict[str, str]) -> None:
    root = tmp_path_factory.mktemp("cache")
    entries = [ExtractEntry(slug, key) for slug, key in sorted(keys.items())]
    save(root, "extract", *entries)
    with Cache(root, "extract", ExtractEntry) as cache:
        found = [cache.hit(e.slug, e.key) for e in entries]
    assert [f.entry if f else None for f in found] == entries
