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
from locpipe.glossary import Form, Glossary, LocaleForms, Term, load_glossary
from locpipe.glossary_export import export_csv, export_tbx

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


def _tig_status(lang_set: ET.Element) -> dict[str, str]:
    return {tig.findtext("term"): tig.findtext("termNote[@type='administrativeStatus']")
            for tig in lang_set.iter("tig")}  # type: ignore[misc]


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
    assert err == f"no glossary terms in {tmp_path.resolve() / 'glossary'}\n"


def test_export_tbx_to_a_file(project: Path) -> None:
    target = project / "out" / "glossary.tbx"
    target.parent.mkdir()
    code, out, _ = _run("export", "--config", str(project / "locpipe.yaml"),
                        "--format", "tbx", "-o", str(target))
    assert (code, out) == (0, "")
    root = ET.parse(target).getroot()
    assert [e.get("id") for e in root.iter("termEntry")] == ["qi", "acupuncture-point"]
    assert [p.name for p in target.parent.iterdir()] == ["glossary.tbx"]


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
    assert err == (f"{bad}:7: error: term 'qi' (en): unknown key 'prefered' "
                   "(did you mean 'preferred'?)\n")


def test_export_needs_a_format(project: Path) -> None:
    code, _, err = _run("export", "--config", str(project / "locpipe.yaml"))
    assert code == 2 and "--format" in err
