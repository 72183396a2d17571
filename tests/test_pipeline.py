"""extract, update and build on real files: golden output, determinism, no lost work.

Golden files: tests/golden/article/ holds what extract, update and build make
of a copy of the shipped project (article, glossary, locpipe.yaml and Chinese
catalogue) with SOURCE_DATE_EPOCH=1779235200. When a change to the output is
intended, rewrite them and review the diff before committing:

    LOCPIPE_REGEN_GOLDEN=1 .venv/bin/python -m pytest tests/test_pipeline.py -k golden
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
import yaml

from locpipe.po.state import is_derived
from pipeline_support import (
    ARTICLE,
    HANT_PO,
    POT,
    ROOT,
    SLUG,
    ZH_PO,
    Run,
    block_structure,
    copy_project,
    entry,
    invoke,
    snapshot,
    split_front_matter,
    translate,
    write_files,
)

Runner = Callable[..., Run]
GOLDEN = Path(__file__).parent / "golden" / "article"
OUTPUTS = {
    f"{SLUG}.pot": POT,
    f"en/{SLUG}.md": f"build/site/en/{SLUG}.md",
    f"zh-Hans/{SLUG}.md": f"build/site/zh-Hans/{SLUG}.md",
    f"zh_Hant/{SLUG}.po": HANT_PO,
    f"zh-Hant/{SLUG}.md": f"build/site/zh-Hant/{SLUG}.md",
    "manifest.json": "build/site/manifest.json",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project after extract, update and build (shared: it is only read)."""
    root = copy_project(tmp_path_factory.mktemp("golden"))
    for command in ("extract", "update", "build"):
        result = invoke(root, command)
        assert result.code == 0, result.err
    return root


