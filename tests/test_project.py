"""Where a project's files live: the articles, listed by slug as `articles()` lists them."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from locpipe.config import load_config
from locpipe.errors import LocpipeError
from locpipe.project import Project, slug_of


def _project(root: Path) -> Project:
    (root / "locpipe.yaml").write_text("locales: [zh_Hans]\n", encoding="utf-8")
    return Project(load_config(root / "locpipe.yaml"))


def test_articles_are_the_files_rglob_finds_sorted_by_slug(tmp_path: Path) -> None:
    content, elsewhere = tmp_path / "content", tmp_path / "elsewhere"
    for name in ("a.md", "a-b.md", "a/b.md", "a/c/d.md", ".hidden.md", "x.md.txt",
                 "a.b.md", "z/notes.MD", "..md", "z/.md"):
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text("# T\n", encoding="utf-8")
    (content / "folder.md").mkdir()
    elsewhere.mkdir()
    (elsewhere / "inner.md").write_text("# T\n", encoding="utf-8")
    os.symlink(elsewhere, content / "linked")  # not entered, as rglob does not
    os.symlink("nowhere.md", content / "broken.md")
    project = _project(tmp_path)
    slugs = project.article_slugs()
    assert sorted(project.article_path(slug) for slug in slugs) == project.articles()
    assert slugs == sorted(project.slug(path) for path in project.articles())
    assert slugs.index("a-b") < slugs.index("a/b") and "a.b" in slugs and "." in slugs


@given(st.lists(st.text(st.sampled_from("ab.-"), max_size=5), min_size=1, max_size=3))
def test_the_slug_of_a_path_is_read_as_pathlib_reads_it(parts: list[str]) -> None:
    relative = "/".join(parts) + ".md"  # the last name ends in `.md`, and may be only that
    assume(all(part not in ("", ".", "..") for part in relative.split("/")))
    assert slug_of(relative) == PurePosixPath(relative).with_suffix("").as_posix()


def test_an_article_linked_from_outside_is_refused(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "secret.md").write_text("# T\n", encoding="utf-8")
    os.symlink(tmp_path / "secret.md", tmp_path / "content" / "a.md")
    with pytest.raises(LocpipeError, match="leads outside"):
        _project(tmp_path).article_slugs()
