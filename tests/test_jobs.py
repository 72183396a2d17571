"""Parallel runs, the content-hash cache and `extract --check`."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from locpipe.cli import main

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT.parent / "shared" / "corpus" / "commonmark-spec.json"


def _examples() -> list[str]:
    if not SPEC.exists():
        pytest.skip("the CommonMark corpus (shared/corpus) is not beside the project")
    return [e["markdown"] for e in json.loads(SPEC.read_text(encoding="utf-8"))]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The shipped project plus 60 CommonMark examples, half of them translated."""
    for name in ("content", "glossary", "locales"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "locpipe.yaml", tmp_path)
    for i, text in enumerate(_examples()[100:160]):
        (tmp_path / "content" / f"ex{i:03d}.md").write_text(text, encoding="utf-8")
    return tmp_path


def run(project: Path, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--config", str(project / "locpipe.yaml")])
    assert result.exit_code == 0, result.output
    return result.output


def _translate_half(project: Path) -> None:
    for path in sorted((project / "locales" / "zh_Hans").rglob("ex0*.po"))[::2]:
        po = polib.pofile(str(path), wrapwidth=0)
        for entry in po:
            entry.msgstr = f"译文 {entry.msgid}"
        po.save(str(path))


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_output_does_not_depend_on_the_number_of_jobs(project: Path) -> None:
    run(project, "extract", "-j", "2")
    run(project, "update", "-j", "2")
    _translate_half(project)
    trees = []
    for jobs in ("1", "2"):
        shutil.rmtree(project / "build", ignore_errors=True)
        shutil.rmtree(project / ".locpipe-cache", ignore_errors=True)
        run(project, "build", "-j", jobs)
        trees.append(tree_hash(project / "build"))
    assert trees[0] == trees[1]
    pots = []
    for jobs in ("1", "2"):
        shutil.rmtree(project / "locales" / "templates")
        shutil.rmtree(project / ".locpipe-cache")
        run(project, "extract", "-j", jobs)
        pots.append(tree_hash(project / "locales" / "templates"))
    assert pots[0] == pots[1]


def test_a_second_run_skips_every_document(project: Path) -> None:
    run(project, "extract")
    run(project, "update")
    run(project, "build")
    assert run(project, "extract").endswith("0 written, 61 unchanged\n")
    # three editions (en, zh-Hans, derived zh-Hant) of 61 articles, and the manifest
    assert run(project, "build").endswith("0 written, 184 unchanged\n")


def test_the_cache_notices_a_changed_article_and_a_changed_catalogue(project: Path) -> None:
    run(project, "extract")
    run(project, "update")
    run(project, "build")
    article = project / "content" / "ex000.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nA new paragraph.\n",
                       encoding="utf-8")
    assert run(project, "extract").endswith("1 written, 60 unchanged\n")
    run(project, "update")
    # the three editions of the changed article, and the manifest (their hashes changed)
    assert run(project, "build").endswith("4 written, 180 unchanged\n")


def test_an_edited_edition_is_rebuilt_even_with_a_warm_cache(project: Path) -> None:
    run(project, "extract")
    run(project, "update")
    run(project, "build")
    edition = project / "build" / "site" / "en" / "ex000.md"
    edition.write_text("tampered", encoding="utf-8")
    run(project, "build")
    assert edition.read_text(encoding="utf-8") != "tampered"


def test_deleting_the_cache_only_costs_time(project: Path) -> None:
    run(project, "extract")
    run(project, "update")
    run(project, "build")
    before = tree_hash(project / "build")
    shutil.rmtree(project / ".locpipe-cache")
    run(project, "build")
    assert tree_hash(project / "build") == before


def test_extract_check_reports_stale_templates_and_writes_nothing(project: Path) -> None:
    run(project, "extract")
    article = project / "content" / "how-does-acupuncture-work.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n",
                       encoding="utf-8")
    before = tree_hash(project / "locales")
    result = CliRunner().invoke(main, ["extract", "--check", "--config",
                                       str(project / "locpipe.yaml")])
    assert result.exit_code == 1
    assert "locales/templates/how-does-acupuncture-work.pot: out of date" in result.output
    assert tree_hash(project / "locales") == before


def test_extract_check_passes_on_fresh_templates(project: Path) -> None:
    run(project, "extract")
    assert run(project, "extract", "--check").endswith("0 stale, 61 unchanged\n")


def test_quiet_prints_nothing_on_success(project: Path) -> None:
    assert run(project, "extract", "--quiet") == ""


