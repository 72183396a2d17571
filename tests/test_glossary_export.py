"""TBX and CSV exports, and the `locpipe glossary` commands."""

from __future__ import annotations

import csv
import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from locpipe.cli import main
from locpipe.glossary.export import TBX3_NAMESPACE, export_csv, export_tbx
from locpipe.glossary.terms import Form, Glossary, LocaleForms, Term, load_glossary

ROOT = Path(__file__).resolve().parent.parent
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TCM = load_glossary(ROOT / "glossary")

SMALL = Glossary((
    Term("qi", "term", {
        "en": LocaleForms("Qi", variants=(Form("qi"),), note="vital energy"),
        "zh_Hans": LocaleForms("气", discouraged=(Form("炁", reason="archaic"),),
                               forbidden=(Form("氣", reason="Traditional"),
                                          Form("[氣炁]", pattern=True, reason="x")),
                               note="not in 天气"),
    }, source="WHO"),
    Term("who", "do-not-translate", {"en": LocaleForms("WHO & <friends>")}),
))


# What the v2 writer wrote for SMALL before TBX v3 was added, byte for byte.
SMALL_TBX2 = """\
<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader>
    <fileDesc>
      <sourceDesc>
        <p>locpipe glossary</p>
      </sourceDesc>
    </fileDesc>
  </martifHeader>
  <text>
    <body>
      <termEntry id="qi">
        <descrip type="definition">vital energy</descrip>
        <note>kind: term; source: WHO</note>
        <langSet xml:lang="en">
          <tig>
            <term>Qi</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>qi</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="zh-Hans">
          <note from="translator">not in 天气</note>
          <tig>
            <term>气</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
          <tig>
            <term>炁</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
            <note>discouraged: archaic</note>
          </tig>
          <tig>
            <term>氣</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
            <note>Traditional</note>
          </tig>
        </langSet>
      </termEntry>
      <termEntry id="who">
        <descrip type="Translation needed">No</descrip>
        <note>kind: do-not-translate</note>
        <langSet xml:lang="en">
          <tig>
            <term>WHO &amp; &lt;friends&gt;</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
        </langSet>
        <langSet xml:lang="zh-Hans">
          <tig>
            <term>WHO &amp; &lt;friends&gt;</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"""


def _tig_status(lang_set: ET.Element) -> dict[str, str]:
    return {tig.findtext("term", ""): tig.findtext("termNote[@type='administrativeStatus']", "")
            for tig in lang_set.iter("tig")}


# ------------------------------------------------------------------ TBX

def test_tbx_is_tbx_basic_v2_with_one_entry_per_term() -> None:
    root = ET.fromstring(export_tbx(TCM))
    assert (root.tag, root.get("type"), root.get(LANG)) == ("martif", "TBX-Basic", "en")
    assert root.find("martifHeader/fileDesc/sourceDesc/p") is not None
    entries = root.findall("text/body/termEntry")
    assert [e.get("id") for e in entries] == [t.id for t in TCM]
    for entry in entries:
        tags = [s.get(LANG) for s in entry.findall("langSet")]
        assert tags[0] == "en" and set(tags) <= {"en", "zh-Hans", "zh-Hant"}
        for tig in entry.iter("tig"):
            assert tig.findtext("term")


def test_tbx_terms_carry_their_status_and_notes() -> None:
    root = ET.fromstring(export_tbx(TCM))
    qi = root.find("text/body/termEntry[@id='qi']")
    assert qi is not None
    assert qi.findtext("descrip[@type='definition']") == "vital energy; keep capitalised"
    zh = qi.find(f"langSet[@{LANG}='zh-Hans']")
    assert zh is not None
    status = _tig_status(zh)
    assert status["气"] == "preferredTerm-admn-sts"
    assert status["氣"] == "deprecatedTerm-admn-sts"
    assert status["炁"] == "admittedTerm-admn-sts"
    assert zh.findtext("note[@from='translator']", "").startswith("气血")
    discouraged = next(t for t in zh.iter("tig") if t.findtext("term") == "炁")
    assert discouraged.findtext("note", "").startswith("discouraged: ")
    name = root.find(f"text/body/termEntry[@id='qikan-yin']/langSet[@{LANG}='en']")
    assert name is not None
    assert _tig_status(name)["Qi-kan Yin"] == "deprecatedTerm-admn-sts"


