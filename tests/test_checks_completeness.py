"""Completeness rules (C001-C004)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks_support import check_entry, entry, messages, po, project

CATALOGUE = "locales/zh_Hans/LC_MESSAGES/"


def catalogue(*entries: str) -> dict[str, str]:
    return {CATALOGUE + "a.po": po(*entries)}


def test_fuzzy_is_not_also_untranslated(tmp_path: Path) -> None:
    root = project(tmp_path, catalogue(entry("Old", "旧", flags=["fuzzy"])))
    assert messages(root, "C001") == []
    assert messages(root, "C002") == ["translation is fuzzy: review it and remove the flag"]


def test_a_plural_entry_needs_every_form(tmp_path: Path) -> None:
    plural = ('#. paragraph\nmsgid "one needle"\nmsgid_plural "{n} needles"\n'
              'msgstr[0] "{n} 根针"\nmsgstr[1] ""')
    root = project(tmp_path, catalogue(plural))
    assert messages(root, "C001") == ["entry is not translated"]


def test_threshold_defaults_to_the_build_threshold(tmp_path: Path) -> None:
    files = catalogue(entry("A", "甲"), entry("B", "", line=3), entry("C", "丙", flags=["fuzzy"]))
    root = project(tmp_path, files, "locales: [zh_Hans]\ncompleteness_threshold: 0.5\n")
    assert messages(root, "C004") == [
        "locale zh_Hans is 33% translated (1 of 3 entries), below the threshold of 50%"]


def test_threshold_counts_every_catalogue_of_the_locale(tmp_path: Path) -> None:
    files = {CATALOGUE + "a.po": po(entry("A", "甲")), CATALOGUE + "b.po": po(entry("B", ""))}
    config = "locales: [zh_Hans]\nchecks:\n  completeness_threshold: 0.5\n"
    assert messages(project(tmp_path, files, config), "C004") == []


def test_obsolete_entries_do_not_count(tmp_path: Path) -> None:
    obsolete = '#~ msgid "Old"\n#~ msgstr ""'
    config = "locales: [zh_Hans]\nchecks:\n  completeness_threshold: 1\n"
    root = project(tmp_path, catalogue(entry("A", "甲"), obsolete), config)
    assert messages(root, "C004") == []
    assert messages(root, "C003") == ["obsolete entry: reuse its translation or delete it"]


@pytest.mark.parametrize(("msgid", "expected"), [
    ("defineExpose()", []), ("`locpipe build`", []), ("App.vue", []), ("2026", []),
    ("https://example.org/a", []), ("Qikan Yin", []), ("WHO", []),
    ("Ancient wisdom", ["entry is not translated"]), ("Props", ["entry is not translated"]),
], ids=["call", "code", "file", "number", "url", "name", "do-not-translate", "prose", "word"])
def test_untranslatable_entries_are_not_untranslated(tmp_path: Path, msgid: str,
                                                     expected: list[str]) -> None:
    assert check_entry(tmp_path, msgid, "", "C001") == expected