def _cache_lines(project: Path) -> list[dict[str, object]]:
    lines = (project / ".locpipe-cache" / "build.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in lines.splitlines()[1:]]


def test_a_cache_of_the_old_layout_is_ignored_never_misread(project: Path) -> None:
    run(project, "extract")
    run(project, "update")
    run(project, "build")
    manifest = (project / "build" / "site" / "manifest.json").read_bytes()
    # The same keys in locpipe 0.1's layout: a misread entry would copy its manifest text.
    old = [json.dumps([e["slug"], {"key": e["key"], "manifest": "TAMPERED", "warnings": [],
                                   "editions": [[*ed.values()] for ed in e["editions"]]}])
           for e in _cache_lines(project)]
    cache = project / ".locpipe-cache" / "build.jsonl"
    cache.write_text("\n".join(old) + "\n", encoding="utf-8")
    run(project, "build")
    assert (project / "build" / "site" / "manifest.json").read_bytes() == manifest
    assert json.loads(cache.read_text(encoding="utf-8").splitlines()[0])["format"] >= 2


def test_skipped_and_rebuilt_documents_interleave_in_slug_order(project: Path) -> None:
    # A path's order is not its slug's: `a/b.md` sorts before `a-b.md`, slug `a-b` first.
    for name in ("a-b.md", "a/b.md", "a/c.md"):
        (project / "content" / name).parent.mkdir(exist_ok=True)
        (project / "content" / name).write_text(f"# {name}\n\nText of {name}.\n",
                                                encoding="utf-8")
    run(project, "extract", "-j", "2")
    run(project, "update", "-j", "2")
    run(project, "build", "-j", "2")
    _translate_half(project)  # every other example catalogue changes
    run(project, "build", "-j", "2")
    warm = tree_hash(project / "build")
    slugs = [e["slug"] for e in _cache_lines(project)]
    assert slugs == sorted(slugs) and slugs.index("a-b") < slugs.index("a/b")
    manifest = json.loads((project / "build" / "site" / "manifest.json").read_text("utf-8"))
    assert [a["translation_key"] for a in manifest["articles"]] == slugs
    shutil.rmtree(project / "build")
    shutil.rmtree(project / ".locpipe-cache")
    run(project, "build", "-j", "1")
    assert tree_hash(project / "build") == warm
    assert run(project, "build", "-j", "2").endswith("0 written, 193 unchanged\n")



def _written_both_ways(tmp_path: Path, old: bytes | None, po: polib.POFile) -> list[object]:
    """(written?, file bytes, inode kept?) for `write_catalogue` in memory and streamed."""
    from locpipe.jobs.work import write_catalogue

    found: list[object] = []
    for spill in (1 << 30, 0):
        path = tmp_path / f"{spill}" / "a.po"
        path.parent.mkdir()
        if old is not None:
            path.write_bytes(old)
        inode = path.stat().st_ino if old is not None else None
        written = write_catalogue(po, path, 79, spill=spill)
        found.append((written, path.read_bytes(), path.stat().st_ino == inode,
                      sorted(p.name for p in path.parent.iterdir())))
    return found


@pytest.mark.parametrize("change", ["none", "missing", "dates", "text"])
def test_a_catalogue_streamed_to_its_file_is_written_as_one_held_in_memory(
        tmp_path: Path, change: str) -> None:
    """The streamed write of a large catalogue (its twin: compared and written from
    memory) writes the same bytes, and leaves a file that differs only in its dates."""
    from locpipe.po.writer import write_po_bytes

    po = polib.POFile(wrapwidth=0)
    po.metadata = {"POT-Creation-Date": "2026-01-01 00:00+0000",
                   "PO-Revision-Date": "2026-01-02 00:00+0000"}
    for n in range(200):
        po.append(polib.POEntry(msgid=f"text {n} 针灸", msgstr=f"译 {n}"))
    old: bytes | None = write_po_bytes(po, 79)
    if change == "missing":
        old = None
    elif change == "dates":
        po.metadata["PO-Revision-Date"] = "2026-03-03 00:00+0000"
    elif change == "text":
        po[150].msgstr = "changed"
    in_memory, streamed = _written_both_ways(tmp_path, old, po)
    assert in_memory == streamed
    assert streamed[0] == (change in ("missing", "text"))  # type: ignore[index]


@pytest.mark.parametrize("broken", ["both", "catalogue"])
def test_update_names_a_broken_template_first_though_it_reads_the_catalogue_first(
        tmp_path: Path, broken: str) -> None:
    """`update_one` reads the catalogue before the template (to hold less at once), and
    says the template's error when both are broken, as when it read the template first.
    (With the memory on, reading the memory finds the catalogue's error before either.)"""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("# Title\n\nSome text.\n", encoding="utf-8")
    (tmp_path / "locpipe.yaml").write_text("locales: [zh_Hans]\nmemory: false\n",
                                           encoding="utf-8")
    run(tmp_path, "extract")
    run(tmp_path, "update")
    po = tmp_path / "locales" / "zh_Hans" / "LC_MESSAGES" / "a.po"
    pot = tmp_path / "locales" / "templates" / "a.pot"
    po.write_bytes(po.read_bytes() + b'\nmsgid "unclosed\n')
    if broken == "both":
        pot.write_bytes(pot.read_bytes() + b'\nmsgid "unclosed\n')
    result = CliRunner().invoke(main, ["update", "--config", str(tmp_path / "locpipe.yaml")])
    assert result.exit_code != 0
    named = "templates/a.pot:" if broken == "both" else "LC_MESSAGES/a.po:"
    assert named in result.output, result.output
    assert ("LC_MESSAGES/a.po:" in result.output) == (broken == "catalogue")
