"""A derived locale on real files through the command line: zh_Hant from zh_Hans.

Each test runs `extract` and `update` as a person would, edits the catalogues as a
translator's tool would (polib, which rewrites the whole file), and reads what
`update` wrote. The `run` fixture checks every catalogue with `msgfmt --check`
after each `extract` and `update`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from locpipe.catalogue.convert import opencc_converter
from locpipe.po.state import (
    DERIVED_NOTE,
    REVIEWED_NOTE,
    ReviewState,
    derivation_note,
    digest,
    is_derived,
    review_counts,
)
from pipeline_support import (
    GETTEXT,
    Run,
    entry,
    msgcat,
    needs_gettext,
    translate,
    write_files,
)

Runner = Callable[..., Run]

SOURCE = """\
---
title: A guide to needles
---

Acupuncture regulates the flow of Qi.

It improves local blood circulation.

Software people call this a loop.

A paragraph nobody has translated yet.
"""
HANS = "locales/zh_Hans/LC_MESSAGES/guide.po"
HANT = "locales/zh_Hant/LC_MESSAGES/guide.po"
QI = "Acupuncture regulates the flow of Qi."
LOCAL = "It improves local blood circulation."
LOOP = "Software people call this a loop."
NOBODY = "A paragraph nobody has translated yet."
TITLE = "A guide to needles"
ZH = {QI: "针灸调节“气”的运行。", LOCAL: "它能改善局部血液循环。",
      LOOP: "软件工程师把这叫作循环。", TITLE: "针具指南"}
CONFIG = "locales: [zh_Hans, zh_Hant]\nderive: {zh_Hant: {from: zh_Hans, convert: s2twp}}\n"
GLOSSARY = Path(__file__).resolve().parent.parent / "glossary"


@pytest.fixture
def guide(tmp_path: Path, run: Runner) -> Path:
    """A project deriving zh_Hant, with zh_Hans translated but for one paragraph."""
    files: dict[str, str | bytes] = {"locpipe.yaml": CONFIG, "content/guide.md": SOURCE}
    for path in sorted(GLOSSARY.glob("*.yaml")):
        files[f"glossary/{path.name}"] = path.read_bytes()
    root = write_files(tmp_path / "guide", files)
    sync(root, run)
    translate(root / HANS, ZH)
    run("update", root=root)
    return root


def sync(root: Path, run: Runner) -> None:
    run("extract", root=root)
    run("update", root=root)


def edit(root: Path, old: str, new: str) -> None:
    article = root / "content" / "guide.md"
    article.write_text(article.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def hant(root: Path, msgid: str) -> polib.POEntry:
    return entry(root / HANT, msgid)


def notes(found: polib.POEntry) -> list[str]:
    return str(found.comment).splitlines()


def test_publishable_entries_are_converted_and_marked_as_derived(guide: Path) -> None:
    qi = hant(guide, QI)
    assert qi.msgstr == "針灸調節「氣」的運行。"  # s2twp alone writes 執行 and leaves “”
    assert opencc_converter("s2twp").convert(ZH[QI]) == "針灸調節“氣”的執行。"
    assert qi.flags == []
    note = (f"derived from zh_Hans by OpenCC s2twp (source {digest(ZH[QI])}, "
            f"text {digest(qi.msgstr)})")
    assert note in notes(qi)
    assert is_derived(qi)
    assert hant(guide, TITLE).msgstr == "針具指南"
    assert hant(guide, NOBODY).msgstr == ""
    assert not any(line.startswith(DERIVED_NOTE) for line in notes(hant(guide, NOBODY)))


def test_the_glossary_overrides_what_opencc_writes(guide: Path) -> None:
    """s2twp writes 迴圈 (a program loop) and 區域性; the glossary's zh_Hant forms win."""
    assert opencc_converter("s2twp").convert(ZH[LOCAL]) == "它能改善區域性血液迴圈。"
    assert hant(guide, LOCAL).msgstr == "它能改善局部血液循環。"
    assert hant(guide, LOOP).msgstr == "軟體工程師把這叫作循環。"  # the rest is s2twp's


def test_fuzzy_and_untranslated_stay_so(guide: Path, run: Runner) -> None:
    translate(guide / HANS, {LOOP: "软件工程师把这叫作循环。"}, fuzzy=(LOOP,))
    run("update", root=guide)
    loop = hant(guide, LOOP)
    assert "fuzzy" in loop.flags
    assert loop.msgstr == "軟體工程師把這叫作循環。"
    assert not is_derived(loop) or "fuzzy" in loop.flags
    assert hant(guide, NOBODY).msgstr == ""
    counts = review_counts(polib.pofile(str(guide / HANT)))
    assert counts == {"derived": 3, "reviewed": 0, "fuzzy": 1, "untranslated": 1}


def test_a_derived_entry_follows_a_changed_source_translation(guide: Path, run: Runner) -> None:
    translate(guide / HANS, {QI: "针灸调节“气”的运行与平衡。"})
    run("update", root=guide)
    qi = hant(guide, QI)
    assert qi.msgstr == "針灸調節「氣」的運行與平衡。"
    assert qi.flags == []
    assert is_derived(qi)


