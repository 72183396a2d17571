"""Glossary and name rules (G001-G006), on source Markdown and on translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks_support import check_entry, messages, po, project, run

SOURCE = """---
title: Notes
author: Qikan Yin
---

# About ch'i

The `Qi-kan Yin` code and [a link](https://example.org/Yin-Qikan) are not prose.

```
Qi-kan Yin in a code block
```

> A quote by Qi-kan Yin,
> and Yin Qikan.
"""


def test_source_findings_point_at_line_and_column(tmp_path: Path) -> None:
    root = project(tmp_path, {"content/notes.md": SOURCE})
    result = run(root, "check", "--select", "G")
    assert result.lines == [
        "content/notes.md:6:9: G001 forbidden form \"ch'i\" of term qi: write 'Qi' "
        "(Wade-Giles spelling)",
        "content/notes.md:14:14: G005 forbidden form 'Qi-kan Yin' of name qikan-yin: "
        "write 'Qikan Yin' (a pinyin given name is one word)",
        "content/notes.md:15:7: G006 discouraged form 'Yin Qikan' of name qikan-yin: "
        "prefer 'Qikan Yin' (pinyin order; the author writes Qikan Yin)",
        "Found 2 errors and 1 warning in 1 file.",
    ]
    assert result.code == 1


@pytest.mark.parametrize(("msgid", "msgstr", "expected"), [
    ("Written by Qikan Yin.", "作者：Qikan Yin。",
     ["name qikan-yin ('Qikan Yin') is not translated as the glossary says: expected '殷琦侃'"]),
    ("The WHO says so.", "世卫组织如是说。",
     ["do-not-translate who ('WHO') is not translated as the glossary says: expected 'WHO'"]),
    ("The WHO says so.", "WHO 如是说。", []),
    ("Qi, and Qi again.", "能量，还是能量。",
     ["term qi ('Qi') is not translated as the glossary says: expected '气'"]),
    ("Needles: acupuncture.", "针：针刺。", []),
    ("Needles: acupuncture.", "针：针炙。", []),  # reported by G001, not twice
], ids=["name", "do-not-translate", "do-not-translate-kept", "once-per-term", "variant",
        "forbidden-form"])
def test_missing_term(tmp_path: Path, msgid: str, msgstr: str, expected: list[str]) -> None:
    assert check_entry(tmp_path, msgid, msgstr, "G003") == expected


def test_translation_side_name_and_term_rules(tmp_path: Path) -> None:
    found = check_entry(tmp_path, "Qikan Yin on Qi.", "殷奇侃论氣与炁。", "G")
    assert found == [
        "forbidden form '氣' of term qi: write '气' (Traditional character in a Simplified text)",
        "discouraged form '炁' of term qi: prefer '气' (archaic variant character)",
        "forbidden form '殷奇侃' of name qikan-yin: write '殷琦侃' (homophone misspelling of 琦)",
    ]


def test_unpublished_entries_are_not_checked(tmp_path: Path) -> None:
    assert check_entry(tmp_path, "Acupuncture.", "", "G") == []


def test_a_project_without_glossary_has_no_glossary_findings(tmp_path: Path) -> None:
    root = tmp_path / "bare"
    (root / "content").mkdir(parents=True)
    (root / "content" / "a.md").write_text("By Qi-kan Yin.\n", encoding="utf-8")
    result = run(root, "check", "--select", "G")
    assert result.lines == ["Found 0 errors and 0 warnings in 1 file."]


def test_a_broken_glossary_is_an_input_error(tmp_path: Path) -> None:
    root = project(tmp_path, {"glossary/bad.yaml": "terms:\n  - id: qi\n    kind: concept\n"})
    result = run(root, "check")
    assert result.code == 2
    assert "glossary/bad.yaml:3: error: term 'qi': `kind` must be one of" in result.err


def test_locale_without_glossary_forms_is_skipped(tmp_path: Path) -> None:
    root = project(tmp_path, {"locales/fr/LC_MESSAGES/a.po": po(
        '#. paragraph\nmsgid "Acupuncture."\nmsgstr "Acuponcture."', language="fr")},
        "locales: [fr]\n")
    assert messages(root, "G") == []


@pytest.mark.parametrize("kind", ["table cell", "table header"])
def test_table_cells_are_judged_on_their_own_text(tmp_path: Path, kind: str) -> None:
    # The cell is parsed under a one-column header row `x`; that `x` is not the cell's text.
    assert check_entry(tmp_path / "a", "Acupuncture", "拔罐", "G003", kind=kind) == [
        "term acupuncture ('Acupuncture') is not translated as the glossary says: "
        "expected '针灸' or '针刺'"]
    assert check_entry(tmp_path / "b", "Acupuncture", "针灸", "G003", kind=kind) == []
    assert check_entry(tmp_path / "c", "Acupuncture", "针灸", "T002", kind=kind) == []
