"""Catalogues: templates from segments, merges that lose nothing, valid gettext files."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from locpipe.catalogue.merge import merge
from locpipe.catalogue.template import creation_date, new_catalogue, template
from locpipe.errors import LocpipeError
from locpipe.jobs.work import write_catalogue
from locpipe.markdown.segment import segment_text
from locpipe.po.reader import read_catalogue
from locpipe.po.state import counts, messages_of, translations
from pipeline_support import POT, ZH_PO, Run, msgcat, msgfmt, needs_gettext, write_files

Runner = Callable[..., Run]
SOURCE = "---\ntitle: Guide\n---\n\nSame text.\n\n- Same text.\n\nOther text.\n"


def pot_of(text: str) -> polib.POFile:
    return template(segment_text(text, "content/a.md"))


def old_catalogue(*entries: polib.POEntry) -> polib.POFile:
    po = new_catalogue(pot_of(""), "zh_Hans")
    for entry in entries:
        po.append(entry)
    return po


def by_msgid(po: polib.POFile, obsolete: bool = False) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in po if e.obsolete == obsolete}


class TestTemplate:
    def test_one_entry_per_distinct_text_in_source_order(self) -> None:
        pot = pot_of(SOURCE)
        assert [(e.msgctxt, e.msgid) for e in pot] == [
            ("title", "Guide"), (None, "Same text."), (None, "Other text.")]
        same = pot[1]
        assert same.occurrences == [("content/a.md", "5"), ("content/a.md", "7")]
        assert same.comment == "paragraph, list item"
        assert all(e.msgstr == "" for e in pot)

    def test_hints_become_extracted_comments(self) -> None:
        doc = segment_text(SOURCE, "content/a.md")
        pot = template(doc, lambda text: ["Glossary: x"] if "Other" in text else [])
        assert by_msgid(pot)["Other text."].comment == "paragraph\nGlossary: x"

    def test_source_date_epoch_fixes_the_dates(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1779235200")
        assert creation_date() == "2026-05-20 00:00+0000"
        assert pot_of(SOURCE).metadata["POT-Creation-Date"] == "2026-05-20 00:00+0000"

    def test_new_catalogue_header(self) -> None:
        po = new_catalogue(pot_of(SOURCE), "zh_Hans")
        assert po.metadata["Language"] == "zh_Hans"
        assert po.metadata["Language-Team"] == "Chinese (Simplified)"
        assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
        assert "Generated-By" not in po.metadata


class TestMerge:
    def test_nothing_old_gives_an_empty_translation(self) -> None:
        po = merge(pot_of(SOURCE), None, "zh_Hans")
        assert [e.msgid for e in po] == ["Guide", "Same text.", "Other text."]
        assert counts(po) == {"translated": 0, "fuzzy": 0, "untranslated": 3}

    def test_unchanged_text_keeps_translation_comments_and_flags(self) -> None:
        old = old_catalogue(polib.POEntry(msgid="Same text.", msgstr="同样的文字。",
                                          tcomment="checked by Li", flags=["no-c-format"]))
        entry = by_msgid(merge(pot_of(SOURCE), old, "zh_Hans"))["Same text."]
        assert (entry.msgstr, entry.tcomment, entry.flags) == (
            "同样的文字。", "checked by Li", ["no-c-format"])
        assert entry.occurrences == [("content/a.md", "5"), ("content/a.md", "7")]

    def test_changed_text_gets_a_fuzzy_translation_with_the_previous_msgid(self) -> None:
        old = old_catalogue(polib.POEntry(msgid="Other texts.", msgstr="其他文字。",
                                          tcomment="note"),
                            polib.POEntry(msgid="Same text.", msgstr="同样的文字。"))
        merged = merge(pot_of(SOURCE), old, "zh_Hans")
        entry = by_msgid(merged)["Other text."]
        assert entry.msgstr == "其他文字。"
        assert entry.flags == ["fuzzy"]
        assert entry.previous_msgid == "Other texts."
        assert entry.tcomment == "note"
        assert by_msgid(merged, obsolete=True) == {}
        assert counts(merged)["fuzzy"] == 1

    def test_dissimilar_text_is_not_a_fuzzy_match(self) -> None:
        old = old_catalogue(polib.POEntry(msgid="Completely unrelated words here", msgstr="无关"))
        merged = merge(pot_of(SOURCE), old, "zh_Hans")
        assert by_msgid(merged)["Other text."].msgstr == ""
        assert by_msgid(merged, obsolete=True)["Completely unrelated words here"].msgstr == "无关"

    def test_removed_text_becomes_obsolete_with_its_translation(self) -> None:
        old = old_catalogue(polib.POEntry(msgid="Gone paragraph about needles.", msgstr="删除",
                                          occurrences=[("content/a.md", "9")]),
                            polib.POEntry(msgid="Never translated", msgstr=""))
        obsolete = by_msgid(merge(pot_of(SOURCE), old, "zh_Hans"), obsolete=True)
        assert list(obsolete) == ["Gone paragraph about needles."]
        assert obsolete["Gone paragraph about needles."].msgstr == "删除"
        assert obsolete["Gone paragraph about needles."].occurrences == []

    def test_an_obsolete_entry_revives_when_its_text_comes_back(self) -> None:
        revived = polib.POEntry(msgid="Other text.", msgstr="其他文字。", obsolete=True)
        merged = merge(pot_of(SOURCE), old_catalogue(revived), "zh_Hans")
        entry = by_msgid(merged)["Other text."]
        assert (entry.msgstr, entry.flags, entry.obsolete) == ("其他文字。", [], False)
        assert by_msgid(merged, obsolete=True) == {}

    def test_front_matter_entries_match_by_context_too(self) -> None:
        old = old_catalogue(polib.POEntry(msgid="Guide", msgstr="指南", msgctxt="title"),
                            polib.POEntry(msgid="Guide", msgstr="导游"))
        merged = merge(pot_of(SOURCE), old, "zh_Hans")
        assert [(e.msgctxt, e.msgstr) for e in merged if e.msgid == "Guide"] == [
            ("title", "指南"), (None, "导游")]
        assert next(e for e in merged if e.msgid == "Guide" and e.msgctxt is None).obsolete

    def test_publishable_translations_are_active_translated_and_not_fuzzy(self) -> None:
        po = old_catalogue(
            polib.POEntry(msgid="a", msgstr="甲"),
            polib.POEntry(msgid="b", msgstr="乙", flags=["fuzzy"]),
            polib.POEntry(msgid="c", msgstr=""),
            polib.POEntry(msgid="d", msgstr="丁", obsolete=True),
            polib.POEntry(msgid="e", msgstr="戊", msgctxt="title"),
        )
        assert translations(messages_of(po)) == {
            (None, "a"): "甲", ("title", "e"): "戊"}
        assert counts(po) == {"translated": 2, "fuzzy": 1, "untranslated": 1}


class TestReadAndWrite:
    def test_a_syntax_error_names_the_file_and_line(self, tmp_path: Path) -> None:
        path = write_files(tmp_path, {"a.po": 'msgid ""\nmsgstr ""\n\nmsgid "x"\nmsgstr "y\n'})
        with pytest.raises(LocpipeError) as caught:
            read_catalogue(path / "a.po")
        assert caught.value.line == 5
        assert caught.value.message.startswith("cannot parse catalogue")

    def test_the_header_language_must_match_the_folder(self, tmp_path: Path) -> None:
        write_files(tmp_path, {"a.po": 'msgid ""\nmsgstr ""\n"Language: de\\n"\n'})
        with pytest.raises(LocpipeError) as caught:
            read_catalogue(tmp_path / "a.po", "zh_Hans")
        assert caught.value.line == 3
        assert "Language: de" in caught.value.message

    def test_a_duplicate_entry_is_refused(self, tmp_path: Path) -> None:
        text = 'msgid ""\nmsgstr ""\n\nmsgid "x"\nmsgstr "1"\n\nmsgid "x"\nmsgstr "2"\n'
        write_files(tmp_path, {"a.po": text})
        with pytest.raises(LocpipeError) as caught:
            read_catalogue(tmp_path / "a.po")
        assert "duplicate entry" in caught.value.message

    def test_latin1_is_refused(self, tmp_path: Path) -> None:
        write_files(tmp_path, {"a.po": 'msgid "caf\xe9"\nmsgstr ""\n'.encode("latin-1")})
        with pytest.raises(LocpipeError, match="not UTF-8"):
            read_catalogue(tmp_path / "a.po")

    def test_a_file_whose_only_change_is_its_date_is_left_untouched(
            self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        path = tmp_path / "a.pot"
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1779235200")
        assert write_catalogue(pot_of(SOURCE), path, 79)
        before = (path.read_bytes(), path.stat().st_mtime_ns)
        os.utime(path, ns=(before[1] - 10**9, before[1] - 10**9))
        before = (path.read_bytes(), path.stat().st_mtime_ns)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
        assert not write_catalogue(pot_of(SOURCE), path, 79)
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before
        assert write_catalogue(pot_of(SOURCE + "\nNew text.\n"), path, 79)
        assert b"POT-Creation-Date: 2027-01-15 08:00+0000" in path.read_bytes()


@needs_gettext
class TestGettextAgrees:
    """What extract and update write is valid for msgfmt, and msgcat rewrites none of it."""

    @pytest.mark.parametrize("wrap", [79, None])
    def test_article_catalogues(self, project: Path, run: Runner, wrap: int | None) -> None:
        if wrap is None:
            config = project / "locpipe.yaml"
            settings = config.read_text(encoding="utf-8")
            config.write_text(settings.replace("wrap: 79", "wrap: false"), encoding="utf-8")
        run("extract")
        run("update")
        for relative in (POT, ZH_PO):
            path = project / relative
            checked = msgfmt(path)
            assert checked.returncode == 0, checked.stderr
            assert msgcat(path, wrap) == path.read_bytes(), relative
        if wrap is None:  # the long paragraphs are on one line each
            for relative in (POT, ZH_PO):
                lines = (project / relative).read_text(encoding="utf-8").split("\n")
                assert any(len(line) > 79 for line in lines)

    def test_a_catalogue_with_fuzzy_and_obsolete_entries(self, project: Path, run: Runner) -> None:
        run("extract")
        run("update")
        article = project / "content" / "how-does-acupuncture-work.md"
        text = article.read_text(encoding="utf-8")
        first = "Have you ever wondered how inserting"
        text = text.replace(first, "Have you ever asked yourself how inserting")
        text = text.replace("> Please note:", "> Note:")
        text = "\n".join(line for line in text.split("\n") if not line.startswith("This is one"))
        article.write_text(text, encoding="utf-8")
        run("extract")
        run("update")
        path = project / ZH_PO
        written = path.read_text(encoding="utf-8")
        assert "#, fuzzy\n#| msgid" in written and "\n#~ msgid" in written
        checked = msgfmt(path)
        assert checked.returncode == 0, checked.stderr
        assert msgcat(path, 79) == path.read_bytes()
