"""The glossary matcher: every trap of the TCM glossary, each both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.glossary.matcher import Match, Matcher, Rule, fold, fold_case_kept
from locpipe.glossary.terms import load_glossary

ROOT = Path(__file__).resolve().parent.parent
TCM = load_glossary(ROOT / "glossary")


def found(text: str, locale: str = "en") -> list[tuple[str, str, str]]:
    """(term id, text as found, status) of every match."""
    return [(m.term_id, m.text, m.status) for m in TCM.matcher(locale).find(text)]


def ids(text: str, locale: str = "en") -> list[str]:
    return [m.term_id for m in TCM.matcher(locale).find(text)]


# ------------------------------------------------ longest match, no overlap

def test_qikan_yin_is_the_name_not_the_term_yin() -> None:
    assert found("An article by Qikan Yin.") == [("qikan-yin", "Qikan Yin", "preferred")]


def test_yin_alone_is_the_term() -> None:
    assert found("Yin cools, Yin rests.") == [("yin", "Yin", "preferred")] * 2


def test_yin_and_yang_is_one_term() -> None:
    assert found("the balance of Yin and Yang") == [("yin-and-yang", "Yin and Yang", "preferred")]


def test_yin_or_yang_is_two_terms() -> None:
    assert ids("Yin or Yang") == ["yin", "yang"]


def test_yin_and_yang_across_a_line_break_is_one_term() -> None:
    assert ids("Yin and\nYang") == ["yin-and-yang"]


def test_longer_term_wins_over_the_term_inside_it() -> None:
    assert ids("specific acupuncture points") == ["acupuncture-point"]
    assert ids("acupuncture works") == ["acupuncture"]
    assert ids("the parasympathetic nervous system") == ["parasympathetic-nervous-system"]
    assert ids("the sympathetic nervous system") == ["sympathetic-nervous-system"]
    assert ids("the nervous system") == ["nervous-system"]


def test_longer_chinese_term_wins_over_the_term_inside_it() -> None:
    assert ids("副交感神经系统", "zh_Hans") == ["parasympathetic-nervous-system"]
    assert ids("交感神经系统", "zh_Hans") == ["sympathetic-nervous-system"]
    assert ids("阴阳", "zh_Hans") == ["yin-and-yang"]
    assert ids("阴", "zh_Hans") == ["yin"]


# ------------------------------------------------------- Latin boundaries

@pytest.mark.parametrize("text", ["Qikan", "Qing dynasty", "Qigong", "Qi2", "Taiqi"])
def test_qi_does_not_match_inside_a_latin_word(text: str) -> None:
    assert "qi" not in ids(text)


@pytest.mark.parametrize("text", ["Qi", "(Qi)", "“Qi”", "Qi's flow", "Qi-rich", "气Qi", "Qi。"])
def test_qi_matches_on_latin_boundaries(text: str) -> None:
    assert ids(text, "en").count("qi") == 1


def test_hyphenated_name_form_is_claimed_by_the_name_not_qi() -> None:
    assert found("by Qi-kan Yin") == [("qikan-yin", "Qi-kan Yin", "forbidden")]


# ---------------------------------------------------------- case rules

def test_exact_case_term_in_another_case_is_a_warning() -> None:
    (match,) = TCM.matcher("en").find("QI flows")
    assert (match.status, match.form, match.text) == ("warning", "Qi", "QI")
    assert "case" in match.reason


def test_exact_case_term_in_an_accepted_case_is_not_a_warning() -> None:
    assert found("Qi and qi") == [("qi", "Qi", "preferred"), ("qi", "qi", "variant")]


def test_insensitive_term_matches_in_any_case() -> None:
    assert found("ACUPUNCTURE, Acupuncture") == [("acupuncture", "ACUPUNCTURE", "preferred"),
                                                 ("acupuncture", "Acupuncture", "preferred")]


def test_name_forms_that_differ_only_in_case_keep_their_status() -> None:
    assert found("Qikan Yin, QiKan Yin") == [("qikan-yin", "Qikan Yin", "preferred"),
                                             ("qikan-yin", "QiKan Yin", "forbidden")]


# ---------------------------------------------------- CJK and exceptions

@pytest.mark.parametrize("text", ["天气", "空气", "生气", "气候", "运气", "气功", "氧气"])
def test_qi_inside_an_ordinary_word_is_not_the_term(text: str) -> None:
    assert "qi" not in ids(f"今天{text}很好", "zh_Hans")


@pytest.mark.parametrize(("text", "terms"), [("气的流动", ["qi", "flow-of-qi"]),
                                             ("调节气血", ["qi"]), ("补气", ["qi"])])
def test_qi_by_substring_is_the_term(text: str, terms: list[str]) -> None:
    assert ids(text, "zh_Hans") == terms  # 流动 is the flow of Qi (zh-hant-conversion.yaml)


def test_exception_claims_its_span_only() -> None:
    assert found("天气好，气足", "zh_Hans") == [("qi", "气", "preferred")]
    (match,) = TCM.matcher("zh_Hans").find("天气好，气足")
    assert (match.start, match.end) == (4, 5)


@pytest.mark.parametrize(("text", "term"), [("阴天", "yin"), ("阴性", "yin"), ("阳光", "yang"),
                                            ("太阳", "yang"), ("欧阳修", "yang")])
def test_yin_and_yang_inside_ordinary_words(text: str, term: str) -> None:
    assert term not in ids(text, "zh_Hans")


def test_latin_exception_blocks_a_discouraged_form() -> None:
    assert found("Tai Chi is exercise") == []
    assert found("the flow of chi") == [("qi", "chi", "warning")]


def test_word_used_as_a_form_wins_over_the_exception_of_another_term() -> None:
    # 气喘 is an exception of 气 and a form of asthma.
    assert found("气喘", "zh_Hans") == [("asthma", "气喘", "preferred")]


# --------------------------------------------------------------- names

@pytest.mark.parametrize("form", ["Qi-kan Yin", "Qi Kan Yin", "QiKan Yin", "Yin Qi-kan",
                                  "Chi-kan Yin", "Ch'i-k'an Yin", "Ch’i-k’an Yin",
                                  "Qikan Ying", "Quikan Yin", "qi-kan  yin", "Yin, Qi kan"])
def test_forbidden_english_name_forms(form: str) -> None:
    assert found(f"by {form}.") == [("qikan-yin", form, "forbidden")]


@pytest.mark.parametrize(("form", "status"), [
    ("Qikan Yin", "preferred"), ("Qikan Yin (殷琦侃)", "variant"), ("Yin, Qikan", "variant"),
    ("Yin Qikan", "warning"), ("YIN Qikan", "warning"),
])
def test_accepted_english_name_forms(form: str, status: str) -> None:
    assert found(f"by {form}.") == [("qikan-yin", form, status)]


def test_pinyin_order_warning_says_why() -> None:
    (match,) = TCM.matcher("en").find("by Yin Qikan")
    assert "pinyin order" in match.reason


@pytest.mark.parametrize("form", ["殷奇侃", "殷琪侃", "殷其侃", "殷祺侃", "殷琦坎", "尹琦侃",
                                  "印琦侃", "阴琦侃", "隐奇坎", "殷 琦侃", "殷·琦侃"])
def test_forbidden_chinese_name_forms(form: str) -> None:
    assert found(f"作者：{form}。", "zh_Hans") == [("qikan-yin", form, "forbidden")]


def test_chinese_name_is_preferred_not_a_near_miss() -> None:
    assert found("作者：殷琦侃。", "zh_Hans") == [("qikan-yin", "殷琦侃", "preferred")]
    assert found("作者：殷琦侃。", "zh_Hant") == [("qikan-yin", "殷琦侃", "preferred")]


def test_surname_misread_as_yin_is_the_name_not_the_term() -> None:
    (match,) = TCM.matcher("zh_Hans").find("阴琦侃")
    assert match.term_id == "qikan-yin" and "阴" in match.reason


# ------------------------------------------------------ scripts, folding

def test_wrong_script_is_forbidden() -> None:
    assert found("氣", "zh_Hans") == [("qi", "氣", "forbidden")]
    assert found("气", "zh_Hant") == [("qi", "气", "forbidden")]
    assert found("氣", "zh_Hant") == [("qi", "氣", "preferred")]


def test_form_accepted_by_one_term_and_forbidden_by_another_is_the_accepted_one() -> None:
    assert found("内啡肽", "zh_Hans") == [("endorphins", "内啡肽", "preferred")]


def test_fullwidth_latin_matches_with_spans_in_the_original() -> None:
    (match,) = TCM.matcher("en").find("“Ｑｉ”")
    assert (match.term_id, match.text, match.start, match.end) == ("qi", "Ｑｉ", 1, 3)
    assert match.status == "preferred"


def test_spans_survive_characters_that_grow_when_lower_cased() -> None:
    text = "İİ Qi"
    (match,) = TCM.matcher("en").find(text)
    assert text[match.start:match.end] == "Qi" == match.text


def test_fold_keeps_length() -> None:
    assert fold("ＱＩ İ’\n") == "qi İ' "
    assert fold_case_kept("ＱＩ’") == "QI'"


# ---------------------------------------------------------- the machine

def test_matcher_without_rules_finds_nothing() -> None:
    assert Matcher([]).find("Qi") == []


def test_pattern_with_groups_reports_its_rule() -> None:
    matcher = Matcher([Rule("x", r"(qi)-(kan)", "forbidden", "joined", pattern=True)])
    assert matcher.find("a Qi-kan b") == [
        Match("x", r"(qi)-(kan)", "Qi-kan", "forbidden", "joined", 2, 8)]
    assert matcher.find("aQi-kan") == []


def test_patterns_respect_latin_boundaries_and_lose_ties_to_literals() -> None:
    matcher = Matcher([Rule("x", "qi[a-z]*", "warning", "p", pattern=True),
                       Rule("y", "Qikan", "preferred")])
    assert [(m.term_id, m.text) for m in matcher.find("Qikan Qinxi xQin")] == [
        ("y", "Qikan"), ("x", "Qinxi")]


def test_results_are_sorted_by_start() -> None:
    starts = [m.start for m in TCM.matcher("en").find(
        (ROOT / "content" / "how-does-acupuncture-work.md").read_text(encoding="utf-8"))]
    assert starts == sorted(starts) and len(starts) > 30


PIECES = ["Qi", "qi", "kan", " ", "Yin", " and ", "Yang", "-", "\n", "Ｑｉ", "İ", "气", "天",
          "阴", "阳", "光", "殷", "琦", "侃", "奇", "acupuncture", " points", "chi", "Tai ", "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join),
       st.sampled_from(["en", "zh_Hans"]))
def test_matches_never_overlap_and_spans_slice_back(text: str, locale: str) -> None:
    matcher = TCM.matcher(locale)
    rules = {(r.term_id, r.form): r for r in matcher.rules}
    end = 0
    for match in matcher.find(text):
        assert end <= match.start < match.end <= len(text)
        assert text[match.start:match.end] == match.text
        if not rules[(match.term_id, match.form)].pattern:
            assert fold(match.text) == fold(match.form)
        end = match.end