def test_tbx_leaves_patterns_out_and_escapes_text() -> None:
    root = ET.fromstring(export_tbx(SMALL))
    zh = root.find(f"text/body/termEntry[@id='qi']/langSet[@{LANG}='zh-Hans']")
    assert zh is not None
    assert list(_tig_status(zh)) == ["气", "炁", "氣"]
    who = root.find("text/body/termEntry[@id='who']")
    assert who is not None
    assert who.findtext("descrip[@type='Translation needed']") == "No"
    assert who.findtext("langSet/tig/term") == "WHO & <friends>"


def test_tbx_for_one_target_locale() -> None:
    root = ET.fromstring(export_tbx(TCM, "en", ["zh_Hant"]))
    tags = {s.get(LANG) for s in root.iter("langSet")}
    assert tags == {"en", "zh-Hant"}


def test_tbx_v2_is_the_default_and_unchanged() -> None:
    assert export_tbx(TCM, version=2) == export_tbx(TCM)
    assert export_tbx(SMALL) == SMALL_TBX2


# ------------------------------------------------------------------ TBX v3

def _q(tag: str) -> str:
    """`tag` in the TBX v3 namespace, as ElementTree names it."""
    return f"{{{TBX3_NAMESPACE}}}{tag}"


def _tbx3(glossary: Glossary, source: str = "en",
          locales: list[str] | None = None) -> ET.Element:
    return ET.fromstring(export_tbx(glossary, source, locales, version=3))


def _concept(root: ET.Element, term_id: str) -> ET.Element:
    entry = root.find(f"{_q('text')}/{_q('body')}/{_q('conceptEntry')}[@id='{term_id}']")
    assert entry is not None, term_id
    return entry


def _lang_sec(entry: ET.Element, tag: str) -> ET.Element:
    sec = entry.find(f"{_q('langSec')}[@{LANG}='{tag}']")
    assert sec is not None, tag
    return sec


def _term_secs(lang_sec: ET.Element) -> dict[str, tuple[str, str]]:
    """Term -> (administrativeStatus, note) for each termSec of a langSec."""
    return {
        sec.findtext(_q("term"), ""): (
            sec.findtext(f"{_q('termNote')}[@type='administrativeStatus']", ""),
            sec.findtext(_q("note"), ""))
        for sec in lang_sec.findall(_q("termSec"))}


def test_tbx3_is_an_iso_30042_2019_tbx_basic_document() -> None:
    text = export_tbx(TCM, version=3)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" '
                           'style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n')
    root = ET.fromstring(text)
    assert TBX3_NAMESPACE == "urn:iso:std:iso:30042:ed-2"
    assert root.tag == _q("tbx")
    assert (root.get("type"), root.get("style"), root.get(LANG)) == ("TBX-Basic", "dca", "en")
    assert [child.tag for child in root] == [_q("tbxHeader"), _q("text")]
    header = f"{_q('tbxHeader')}/{_q('fileDesc')}/{_q('sourceDesc')}/{_q('p')}"
    assert root.findtext(header) == "locpipe glossary"
    # Every element is in the TBX namespace: nothing is left unqualified.
    assert all(el.tag.startswith(f"{{{TBX3_NAMESPACE}}}") for el in root.iter())
    assert root.find("text") is None and root.find(".//termEntry") is None


def test_tbx3_has_a_concept_per_term_and_a_lang_sec_per_locale() -> None:
    root = _tbx3(TCM)
    entries = root.findall(f"{_q('text')}/{_q('body')}/{_q('conceptEntry')}")
    assert [e.get("id") for e in entries] == [t.id for t in TCM]
    for entry, term in zip(entries, TCM, strict=True):
        tags = [sec.get(LANG) for sec in entry.findall(_q("langSec"))]
        assert tags == [loc.replace("_", "-") for loc in TCM.locales
                        if term.forms(loc) is not None]
        for sec in entry.findall(_q("langSec")):
            terms = _term_secs(sec)
            assert terms and all(terms)
            assert [status for status, _ in terms.values()].count("preferredTerm-admn-sts") == 1
    assert {sec.get(LANG) for sec in root.iter(_q("langSec"))} == {"en", "zh-Hans", "zh-Hant"}


