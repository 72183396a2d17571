"""Loading and validating `glossary/*.yaml`, the shipped TCM data, and `#.` hints."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from locpipe.errors import LocpipeError
from locpipe.glossary.terms import (
    Glossary,
    LocaleForms,
    Term,
    glossary_hints,
    load_glossary,
    load_glossary_files,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "glossary"
BAD_FILES = sorted(DATA.glob("bad.*.yaml"))
ARTICLE = ROOT / "content" / "how-does-acupuncture-work.md"


@pytest.fixture(scope="module")
def tcm() -> Glossary:
    return load_glossary(ROOT / "glossary")


# ------------------------------------------------------------ validation

def _expectation(path: Path) -> tuple[int, str]:
    """The first line of a bad file says `# expect: LINE: MESSAGE START`."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    found = re.fullmatch(r"# expect: (\d+): (.+)", first)
    assert found, f"{path.name} has no `# expect:` line"
    return int(found.group(1)), found.group(2)


@pytest.mark.parametrize("path", BAD_FILES, ids=[p.name for p in BAD_FILES])
def test_bad_file_is_one_error_line_naming_file_line_and_term(path: Path) -> None:
    line, message = _expectation(path)
    with pytest.raises(LocpipeError) as caught:
        load_glossary_files([path])
    error = caught.value
    assert (error.path, error.line) == (path, line)
    assert error.message.startswith(message)
    assert str(error).startswith(f"{path}:{line}: error: {message}")
    assert "\n" not in str(error)


def test_there_is_a_bad_file_for_each_required_error() -> None:
    names = {p.name for p in BAD_FILES}
    assert {"bad.unknown-key.yaml", "bad.missing-preferred.yaml", "bad.duplicate-id.yaml",
            "bad.regex.yaml"} <= names


def test_duplicate_id_across_files_names_the_first_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("terms:\n  - {id: qi, kind: term, en: {preferred: Qi}}\n",
                                     encoding="utf-8")
    (tmp_path / "b.yaml").write_text("terms:\n\n  - {id: qi, kind: term, en: {preferred: qi}}\n",
                                     encoding="utf-8")
    with pytest.raises(LocpipeError) as caught:
        load_glossary(tmp_path)
    assert str(caught.value).startswith(
        f"{tmp_path / 'b.yaml'}:3: error: term 'qi': duplicate id "
        f"(first defined at {tmp_path / 'a.yaml'}:2)")


def test_not_utf8_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "tcm.yaml").write_bytes("terms: [{id: qi, en: {preferred: 氣}}]".encode("big5"))
    with pytest.raises(LocpipeError, match="not UTF-8"):
        load_glossary(tmp_path)


# --------------------------------------------------------------- loading

def test_missing_folder_is_an_empty_glossary(tmp_path: Path) -> None:
    glossary = load_glossary(tmp_path / "nowhere")
    assert len(glossary) == 0
    assert glossary.matcher("en").find("Qi") == []


