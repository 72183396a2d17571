"""Every rule has a fixture that triggers it and one that does not.

A case is `tests/data/check/<CODE>/bad.po` (or `.md`, or a `bad/` project
folder) with the exact findings it must produce in `bad.txt`, and a `good`
case that must produce none. A single `.po` becomes the project's zh_Hans
catalogue `article.po`, a single `.md` its article `content/article.md`.
An optional `<case>.env` sets environment variables (`{tmp}` is a fresh folder).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checks_support import CATALOGUE, DATA, run, with_glossary
from locpipe.checks import RULES
from locpipe.checks.finding import ERROR

CODES = [rule.code for rule in RULES]


def case_path(code: str, kind: str) -> Path | None:
    folder = DATA / code
    for candidate in (folder / f"{kind}.po", folder / f"{kind}.md", folder / kind):
        if candidate.exists():
            return candidate
    return None


def build(case: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    if case.is_dir():
        shutil.copytree(case, root)
    else:
        target = root / (CATALOGUE if case.suffix == ".po" else "content/article.md")
        target.parent.mkdir(parents=True)
        shutil.copy(case, target)
    return with_glossary(root)


def set_env(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = case.with_name(case.stem.split(".")[0] + ".env")
    if not env.exists():
        return
    for line in env.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            value = value.replace("{tmp}", str(tmp_path))
            if key == "PATH":
                Path(value).mkdir(parents=True, exist_ok=True)
            monkeypatch.setenv(key, value)


def findings(lines: list[str], code: str) -> list[str]:
    """The finding lines; a typography rule's output starts with the profile it used."""
    if code.startswith("T"):
        assert lines[0].startswith("Typography: zh_Hans ")
        return lines[1:-1]
    return lines[:-1]


def test_every_rule_has_a_bad_and_a_good_case() -> None:
    missing = [f"{code}/{kind}" for code in CODES for kind in ("bad", "good")
               if case_path(code, kind) is None]
    missing += [f"{code}/bad.txt" for code in CODES if not (DATA / code / "bad.txt").exists()]
    assert missing == []


def test_no_fixture_folder_without_a_rule() -> None:
    folders = {p.name for p in DATA.iterdir() if p.is_dir() and p.name[0].isupper()}
    assert folders <= set(CODES)


@pytest.mark.parametrize("code", CODES)
def test_bad_case_gives_exactly_the_expected_findings(
        code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = case_path(code, "bad")
    assert case is not None
    set_env(case, tmp_path, monkeypatch)
    result = run(build(case, tmp_path), "check", "--select", code)
    expected = (DATA / code / "bad.txt").read_text(encoding="utf-8").splitlines()
    assert findings(result.lines, code) == expected
    severity = next(r.severity for r in RULES if r.code == code)
    assert result.code == (1 if severity == ERROR else 0)


@pytest.mark.parametrize("code", CODES)
def test_good_case_gives_no_finding(code: str, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    case = case_path(code, "good")
    assert case is not None
    set_env(case, tmp_path, monkeypatch)
    result = run(build(case, tmp_path), "check", "--select", code)
    assert findings(result.lines, code) == []
    assert result.lines[-1].startswith("Found 0 errors and 0 warnings")
    assert result.code == 0
