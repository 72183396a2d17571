"""`locpipe report`: the HTML page, read as a tree, then rendered by headless Chromium.

The project is a copy of the real one with a few problems seeded: a forbidden
term, a fuzzy entry, raw HTML in a translation, and a new untranslated
paragraph whose source misspells the author's name.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from html_support import Element, parse_html
from locpipe.checks import RULES
from locpipe.cli import main

ROOT = Path(__file__).resolve().parent.parent
SLUG = "how-does-acupuncture-work"
PO = f"locales/zh_Hans/LC_MESSAGES/{SLUG}.po"
ARTICLE = f"content/{SLUG}.md"
NEW_PARAGRAPH = "Written by Yin Qikan."
RAW_HTML = "<img src=x onerror=alert(1)>"
SCREENSHOT = ROOT / "build" / "report" / "screenshot.png"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync")
# Which entry each rule's finding points at, by the start of its msgid.
EXPECTED_TARGETS = {
    "G001": "Have you ever wondered",
    "G006": NEW_PARAGRAPH,
    "M009": "Ancient Wisdom Meets Modern Science",  # build refuses the raw HTML too
    "S001": "Ancient Wisdom Meets Modern Science",
    "C001": NEW_PARAGRAPH,
    "C002": "Today, modern scientific research",
}


def copy_project(target: Path, config: str | None = None) -> Path:
    """The real project's sources, glossary and catalogues under `target`."""
    for folder in ("content", "glossary", "locales"):
        shutil.copytree(ROOT / folder, target / folder)
    config_text = config or (ROOT / "locpipe.yaml").read_text(encoding="utf-8")
    (target / "locpipe.yaml").write_text(config_text, encoding="utf-8")
    return target


def seed_problems(root: Path) -> None:
    article = root / ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text(text + f"\n{NEW_PARAGRAPH}\n", encoding="utf-8")
    po = polib.pofile(str(root / PO), wrapwidth=0)
    first = next(e for e in po if e.msgid.startswith("Have you ever wondered"))
    first.msgstr = first.msgstr.replace("针灸", "针炙")
    next(e for e in po if e.msgid.startswith("Today, modern")).flags.append("fuzzy")
    description = po.find("Ancient Wisdom Meets Modern Science", msgctxt="description")
    assert description is not None
    description.msgstr = f"古老智慧{RAW_HTML}与现代科学的交汇"
    line = str(text.count("\n") + 2)
    po.append(polib.POEntry(msgid=NEW_PARAGRAPH, msgstr="", comment="paragraph",
                            occurrences=[(ARTICLE, line)]))
    po.save()


@dataclass
class Page:
    """The report of one project, as written and as a tree."""

    root: Path
    """The project."""
    stdout: str
    """What the command printed."""
    html: str
    """The file's text."""
    tree: Element
    """The parsed page."""

    @property
    def catalogue(self) -> polib.POFile:
        return polib.pofile(str(self.root / PO), wrapwidth=0)


