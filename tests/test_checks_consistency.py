"""Consistency rules (K001, K002)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks_support import check_entry, entry, messages, po, project


def two_catalogues(first: str, second: str, **options: str) -> dict[str, str]:
    folder = "locales/zh_Hans/LC_MESSAGES/"
    return {folder + "a.po": po(first), folder + "b.po": po(second), **options}


def test_context_separates_equal_texts(tmp_path: Path) -> None:
    title = '#. front matter: title\nmsgctxt "title"\nmsgid "Notes"\nmsgstr "笔记"'
    root = project(tmp_path, two_catalogues(title, entry("Notes", "注释")))
    assert messages(root, "K001") == []


def test_fuzzy_translations_are_not_compared(tmp_path: Path) -> None:
    root = project(tmp_path, two_catalogues(entry("Notes", "笔记"),
                                            entry("Notes", "注释", flags=["fuzzy"])))
    assert messages(root, "K001") == []


def test_locales_are_compared_separately(tmp_path: Path) -> None:
    files = {"locales/zh_Hans/LC_MESSAGES/a.po": po(entry("Notes", "笔记")),
             "locales/zh_Hant/LC_MESSAGES/a.po": po(entry("Notes", "筆記"), language="zh_Hant")}
    assert messages(project(tmp_path, files, "locales: [zh_Hans, zh_Hant]\n"), "K001") == []


@pytest.mark.parametrize(("msgid", "expected"), [
    ("Ancient wisdom", ["translation is identical to the source text"]),
    ("Qi", []),                                  # one word
    ("2026-05-20, 14:30", []),                   # numbers
    ("https://example.org/a-long-path", []),     # a URL
    ("`locpipe build --all`", []),               # code
    ("Qikan Yin", []),                           # a name kept as is
    ("WHO, Qikan Yin", []),                      # do-not-translate and a name
])
def test_same_as_source_only_for_prose(tmp_path: Path, msgid: str, expected: list[str]) -> None:
    assert check_entry(tmp_path, msgid, msgid, "K002") == expected


def test_short_translations_are_fine(tmp_path: Path) -> None:
    assert check_entry(tmp_path, "Qi", "气", "K002") == []


@pytest.mark.parametrize(("msgid", "expected"), [
    ("defineExpose()", []), ("KeepAlive & Transition", []), ("Nuxt.js 2", []),
    ("`useRoute()` and `useRouter()`", []),
    ("Ancient wisdom meets science", ["translation is identical to the source text"]),
    ("HMR (Hot Module Replacement)", []), ("Internet Information Services (IIS)", []),
    ("SSR and TS", []),
    # Initials that do not spell the acronym, prose beside it, shouting: still reported.
    ("HMR (Hot Reloading Everywhere)", ["translation is identical to the source text"]),
    ("Setting up IIS (Internet Information Services)",
     ["translation is identical to the source text"]),
    ("Deploying with Internet Information Services (IIS)",
     ["translation is identical to the source text"]),
    ("READ THE DOCS FIRST", ["translation is identical to the source text"]),
], ids=["call", "component-names", "dotted-name", "code", "prose", "acronym-expansion",
        "expansion-acronym", "acronyms", "wrong-initials", "prose-before-acronym",
        "prose-before-expansion", "shouting"])
def test_identifiers_may_stay_as_they_are(tmp_path: Path, msgid: str,
                                          expected: list[str]) -> None:
    assert check_entry(tmp_path, msgid, msgid, "K002", kind="heading") == expected