def test_tbx3_statuses_and_notes_for_qi() -> None:
    qi = _concept(_tbx3(TCM), "qi")
    assert qi.findtext(f"{_q('descrip')}[@type='definition']") == \
        "vital energy; keep capitalised"
    assert qi.findtext(_q("note"), "").startswith("kind: term; source: WHO IST")
    zh = _lang_sec(qi, "zh-Hans")
    terms = _term_secs(zh)
    assert terms["气"] == ("preferredTerm-admn-sts", "")
    assert terms["氣"] == ("deprecatedTerm-admn-sts",
                          "Traditional character in a Simplified text; write 气")
    assert terms["炁"] == ("admittedTerm-admn-sts",
                          "discouraged: archaic variant character; write 气")
    assert zh.findtext(_q("note"), "").startswith("气血")
    assert _term_secs(_lang_sec(qi, "zh-Hant"))["气"][0] == "deprecatedTerm-admn-sts"
    assert _term_secs(_lang_sec(qi, "en"))["qi"] == ("admittedTerm-admn-sts", "")


def test_tbx3_the_authors_name_forms() -> None:
    name = _concept(_tbx3(TCM), "qikan-yin")
    assert name.findtext(_q("note"), "").startswith("kind: name; ")
    en = _term_secs(_lang_sec(name, "en"))
    assert en["Qikan Yin"] == ("preferredTerm-admn-sts", "")
    assert en["Qikan Yin (殷琦侃)"] == en["Yin, Qikan"] == ("admittedTerm-admn-sts", "")
    assert en["Yin Qikan"][0] == "admittedTerm-admn-sts"
    assert en["Yin Qikan"][1].startswith("discouraged: pinyin order")
    for wrong in ("Qi-kan Yin", "Qi Kan Yin", "QiKan Yin", "Qikan Ying"):
        assert en[wrong][0] == "deprecatedTerm-admn-sts"
    zh = _term_secs(_lang_sec(name, "zh-Hans"))
    assert zh["殷琦侃"] == ("preferredTerm-admn-sts", "")
    assert zh["尹琦侃"][0] == zh["阴琦侃"][0] == "deprecatedTerm-admn-sts"
    # Patterns are matching rules, not terms.
    assert not any("[" in term or "\\" in term for term in {**en, **zh})


def _flat(root: ET.Element, tags: tuple[str, str, str],
          ns: str = "") -> list[tuple[str | None, ...]]:
    """(id, language, term, status, note) for every term, under either version's tags."""
    entry, lang, term = (ns + tag for tag in tags)
    return [(e.get("id"), s.get(LANG), t.findtext(f"{ns}term"), t.findtext(f"{ns}termNote"),
             t.findtext(f"{ns}note"))
            for e in root.iter(entry) for s in e.iter(lang) for t in s.iter(term)]


@pytest.mark.parametrize(("source", "locales"), [("en", None), ("en", ["zh_Hant"]),
                                                 ("zh_Hans", None)])
def test_tbx3_carries_the_same_terms_as_v2(source: str, locales: list[str] | None) -> None:
    v2 = _flat(ET.fromstring(export_tbx(TCM, source, locales)), ("termEntry", "langSet", "tig"))
    v3 = _flat(_tbx3(TCM, source, locales), ("conceptEntry", "langSec", "termSec"),
               f"{{{TBX3_NAMESPACE}}}")
    assert v3 == v2 and len(v3) > len(TCM)


def test_tbx3_leaves_out_weblate_extensions_and_escapes_text() -> None:
    root = _tbx3(SMALL)
    who = _concept(root, "who")
    assert who.find(_q("descrip")) is None
    assert who.findtext(_q("note")) == "kind: do-not-translate"
    assert who.findtext(f"{_q('langSec')}/{_q('termSec')}/{_q('term')}") == "WHO & <friends>"
    zh = _lang_sec(_concept(root, "qi"), "zh-Hans")
    assert list(_term_secs(zh)) == ["气", "炁", "氣"]
    assert [(n.attrib, n.text) for n in zh.findall(_q("note"))] == [({}, "not in 天气")]
    assert all(set(el.attrib) <= {"id", "type", "style", LANG, "xmlns"} for el in root.iter())