@pytest.mark.parametrize("name", list(OUTPUTS))
def test_golden(built: Path, name: str) -> None:
    produced = (built / OUTPUTS[name]).read_bytes()
    golden = GOLDEN / name
    if os.environ.get("LOCPIPE_REGEN_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(produced)
        pytest.skip(f"rewrote {golden.relative_to(Path(__file__).parent)}: review the diff")
    assert produced.decode("utf-8") == golden.read_text(encoding="utf-8")
    assert produced == golden.read_bytes()


def test_golden_editions_say_what_a_site_needs() -> None:
    """What a reviewer checked by eye in the golden editions, kept as assertions."""
    en, en_body = split_front_matter((GOLDEN / f"en/{SLUG}.md").read_text(encoding="utf-8"))
    zh, zh_body = split_front_matter((GOLDEN / f"zh-Hans/{SLUG}.md").read_text(encoding="utf-8"))
    hant, hant_body = split_front_matter(
        (GOLDEN / f"zh-Hant/{SLUG}.md").read_text(encoding="utf-8"))
    assert en["title"] == "How Does Acupuncture Work?"
    assert en["description"] == "Ancient Wisdom Meets Modern Science"
    assert zh["title"] == "针灸是如何起效的？"
    assert zh["description"] == "古老智慧与现代科学的交汇"
    assert hant["title"] == "針灸是如何起效的？"
    assert hant["description"] == "古老智慧與現代科學的交匯"
    for meta, lang in ((en, "en"), (zh, "zh-Hans"), (hant, "zh-Hant")):
        assert meta["lang"] == lang
        assert meta["translation_key"] == SLUG
        assert meta["source_lang"] == "en"
        assert meta["completeness"] == 1.0
        assert isinstance(meta["reading_time_minutes"], int)
        assert 1 <= meta["reading_time_minutes"] <= 10
    assert (en["date_display"], zh["date_display"], hant["date_display"]) == (
        "May 20, 2026", "2026年5月20日", "2026年5月20日")
    source = (ROOT / ARTICLE).read_text(encoding="utf-8")
    assert en_body == source[source.index("\n---\n") + 5:]
    assert block_structure(zh_body) == block_structure(en_body)
    assert block_structure(hant_body) == block_structure(en_body)
    assert "「氣」" in hant_body and "“" not in hant_body and "”" not in hant_body
    manifest = yaml.safe_load((GOLDEN / "manifest.json").read_text(encoding="utf-8"))
    assert [loc["name"] for loc in manifest["locales"]] == [
        "English", "中文（简体）", "中文（繁體）"]
    assert [e["path"] for e in manifest["articles"][0]["editions"]] == [
        f"en/{SLUG}.md", f"zh-Hans/{SLUG}.md", f"zh-Hant/{SLUG}.md"]
    pot = (GOLDEN / f"{SLUG}.pot").read_text(encoding="utf-8")
    assert '"POT-Creation-Date: 2026-05-20 00:00+0000\\n"' in pot


class TestDeterminism:
    def test_source_date_epoch_is_honoured(self, project: Path, run: Runner) -> None:
        run("extract", env={"SOURCE_DATE_EPOCH": "1800000000"})
        assert '"POT-Creation-Date: 2027-01-15 08:00+0000\\n"' in (project / POT).read_text()

    def test_extract_and_update_twice_change_no_byte(self, project: Path, run: Runner) -> None:
        # a new locale too, so update creates a catalogue rather than only reading one
        config = project / "locpipe.yaml"
        config.write_text(config.read_text().replace("[zh_Hans]", "[zh_Hans, de]"))
        run("extract")
        run("update")
        before = snapshot(project)
        run("extract")
        run("update")
        assert snapshot(project) == before

    def test_a_change_of_date_alone_rewrites_nothing(self, project: Path, run: Runner) -> None:
        run("extract")
        run("update")
        locales = snapshot(project / "locales")
        shutil.rmtree(project / ".locpipe-cache", ignore_errors=True)  # no shortcut
        run("extract", env={"SOURCE_DATE_EPOCH": "1800000000"})
        run("update", env={"SOURCE_DATE_EPOCH": "1800000000"})
        assert snapshot(project / "locales") == locales

    def test_build_twice_changes_no_byte(self, project: Path, run: Runner) -> None:
        run("extract")
        run("update")
        run("build")
        before = snapshot(project / "build")
        shutil.rmtree(project / ".locpipe-cache", ignore_errors=True)
        run("build")
        assert snapshot(project / "build") == before


def test_build_never_writes_under_locales(project: Path, run: Runner) -> None:
    run("extract")
    run("update")
    po = project / ZH_PO
    translate(po, {"Ancient Wisdom Meets Modern Science": "# 古老智慧\n\n与现代科学"})
    before = snapshot(project / "locales")
    run("build")
    run("build", "--locale", "zh_Hans")
    assert snapshot(project / "locales") == before


# Update without loss: real files, the command line, one scenario after another.

SOURCE = """\
---
title: A guide to needles
---

Keep this paragraph exactly as it is.

The needles are inserted into the skin at specific points.

This paragraph will be removed in the next version.

A paragraph nobody has translated yet.
"""
PO = "locales/zh_Hans/LC_MESSAGES/guide.po"
KEEP = "Keep this paragraph exactly as it is."
CHANGE = "The needles are inserted into the skin at specific points."
CHANGED = "The needles are inserted into the skin at certain points."
REMOVE = "This paragraph will be removed in the next version."
UNTRANSLATED = "A paragraph nobody has translated yet."
ZH = {KEEP: "这段保持不变。", CHANGE: "针刺入皮肤的特定部位。", REMOVE: "这段下一版会删除。",
      "A guide to needles": "针具指南"}


@pytest.fixture
def guide(tmp_path: Path, run: Runner) -> Path:
    """A one-article project, extracted, updated and translated (all but one paragraph)."""
    root = write_files(tmp_path / "guide", {"locpipe.yaml": "locales: [zh_Hans]\n",
                                            "content/guide.md": SOURCE})
    run("extract", root=root)
    run("update", root=root)
    translate(root / PO, ZH)
    po = (root / PO).read_text(encoding="utf-8")
    po = po.replace(f'msgid "{KEEP}"', f'# reviewed by Li\n#, no-c-format\nmsgid "{KEEP}"')
    (root / PO).write_text(po, encoding="utf-8")
    return root


def edit(root: Path, old: str, new: str) -> None:
    article = root / "content" / "guide.md"
    text = article.read_text(encoding="utf-8")
    assert old in text
    article.write_text(text.replace(old, new), encoding="utf-8")


def sync(root: Path, run: Runner) -> None:
    run("extract", root=root)
    run("update", root=root)


class TestUpdateLosesNothing:
    def test_unchanged_text_keeps_its_translation_comment_and_flags(self, guide: Path,
                                                                     run: Runner) -> None:
        edit(guide, CHANGE, CHANGED)
        sync(guide, run)
        kept = entry(guide / PO, KEEP)
        assert (kept.msgstr, kept.tcomment, kept.flags) == (ZH[KEEP], "reviewed by Li",
                                                            ["no-c-format"])

    def test_a_changed_paragraph_is_prefilled_fuzzy_with_the_old_text(self, guide: Path,
                                                                       run: Runner) -> None:
        edit(guide, CHANGE, CHANGED)
        sync(guide, run)
        fuzzy = entry(guide / PO, CHANGED)
        assert (fuzzy.msgstr, fuzzy.flags, fuzzy.previous_msgid) == (ZH[CHANGE], ["fuzzy"],
                                                                      CHANGE)
        assert f'#, fuzzy\n#| msgid "{CHANGE}"\nmsgid "{CHANGED}"' in (guide / PO).read_text()

    def test_a_removed_paragraph_becomes_obsolete_with_its_translation(self, guide: Path,
                                                                       run: Runner) -> None:
        edit(guide, REMOVE + "\n\n", "")
        sync(guide, run)
        assert entry(guide / PO, REMOVE, obsolete=True).msgstr == ZH[REMOVE]
        assert f'#~ msgid "{REMOVE}"\n#~ msgstr "{ZH[REMOVE]}"' in (guide / PO).read_text()

    def test_an_obsolete_entry_revives_when_its_text_comes_back(self, guide: Path,
                                                                run: Runner) -> None:
        edit(guide, REMOVE + "\n\n", "")
        sync(guide, run)
        edit(guide, KEEP, f"{KEEP}\n\n{REMOVE}")
        sync(guide, run)
        revived = entry(guide / PO, REMOVE)
        assert (revived.msgstr, revived.flags) == (ZH[REMOVE], [])
        assert "#~" not in (guide / PO).read_text()

    def test_untranslated_and_fuzzy_text_falls_back_to_the_source(self, guide: Path,
                                                                  run: Runner) -> None:
        edit(guide, CHANGE, CHANGED)
        sync(guide, run)
        run("build", root=guide)
        edition = (guide / "build/site/zh-Hans/guide.md").read_text(encoding="utf-8")
        meta, body = split_front_matter(edition)
        assert body == ("\n这段保持不变。\n\n" + CHANGED + "\n\n" + ZH[REMOVE] + "\n\n"
                        + UNTRANSLATED + "\n")
        assert ZH[CHANGE] not in edition  # a fuzzy translation is never published
        assert meta["title"] == "针具指南"
        assert meta["completeness"] == 0.6

    def test_the_edition_follows_the_translators_fix(self, guide: Path, run: Runner) -> None:
        edit(guide, CHANGE, CHANGED)
        sync(guide, run)
        translate(guide / PO, {CHANGED: "针刺入皮肤的某些部位。"})
        po = (guide / PO).read_text(encoding="utf-8")
        (guide / PO).write_text(po.replace(f'#, fuzzy\n#| msgid "{CHANGE}"\n', ""),
                                encoding="utf-8")
        run("build", root=guide)
        edition = (guide / "build/site/zh-Hans/guide.md").read_text(encoding="utf-8")
        assert "\n针刺入皮肤的某些部位。\n" in edition


# Reassembly through build

def test_a_translation_that_breaks_the_structure_is_reported_and_not_used(
        guide: Path, run: Runner) -> None:
    translate(guide / PO, {UNTRANSLATED: "- 列表项", KEEP: "第一段\n\n第二段"})
    po_text = (guide / PO).read_text(encoding="utf-8").split("\n")
    result = run("build", root=guide)

    def line_of(msgid: str) -> int:
        """The entry's `msgstr` line, as msgfmt and check count: what the warning points
        a translator to."""
        index = po_text.index(f'msgid "{msgid}"')
        while not po_text[index].startswith("msgstr"):
            index += 1
        return index + 1

    prefix = f"{PO}:{{}}: warning: translation not used, the source text is kept: "
    assert result.warnings == [
        prefix.format(line_of(KEEP)) + "a blank line would split the block in two "
        "(fix the msgstr)",
        prefix.format(line_of(UNTRANSLATED)) + "it starts with a list marker (`-`, `*`, `+`) "
        "(fix the msgstr)",
    ]
    edition = (guide / "build/site/zh-Hans/guide.md").read_text(encoding="utf-8")
    assert f"\n{KEEP}\n" in edition and f"\n{UNTRANSLATED}\n" in edition
    assert block_structure(edition) == block_structure(SOURCE)
    manifest = json.loads((guide / "build/site/manifest.json").read_text(encoding="utf-8"))
    chinese = manifest["articles"][0]["editions"][1]
    assert (chinese["translated"], chinese["untranslated"], chinese["completeness"]) == (
        3, 2, 0.6)


@pytest.mark.parametrize("title", ["针具: 指南", '"针具"指南', "# 针具", "yes", "2026-05-20",
                                   "[针具]", "针具指南 "])
def test_front_matter_translations_still_parse(guide: Path, run: Runner, title: str) -> None:
    translate(guide / PO, {"A guide to needles": title})
    run("build", root=guide)
    for lang in ("en", "zh-Hans"):
        meta, _ = split_front_matter((guide / f"build/site/{lang}/guide.md").read_text())
        assert meta["title"] == (title if lang == "zh-Hans" else "A guide to needles")
        assert meta["lang"] == lang


def test_byte_order_mark_and_crlf_survive_build(tmp_path: Path, run: Runner) -> None:
    source = ("\ufeff---\r\ntitle: Title\r\n---\r\n\r\n> Quoted\r\n> text\r\n\r\n"
              "Plain  \r\nhard break\r\n").encode()
    root = write_files(tmp_path / "crlf", {"locpipe.yaml": "locales: [de]\n",
                                           "content/a.md": source})
    run("extract", root=root)
    run("update", root=root)
    translate(root / "locales/de/LC_MESSAGES/a.po",
              {"Quoted text": "Zitierter  \nText", "Title": "Titel"})
    run("build", root=root)
    english = (root / "build/site/en/a.md").read_bytes()
    german = (root / "build/site/de/a.md").read_bytes()
    assert english.startswith(b"\xef\xbb\xbf---\r\ntitle: Title\r\nlang: en\r\n")
    assert english.endswith(b"---\r\n" + source.split(b"---\r\n", 2)[2])
    assert german.endswith(b"---\r\n\r\n> Zitierter  \r\n> Text\r\n\r\nPlain  \r\nhard break\r\n")
    assert german.startswith(b"\xef\xbb\xbf---\r\ntitle: Titel\r\n")
    assert b"\n" not in german.replace(b"\r\n", b"")


def test_cjk_soft_breaks_are_joined_in_the_chinese_edition_only(tmp_path: Path,
                                                                run: Runner) -> None:
    source = "Intro.\n\n> 中文段落\n> 第二行\n"
    root = write_files(tmp_path / "cjk", {"locpipe.yaml": "locales: [zh_Hans]\n",
                                          "content/a.md": source})
    run("extract", root=root)
    run("update", root=root)
    run("build", root=root)
    assert split_front_matter((root / "build/site/en/a.md").read_text())[1] == source
    assert split_front_matter((root / "build/site/zh-Hans/a.md").read_text())[1] == (
        "Intro.\n\n> 中文段落第二行\n")


def test_the_shipped_zh_hant_edition_has_every_term_in_its_preferred_form(built: Path) -> None:
    """Every glossary term found in a zh_Hans translation is in the zh_Hant one, in the
    form the glossary gives for zh_Hant, and the check finds nothing."""
    from locpipe.catalogue.convert import glossary_forms
    from locpipe.glossary.terms import load_glossary

    terms = load_glossary(built / "glossary")
    forms = glossary_forms(terms, "zh_Hans", "zh_Hant")
    hans = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(built / ZH_PO))}
    hant = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(built / HANT_PO))}
    seen: set[str] = set()
    for key, text in hans.items():
        for match in terms.matcher("zh_Hans").find(text):
            expected = forms[(match.term_id, match.form)]
            found = {(m.term_id, m.text) for m in terms.matcher("zh_Hant").find(hant[key].msgstr)}
            assert (match.term_id, expected) in found, (match, hant[key].msgstr)
            seen.add(match.term_id)
    assert {"acupuncture", "acupuncture-point", "qi", "qikan-yin", "endorphins"} <= seen
    assert all(is_derived(e) for e in hant.values() if e.msgid)
    checked = invoke(built, "check")
    assert checked.code == 0, checked.out
    assert "Found 0 errors and 0 warnings in 3 files." in checked.out
