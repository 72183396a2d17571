"""The command line: defaults, --locale, thresholds, and errors as one line with exit 2."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from locpipe.cli import main, options
from locpipe.cli.main import LAZY_COMMANDS
from locpipe.config import Config, load_config
from pipeline_support import (
    EPOCH,
    SLUG,
    Run,
    copy_project,
    snapshot,
    split_front_matter,
    translate,
    write_files,
)

Runner = Callable[..., Run]
ARTICLE = "---\ntitle: Guide\n---\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird.\n"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A project with one short article and two target locales."""
    return write_files(tmp_path / "small", {"locpipe.yaml": "locales: [de, zh_Hans]\n",
                                            "content/guide.md": ARTICLE})


def manifest(root: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((root / "build/site/manifest.json").read_text())
    return data


def test_a_project_without_locpipe_yaml_runs_on_the_defaults(tmp_path: Path,
                                                             run: Runner) -> None:
    root = write_files(tmp_path / "bare", {"content/notes/guide.md": ARTICLE})
    for command in ("extract", "update", "build"):
        run(command, root=root, config=False)
    assert (root / "locales/templates/notes/guide.pot").is_file()
    assert (root / "locales/zh_Hans/LC_MESSAGES/notes/guide.po").is_file()
    assert sorted(p.relative_to(root / "build/site").as_posix()
                  for p in (root / "build/site").rglob("*.md")) == [
        "en/notes/guide.md", "zh-Hans/notes/guide.md"]
    assert [loc["locale"] for loc in manifest(root)["locales"]] == ["en", "zh_Hans"]  # type: ignore[index]


def test_locale_limits_update(small: Path, run: Runner) -> None:
    run("extract", root=small)
    run("update", "--locale", "de", root=small)
    assert (small / "locales/de/LC_MESSAGES/guide.po").is_file()
    assert not (small / "locales/zh_Hans").exists()


def test_locale_limits_build(small: Path, run: Runner) -> None:
    run("extract", root=small)
    run("update", root=small)
    run("build", "--locale", "zh_Hans", root=small)
    built = sorted(p.parent.name for p in (small / "build/site").rglob("*.md"))
    assert built == ["en", "zh-Hans"]
    data = manifest(small)
    assert [loc["lang"] for loc in data["locales"]] == ["en", "zh-Hans"]  # type: ignore[index]


def test_an_unknown_locale_is_one_error_line(small: Path, run: Runner) -> None:
    run("extract", root=small)
    result = run("update", "--locale", "fr", root=small, expect=2)
    assert result.err.splitlines() == [
        "locpipe.yaml: error: locale 'fr' is not configured "
        "(choose one of: de, zh_Hans)"]
    assert not (small / "locales/de").exists()


def test_an_edition_below_the_threshold_is_left_out_and_the_manifest_says_why(
        small: Path, run: Runner) -> None:
    run("extract", root=small)
    run("update", root=small)
    translate(small / "locales/de/LC_MESSAGES/guide.po",
              {"Guide": "Leitfaden", "First paragraph.": "Erster Absatz.",
               "Second paragraph.": "Zweiter Absatz."})
    translate(small / "locales/zh_Hans/LC_MESSAGES/guide.po", {"Guide": "指南"})
    run("build", root=small)
    assert (small / "build/site/zh-Hans/guide.md").is_file()
    config = small / "locpipe.yaml"
    config.write_text(config.read_text() + "completeness_threshold: 0.5\n")
    run("build", root=small)
    assert (small / "build/site/de/guide.md").is_file()
    assert not (small / "build/site/zh-Hans/guide.md").exists()  # not even a stale one
    article = manifest(small)["articles"][0]  # type: ignore[index]
    assert [e["lang"] for e in article["editions"]] == ["en", "de"]
    assert article["skipped"] == [{
        "locale": "zh_Hans", "lang": "zh-Hans", "completeness": 0.25,
        "reason": "completeness 25% is below the threshold 50%"}]
    meta, _ = split_front_matter((small / "build/site/de/guide.md").read_text())
    assert (meta["title"], meta["completeness"]) == ("Leitfaden", 0.75)


def test_warnings_go_to_stderr_and_the_summary_to_stdout(small: Path, run: Runner) -> None:
    run("extract", root=small)
    run("update", root=small)
    translate(small / "locales/de/LC_MESSAGES/guide.po", {"Third.": "# Dritter"})
    result = run("build", "--locale", "de", root=small)
    assert result.out == "3 written, 0 unchanged\n"  # en, de and the manifest
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("locales/de/LC_MESSAGES/guide.po:")
    assert result.warnings[0].endswith(
        ": warning: translation not used, the source text is kept: "
        "it starts like a heading (`#`) (fix the msgstr)")


def test_bad_front_matter_is_one_line_naming_file_and_line(small: Path, run: Runner) -> None:
    (small / "content/guide.md").write_text("---\ntitle: Guide\nbad: [open\n---\n\nText.\n")
    result = run("extract", root=small, expect=2)
    assert result.err.startswith("content/guide.md:4: error: front matter is not valid YAML")
    assert len(result.err.splitlines()) == 1
    assert "Traceback" not in result.err + result.out


def test_a_broken_catalogue_stops_update_and_is_not_rewritten(small: Path,
                                                               run: Runner) -> None:
    run("extract", root=small)
    run("update", root=small)
    po = small / "locales/de/LC_MESSAGES/guide.po"
    po.write_text(po.read_text().replace('msgid "Third."', 'msgid "Third.'))
    before = snapshot(small / "locales")
    result = run("update", root=small, expect=2)
    assert "locales/de/LC_MESSAGES/guide.po:" in result.err
    assert ": error: cannot parse catalogue" in result.err
    assert snapshot(small / "locales") == before


def test_an_unknown_setting_suggests_the_right_one(small: Path, run: Runner) -> None:
    (small / "locpipe.yaml").write_text("locales: [de]\ncompleteness_treshold: 0.5\n")
    result = run("build", root=small, expect=2)
    assert result.err.strip().endswith(
        "error: unknown key 'completeness_treshold' (did you mean 'completeness_threshold'?)")
    assert ":2: error:" in result.err


def test_each_command_documents_itself(run: Runner) -> None:
    for command, words in (("extract", "template"), ("update", "fuzzy"),
                           ("build", "manifest.json")):
        result = run(command, "--help", config=False)
        assert words in result.out
        assert "--config" in result.out


# The group: --config in either place, one reading of it, help, near misses

COMMAND_LINES = [("extract",), ("update",), ("build",), ("status",), ("check",),
                 ("report",), ("glossary", "list")]
"""Every command, in the order a project runs them, each reading the settings."""


def _locpipe(cwd: Path, *args: str) -> Run:
    """`locpipe ARGS` run from `cwd`, with a fixed creation date for templates."""
    before = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args), prog_name="locpipe",
                                    env={"SOURCE_DATE_EPOCH": EPOCH},
                                    catch_exceptions=False)
    finally:
        os.chdir(before)
    return Run(result.exit_code, result.stdout, result.stderr)


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file the commands wrote, but the cache (which keeps mtimes and full paths)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and ".locpipe-cache" not in p.parts}


