"""`locpipe status` on a copy of the real project: counts, table, JSON and colour."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result

from locpipe.cli import main
from locpipe.views.status import Counts, bar

ROOT = Path(__file__).resolve().parent.parent
SLUG = "how-does-acupuncture-work"
PO = f"locales/zh_Hans/LC_MESSAGES/{SLUG}.po"
# The shipped project derives zh_Hant: its table splits translated into derived and
# reviewed, with `-` for zh_Hans, which is translated by people.
HEADER = ("ARTICLE                    LOCALE   TRANSLATED  DERIVED  REVIEWED  FUZZY  UNTRANSLATED"
          "  TOTAL  DONE")
# 21 of 23 translated, one fuzzy, one untranslated: 18 + 1 + 1 cells of 20.
ZH_LINE = (f"{SLUG}  zh_Hans          21        -         -      1             1     23   91%  "
           + "█" * 18 + "▓" + "░")
# zh_Hant as shipped: every entry derived (seed_progress edits zh_Hans only, and status
# reads the catalogues as they are: the next `update` would follow zh_Hans).
HANT_LINE = (f"{SLUG}  zh_Hant          23       23         0      0             0     23  100%  "
             + "█" * 20)


def copy_project(target: Path, config: str | None = None) -> Path:
    """The real project's sources, glossary and catalogues under `target`."""
    for folder in ("content", "glossary", "locales"):
        shutil.copytree(ROOT / folder, target / folder)
    config_text = (ROOT / "locpipe.yaml").read_text(encoding="utf-8")
    (target / "locpipe.yaml").write_text(config or config_text, encoding="utf-8")
    return target


def seed_progress(root: Path) -> None:
    """Mark the description fuzzy and empty the author's translation."""
    po = polib.pofile(str(root / PO), wrapwidth=0)
    description = po.find("Ancient Wisdom Meets Modern Science", msgctxt="description")
    author = po.find("Qikan Yin (殷琦侃)", msgctxt="author")
    assert description is not None and author is not None
    description.flags.append("fuzzy")
    author.msgstr = ""
    po.save()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path)
    seed_progress(root)
    return root


def status(root: Path, *args: str, color: bool = False,
           env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["status", "--config", str(root / "locpipe.yaml"), *args],
                              color=color, env=env, catch_exceptions=False)


def test_shipped_project_is_complete(tmp_path: Path) -> None:
    result = status(copy_project(tmp_path))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        HEADER,
        f"{SLUG}  zh_Hans          23        -         -      0             0     23  100%  "
        + "█" * 20,
        HANT_LINE]


def test_table_counts_translated_fuzzy_and_untranslated(project: Path) -> None:
    result = status(project)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [HEADER, ZH_LINE, HANT_LINE]


def test_no_colour_when_not_a_terminal(project: Path) -> None:
    assert "\x1b[" not in status(project).stdout


def test_colour_on_a_terminal(project: Path) -> None:
    out = status(project, color=True).stdout
    assert "\x1b[33m91%\x1b[0m" in out
    assert "\x1b[32m" + "█" * 18 + "\x1b[0m\x1b[33m▓\x1b[0m\x1b[90m░\x1b[0m" in out


@pytest.mark.parametrize("value", ["1", "true"])
def test_no_color_is_respected_on_a_terminal(project: Path, value: str) -> None:
    result = status(project, color=True, env={"NO_COLOR": value})
    assert result.stdout.splitlines() == [HEADER, ZH_LINE, HANT_LINE]


def test_empty_no_color_does_not_disable_colour(project: Path) -> None:
    # no-color.org: only a non-empty value counts.
    assert "\x1b[" in status(project, color=True, env={"NO_COLOR": ""}).stdout


def test_json(project: Path) -> None:
    document = json.loads(status(project, "--format", "json").stdout)
    counts = {"translated": 21, "fuzzy": 1, "untranslated": 1, "total": 23,
              "completeness": 0.913}
    derived = {"translated": 23, "derived": 23, "reviewed": 0, "fuzzy": 0, "untranslated": 0,
               "total": 23, "completeness": 1.0}
    hant = f"locales/zh_Hant/LC_MESSAGES/{SLUG}.po"
    assert document == {
        "catalogues": [{"article": SLUG, "locale": "zh_Hans", "lang": "zh-Hans", "path": PO,
                        "exists": True, **counts},
                       {"article": SLUG, "locale": "zh_Hant", "lang": "zh-Hant", "path": hant,
                        "exists": True, **derived}],
        "locales": [{"locale": "zh_Hans", "lang": "zh-Hans", **counts},
                    {"locale": "zh_Hant", "lang": "zh-Hant", **derived}],
    }


