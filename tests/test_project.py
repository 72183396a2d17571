"""Where a project's files live: the articles, listed by slug as `articles()` lists them."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import assume, given, settings
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
    slugs = list(project.article_slugs())
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


part = st.text(st.sampled_from("ab.-"), min_size=1, max_size=3).filter(
    lambda name: name not in (".", ".."))
relative_paths = st.lists(st.lists(part, min_size=1, max_size=3).map("/".join), max_size=12)


def _write(folder: Path, relatives: list[str], suffix: str) -> list[str]:
    """Files `relative + suffix` under `folder`; those that clash with a folder are left
    out. The relative paths written."""
    written = []
    for relative in dict.fromkeys(relatives):
        path = folder / f"{relative}{suffix}"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("# T\n", encoding="utf-8")
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            continue
        written.append(f"{relative}{suffix}")
    return written


@settings(deadline=None)  # files on disk: slow on a busy machine
@given(relative_paths)
def test_the_slugs_come_in_the_order_of_sorting_them_all(relatives: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _write(root / "content", relatives, ".md")
        (root / "content").mkdir(exist_ok=True)
        project = _project(root)
        walked = sorted(project.slug(path) for path in project.articles())
        assert list(project.article_slugs()) == walked
        assert project.article_count() == len(walked)


@settings(deadline=None)
@given(relative_paths, relative_paths, relative_paths)
def test_the_orphans_are_the_files_of_no_article(articles: list[str], templates: list[str],
                                                  editions: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _write(root / "content", articles, ".md")
        (root / "content").mkdir(exist_ok=True)
        project = _project(root)
        slugs = {project.slug(path) for path in project.articles()}
        pots = _write(root / "locales/templates", templates + articles, ".pot")
        pos = _write(root / "locales/zh_Hans/LC_MESSAGES", templates, ".po")
        mds = _write(root / "build/site/zh-Hans", editions + articles, ".md")
        found = project.orphans()
        assert found.templates == [root / "locales/templates" / name for name in sorted(pots)
                                   if slug_of(name) not in slugs]
        assert [o.path for o in found.catalogues] == [
            root / "locales/zh_Hans/LC_MESSAGES" / name for name in sorted(pos)
            if slug_of(name) not in slugs]
        assert found.editions == [root / "build/site/zh-Hans" / name for name in sorted(mds)
                                  if slug_of(name) not in slugs]