def test_tbx3_for_one_target_locale() -> None:
    root = _tbx3(TCM, "en", ["zh_Hant"])
    assert {s.get(LANG) for s in root.iter(_q("langSec"))} == {"en", "zh-Hant"}


def test_tbx_rejects_an_unknown_version() -> None:
    with pytest.raises(ValueError, match="TBX version must be 2 or 3"):
        export_tbx(TCM, version=4)


# ------------------------------------------------------------------ CSV

def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_weblate_columns_and_one_row_per_term() -> None:
    text = export_csv(TCM, "zh_Hans")
    assert text.splitlines()[0] == "source,target,context,developer_comments"
    rows = _rows(text)
    assert [r["context"] for r in rows] == [t.id for t in TCM]
    qi = rows[0]
    assert (qi["source"], qi["target"]) == ("Qi", "气")
    assert "forbidden: 氣 (Traditional character in a Simplified text; write 气)" in \
        qi["developer_comments"]
    assert qi["developer_comments"].startswith("vital energy; keep capitalised | ")


def test_csv_for_traditional_chinese_and_do_not_translate() -> None:
    assert {r["context"]: r["target"] for r in _rows(export_csv(TCM, "zh_Hant"))}["qi"] == "氣"
    rows = _rows(export_csv(SMALL, "zh_Hans"))
    assert rows[1]["target"] == rows[1]["source"] == "WHO & <friends>"
    assert rows[1]["developer_comments"] == "do not translate"
    assert "[氣炁]" not in rows[0]["developer_comments"]


# ------------------------------------------------------------------ CLI

@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "locpipe.yaml").write_text("locales: [zh_Hans, zh_Hant]\n", encoding="utf-8")
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "small.yaml").write_text(
        "terms:\n"
        "  - {id: qi, kind: term, en: {preferred: Qi}, zh_Hans: {preferred: 气}}\n"
        "  - id: acupuncture-point\n"
        "    kind: term\n"
        "    en: {preferred: acupuncture point}\n"
        "    zh_Hans: {preferred: 穴位}\n"
        "    zh_Hant: {preferred: 穴位}\n",
        encoding="utf-8")
    return tmp_path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["glossary", *args])
    return result.exit_code, result.stdout, result.stderr


def test_list_prints_an_aligned_table(project: Path) -> None:
    code, out, _ = _run("list", "--config", str(project / "locpipe.yaml"))
    assert code == 0
    assert out == (
        "ID                 KIND  en                 zh_Hans  zh_Hant\n"
        "qi                 term  Qi                 气       -\n"
        "acupuncture-point  term  acupuncture point  穴位     穴位\n")


def test_list_with_chosen_locales(project: Path) -> None:
    code, out, _ = _run("list", "--config", str(project / "locpipe.yaml"), "--locale", "zh_Hant")
    assert code == 0
    assert out.splitlines()[0] == "ID                 KIND  zh_Hant"