def _run_all(cwd: Path, before_command: bool) -> list[Run]:
    """Every command on `cwd/site`, with `--config` before or after the command name."""
    config = ("--config", "site/locpipe.yaml")
    return [_locpipe(cwd, *(config + line if before_command else line + config))
            for line in COMMAND_LINES]


def test_config_before_or_after_the_command_gives_the_same_run(tmp_path: Path) -> None:
    # The working folder holds no locpipe.yaml: only --config leads to the project.
    first, second = tmp_path / "before", tmp_path / "after"
    for cwd in (first, second):
        copy_project(cwd / "site")
    runs = _run_all(first, before_command=True)
    assert runs == _run_all(second, before_command=False)
    assert [run.code for run in runs] == [0] * len(COMMAND_LINES)
    # update keeps zh_Hans and derives zh_Hant, which the copy leaves out
    assert [run.out.splitlines()[-1] for run in runs[:3]] == [
        "1 written, 0 unchanged", "1 written, 1 unchanged", "4 written, 0 unchanged"]
    built = _tree(first / "site")
    assert f"build/site/zh-Hans/{SLUG}.md" in built
    assert built == _tree(second / "site")


def test_config_twice_must_name_one_file(project: Path) -> None:
    config = str(project / "locpipe.yaml")
    same = _locpipe(project, "--config", config, "build", "--config", config)
    assert (same.code, same.out) == (0, "4 written, 0 unchanged\n")
    other = _locpipe(project, "--config", config, "build", "--config", "other.yaml")
    assert other.code == 2
    assert other.err.splitlines()[-1] == f"Error: --config given twice: {config} and other.yaml"


