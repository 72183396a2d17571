"""`locpipe check` on the command line: paths, options, exit codes, exact output."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks_support import entry, po, project, run
from locpipe.checks.rules import RULES

CATALOGUE = "locales/zh_Hans/LC_MESSAGES/article.po"
BAD = po(entry("Acupuncture relieves pain.", "针炙可以缓解疼痛。"),
         entry("Ancient wisdom", "", line=3))


@pytest.fixture
def bad_project(tmp_path: Path) -> Path:
    return project(tmp_path, {CATALOGUE: BAD, "content/article.md": "By Yin Qikan.\n"})


def test_text_output_and_exit_code(bad_project: Path) -> None:
    result = run(bad_project, "check")
    assert result.lines == [
        "Typography: zh_Hans gb-t-15834",
        "content/article.md:1:4: G006 discouraged form 'Yin Qikan' of name qikan-yin: "
        "prefer 'Qikan Yin' (pinyin order; the author writes Qikan Yin)",
        f"{CATALOGUE}:9:1: G001 forbidden form '针炙' of term acupuncture: write '针灸' (typo)",
        f"{CATALOGUE}:14:1: C001 entry is not translated",
        "Found 1 error and 2 warnings in 2 files.",
    ]
    assert result.code == 1


def test_warnings_alone_exit_zero(bad_project: Path) -> None:
    result = run(bad_project, "check", "--ignore", "G001")
    assert result.code == 0
    assert result.lines[-1] == "Found 0 errors and 2 warnings in 2 files."


def test_github_annotations(bad_project: Path) -> None:
    result = run(bad_project, "check", "--format", "github", "--select", "G001,C001")
    assert result.lines == [
        f"::error file={CATALOGUE},line=9,col=1,title=G001 forbidden-term::"
        "forbidden form '针炙' of term acupuncture: write '针灸' (typo)",
        f"::warning file={CATALOGUE},line=14,col=1,title=C001 untranslated::"
        "entry is not translated",
    ]
    assert result.code == 1


@pytest.mark.parametrize("workspace", ["cwd", "GITHUB_WORKSPACE"])
def test_github_annotations_name_files_in_the_repository(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workspace: str) -> None:
    """A project in a folder of the repository (`--config docs/locpipe.yaml` from its
    root): an annotation's file is the repository's path, which GitHub shows on the
    pull request; text and JSON keep the project's own form."""
    root = project(tmp_path / "repo" / "docs", {CATALOGUE: BAD})
    config = str(root / "locpipe.yaml")
    where = tmp_path / "repo"
    if workspace == "GITHUB_WORKSPACE":
        monkeypatch.setenv("GITHUB_WORKSPACE", str(where))
        where = tmp_path
    annotations = run(where, "check", "--config", config, "--format", "github",
                      "--select", "G001")
    assert annotations.lines[0].startswith(f"::error file=docs/{CATALOGUE},line=9,col=1,")
    plain = run(where, "check", "--config", config, "--select", "G001")
    assert plain.lines[0].startswith(f"{CATALOGUE}:9:1: G001")


@pytest.mark.parametrize(("args", "codes"), [
    (["--select", "G"], ["G006", "G001"]),
    (["--select", "untranslated"], ["C001"]),
    (["--select", "G001", "--select", "C001"], ["G001", "C001"]),
    (["--ignore", "G00,C"], []),
    (["--locale", "zh_Hans"], ["G001", "C001"]),
    (["--locale", "en"], ["G006"]),
    (["content"], ["G006"]),
    ([CATALOGUE], ["G001", "C001"]),
    (["locales"], ["G001", "C001"]),
], ids=["prefix", "name", "repeated", "ignore-prefixes", "target-locale", "source-locale",
        "folder", "po-file", "locales-folder"])
def test_selection_and_paths(bad_project: Path, args: list[str], codes: list[str]) -> None:
    result = run(bad_project, "check", *args)
    found = [line for line in result.lines[:-1] if not line.startswith("Typography: ")]
    assert [line.split(" ")[1] for line in found] == codes


def test_ignore_comment_silences_one_rule_on_one_entry(tmp_path: Path) -> None:
    text = po(entry("Acupuncture.", "针炙。", comment="locpipe-ignore: G001, T002"),
              entry("Acupuncture!", "针炙！", line=3, comment="locpipe-ignore: forbidden-term"),
              entry("Acupuncture?", "针炙？", line=5, comment="locpipe-ignore: T001"))
    result = run(project(tmp_path, {CATALOGUE: text}), "check", "--select", "G001")
    assert result.lines == [
        f"{CATALOGUE}:22:1: G001 forbidden form '针炙' of term acupuncture: write '针灸' (typo)",
        "Found 1 error and 0 warnings in 1 file.",
    ]


def test_config_severity_and_ignore(tmp_path: Path) -> None:
    config = ("locales: [zh_Hans]\nchecks:\n  severity: {G001: warning, forbidden-term: warning}\n"
              "  ignore: [C001]\n")
    result = run(project(tmp_path, {CATALOGUE: BAD}, config), "check", "--format", "github")
    assert result.lines == [
        f"::warning file={CATALOGUE},line=9,col=1,title=G001 forbidden-term::"
        "forbidden form '针炙' of term acupuncture: write '针灸' (typo)"]
    assert result.code == 0