def test_list_of_the_shipped_glossary(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    (tmp_path / "locpipe.yaml").write_text("{}\n", encoding="utf-8")
    code, out, _ = _run("list", "--config", str(tmp_path / "locpipe.yaml"))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == len(TCM) + 1
    assert lines[1].split() == ["qi", "term", "Qi", "气"]


def test_list_without_a_glossary_says_so(tmp_path: Path) -> None:
    (tmp_path / "locpipe.yaml").write_text("{}\n", encoding="utf-8")
    code, out, err = _run("list", "--config", str(tmp_path / "locpipe.yaml"))
    assert (code, out) == (0, "")
    assert err == "no glossary terms in glossary\n"  # relative to the project


def test_export_tbx_to_a_file(project: Path) -> None:
    target = project / "out" / "glossary.tbx"
    target.parent.mkdir()
    code, out, _ = _run("export", "--config", str(project / "locpipe.yaml"),
                        "--format", "tbx", "-o", str(target))
    assert (code, out) == (0, "")
    root = ET.parse(target).getroot()
    assert [e.get("id") for e in root.iter("termEntry")] == ["qi", "acupuncture-point"]
    assert [p.name for p in target.parent.iterdir()] == ["glossary.tbx"]


def test_export_tbx_version_3_to_stdout(project: Path) -> None:
    code, out, _ = _run("export", "--config", str(project / "locpipe.yaml"),
                        "--format", "tbx", "--tbx-version", "3")
    assert code == 0
    root = ET.fromstring(out)
    assert (root.tag, root.get("type"), root.get("style")) == (_q("tbx"), "TBX-Basic", "dca")
    entries = root.findall(f"{_q('text')}/{_q('body')}/{_q('conceptEntry')}")
    assert [e.get("id") for e in entries] == ["qi", "acupuncture-point"]
    assert [[s.get(LANG) for s in e.findall(_q("langSec"))] for e in entries] == \
        [["en", "zh-Hans"], ["en", "zh-Hans", "zh-Hant"]]
    assert _term_secs(_lang_sec(entries[0], "zh-Hans")) == {"气": ("preferredTerm-admn-sts", "")}


def test_export_tbx_version_2_is_the_default(project: Path) -> None:
    config = ("--config", str(project / "locpipe.yaml"), "--format", "tbx", "--locale", "zh_Hant")
    code, default, _ = _run("export", *config)
    assert code == 0
    assert _run("export", *config, "--tbx-version", "2") == (0, default, "")
    assert ET.fromstring(default).tag == "martif"
    code, v3, _ = _run("export", *config, "--tbx-version", "3")
    assert code == 0
    assert {s.get(LANG) for s in ET.fromstring(v3).iter(_q("langSec"))} == {"en", "zh-Hant"}


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "csv", "--tbx-version", "3"],
     "error: --tbx-version applies to --format tbx only\n"),
    (["--format", "tbx", "--tbx-version", "4"], "'4' is not one of '2', '3'"),
])
def test_export_tbx_version_errors_exit_2(project: Path, args: list[str], message: str) -> None:
    code, out, err = _run("export", "--config", str(project / "locpipe.yaml"), *args)
    assert (code, out) == (2, "")
    assert message in err


def test_export_csv_to_stdout_defaults_to_the_first_target(project: Path) -> None:
    code, out, _ = _run("export", "--config", str(project / "locpipe.yaml"), "--format", "csv")
    assert code == 0
    assert out == ("source,target,context,developer_comments\n"
                   "Qi,气,qi,\n"
                   "acupuncture point,穴位,acupuncture-point,\n")


def test_export_csv_for_a_chosen_locale(project: Path) -> None:
    code, out, _ = _run("export", "--config", str(project / "locpipe.yaml"), "--format", "csv",
                        "--locale", "zh_Hant")
    assert code == 0
    assert [r["target"] for r in _rows(out)] == ["", "穴位"]


@pytest.mark.parametrize(("args", "message"), [
    (["--locale", "xx_Nope"], "error: unknown locale 'xx_Nope' (use a Babel identifier"),
    (["--locale", "de"], "error: no term has forms for locale 'de' (glossary locales: en, "
                         "zh_Hans, zh_Hant)"),
])
def test_export_locale_errors_are_one_line_and_exit_2(project: Path, args: list[str],
                                                       message: str) -> None:
    code, out, err = _run("export", "--config", str(project / "locpipe.yaml"),
                          "--format", "csv", *args)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1


def test_invalid_glossary_is_one_line_and_exit_2(project: Path) -> None:
    bad = project / "glossary" / "zz.yaml"
    shutil.copy(Path(__file__).parent / "data" / "glossary" / "bad.unknown-key.yaml", bad)
    code, out, err = _run("list", "--config", str(project / "locpipe.yaml"))
    assert (code, out) == (2, "")
    assert err == ("glossary/zz.yaml:7: error: term 'qi' (en): unknown key 'prefered' "
                   "(did you mean 'preferred'?)\n")


def test_export_needs_a_format(project: Path) -> None:
    code, _, err = _run("export", "--config", str(project / "locpipe.yaml"))
    assert code == 2 and "--format" in err