def test_files_are_read_sorted_by_name_and_only_yaml(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("terms:\n  - {id: yin, kind: term, en: {preferred: Yin}}\n",
                                     encoding="utf-8")
    (tmp_path / "a.yaml").write_text("terms:\n  - {id: qi, kind: term, en: {preferred: Qi}}\n",
                                     encoding="utf-8")
    (tmp_path / "c.yml").write_text("not: [a glossary", encoding="utf-8")
    (tmp_path / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    glossary = load_glossary(tmp_path)
    assert [t.id for t in glossary] == ["qi", "yin"]
    assert glossary.get("qi") is not None and glossary.get("qi").line == 2  # type: ignore[union-attr]


def test_loaded_term_keeps_every_field(tmp_path: Path) -> None:
    shutil.copy(DATA / "good.yaml", tmp_path / "good.yaml")
    term = load_glossary(tmp_path).get("qi")
    assert term is not None
    assert (term.kind, term.source) == ("term", "WHO IST 2007")
    en = term.locales["en"]
    assert en.preferred == "Qi" and en.case == "exact" and en.note == "vital energy"
    assert [f.text for f in en.variants] == ["qi"]
    assert [(f.text, f.reason) for f in en.discouraged] == [("chi", "write Qi")]
    zh = term.locales["zh_Hans"]
    assert [(f.text, f.pattern) for f in zh.forbidden] == [("氣", False), ("[氣炁]", True)]
    assert zh.exceptions == ("天气", "空气")


def test_forms_fall_back_to_the_parent_locale() -> None:
    term = Term("qi", "term", {"zh_Hans": LocaleForms("气")})
    assert term.forms("zh_Hans_CN") is term.locales["zh_Hans"]
    assert term.forms("zh_Hant") is None
    assert term.forms("en") is None


def test_do_not_translate_term_keeps_its_form_in_every_locale() -> None:
    term = Term("who", "do-not-translate", {"en": LocaleForms("WHO")})
    assert term.forms("zh_Hans") is term.locales["en"]
    assert Term("who", "term", {"en": LocaleForms("WHO")}).forms("zh_Hans") is None


def test_matcher_is_built_once_per_locale(tcm: Glossary) -> None:
    assert tcm.matcher("en") is tcm.matcher("en")
    assert tcm.matcher("en") is not tcm.matcher("zh_Hans")


# --------------------------------------------------------- the TCM data

ARTICLE_TERMS = {
    "qi", "yin-and-yang", "acupuncture", "acupuncture-point", "traditional-chinese-medicine",
    "qikan-yin", "adenosine", "endorphins", "enkephalins", "nervous-system",
    "autonomic-nervous-system", "sympathetic-nervous-system", "parasympathetic-nervous-system",
    "vagus-nerve", "cholinergic-anti-inflammatory-pathway", "immune-system", "inflammation",
    "migraine", "insomnia", "arthritis",
}


def test_every_term_of_the_article_is_found_in_it(tcm: Glossary) -> None:
    found = {m.term_id for m in tcm.matcher("en").find(ARTICLE.read_text(encoding="utf-8"))}
    assert found >= ARTICLE_TERMS
    assert {"yin", "yang"} <= {t.id for t in tcm}


def test_every_term_has_english_and_simplified_chinese_and_a_source(tcm: Glossary) -> None:
    for term in tcm:
        assert {"en", "zh_Hans"} <= set(term.locales), term.id
        assert term.source, term.id
        assert term.kind in ("term", "name", "do-not-translate")


def test_sources_from_terminology_rows(tcm: Glossary) -> None:
    assert "WHO IST" in tcm.get("qi").source  # type: ignore[union-attr]
    assert "row 10" in tcm.get("autonomic-nervous-system").source  # type: ignore[union-attr]


def test_name_forms_of_the_author(tcm: Glossary) -> None:
    name = tcm.get("qikan-yin")
    assert name is not None and name.kind == "name"
    en, zh = name.locales["en"], name.locales["zh_Hans"]
    assert en.preferred == "Qikan Yin" and en.case == "exact"
    assert "Qikan Yin (殷琦侃)" in en.accepted
    assert en.discouraged[0].text == "Yin Qikan"
    forbidden = {f.text for f in en.forbidden}
    assert {"Qi-kan Yin", "Qi Kan Yin", "QiKan Yin", "Chi-kan Yin", "Ch'i-k'an Yin"} <= forbidden
    assert zh.preferred == "殷琦侃"
    assert {"殷奇侃", "殷琪侃", "尹琦侃", "阴琦侃"} <= {f.text for f in zh.forbidden}


def test_unverified_facts_are_never_errors(tcm: Glossary) -> None:
    """terminology.md's [u] facts may add accepted forms or notes, not forbidden forms."""
    for term in tcm:
        if "[u]" in term.source:
            assert not any(forms.forbidden for forms in term.locales.values()), term.id


# ----------------------------------------------------------------- hints

def test_hint_has_the_issue_format(tcm: Glossary) -> None:
    assert glossary_hints(tcm, "the flow of “Qi”", "en", ["zh_Hans"]) == [
        "Glossary: Qi -> 气 (vital energy; keep capitalised)"]


def test_hints_are_distinct_in_order_of_first_mention(tcm: Glossary) -> None:
    text = "Insomnia and Qi. Qi again, then insomnia, then Qikan Yin."
    assert glossary_hints(tcm, text, "en", ["zh_Hans"]) == [
        "Glossary: insomnia -> 失眠",
        "Glossary: Qi -> 气 (vital energy; keep capitalised)",
        "Glossary: Qikan Yin -> 殷琦侃 (the author's name, given name first as the author "
        "writes it; bylines add 殷琦侃)",
    ]


def test_hints_for_several_targets_name_each_locale(tcm: Glossary) -> None:
    assert glossary_hints(tcm, "Qi", "en", ["zh_Hans", "zh_Hant"]) == [
        "Glossary: Qi -> 气 [zh_Hans], 氣 [zh_Hant] (vital energy; keep capitalised)"]


def test_no_hint_without_a_term_or_for_a_forbidden_form(tcm: Glossary) -> None:
    assert glossary_hints(tcm, "Qikan walked to Qing.", "en", ["zh_Hans"]) == []
    assert glossary_hints(tcm, "by Qi-kan Yin", "en", ["zh_Hans"]) == []
    assert glossary_hints(tcm, "the flow of chi", "en", ["zh_Hans"]) == [
        "Glossary: Qi -> 气 (vital energy; keep capitalised)"]


def test_hint_for_do_not_translate_and_missing_target() -> None:
    glossary = Glossary((
        Term("who", "do-not-translate", {"en": LocaleForms("WHO", note="the organisation")}),
        Term("qi", "term", {"en": LocaleForms("Qi")}),
    ))
    assert glossary_hints(glossary, "WHO and Qi", "en", ["zh_Hans"]) == [
        "Glossary: WHO -> WHO (do not translate; the organisation)"]
