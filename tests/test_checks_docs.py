"""The rules page is generated from the table, and stays in step with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from locpipe.checks import RULES
from locpipe.checks.docs import lines

ROOT = Path(__file__).resolve().parent.parent


def test_rules_page_is_up_to_date() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == "".join(line + "\n" for line in lines()), (
        "docs/rules.md is stale: run `python -m locpipe.checks.docs > docs/rules.md`")


def test_the_module_prints_the_page() -> None:
    done = subprocess.run([sys.executable, "-m", "locpipe.checks.docs"], capture_output=True,
                          text=True, encoding="utf-8", check=True)
    assert done.stdout == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def test_readme_links_the_rules_page() -> None:
    assert "](docs/rules.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_says_why_with_an_example_and_what_instead(rule: object) -> None:
    doc = rule.doc  # type: ignore[attr-defined]
    for part in ("Why:", "Example:", "Instead:"):
        assert part in doc
    assert rule.summary.endswith(".")  # type: ignore[attr-defined]


def test_codes_and_names_are_unique_and_stable_in_shape() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    assert all(len(c) == 4 and c[0] in "GMSTCKV" and c[1:].isdigit() for c in codes)
    assert all(r.severity in ("error", "warning") for r in RULES)