def test_json_has_no_colour_even_on_a_terminal(project: Path) -> None:
    assert "\x1b[" not in status(project, "--format", "json", color=True).stdout


@pytest.fixture
def two_locales(tmp_path: Path) -> Path:
    """A second locale (German, no catalogues) and a second article (a template, and no
    catalogue yet)."""
    root = copy_project(tmp_path, "locales: [zh_Hans, de]\n")
    seed_progress(root)
    shutil.copy(root / f"locales/templates/{SLUG}.pot", root / "locales/templates/second.pot")
    shutil.copy(root / f"content/{SLUG}.md", root / "content/second.md")
    return root


def test_missing_catalogues_count_the_template_and_totals_add_up(two_locales: Path) -> None:
    lines = status(two_locales).stdout.splitlines()
    assert lines == [
        "ARTICLE                    LOCALE   TRANSLATED  FUZZY  UNTRANSLATED  TOTAL  DONE",
        f"{SLUG}  zh_Hans          21      1             1     23   91%  {'█' * 18}▓░",
        f"{SLUG}  de                0      0            23     23    0%  {'░' * 20}",
        "second                     zh_Hans           0      0            23     23    0%  "
        + "░" * 20,
        "second                     de                0      0            23     23    0%  "
        + "░" * 20,
        "(all articles)             zh_Hans          21      1            24     46   45%  "
        + "█" * 9 + "░" * 11,
        "(all articles)             de                0      0            46     46    0%  "
        + "░" * 20,
    ]


def test_json_marks_missing_catalogues(two_locales: Path) -> None:
    document = json.loads(status(two_locales, "--format", "json").stdout)
    missing = [(c["article"], c["locale"]) for c in document["catalogues"] if not c["exists"]]
    assert missing == [(SLUG, "de"), ("second", "zh_Hans"), ("second", "de")]
    assert [(t["locale"], t["untranslated"]) for t in document["locales"]] == [
        ("zh_Hans", 24), ("de", 46)]


def test_locale_option(two_locales: Path) -> None:
    lines = status(two_locales, "--locale", "de").stdout.splitlines()
    assert [line.split()[-7] for line in lines[1:]] == ["de", "de", "de"]
    assert [line[:27].rstrip() for line in lines[1:]] == [SLUG, "second", "(all articles)"]


def test_unknown_locale_is_an_input_error(project: Path) -> None:
    result = status(project, "--locale", "fr")
    assert result.exit_code == 2
    assert result.stderr.startswith("locpipe.yaml: error: locale 'fr' is not "
                                    "configured")


def test_no_templates(tmp_path: Path) -> None:
    (tmp_path / "locpipe.yaml").write_text("locales: [zh_Hans]\n", encoding="utf-8")
    result = status(tmp_path)
    assert result.exit_code == 0
    assert result.stderr == "no templates found: run `locpipe extract` first\n"
    assert result.stdout == ""
    as_json = status(tmp_path, "--format", "json")
    assert json.loads(as_json.stdout) == {"catalogues": [], "locales": [{
        "locale": "zh_Hans", "lang": "zh-Hans", "translated": 0, "fuzzy": 0, "untranslated": 0,
        "total": 0, "completeness": 1.0}]}


@pytest.mark.parametrize(("counts", "expected"), [
    (Counts(0, 0, 0), "█" * 20),
    (Counts(1, 0, 0), "█" * 20),
    (Counts(0, 0, 3), "░" * 20),
    (Counts(0, 1, 0), "▓" * 20),
    (Counts(1, 1, 2), "█" * 5 + "▓" * 5 + "░" * 10),
    (Counts(199, 0, 1), "█" * 19 + "░"),
], ids=["empty", "done", "nothing", "all-fuzzy", "quarters", "almost"])
def test_bar(counts: Counts, expected: str) -> None:
    assert bar(counts, colour=False) == expected


def test_percent_is_rounded_down() -> None:
    assert Counts(199, 0, 1).percent == 99
    assert Counts(0, 0, 0).percent == 100
