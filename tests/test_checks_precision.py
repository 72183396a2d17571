"""`locpipe check` on professional translations: few false alarms, and real errors.

The corpus is the Pinia and Vue Router documentation aligned with its published
Chinese translation (`precision_support`), checked with the choices that team
made (`TEAM_CONFIG`) and the names it keeps (`TEAM_GLOSSARY`). Figures are over the
entries whose msgid has no Markdown dialect marker (`:::`, `{#`, `[!`): markers are
text until the dialect work makes them structure.
`python tests/precision_support.py -v` prints every finding.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import precision_support
from checks_support import run
from precision_support import Measure, measure

pytestmark = pytest.mark.skipif(not precision_support.available(),
                                reason=f"the aligned corpus is missing: "
                                       f"{precision_support.ENGLISH}, {precision_support.CHINESE}")

# Every error-level finding on the marker-free entries, reviewed: rule, catalogue,
# start of the msgid, and why a reviewer calls it a mistake.
REVIEWED_ERRORS = {
    ("M002", "core-concepts/index.po", "We are _defining_ a store"):
        "the code `use...Store()` became `useStore()`: another name than the source's",
    ("M002", "guide/essentials/dynamic-matching.po", "To react to params changes"):
        "`route.params` became `$route.params`: the code differs from the source's",
    ("M002", "guide/essentials/history-mode.po", "**Note**: The following examples"):
        "`RewriteBase /` lost its space: the Apache directive no longer works",
    ("S003", "guide/advanced/typed-routes.po", "It's possible to configure"):
        "the site's own page became a GitHub link nobody reviewed as such",
    ("S003", "guide/migration/index.po", "Values in `path`, `fullPath`"):
        "code `https://example.com/hello world` became a live link to example.com",
}
FINDINGS_PER_1000 = 20
CEILING_PER_1000 = 116
"""What the marker-free entries have today (115.3 per 1,000: 124 findings on 1,075
entries, all but the reviewed errors warnings, each read and found genuine): a
regression guard, not the goal."""


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Measure:
    root = tmp_path_factory.mktemp("aligned")
    return measure(Path(root), precision_support.TEAM_CONFIG,
                   precision_support.TEAM_GLOSSARY).marker_free()


def test_the_corpus_is_large_enough(measured: Measure) -> None:
    assert len(measured.entries) >= 1000


def test_every_error_is_a_reviewed_mistake(measured: Measure) -> None:
    errors = {(f.code, f.path.split("LC_MESSAGES/")[-1], f.msgid or "")
              for f in measured.findings if f.severity == "error"}
    unexplained = [e for e in errors if not any(
        (code, page) == e[:2] and e[2].startswith(start)
        for code, page, start in REVIEWED_ERRORS)]
    assert unexplained == []
    assert len(errors) == len(REVIEWED_ERRORS)  # each review still matches a finding


def test_errors_are_rare(measured: Measure) -> None:
    errors = sum(f.severity == "error" for f in measured.findings)
    assert 1000 * errors / len(measured.entries) <= FINDINGS_PER_1000


def test_findings_stay_below_todays_ceiling(measured: Measure) -> None:
    assert measured.rate <= CEILING_PER_1000


@pytest.mark.xfail(strict=True, reason="not met: the published translation has genuine "
                   "typography slips against its own house style (T001, T002, T005: 77 of "
                   "1,075 entries; the team keeps each of these practices in 96-99.7% of its "
                   "pages' occurrences, so the rest are slips) and links and code that "
                   "differ from the current source "
                   "(M001, M007: 23, mostly where the translation is of an older page); "
                   "`python tests/precision_support.py -v` lists them")
def test_at_most_20_findings_per_1000_entries(measured: Measure) -> None:
    assert measured.rate <= FINDINGS_PER_1000


needs_gettext = pytest.mark.skipif(shutil.which("msgfmt") is None or
                                   shutil.which("msgcat") is None,
                                   reason="GNU gettext is not installed")


@needs_gettext
def test_fix_on_the_corpus_writes_valid_catalogues_and_settles(tmp_path: Path) -> None:
    root = tmp_path / "router"
    precision_support.write_project(root, "router", precision_support.TEAM_CONFIG,
                                    precision_support.TEAM_GLOSSARY)
    fixed = run(root, "check", "--fix")
    assert fixed.code in (0, 1)
    [summary] = [line for line in fixed.lines if line.startswith("Fixed ")]
    assert int(summary.split()[1]) > 0
    for path in sorted((root / "locales").rglob("*.po")):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)
        text = path.read_text(encoding="utf-8")
        if "\ufe0f" in text:
            continue  # po.writer counts an emoji with U+FE0F two columns wide, gettext one
        rewrite = subprocess.run(["msgcat", str(path)], capture_output=True, text=True,
                                 check=True)
        assert rewrite.stdout == text, path
    again = run(root, "check", "--diff")
    assert (again.code, again.lines) == (0, ["Would fix 0 entries in 0 files."])


def test_the_typography_findings_are_slips_against_the_teams_own_style() -> None:
    # The typography warnings (T001, T002, T005) are most of what the corpus has left;
    # they count as real only where the team's pages keep the practice nearly always.
    for practice, (kept, broken) in precision_support.house_style().items():
        assert broken > 0, practice  # the pattern still finds the slips the rule reports
        assert kept / (kept + broken) >= 0.95, (practice, kept, broken)