def test_severity_off_disables_a_rule(tmp_path: Path) -> None:
    config = "locales: [zh_Hans]\nchecks:\n  severity:\n    G001: off\n    C001: off\n"
    result = run(project(tmp_path, {CATALOGUE: BAD}, config), "check")
    assert result.lines == ["Typography: zh_Hans gb-t-15834",
                            "Found 0 errors and 0 warnings in 1 file."]


@pytest.mark.parametrize(("config", "args", "header"), [
    ("", [], "Typography: zh_Hans gb-t-15834"),
    ("checks:\n  typography: {zh_Hans: copywriting}\n", [], "Typography: zh_Hans copywriting"),
    ("checks:\n  typography: {zh_Hans: {profile: copywriting, spacing: off}}\n", [],
     "Typography: zh_Hans copywriting (spacing=off)"),
    ("", ["--select", "G"], None),
], ids=["default", "chosen", "switched", "no-typography-rules"])
def test_the_profile_is_shown_in_the_header(tmp_path: Path, config: str, args: list[str],
                                            header: str | None) -> None:
    root = project(tmp_path, {CATALOGUE: BAD}, "locales: [zh_Hans]\n" + config)
    result = run(root, "check", *args)
    assert (result.lines[0] if result.lines[0].startswith("Typography") else None) == header
    import json
    summary = json.loads(run(root, "check", "--format", "json", *args).out)["summary"]
    assert summary.get("typography") == (
        {"zh_Hans": header.removeprefix("Typography: zh_Hans ")} if header else None)


@pytest.mark.parametrize(("args", "message"), [
    (["--select", "G0006"], "error: unknown rule 'G0006' (did you mean 'G006'?)"),
    (["--ignore", "fuzy"], "error: unknown rule 'fuzy' (did you mean 'fuzzy'?)"),
    (["--locale", "zh_Hnas"], "error: unknown locale 'zh_Hnas' (did you mean 'zh_Hans'?)"),
    (["missing.po"], "missing.po: error: no such file or folder"),
    (["locpipe.yaml"], "locpipe.yaml: error: not a .po or .md file (name catalogues, "
                       "Markdown articles or folders)"),
    (["--config", "nowhere.yaml"], "nowhere.yaml: error: configuration file not found "
                                   "(check --config)"),
])
def test_usage_and_input_errors_exit_two(bad_project: Path, args: list[str],
                                         message: str) -> None:
    result = run(bad_project, "check", *args)
    assert (result.code, result.err.strip(), result.out) == (2, message, "")


def test_bad_format_is_a_usage_error(bad_project: Path) -> None:
    result = run(bad_project, "check", "--format", "xml")
    assert result.code == 2
    assert "Invalid value for '--format'" in result.err


def test_list_rules(tmp_path: Path) -> None:
    config = "checks:\n  severity: {T002: error}\n  ignore: [C003]\n"
    result = run(project(tmp_path, {}, config), "check", "--list-rules")
    assert result.code == 0
    assert [line.split()[0] for line in result.lines] == [rule.code for rule in RULES]
    assert result.lines[0] == ("G001  forbidden-term            error    A forbidden form of a "
                               "glossary term, in the source or in a translation.")
    by_code = {line.split()[0]: line for line in result.lines}
    assert by_code["M009"].startswith("M009  not-published             error    ")
    assert by_code["T002"].startswith("T002  cjk-latin-spacing         error    ")
    assert by_code["C003"].startswith("C003  obsolete                  off      ")


def test_list_rules_as_json(tmp_path: Path) -> None:
    import json

    rules = json.loads(run(project(tmp_path, {}), "check", "--list-rules", "--format",
                           "json").out)
    assert rules[-3] == {"code": "V003", "name": "msgfmt-missing", "severity": "warning",
                         "summary": "GNU msgfmt is not installed, so catalogue validity "
                                    "(V001) was not checked."}
    assert rules[-2] == {"code": "V004", "name": "article-rejected", "severity": "error",
                         "summary": "`locpipe extract` and `locpipe build` refuse the article."}
    assert rules[-1]["code"] == "V005"


def test_config_option_locates_the_project(tmp_path: Path) -> None:
    root = project(tmp_path / "site", {CATALOGUE: BAD})
    result = run(tmp_path, "check", "--config", "site/locpipe.yaml", "--select", "G001")
    # Named relative to the project, as build names it, not to the working folder.
    assert result.lines == [
        f"{CATALOGUE}:9:1: G001 forbidden form '针炙' of term acupuncture: "
        "write '针灸' (typo)",
        "Found 1 error and 0 warnings in 1 file.",
    ]
    assert root.is_dir()


@pytest.mark.parametrize("args", [
    ["check", "--config", "site/locpipe.yaml"],
    ["--config", "site/locpipe.yaml", "check"],
    ["check", "--config", "site/locpipe.yaml", "site/content"],
    ["check", "--config", "site/locpipe.yaml", "site/../site/content/bad.md"],
], ids=["config-after", "config-before", "folder", "file"])
def test_an_input_error_names_the_file_relative_to_the_project(tmp_path: Path,
                                                               args: list[str]) -> None:
    root = project(tmp_path / "site", {CATALOGUE: BAD})
    (root / "content").mkdir()
    (root / "content" / "bad.md").write_bytes(b"# T\n\n\xff bad\n")
    result = run(tmp_path, *args)
    assert result.code == 2
    assert result.err.startswith("content/bad.md:3: error: not UTF-8 text"), result.err