def make_report(root: Path, *args: str) -> Page:
    result = CliRunner().invoke(main, ["report", "--config", str(root / "locpipe.yaml"), *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    html = (root / "build" / "report" / "index.html").read_text(encoding="utf-8")
    return Page(root, result.stdout, html, parse_html(html))


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Page:
    root = copy_project(tmp_path_factory.mktemp("report"))
    seed_problems(root)
    return make_report(root)


def rows(tree: Element) -> list[Element]:
    return tree.find("table", "side").find_all("tr", "entry")


def row_of(tree: Element, msgid_start: str) -> Element:
    found = [r for r in rows(tree) if r.find("td", "src").text.startswith(msgid_start)]
    assert len(found) == 1, msgid_start
    return found[0]


# ------------------------------------------------------------ the file

def test_command_says_what_it_wrote(page: Page) -> None:
    assert page.stdout == "wrote build/report/index.html: 2 catalogues, 6 findings\n"


def test_page_is_self_contained(page: Page) -> None:
    elements = list(page.tree.iter())
    assert {e.tag for e in elements}.isdisjoint({"script", "link", "img", "iframe", "object",
                                                 "embed", "base", "form"})
    assert all(not attr.startswith("on") and attr not in ("src", "srcset")
               for e in elements for attr in e.attrs)
    assert all(e.attrs["href"].startswith("#") for e in page.tree.iter("a"))
    style = page.tree.find("style").text
    assert "url(" not in style and "@import" not in style
    csp = [m.attrs["content"] for m in page.tree.iter("meta")
           if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'"]


def test_every_link_has_a_target(page: Page) -> None:
    ids = page.tree.by_id()
    targets = [a.attrs["href"][1:] for a in page.tree.iter("a")]
    assert targets and [t for t in targets if t not in ids] == []


def test_translated_markup_is_shown_as_text(page: Page) -> None:
    row = row_of(page.tree, "Ancient Wisdom")
    assert row.find("td", "tgt").find("div", "text").text == f"古老智慧{RAW_HTML}与现代科学的交汇"
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.html


def _report_to(page: Page, output: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["report", "--config", str(page.root / "locpipe.yaml"),
                                       "-o", str(output)])
    return result.exit_code, result.stdout, result.stderr


def test_output_is_deterministic_and_goes_where_asked(page: Page, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    other = tmp_path / "elsewhere" / "report.html"
    assert _report_to(page, other)[0] == 0
    assert other.read_text(encoding="utf-8") == page.html


def test_folders_are_made_for_the_report_inside_the_project_only(page: Page,
                                                                 tmp_path: Path) -> None:
    inside = page.root / "reports" / "2026" / "index.html"
    catalogues = len(list((page.root / "locales").glob("*/LC_MESSAGES/*.po")))
    noun = "catalogue" if catalogues == 1 else "catalogues"
    assert _report_to(page, inside)[:2] == (0, f"wrote reports/2026/index.html: {catalogues} "
                                               f"{noun}, 6 findings\n")
    assert inside.read_text(encoding="utf-8") == page.html
    shutil.rmtree(page.root / "reports")
    code, out, err = _report_to(page, tmp_path / "nonexistent" / "dir" / "x.html")
    assert (code, out) == (2, "")
    assert err == (f"{tmp_path / 'nonexistent' / 'dir'}: error: the report's folder does not "
                   "exist (create it first, or write the report inside the project)\n")
    assert list(tmp_path.iterdir()) == []


def test_a_dash_writes_the_page_to_standard_output(page: Page,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(page.root)  # where a file named `-` would land
    before = sorted(p.name for p in page.root.iterdir())
    code, out, _ = _report_to(page, "-")
    assert code == 0 and out == page.html
    assert sorted(p.name for p in page.root.iterdir()) == before


# -------------------------------------------------------- completeness

def test_completeness_row_and_bar(page: Page) -> None:
    row = page.tree.find("table", "completeness").find("tr", "article")
    cells = [td.text for td in row.find_all("td")]
    # The 23 entries and the new one: the fuzzy and the new one are not translated.
    # zh_Hans is translated by people: no derived and reviewed counts (`–`).
    assert cells[1:7] == ["22", "–", "–", "1", "1", "91%"]
    assert cells[0] == "中文（简体） zh_Hans"
    widths = {span.attrs["class"]: span.attrs["style"] for span in row.find("div", "bar")
              .find_all("span")}
    assert widths == {"translated": "width: 91.67%", "fuzzy": "width: 4.17%",
                      "untranslated": "width: 4.17%"}
    assert row.find("th").find("a").attrs["href"] == f"#view-zh-Hans-{SLUG}"


def test_analysis_table_is_locpipe_analyze_s(page: Page) -> None:
    result = CliRunner().invoke(main, ["analyze", "--format", "json", "--config",
                                       str(page.root / "locpipe.yaml")], catch_exceptions=False)
    article = json.loads(result.stdout)["articles"][0]
    row = page.tree.find("table", "analysis").find("tr", "article")
    cells = [td.text for td in row.find_all("td")]
    assert cells[0] == "zh_Hans"
    assert cells[1:8] == [f"{b['words']} ({b['segments']})" for b in article["bands"]]
    assert cells[8:] == [str(article["words"]), f"{article['weighted']:.1f}"]
    # The analysis reads the templates, not extracted again here: of the template's
    # entries only the paragraph made fuzzy is still to translate, and its own fuzzy
    # translation is no memory: no match.
    assert article["segments"] == 1 and article["bands"][-1]["segments"] == 1


def test_counts_agree_with_the_catalogue(page: Page) -> None:
    active = [e for e in page.catalogue if not e.obsolete]
    translated = [e for e in active if e.msgstr and "fuzzy" not in e.flags]
    assert (len(active), len(translated)) == (24, 22)


# ------------------------------------------------------------ findings

def test_findings_are_grouped_by_rule_in_rule_order(page: Page) -> None:
    groups = page.tree.by_id()["findings"].find_all("section", "rule")
    order = [rule.code for rule in RULES]
    codes = [g.attrs["id"].removeprefix("rule-") for g in groups]
    assert codes == sorted(EXPECTED_TARGETS, key=order.index)
    for group in groups:
        assert len(group.find_all("li", "finding")) == int(group.find("span", "count").text)


def test_each_finding_links_to_its_entry(page: Page) -> None:
    ids = page.tree.by_id()
    for code, msgid_start in EXPECTED_TARGETS.items():
        group = ids[f"rule-{code}"]
        (finding,) = group.find_all("li", "finding")
        target = ids[finding.find("a").attrs["href"][1:]]
        assert target is row_of(page.tree, msgid_start), code
        back = [a.attrs["href"] for a in target.find("ul", "marks").iter("a")]
        assert f"#{finding.attrs['id']}" in back, code


def test_finding_shows_place_severity_and_message(page: Page) -> None:
    finding = page.tree.by_id()["rule-G001"].find("li", "finding")
    assert finding.classes == {"finding", "error"}
    assert finding.find("a").text == f"{PO}:43:1"
    assert "forbidden form '针炙' of term acupuncture" in finding.text


def test_flagged_rows_are_exactly_those_with_findings(page: Page) -> None:
    flagged = [r.find("td", "src").text for r in rows(page.tree) if "flagged" in r.classes]
    assert sorted(flagged) == sorted(
        next(r.find("td", "src").text for r in rows(page.tree)
             if r.find("td", "src").text.startswith(start))
        for start in set(EXPECTED_TARGETS.values()))
    new = row_of(page.tree, NEW_PARAGRAPH)
    assert [a.text for a in new.find("ul", "marks").iter("a")] == ["G006", "C001"]
    assert new.classes == {"entry", "untranslated", "flagged", "warning"}
    assert row_of(page.tree, "Have you ever").classes >= {"flagged", "error"}


# ------------------------------------------------------- side by side

def test_rows_are_the_catalogue_entries_in_order(page: Page) -> None:
    active = [e for e in page.catalogue if not e.obsolete]
    shown = rows(page.tree)
    assert [r.find("td", "src").find("div", "text").text for r in shown] == [
        e.msgid for e in active]
    translations = [r.find("td", "tgt").find_all("div", "text") for r in shown]
    assert [t[0].text if t else "" for t in translations] == [e.msgstr for e in active]
    assert len({r.attrs["id"] for r in shown}) == len(active)


def test_entry_states_are_marked(page: Page) -> None:
    fuzzy = row_of(page.tree, "Today, modern")
    assert "fuzzy" in fuzzy.classes and fuzzy.find("span", "state").text == "fuzzy"
    untranslated = row_of(page.tree, NEW_PARAGRAPH)
    assert untranslated.find("td", "tgt").find("span", "state").text == "untranslated"
    title = row_of(page.tree, "How Does Acupuncture Work?")
    assert title.find("span", "kind").text == "front matter: title"


def test_glossary_terms_are_highlighted(page: Page) -> None:
    title = row_of(page.tree, "How Does Acupuncture Work?")
    source_marks = title.find("td", "src").find_all("mark")
    assert [(m.attrs["data-term"], m.text, m.attrs["title"]) for m in source_marks] == [
        ("acupuncture", "Acupuncture", "acupuncture → 针灸")]
    target_marks = title.find("td", "tgt").find_all("mark")
    assert [(m.attrs["data-term"], m.text) for m in target_marks] == [("acupuncture", "针灸")]
    forbidden = row_of(page.tree, "Have you ever").find("td", "tgt").find_all("mark", "forbidden")
    assert [m.text for m in forbidden] == ["针炙"]
    assert forbidden[0].attrs["title"].startswith("acupuncture (forbidden: typo")


def test_cells_declare_their_language(page: Page) -> None:
    row = rows(page.tree)[0]
    assert (row.find("td", "src").attrs["lang"], row.find("td", "tgt").attrs["lang"]) == (
        "en", "zh-Hans")


def test_locale_without_catalogue_shows_the_template(tmp_path: Path) -> None:
    report = make_report(copy_project(tmp_path, "locales: [zh_Hans, de]\n"))
    view = report.tree.by_id()[f"view-de-{SLUG}"]
    assert "no catalogue yet" in view.find("p", "catalogue").text
    states = {tuple(sorted(r.classes)) for r in view.find_all("tr", "entry")}
    assert states == {("entry", "untranslated")}
    assert report.stdout == "wrote build/report/index.html: 2 catalogues, 0 findings\n"


# ------------------------------------------------------------ Chromium

@dataclass
class Rendered:
    """What Chromium made of the page."""

    dom: Element
    """The DOM after loading, as `--dump-dom` serialises it."""
    screenshot: Path
    """The PNG it took."""


def chromium_or_skip() -> str:
    found = shutil.which("chromium")
    if found:
        return found
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail("chromium is not on PATH in CI: .ci/run must install it")
    pytest.skip("chromium is not on PATH (apt-get install chromium); CI runs this test")


@pytest.fixture(scope="module")
def rendered(page: Page, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    chromium = chromium_or_skip()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    profile = tmp_path_factory.mktemp("chromium-profile")
    url = (page.root / "build" / "report" / "index.html").as_uri()
    done = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--window-size=1280,2000",
         f"--screenshot={SCREENSHOT}", "--dump-dom", url],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return Rendered(parse_html(done.stdout), SCREENSHOT)


def test_chromium_builds_the_same_page(page: Page, rendered: Rendered) -> None:
    dom = rendered.dom
    assert dom.find("title").text == "locpipe report"
    assert dom.find("html").attrs["lang"] == "en"
    assert [r.attrs["id"] for r in rows(dom)] == [r.attrs["id"] for r in rows(page.tree)]
    assert [g.attrs["id"] for g in dom.find_all("section", "rule")] == [
        g.attrs["id"] for g in page.tree.find_all("section", "rule")]


def test_chromium_keeps_translated_markup_as_text(rendered: Rendered) -> None:
    assert rendered.dom.find_all("img") == []
    row = row_of(rendered.dom, "Ancient Wisdom")
    assert row.find("td", "tgt").find("div", "text").text == f"古老智慧{RAW_HTML}与现代科学的交汇"


def test_chromium_links_and_marks(rendered: Rendered) -> None:
    ids = rendered.dom.by_id()
    finding = ids["rule-G001"].find("li", "finding")
    target = ids[finding.find("a").attrs["href"][1:]]
    assert target.find("td", "src").text.startswith("Have you ever wondered")
    assert [m.text for m in target.find_all("mark", "forbidden")] == ["针炙"]
    assert [a.text for a in target.find("ul", "marks").iter("a")] == ["G001"]


def test_screenshot_is_written_for_people(rendered: Rendered) -> None:
    data = rendered.screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)


def test_derived_locale_shows_derived_apart_from_reviewed(page: Page) -> None:
    table = page.tree.find("table", "completeness")
    assert [th.text for th in table.find("thead").find_all("th")][2:7] == [
        "Translated", "Derived", "Reviewed", "Fuzzy", "Untranslated"]
    hant = table.find_all("tr", "article")[1]
    assert hant.find("td").text == "中文（繁體） zh_Hant"
    # the shipped zh_Hant catalogue as it is: all 23 entries the converter's
    assert [td.text for td in hant.find_all("td")][1:7] == ["23", "23", "0", "0", "0", "100%"]
    view = next(v for v in page.tree.find_all("section") if v.attrs.get("id") ==
                f"view-zh-Hant-{SLUG}")
    states = [s.text for s in view.find_all("span", "state")]
    assert states and set(states) == {"derived"}


# ------------------------------------------------------------ long runs fold

def _untranslated_project(root: Path, paragraphs: int) -> Path:
    (root / "content").mkdir(parents=True)
    for slug in ("one", "two"):
        text = "".join(f"Paragraph {n} of {slug}.\n\n" for n in range(paragraphs))
        (root / "content" / f"{slug}.md").write_text(f"# {slug}\n\n{text}", encoding="utf-8")
    (root / "locpipe.yaml").write_text("locales: [zh_Hans]\n", encoding="utf-8")
    for command in ("extract", "update"):
        done = CliRunner().invoke(main, [command, "--config", str(root / "locpipe.yaml")])
        assert done.exit_code == 0, done.output
    po = polib.pofile(str(root / "locales/zh_Hans/LC_MESSAGES/one.po"))
    po[0].msgstr = "一"  # the heading: the run of the rest starts at the second entry
    po.save()
    return root


def test_a_long_run_of_untranslated_entries_folds_into_one_line(tmp_path: Path) -> None:
    page = make_report(_untranslated_project(tmp_path, 106))
    for slug, first in (("one", 2), ("two", 1)):
        article = page.tree.by_id()[f"view-zh-Hans-{slug}"]
        [run] = article.find_all("tbody", "run")
        assert run.find("tr", "run-summary").text.startswith(
            f"{107 - first + 1} entries not translated")
        assert len(run.find_all("tr", "entry")) == 107 - first + 1  # every row is still there
        toggle = run.find("a", "toggle")
        assert toggle.attrs["href"] == f"#{run.attrs['id']}"
    # The findings fold the same way: one line per article for C001's 100-odd findings.
    runs = page.tree.by_id()["rule-C001"].find_all("li", "run")
    assert [r.find("a", "toggle").text.split(" × ")[0] for r in runs] == ["106", "107"]
    assert all(len(r.find_all("li", "finding")) == int(r.find("a").text.split(" ")[0])
               for r in runs)
    assert "tbody.run:not(:target):not(:has(:target)) tr.entry { display: none; }" in page.html


def test_a_short_run_is_shown_as_it_is(tmp_path: Path) -> None:
    page = make_report(_untranslated_project(tmp_path, 2))
    assert page.tree.find_all("tbody", "run") == []
    assert page.tree.find_all("li", "run") == []


def test_chromium_reads_the_folded_runs_as_written(tmp_path: Path) -> None:
    """A browser moves misnested table parts and list items; the runs must survive its
    parser with every row and finding in place."""
    chromium = chromium_or_skip()
    page = make_report(_untranslated_project(tmp_path, 106))
    url = (page.root / "build" / "report" / "index.html").as_uri()
    done = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
         "--window-size=1280,800", "--dump-dom", url],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = parse_html(done.stdout)

    def layout(tree: Element) -> list[tuple[str, int]]:
        return [(r.attrs["id"], len(r.find_all("tr", "entry") or r.find_all("li", "finding")))
                for r in [*tree.find_all("tbody", "run"), *tree.find_all("li", "run")]]
    assert layout(dom) == layout(page.tree)
    assert len(layout(dom)) == 4
