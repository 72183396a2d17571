"""No false alarms: the shipped article, its glossary, and a good Chinese translation."""

from __future__ import annotations

import shutil
from pathlib import Path

from checks_support import DATA, run

ROOT = Path(__file__).resolve().parent.parent


def test_a_professional_translation_passes_every_rule(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    target = tmp_path / "locales" / "zh_Hans" / "LC_MESSAGES" / "how-does-acupuncture-work.po"
    target.parent.mkdir(parents=True)
    shutil.copy(DATA / "acupuncture.zh_Hans.po", target)
    result = run(tmp_path, "check")
    assert result.lines == ["Typography: zh_Hans gb-t-15834",
                            "Found 0 errors and 0 warnings in 2 files."]
    assert result.code == 0


def test_the_translation_is_checked_at_all(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    target = tmp_path / "locales" / "zh_Hans" / "LC_MESSAGES" / "how-does-acupuncture-work.po"
    target.parent.mkdir(parents=True)
    text = (DATA / "acupuncture.zh_Hans.po").read_text(encoding="utf-8")
    target.write_text(text.replace("阴阳平衡", "阴陽平衡").replace("特定的穴位", "特定的穴道"),
                      encoding="utf-8")
    result = run(tmp_path, "check", "--select", "G")
    path = "locales/zh_Hans/LC_MESSAGES/how-does-acupuncture-work.po"
    assert result.lines == [
        f"{path}:40:1: G002 discouraged form '穴道' of term acupuncture-point: prefer '穴位' "
        "(colloquial; write 穴位)",
        f"{path}:110:1: G001 forbidden form '陽' of term yang: write '阳' "
        "(Traditional character in a Simplified text; write 阳)",
        f"{path}:110:1: G003 term yin-and-yang ('Yin and Yang') is not translated as the "
        "glossary says: expected '阴阳' or '阴与阳'",
        "Found 1 error and 2 warnings in 2 files.",
    ]


def test_the_shipped_project_passes_its_own_check() -> None:
    result = run(ROOT, "check")
    assert result.code == 0
    assert result.lines[-1].startswith("Found 0 errors")
