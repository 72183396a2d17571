"""Every error a user can cause is one line naming the file (and line), exit code 2,
no traceback, and no file changed.

The bad files live in tests/data/bad/ as `bad.<what>.<ext>`; each table below
says where a file goes in a small project, which commands must refuse it,
the line the error must name and the words that say what to do.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import polib
import pytest

from bad_support import (
    ARTICLE,
    CATALOGUE,
    DATA,
    TEMPLATE,
    assert_one_error_line,
    make_project,
    run,
    run_ok,
    snapshot,
    without_added_metadata,
)
from bench_support import load_bench

GLOSSARY_DATA = Path(__file__).resolve().parent / "data" / "glossary"


@dataclass(frozen=True)
class Case:
    file: str
    """Fixture in tests/data/bad/."""
    line: int | None
    """The line the error must name (None: the whole file is at fault)."""
    advice: str
    """Words of the error line that say what is wrong or what to do."""


CONFIG_CASES = [
    Case("bad.config-syntax.yaml", 3, "fix the YAML syntax"),
    Case("bad.config-unknown-key.yaml", 2, "unknown key 'locale' (did you mean 'locales'?)"),
    Case("bad.config-wrong-type.yaml", 3, "'wrap' must be a line width of at least 20"),
    Case("bad.config-locales-mapping.yaml", 2, "'locales' must be a list of locale"),
    Case("bad.config-unknown-locale.yaml", 2, "unknown locale 'xx_XX' (use a Babel identifier"),
    Case("bad.config-malformed-locale.yaml", 1, "unknown locale 'en US!' (use a Babel"),
    Case("bad.config-folder-outside.yaml", 2, "'output_dir' points outside the project"),
    Case("bad.config-folder-absolute.yaml", 2, "'content_dir' points outside the project"),
    Case("bad.config-not-mapping.yaml", 1, "write `key: value` lines"),
    Case("bad.config-latin1.yaml", 1, "not UTF-8 text"),
    Case("bad.config-memory-score.yaml", 3, "'memory.min_score' must be a number above 0 up "
         "to 100, not 120"),
    Case("bad.config-memory-format.yaml", 2, "'tm/old.xliff' is neither .po nor .tmx (list "
         "gettext compendia (.po) and TMX files (.tmx))"),
    Case("bad.config-memory-outside.yaml", 2, "'memory.files' points outside the project"),
    Case("bad.config-analysis-band.yaml", 2, "unknown band '110%' (bands: repetitions, 100%, "
         "95-99, 85-94, 75-84, 50-74, no match)"),
    Case("bad.config-derive-conversion.yaml", 2,
         "'derive.zh_Hant': unknown OpenCC conversion 's2x' (use one of: s2t, s2tw, s2twp, "
         "s2hk)"),
    Case("bad.config-derive-not-a-target.yaml", 3,
         "'derive': 'zh_Hant' is not one of `locales` (add zh_Hant to `locales`)"),
    Case("bad.config-derive-from-source.yaml", 2,
         "'derive.zh_Hant.from': 'en' must be a translated locale of `locales`"),
    Case("bad.config-derive-no-convert.yaml", 2, "'derive.zh_Hant' needs both `from` and "
         "`convert`"),
    Case("bad.config-derive-quotes.yaml", 3, "`quotes` must be one of corner, keep"),
    Case("bad.config-duplicate-key.yaml", 4, "key 'locales' is given twice (first at line 2) "
         "(keep one of them)"),
    Case("bad.config-duplicate-nested-key.yaml", 5, "key 'ignore' is given twice (first at "
         "line 4)"),
    Case("bad.config-repeated-locale.yaml", 2, "'locales' lists 'zh_Hans' twice"),
    Case("bad.config-source-is-target.yaml", 2, "'locales' names the source locale 'en'"),
    Case("bad.config-output-in-content.yaml", 3, "'content_dir' and 'output_dir' overlap: "
         "'content' and 'content/site'"),
]

ARTICLE_CASES = [
    Case("bad.front-matter-unclosed.md", 1, "add a line `---` after the last front-matter"),
    Case("bad.front-matter-yaml.md", 4, "front matter is not valid YAML"),
    Case("bad.front-matter-python-tag.md", 2, "front matter is not valid YAML"),
    Case("bad.front-matter-title-number.md", 2, "'title' must be text, not 2024"),
    Case("bad.front-matter-title-mapping.md", 2, "'title' must be text"),
    Case("bad.front-matter-description-list.md", 3, "'description' must be text"),
    Case("bad.latin1.md", 4, "not UTF-8 text (byte 70 is invalid) (save the file as UTF-8)"),
    Case("bad.utf16.md", 1, "not UTF-8 text (byte 1 is invalid)"),
    Case("bad.front-matter-date.md", 3, "`2026-13-45` is not a valid date or time (month must "
         "be in 1..12) (write the date as YYYY-MM-DD"),
    Case("bad.front-matter-date-number.md", 4, "'date' must be a date, not 20260520"),
]

CATALOGUE_CASES = [
    Case("bad.syntax.po", 15, "cannot parse catalogue"),
    Case("bad.unterminated.po", 13, "string is not closed"),
    Case("bad.escape.po", 13, "unknown escape"),
    Case("bad.latin1.po", 13, "not UTF-8 text (byte 316 is invalid) (save the catalogue"),
    Case("bad.language.po", 4, "header says Language: de, but the folder is zh_Hans"),
    Case("bad.duplicate.po", 20, "duplicate entry for msgid 'How acupuncture works' (merge "
         "it with the entry at line 10)"),
    Case("bad.newline.po", 13, "`msgid` and `msgstr` do not both end with `\\n`"),
    Case("bad.no-msgstr.po", 12, "`msgid` has no `msgstr`"),
    Case("bad.plural-without-msgid-plural.po", 12, "`msgstr[N]` without `msgid_plural`"),
    Case("bad.plural-count.po", 14, "2 plural forms, but the header's `Plural-Forms` says "
         "nplurals=1"),
    Case("bad.obsolete-duplicate.po", 18, "duplicate obsolete entry for msgid 'Old text'"),
    Case("bad.second-header.po", 15, "a second header entry"),
    Case("bad.python-format.po", 19, "format string: argument age of the msgstr is not in the "
         "msgid"),
]

TEMPLATE_CASES = [
    Case("bad.syntax.pot", 14, "string is not closed"),
]

ALL_CASES = CONFIG_CASES + ARTICLE_CASES + CATALOGUE_CASES + TEMPLATE_CASES


def _ids(cases: list[Case]) -> list[str]:
    return [c.file for c in cases]


def test_every_bad_file_has_a_case() -> None:
    assert sorted(p.name for p in DATA.iterdir()) == sorted(_ids(ALL_CASES))


MSGFMT_ACCEPTS = {"bad.language.po", "bad.latin1.po"}
"""Catalogues refused for what GNU msgfmt cannot know: the folder's locale, and a
charset that lies (msgfmt trusts the header)."""


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext's msgfmt")
@pytest.mark.parametrize("case", CATALOGUE_CASES, ids=_ids(CATALOGUE_CASES))
def test_gnu_msgfmt_rejects_every_bad_catalogue_too(case: Case) -> None:
    """The refusals are gettext's own: a catalogue locpipe refuses, msgfmt --check does."""
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(DATA / case.file)],
                          capture_output=True, text=True, check=False)
    assert (done.returncode == 0) == (case.file in MSGFMT_ACCEPTS), done.stderr


