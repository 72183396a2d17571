"""Chinese typography rules (T001-T007): what they flag, and what they must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks_support import check_entry

TYPOGRAPHY = ("T001", "T002", "T003", "T004", "T005", "T006", "T007")


@pytest.mark.parametrize("msgstr", [
    "他说 Hello, world! 然后离开。",          # half-width inside embedded English
    "剂量为 3.5 毫克，时间是 10:30。",        # numbers
    "见[链接](https://example.org/a,b?c=1;d)。",  # URL
    "运行 `a,b;c` 命令。",                     # code
    "这是 body's 能量。",                      # apostrophe in English
    "针灸——这并非想象……",                    # two-em dash and ellipsis
    "有 50% 的人在 5°C 下。",                  # no space before % or °
    "在 **LeanCloud** 上。",                   # space outside emphasis
    "1. 恢复身体的“交通流”：改善循环与能量平衡",
], ids=["english", "numbers", "url", "code", "apostrophe", "dash", "percent", "emphasis",
        "numbered-heading"])
@pytest.mark.parametrize("code", TYPOGRAPHY)
def test_good_chinese_is_not_flagged(tmp_path: Path, code: str, msgstr: str) -> None:
    assert check_entry(tmp_path, "Source text here.", msgstr, code) == []


@pytest.mark.parametrize("code", TYPOGRAPHY)
def test_only_chinese_locales_are_checked(tmp_path: Path, code: str) -> None:
    bad = '真的吗？？"a"b,c(d)好…——１ 。LeanCloud上'
    assert check_entry(tmp_path / "de", "Really?", bad, code, locale="de") == []
    assert check_entry(tmp_path / "zh", "Really?", bad, code, locale="zh_Hant") != []


def test_spacing_is_judged_across_emphasis_and_code(tmp_path: Path) -> None:
    assert check_entry(tmp_path, "On Qi, run `x`.", "在**Qi**上运行`x`。", "T002") == [
        "no space between Chinese and Latin text: '在Qi上运行`…`。'; put one space between them"]


def test_spacing_convention_can_be_reversed(tmp_path: Path) -> None:
    config = "checks:\n  cjk_latin_spacing: false\n"
    assert check_entry(tmp_path / "a", "On LeanCloud.", "在LeanCloud上。", "T002",
                       config=config) == []
    assert check_entry(tmp_path / "b", "On LeanCloud.", "在 LeanCloud 上。", "T002",
                       config=config) == [
        "space between Chinese and Latin text: '在 LeanCloud 上。'; "
        "remove it (the profile sets spacing: forbid)"]


def test_many_places_are_summarised(tmp_path: Path) -> None:
    [message] = check_entry(tmp_path, "x", "甲,乙乙乙,丙丙丙,丁丁丁,戊", "T001")
    assert message == ("half-width punctuation in Chinese text: '甲,乙', '乙,丙', '丙,丁'"
                       " and 1 more; use full-width ，。；：！？（）")


@pytest.mark.parametrize(("msgstr", "code", "expected"), [
    ("使用 `use...Store()` 或 use...Store 函数", "T007", []),
    ("开始。 :::", "T004", []),
    ("开始。 :::", "T001", []),
    ("好吗??", "T004", ["repeated punctuation: '吗??'; write one mark"]),
    ("想象...", "T007", ["ellipsis or dash in a Western form: '象...'; write …… or ——"]),
], ids=["ellipsis-in-english", "container-fence", "container-colon", "ascii-repeat",
        "ellipsis-after-chinese"])
def test_marks_that_are_not_chinese_punctuation(tmp_path: Path, msgstr: str, code: str,
                                                 expected: list[str]) -> None:
    assert check_entry(tmp_path, "Source text here.", msgstr, code) == expected


@pytest.mark.parametrize(("config", "msgstr", "expected"), [
    ("", "能量(HTML)的", ["half-width punctuation in Chinese text: '量(HTML)的'; "
                        "use full-width ，。；：！？（）"]),
    ("checks:\n  typography: {zh_Hans: copywriting}\n", "能量(HTML)的", []),
    ("checks:\n  typography: {zh_Hans: copywriting}\n", "能量(例如 HTML)的",
     ["half-width punctuation in Chinese text: '量(例', 'HTML)的'; "
      "use full-width ，。；：！？（）"]),
    ("checks:\n  typography: {zh_Hans: {profile: copywriting, parentheses: any}}\n",
     "能量(例如 HTML)的", []),
    ("checks:\n  typography: {zh_Hans: {punctuation: false}}\n", "能量,好", []),
], ids=["gb-t-15834", "copywriting-latin", "copywriting-chinese", "parentheses-any",
        "punctuation-off"])
def test_profiles_decide_t001(tmp_path: Path, config: str, msgstr: str,
                              expected: list[str]) -> None:
    assert check_entry(tmp_path, "Source text here.", msgstr, "T001", config=config) == expected


def test_zh_hant_tw_wants_corner_quotes(tmp_path: Path) -> None:
    assert check_entry(tmp_path / "a", "The “Qi”.", "所謂“氣”的流動", "T003",
                       locale="zh_Hant") == [
        "quotes the zh-Hant-TW profile does not use: '謂“氣”的'; use 「 」 or 『 』"]
    assert check_entry(tmp_path / "b", "The “Qi”.", "所謂「氣」的流動", "T003",
                       locale="zh_Hant") == []
    assert check_entry(tmp_path / "c", "The “Qi”.", "所谓“气”的流动", "T003") == []


@pytest.mark.parametrize(("msgid", "msgstr", "expected"), [
    # A quoted value copied from the source as it is: a string, not a quotation.
    ('The store is named "counter", so:', '这个 store 的名字是 "counter"，所以：', []),
    ("Pass 'auto' here.", "这里传入 'auto'。", []),
    # The same quotes around a value the source does not quote, or around Chinese.
    ("The store is named counter, so:", '这个 store 的名字是 "counter"，所以：',
     ["ASCII quote in Chinese text: '是 \"counter\"，'; use “ ” or ‘ ’"]),
    ('The store is named "counter", so:', '这个 store 的名字是 "计数器"，所以：',
     ["ASCII quote in Chinese text: '是 \"计', '器\"，'; use “ ” or ‘ ’"]),
], ids=["copied-value", "copied-single", "not-in-source", "translated-value"])
def test_quoted_values_copied_from_the_source(tmp_path: Path, msgid: str, msgstr: str,
                                              expected: list[str]) -> None:
    assert check_entry(tmp_path, msgid, msgstr, "T003") == expected