@pytest.mark.parametrize("line", COMMAND_LINES, ids=" ".join)
def test_each_command_reads_the_settings_once(project: Path, line: tuple[str, ...],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[Path | None] = []

    def counted(path: Path | None = None) -> Config:
        reads.append(path)
        return load_config(path)

    monkeypatch.setattr(options, "load_config", counted)
    result = _locpipe(project, "--config", "locpipe.yaml", *line)
    assert result.code in (0, 1), result.err
    assert reads == [Path("locpipe.yaml")]


def test_help_and_usage_errors_read_no_settings(tmp_path: Path) -> None:
    (tmp_path / "locpipe.yaml").write_text("not_a_setting: 1\n")
    for args in (["--help"], ["build", "--help"], ["status", "--help"],
                 ["glossary", "export", "--help"], ["build", "--jobs", "0"]):
        result = _locpipe(tmp_path, *args)
        assert "not_a_setting" not in result.err, args
    assert _locpipe(tmp_path, "build").err.startswith(
        "locpipe.yaml:1: error: unknown key 'not_a_setting'")


def _commands(group: click.Group, ctx: click.Context) -> Iterator[tuple[str, click.Command]]:
    """Every command under `group`, by its full name ("glossary export")."""
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            yield from ((f"{name} {sub}", c)
                        for sub, c in _commands(command, click.Context(command, ctx)))
        else:
            yield name, command


ALL_COMMANDS = dict(_commands(main, click.Context(main, info_name="locpipe")))


@pytest.mark.parametrize("name", ALL_COMMANDS)
def test_each_command_help_is_its_docstring_and_offers_config(tmp_path: Path,
                                                               name: str) -> None:
    command = ALL_COMMANDS[name]
    result = _locpipe(tmp_path, *name.split(), "--help")
    assert result.code == 0, result.err
    assert result.out.startswith(f"Usage: locpipe {name} [OPTIONS]")
    doc = inspect.cleandoc(command.callback.__doc__ or "")
    assert doc, f"{name} has no docstring"
    assert " ".join(doc.split("\n\n")[0].split()) in " ".join(result.out.split())
    assert "--config FILE" in result.out


def test_the_group_help_lists_every_command_with_its_summary(tmp_path: Path) -> None:
    result = _locpipe(tmp_path, "--help")
    listed = result.out.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == main.list_commands(click.Context(main))
    assert "--config FILE" in result.out.split("Commands:\n", 1)[0]


@given(width=st.integers(min_value=20, max_value=200))
def test_lazy_commands_are_listed_as_if_imported(width: int) -> None:
    """The listing from docstrings (no imports) against click's own, which imports."""
    ctx = click.Context(main, info_name="locpipe", terminal_width=width, max_content_width=width)
    from_docstrings, imported = ctx.make_formatter(), ctx.make_formatter()
    main.format_commands(ctx, from_docstrings)
    click.Group.format_commands(main, ctx, imported)
    assert from_docstrings.getvalue() == imported.getvalue()
    assert "status" in imported.getvalue()


HEAVY = ("locpipe.checks", "locpipe.views", *(target.partition(":")[0]
                                              for target in LAZY_COMMANDS.values()))
"""What `locpipe --help` and a no-op build leave unimported."""
IMPORTS = ("import sys\nfrom locpipe.cli import main\n"
           "try:\n    main(sys.argv[1:], prog_name='locpipe')\nexcept SystemExit:\n    pass\n"
           "print(*sorted(sys.modules), sep='\\n', file=sys.stderr)\n")
"""Runs locpipe in a fresh interpreter, then names every module it imported."""


def _imported(cwd: Path, *args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", IMPORTS, *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, check=True)
    return set(done.stderr.splitlines())


@pytest.mark.parametrize("args", [("--help",), ("build", "--help"), ("build", "-q")],
                         ids=" ".join)
def test_help_and_a_no_op_build_do_not_import_the_heavy_commands(project: Path,
                                                                 args: tuple[str, ...]) -> None:
    for command in ("extract", "update", "build"):
        _locpipe(project, command, "-q")
    modules = _imported(project, *args)
    assert "locpipe.cli.main" in modules
    assert sorted(m for m in modules if m.startswith(HEAVY)) == []


def test_python_m_locpipe_is_the_same_command_line(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "locpipe", "--help"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "COLUMNS": "80"})
    assert (done.returncode, done.stderr) == (0, "")
    # click wraps help 2 columns short of an 80-column terminal; CliRunner would force 80.
    in_process = CliRunner().invoke(main, ["--help"], prog_name="locpipe", terminal_width=78)
    assert done.stdout == in_process.stdout


def _misses(name: str) -> Iterator[str]:
    """`name` with one letter dropped or two neighbours swapped."""
    yield from (name[:i] + name[i + 1:] for i in range(len(name)))
    yield from (name[:i] + name[i + 1] + name[i] + name[i + 2:] for i in range(len(name) - 1))


@pytest.mark.parametrize("name", ALL_COMMANDS)
def test_a_near_miss_is_told_the_command_it_missed(tmp_path: Path, name: str) -> None:
    *group, last = name.split()
    for miss in sorted(set(_misses(last)) - set(ALL_COMMANDS)):
        result = _locpipe(tmp_path, *group, miss)
        assert result.code == 2
        error = result.err.splitlines()[-1]
        assert error.startswith(f"Error: No such command {miss!r}. "), error
        assert repr(last) in error.split(". ", 1)[1], error


@pytest.mark.parametrize(("args", "error"), [
    (["stat"], "Error: No such command 'stat'. Did you mean 'status'?"),
    (["glosary"], "Error: No such command 'glosary'. Did you mean 'glossary'?"),
    (["buidl"], "Error: No such command 'buidl'. Did you mean 'build'?"),
    (["glossary", "lst"], "Error: No such command 'lst'. Did you mean 'list'?"),
    (["translate"], "Error: No such command 'translate'."),
])
def test_near_miss_wording(tmp_path: Path, args: list[str], error: str) -> None:
    result = _locpipe(tmp_path, *args)
    assert (result.code, result.out, result.err.splitlines()[-1]) == (2, "", error)