COMMANDS = ("extract", "update", "check", "build", "status", "report")
KINDS: list[tuple[list[Case], str, Path, set[str]]] = [
    # (cases, kind, where the file goes, the commands that read it and so refuse it)
    (CONFIG_CASES, "config", Path("locpipe.yaml"), set(COMMANDS)),
    (ARTICLE_CASES, "article", Path("content/article.md"), {"extract", "build", "report"}),
    (CATALOGUE_CASES, "catalogue", CATALOGUE, {"update", "build", "status", "report"}),
    # the report counts words per match band (`analyze`) from the templates
    (TEMPLATE_CASES, "template", TEMPLATE, {"update", "report"}),
]
EVERY = [(case, kind, place, reads) for cases, kind, place, reads in KINDS for case in cases]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project extracted and updated, whose article has changed since."""
    root = make_project(tmp_path_factory.mktemp("prepared"))
    run_ok(root, "extract")
    run_ok(root, "update")
    (root / "content" / "article.md").write_text(ARTICLE + "\nNew.\n", encoding="utf-8")
    run_ok(root, "extract")
    return root


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("case", "kind", "place", "reads"), EVERY,
                         ids=[case.file for case, *_ in EVERY])
def test_every_bad_file_through_every_command(prepared: Path, tmp_path: Path, command: str,
                                              case: Case, kind: str, place: Path,
                                              reads: set[str]) -> None:
    """Never a traceback; a command that reads the file refuses it with one line naming it
    (relative to the project) and its line, and changes nothing."""
    root = tmp_path / "project"
    shutil.copytree(prepared, root)
    shutil.copy(DATA / case.file, root / place)
    before = snapshot(root)
    result = run(root, command)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert "Traceback" not in result.stdout + result.stderr
    if command in reads:
        line = assert_one_error_line(result, place.as_posix(), case.line, case.advice)
        assert line.startswith(place.as_posix()), line
        assert snapshot(root) == before, f"`locpipe {command}` changed files"
    elif command == "check" and result.exit_code == 2:  # an article it cannot read
        assert_one_error_line(result, place.as_posix(), case.line, case.advice)
    elif command == "check":  # it judges catalogues: a bad one is a finding, exit 1
        assert result.exit_code in (0, 1), result.stderr
    else:
        assert result.exit_code == 0, result.stderr


def _refused(root: Path, command: str, case: Case, file: str) -> None:
    before = snapshot(root)
    result = run(root, command)
    assert_one_error_line(result, file, case.line, case.advice)
    assert snapshot(root) == before, f"`locpipe {command}` changed files"


@pytest.mark.parametrize("case", CONFIG_CASES, ids=_ids(CONFIG_CASES))
@pytest.mark.parametrize("command", ["extract", "update", "build"])
def test_bad_config(tmp_path: Path, case: Case, command: str) -> None:
    root = make_project(tmp_path / "project")
    shutil.copy(DATA / case.file, root / "locpipe.yaml")
    _refused(root, command, case, "locpipe.yaml")


@pytest.mark.parametrize("case", ARTICLE_CASES, ids=_ids(ARTICLE_CASES))
@pytest.mark.parametrize("command", ["extract", "build"])
def test_bad_article(tmp_path: Path, case: Case, command: str) -> None:
    root = make_project(tmp_path, (DATA / case.file).read_bytes())
    _refused(root, command, case, "content/article.md")


@pytest.mark.parametrize("case", ARTICLE_CASES, ids=_ids(ARTICLE_CASES))
def test_check_reports_every_article_extract_refuses(tmp_path: Path, case: Case) -> None:
    """What stops extract and build is an error of check at the same line, in the same
    words (V004), or the same one error line when check cannot read the file either."""
    root = make_project(tmp_path, (DATA / case.file).read_bytes())
    refused = run(root, "extract")
    [error] = refused.stderr.splitlines()
    where, words = error.split(": error: ", 1)
    checked = run(root, "check", "content/")
    if checked.exit_code == 2:  # not text at all: check stops as extract does
        assert checked.stderr.splitlines() == [error]
        return
    assert checked.exit_code == 1, checked.stderr
    assert f"{where}:1: V004 {words}" in checked.stdout.splitlines(), checked.stdout


@pytest.mark.parametrize("case", CATALOGUE_CASES, ids=_ids(CATALOGUE_CASES))
def test_check_reports_every_catalogue_build_refuses(prepared: Path, tmp_path: Path,
                                                     case: Case) -> None:
    """What stops update and build in a catalogue is an error of check: msgfmt's (V001),
    or else the build's own at the same line, in the same words (V005)."""
    root = tmp_path / "project"
    shutil.copytree(prepared, root)
    shutil.copy(DATA / case.file, root / CATALOGUE)
    [error] = run(root, "build").stderr.splitlines()
    where, words = error.split(": error: ", 1)
    checked = run(root, "check", "locales/")
    assert checked.exit_code == 1, checked.stderr
    found = checked.stdout.splitlines()
    by_msgfmt = [line for line in found if line.startswith(CATALOGUE.as_posix() + ":")
                 and " V001 " in line]
    by_build = [line for line in found if " V005 " in line]
    assert by_build == ([] if by_msgfmt else [f"{where}:1: V005 {words}"]), checked.stdout