def test_a_derived_entry_follows_a_changed_english_text(guide: Path, run: Runner) -> None:
    edit(guide, QI, "Acupuncture regulates the flow of Qi in the body.")
    sync(guide, run)
    moved = hant(guide, "Acupuncture regulates the flow of Qi in the body.")
    assert "fuzzy" in moved.flags  # zh_Hans is fuzzy too: a pre-filled translation
    assert moved.previous_msgid == QI
    assert moved.msgstr == "針灸調節「氣」的運行。"
    assert "fuzzy" in entry(guide / HANS, "Acupuncture regulates the flow of Qi in the body."
                            ).flags


def test_a_reviewers_edit_survives_and_becomes_fuzzy_when_the_source_changes(
        guide: Path, run: Runner) -> None:
    reviewed = "它能改善局部的血液循環。"
    translate(guide / HANT, {LOCAL: reviewed})
    run("update", root=guide)
    kept = hant(guide, LOCAL)
    assert (kept.msgstr, kept.flags) == (reviewed, [])
    assert f"{REVIEWED_NOTE}zh_Hans (source {digest(ZH[LOCAL])})" in notes(kept)
    assert not is_derived(kept)

    translate(guide / HANS, {LOCAL: "它能显著改善局部血液循环。"})
    run("update", root=guide)
    stale = hant(guide, LOCAL)
    assert stale.msgstr == reviewed  # never overwritten
    assert "fuzzy" in stale.flags
    assert ("the source changed since the review; converted, it now reads: "
            "它能顯著改善局部血液循環。") in notes(stale)

    run("update", root=guide)  # nothing changed: nothing moves
    assert hant(guide, LOCAL).msgstr == reviewed

    po = polib.pofile(str(guide / HANT), wrapwidth=0)  # the reviewer accepts it
    next(e for e in po if e.msgid == LOCAL).flags.remove("fuzzy")
    po.save()
    run("update", root=guide)
    accepted = hant(guide, LOCAL)
    assert (accepted.msgstr, accepted.flags) == (reviewed, [])
    assert not any(line.startswith("the source changed") for line in notes(accepted))


def test_removing_the_note_makes_the_converted_text_reviewed(guide: Path, run: Runner) -> None:
    """A reviewer who agrees with the conversion pins it by deleting its note."""
    path = guide / HANT
    po = polib.pofile(str(path), wrapwidth=0)
    qi = next(e for e in po if e.msgid == QI)
    qi.comment = "\n".join(n for n in notes(qi) if not n.startswith(DERIVED_NOTE))
    po.save()
    run("update", root=guide)
    translate(guide / HANS, {QI: "针灸调节气的运行。"})
    run("update", root=guide)
    pinned = hant(guide, QI)
    assert pinned.msgstr == "針灸調節「氣」的運行。"
    assert "fuzzy" in pinned.flags
    assert derivation_note(pinned) is not None


def test_status_shows_derived_apart_from_reviewed(guide: Path, run: Runner) -> None:
    translate(guide / HANT, {LOCAL: "它能改善局部的血液循環。"})
    run("update", root=guide)
    counts = review_counts(polib.pofile(str(guide / HANT)))
    assert counts == {ReviewState.DERIVED.value: 3, ReviewState.REVIEWED.value: 1,
                      ReviewState.FUZZY.value: 0, ReviewState.UNTRANSLATED.value: 1}
    out = run("status", root=guide).out.splitlines()
    assert out[0].split()[:8] == ["ARTICLE", "LOCALE", "TRANSLATED", "DERIVED", "REVIEWED",
                                  "FUZZY", "UNTRANSLATED", "TOTAL"]
    row = next(line for line in out if "zh_Hant" in line).split()
    assert row[:8] == ["guide", "zh_Hant", "4", "3", "1", "0", "1", "5"]
    hans = next(line for line in out if "zh_Hans" in line).split()
    assert hans[:8] == ["guide", "zh_Hans", "4", "-", "-", "0", "1", "5"]


def test_quotes_can_stay_curly(guide: Path, run: Runner) -> None:
    (guide / "locpipe.yaml").write_text(CONFIG.replace("s2twp}", "s2twp, quotes: keep}"),
                                        encoding="utf-8")
    run("update", root=guide)
    assert hant(guide, QI).msgstr == "針灸調節“氣”的運行。"


@needs_gettext
@pytest.mark.parametrize("wrap", [79, None])
def test_the_derived_catalogue_is_what_msgcat_writes(guide: Path, run: Runner,
                                                     wrap: int | None) -> None:
    assert GETTEXT
    if wrap is None:
        (guide / "locpipe.yaml").write_text(CONFIG + "wrap: false\n", encoding="utf-8")
    translate(guide / HANT, {LOCAL: "它能改善局部的血液循環。"})
    run("update", root=guide)
    path = guide / HANT
    assert msgcat(path, wrap) == path.read_bytes()
