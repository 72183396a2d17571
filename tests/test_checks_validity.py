"""Catalogue validity rules (V001-V003), with GNU msgfmt as the judge."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks_support import entry, po, project, run

CATALOGUE = "locales/zh_Hans/LC_MESSAGES/a.po"


def test_format_strings_are_checked(tmp_path: Path) -> None:
    bad = '#, python-format\nmsgid "%(n)s needles"\nmsgstr "%d 根针"'
    result = run(project(tmp_path, {CATALOGUE: po(bad)}), "check", "--select", "V")
    assert result.lines == [
        f"{CATALOGUE}:8:1: V001 msgfmt: format specifications in 'msgid' expect a mapping, "
        "those in 'msgstr' expect a tuple",
        "Found 1 error and 0 warnings in 1 file.",
    ]


def test_a_catalogue_polib_cannot_read_is_a_finding_and_skips_other_rules(tmp_path: Path) -> None:
    broken = po(entry("A", "")) + '\nmsgid "B"\nxx "乙"\n'
    result = run(project(tmp_path, {CATALOGUE: broken}), "check")
    assert result.lines == [
        "Typography: zh_Hans gb-t-15834",
        f"{CATALOGUE}:11:1: V001 msgfmt: missing 'msgstr' section",
        f"{CATALOGUE}:12:1: V001 msgfmt: keyword \"xx\" unknown",
        f"{CATALOGUE}:12:3: V001 msgfmt: syntax error",
        "Found 3 errors and 0 warnings in 1 file.",
    ]
    assert result.code == 1


def test_polib_error_is_reported_without_msgfmt(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    root = project(tmp_path, {CATALOGUE: 'msgid "A"\nxx "B"\n'})
    result = run(root, "check", "--select", "V")
    assert result.lines[:2] == [
        f"{CATALOGUE}:1:1: V003 GNU msgfmt not found on PATH: catalogue validity not checked",
        f"{CATALOGUE}:2:1: V001 unreadable catalogue: Syntax error in po file "
        f"{(root / CATALOGUE).resolve()} (line 2)",
    ]


@pytest.mark.parametrize(("header", "expected"), [
    ("zh-Hans", []),
    ("zh_hans", []),
    ("", ["no Language header, but the catalogue is in the folder of locale 'zh_Hans'"]),
    ("zh_Hant", ["Language 'zh_Hant', but the catalogue is in the folder of locale 'zh_Hans'"]),
])
def test_language_header(tmp_path: Path, header: str, expected: list[str]) -> None:
    text = po(entry("A", "甲"), language=header)
    if not header:
        text = text.replace('"Language: \\n"\n', "")
    result = run(project(tmp_path, {CATALOGUE: text}), "check", "--select", "V002")
    assert [line.split(" V002 ")[1] for line in result.lines[:-1]] == expected