@pytest.fixture
def extracted(tmp_path: Path) -> Path:
    """A project whose template is written and whose article changed since."""
    root = make_project(tmp_path)
    run_ok(root, "extract")
    run_ok(root, "update")
    article = root / "content" / "article.md"
    article.write_text(ARTICLE + "\nA new last paragraph.\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("case", CATALOGUE_CASES, ids=_ids(CATALOGUE_CASES))
@pytest.mark.parametrize("command", ["update", "build"])
def test_bad_catalogue_is_refused_and_never_rewritten(extracted: Path, case: Case,
                                                      command: str) -> None:
    run_ok(extracted, "extract")  # the template now differs from the catalogue
    shutil.copy(DATA / case.file, extracted / CATALOGUE)
    _refused(extracted, command, case, CATALOGUE.as_posix())


@pytest.mark.parametrize("case", TEMPLATE_CASES, ids=_ids(TEMPLATE_CASES))
def test_bad_template_is_refused(extracted: Path, case: Case) -> None:
    shutil.copy(DATA / case.file, extracted / TEMPLATE)
    _refused(extracted, "update", case, TEMPLATE.as_posix())


def test_a_good_catalogue_in_the_same_place_is_updated(extracted: Path) -> None:
    """The counterpart of the refusals above: the same steps with a sound file write."""
    run_ok(extracted, "extract")
    before = snapshot(extracted)
    run_ok(extracted, "update")
    assert snapshot(extracted)[CATALOGUE.as_posix()] != before[CATALOGUE.as_posix()]


BAD_GLOSSARIES = sorted(GLOSSARY_DATA.glob("bad.*.yaml"))


@pytest.mark.parametrize("path", BAD_GLOSSARIES, ids=[p.name for p in BAD_GLOSSARIES])
def test_bad_glossary_stops_extract_with_one_line(tmp_path: Path, path: Path) -> None:
    first = path.read_bytes().split(b"\n", 1)[0].decode()
    line = int(first.split(":")[1])  # `# expect: LINE: MESSAGE`, as tests/test_glossary.py
    root = make_project(tmp_path)
    (root / "glossary").mkdir()
    shutil.copy(path, root / "glossary" / "terms.yaml")
    _refused(root, "extract", Case(path.name, line, first.split(": ", 2)[2]),
             "glossary/terms.yaml")


def test_the_installed_command_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    """The same contract through the real entry point, not the test runner."""
    root = make_project(tmp_path)
    shutil.copy(DATA / "bad.front-matter-unclosed.md", root / "content" / "article.md")
    locpipe = Path(sys.executable).with_name("locpipe")
    command = [str(locpipe)] if locpipe.exists() else \
        [sys.executable, "-c", "from locpipe.cli import main; main()"]
    done = subprocess.run([*command, "extract"], cwd=root, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr == ("content/article.md:1: error: front matter opened with `---` is "
                           "never closed (add a line `---` after the last front-matter "
                           "field)\n")
    assert done.stdout == ""


# ------------------------------------------------------------ paths that leave the project

def _outside(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n\nNot part of the project.\n")
    return outside


def test_article_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    root = make_project(tmp_path / "project")
    (root / "content" / "linked.md").symlink_to(outside / "secret.md")
    for command in ("extract", "build"):
        _refused(root, command, Case("", None, "leads outside"), "content/linked.md")
    assert sorted(p.name for p in outside.iterdir()) == ["secret.md"]


def test_folder_symlink_in_content_is_not_followed(tmp_path: Path) -> None:
    """A linked folder is not walked: nothing outside is read, nothing is written for it."""
    outside = _outside(tmp_path)
    root = make_project(tmp_path / "project")
    (root / "content" / "shared").symlink_to(outside, target_is_directory=True)
    run_ok(root, "extract")
    assert [p.name for p in (root / TEMPLATE.parent).iterdir()] == ["article.pot"]
    assert sorted(p.name for p in outside.iterdir()) == ["secret.md"]


@pytest.mark.parametrize("link", ["build/site/zh-Hans", "build/site/en"])
def test_edition_folder_symlink_leading_outside_is_refused(tmp_path: Path, link: str) -> None:
    outside = _outside(tmp_path)
    root = make_project(tmp_path / "project")
    run_ok(root, "extract")
    run_ok(root, "update")
    (root / link).parent.mkdir(parents=True, exist_ok=True)
    (root / link).symlink_to(outside, target_is_directory=True)
    _refused(root, "build", Case("", None, "leads outside"), f"{link}/article.md")
    assert sorted(p.name for p in outside.iterdir()) == ["secret.md"]


def test_edition_file_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    root = make_project(tmp_path / "project")
    run_ok(root, "extract")
    run_ok(root, "update")
    run_ok(root, "build")
    edition = root / "build/site/zh-Hans/article.md"
    edition.unlink()
    edition.symlink_to(outside / "secret.md")
    before = (outside / "secret.md").read_bytes()
    (root / "content" / "article.md").write_text(ARTICLE + "\nMore.\n", encoding="utf-8")
    _refused(root, "build", Case("", None, "leads outside"), "build/site/zh-Hans/article.md")
    assert (outside / "secret.md").read_bytes() == before


def test_configured_folder_that_is_a_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    root = make_project(tmp_path / "project", config="locales: [zh_Hans]\nlocales_dir: l10n\n")
    (root / "l10n").symlink_to(outside, target_is_directory=True)
    _refused(root, "extract", Case("", 2, "'locales_dir' points outside the project"),
             "locpipe.yaml")


def test_catalogue_folder_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    root = make_project(tmp_path / "project")
    run_ok(root, "extract")
    (root / "locales" / "zh_Hans").symlink_to(outside, target_is_directory=True)
    for command in ("update", "build"):
        _refused(root, command, Case("", None, "leads outside"), CATALOGUE.as_posix())
    assert sorted(p.name for p in outside.iterdir()) == ["secret.md"]


# ------------------------------------------------------------ accepted as they are

def test_bom_and_crlf_are_accepted_and_kept_byte_for_byte(tmp_path: Path) -> None:
    source = "\ufeff" + ARTICLE.replace("\n", "\r\n") + "\r\nLine one  \r\nline two.\r\n"
    root = make_project(tmp_path, source.encode("utf-8"))
    run_ok(root, "extract")
    run_ok(root, "update")
    po = (root / CATALOGUE).read_text(encoding="utf-8")
    assert "\r" not in po and "\ufeff" not in po
    assert 'msgid "Acupuncture is a *traditional* practice. It is old."' in po
    run_ok(root, "build")
    for lang in ("en", "zh-Hans"):
        data = (root / "build/site" / lang / "article.md").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf---\r\n")
        assert b"\n" not in data.replace(b"\r\n", b"")
        edition = data.decode("utf-8")
        assert without_added_metadata(edition, source) == source
    # a translation with a hard break of its own gets the document's line ending
    po = polib.pofile(str(root / CATALOGUE))
    po.find("Line one  \nline two.").msgstr = "第一行  \n第二行。"
    po.find("How acupuncture works", msgctxt="title").msgstr = "针灸如何起作用"
    po.save(str(root / CATALOGUE))
    run_ok(root, "build")
    data = (root / "build/site/zh-Hans/article.md").read_bytes()
    assert data.startswith("\ufeff---\r\ntitle: 针灸如何起作用\r\n".encode())
    assert data.endswith("第一行  \r\n第二行。\r\n".encode())
    assert b"\n" not in data.replace(b"\r\n", b"")


# ------------------------------------------------------------ very large and very deep

@pytest.fixture(scope="module")
def bench_scale() -> ModuleType:
    return load_bench("bench_scale")


def test_the_scale_benchmark_runs_and_reports_ratios(bench_scale: ModuleType,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """bench/bench_scale.py, run small (16 to 64 KB, 250 to 1,000 levels) so it cannot rot.

    Whether time grows linearly is the benchmark's verdict at full size; timings of
    a run this small on a shared machine are too noisy for a test to assert PASS.
    """
    bench_scale.main(["--quick"])
    out = capsys.readouterr().out.splitlines()
    ratios = [line for line in out if "ratio of s per" in line]
    assert len(ratios) == 3
    assert all(re.search(r": \d+\.\d\d \(linear 1, quadratic [\d.]+\) (PASS|FAIL)$", line)
               for line in ratios), ratios
    # One large segment: each of the six commands, in both shapes, with both verdicts.
    commands = [line.split()[0] for line in out if "time ratio" in line]
    assert commands == list(bench_scale.SEGMENT_COMMANDS) * 2
    assert all(re.search(r"time ratio \d+\.\d\d \(<= 1\.5\) (PASS|FAIL); memory -?\d+\.\d x "
                         r"input \(<= 10\) (PASS|FAIL)$", line)
               for line in out if "time ratio" in line), out


def test_ten_thousand_levels_of_nesting_are_copied_byte_for_byte(
        tmp_path: Path, bench_scale: ModuleType) -> None:
    source = bench_scale.nested(10_000)
    root = make_project(tmp_path, source)
    for command in ("extract", "update", "build"):
        run_ok(root, command)
    for lang in ("en", "zh-Hans"):
        edition = (root / "build/site" / lang / "article.md").read_text(encoding="utf-8")
        assert without_added_metadata(edition, source) == source
