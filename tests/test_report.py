"""`locpipe report`: the HTML page, read as a tree, then rendered by headless Chromium.

The project is a copy of the real one with a few problems seeded: a forbidden
term, a fuzzy entry, raw HTML in a translation, and a new untranslated
paragraph whose source misspells the author's name.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import polib
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from html_support import Element, parse_html
from locpipe.checks import RULES
from locpipe.cli import main
from locpipe.config import load_config
from locpipe.glossary.matcher import Match
from locpipe.views import report as report_view
from locpipe.views.report import gather, pages

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
    """The report of one project, as written and as trees."""

    root: Path
    """The project."""
    stdout: str
    """What the command printed."""
    html: str
    """The summary page's text."""
    tree: Element
    """The parsed summary page."""
    files: dict[str, str]
    """Every page's text by its path in the report's folder, the summary's included."""

    @property
    def catalogue(self) -> polib.POFile:
        return polib.pofile(str(self.root / PO), wrapwidth=0)

    @property
    def folder(self) -> Path:
        return self.root / "build" / "report"

    def article(self, locale: str = "zh_Hans", slug: str = SLUG) -> Element:
        """The parsed page of one article in one locale."""
        return parse_html(self.files[f"articles/{locale}/{slug}.html"])


def read_pages(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(folder.rglob("*.html"))}


def make_report(root: Path, *args: str) -> Page:
    result = CliRunner().invoke(main, ["report", "--config", str(root / "locpipe.yaml"), *args],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    files = read_pages(root / "build" / "report")
    html = files["index.html"]
    return Page(root, result.stdout, html, parse_html(html), files)


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


@dataclass(frozen=True)
class Link:
    """One `<a href>` of the report, read by lxml, and what it leads to."""

    page: str
    """The page it is on, relative to the report's folder."""
    href: str
    """As written."""
    target: str
    """The page it leads to, relative to the report's folder."""
    fragment: str
    """The element id it names on that page, empty for the page itself."""


def links(folder: Path, page: str) -> list[Link]:
    """The links of one page, resolved as a browser resolves a relative URL."""
    tree = lxml.html.fromstring((folder / page).read_bytes())
    found = []
    for href in tree.xpath("//a/@href"):
        parts = urlsplit(href)
        assert not (parts.scheme or parts.netloc or parts.path.startswith("/")), href
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        found.append(Link(page, href, path if parts.path else page, parts.fragment))
    return found


def ids(folder: Path, page: str) -> set[str]:
    return set(lxml.html.fromstring((folder / page).read_bytes()).xpath("//@id"))


def open_link(page: Page, link: Link) -> Element:
    """The element a link leads to, in the tree of its page."""
    return parse_html(page.files[link.target]).by_id()[link.fragment]


# ------------------------------------------------------------ the file

ARTICLE_PAGES = [f"articles/zh_Hans/{SLUG}.html", f"articles/zh_Hant/{SLUG}.html"]
STDOUT = ("wrote 3 pages (build/report/index.html and 2 in build/report/articles/): "
          "2 catalogues, 6 findings\n")


def test_command_says_what_it_wrote(page: Page) -> None:
    assert page.stdout == STDOUT


def test_one_summary_and_one_page_per_article_and_locale(page: Page) -> None:
    assert sorted(page.files) == sorted(["index.html", *ARTICLE_PAGES])
    listed = [a.attrs["href"] for a in page.tree.by_id()["articles"].iter("a")]
    assert listed == ARTICLE_PAGES
    assert [a.text for a in page.tree.by_id()["articles"].iter("a")] == [
        "中文（简体）", "中文（繁體）"]


def test_the_summary_is_written_last(page: Page) -> None:
    """So that it never links to an article page not yet written."""
    names = [p.path.as_posix() for p in pages(gather(load_config(page.root / "locpipe.yaml")),
                                              "index.html")]
    assert names == [*ARTICLE_PAGES, "index.html"]


def test_pages_are_self_contained(page: Page) -> None:
    for name, text in page.files.items():
        tree = parse_html(text)
        elements = list(tree.iter())
        assert {e.tag for e in elements}.isdisjoint({"script", "link", "img", "iframe", "object",
                                                     "embed", "base", "form"}), name
        assert all(not attr.startswith("on") and attr not in ("src", "srcset")
                   for e in elements for attr in e.attrs), name
        style = tree.find("style").text
        assert "url(" not in style and "@import" not in style
        csp = [m.attrs["content"] for m in tree.iter("meta")
               if m.attrs.get("http-equiv") == "Content-Security-Policy"]
        assert csp == ["default-src 'none'; style-src 'unsafe-inline'"], name


def test_every_link_has_a_target_in_the_report(page: Page) -> None:
    """Relative links only (`links` refuses any other), each to a page of the report
    and an id on it: the folder can be moved or served anywhere."""
    for name in page.files:
        found = links(page.folder, name)
        assert found, name
        missing = [link.href for link in found if link.target not in page.files
                   or (link.fragment and link.fragment not in ids(page.folder, link.target))]
        assert missing == [], name


def test_an_article_page_links_back_to_the_summary(page: Page) -> None:
    nav = page.article().find("nav")
    assert nav.find("a").attrs["href"] == "../../index.html"
    assert page.article().find("title").text == f"locpipe report: {SLUG} (zh_Hans)"


def test_translated_markup_is_shown_as_text(page: Page) -> None:
    row = row_of(page.article(), "Ancient Wisdom")
    assert row.find("td", "tgt").find("div", "text").text == f"古老智慧{RAW_HTML}与现代科学的交汇"
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.files[ARTICLE_PAGES[0]]


def _report_to(page: Page, output: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["report", "--config", str(page.root / "locpipe.yaml"),
                                       "-o", str(output)])
    return result.exit_code, result.stdout, result.stderr


def test_output_is_deterministic_and_goes_where_asked(page: Page, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    other = tmp_path / "elsewhere" / "report.html"
    assert _report_to(page, other)[0] == 0
    written = read_pages(other.parent)
    assert written.pop("report.html") == page.html
    # The article pages link back to the summary by the name it was given.
    assert written == {name: text.replace('"../../index.html', '"../../report.html')
                       for name, text in page.files.items() if name != "index.html"}


def test_folders_are_made_for_the_report_inside_the_project_only(page: Page,
                                                                 tmp_path: Path) -> None:
    inside = page.root / "reports" / "2026" / "index.html"
    assert _report_to(page, inside)[:2] == (0, STDOUT.replace("build/report", "reports/2026"))
    assert read_pages(inside.parent) == page.files
    shutil.rmtree(page.root / "reports")
    code, out, err = _report_to(page, tmp_path / "nonexistent" / "dir" / "x.html")
    assert (code, out) == (2, "")
    assert err == (f"{tmp_path / 'nonexistent' / 'dir'}: error: the report's folder does not "
                   "exist (create it first, or write the report inside the project)\n")
    assert list(tmp_path.iterdir()) == []


def test_a_dash_prints_the_summary_alone(page: Page, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stream holds one page: the summary, its places as text, no article pages."""
    monkeypatch.chdir(page.root)  # where a file named `-` would land
    before = sorted(p.name for p in page.root.iterdir())
    code, out, _ = _report_to(page, "-")
    assert code == 0
    alone = parse_html(out)
    assert [a.attrs["href"] for a in alone.iter("a")] == [
        "#completeness", "#analysis", "#findings", "#articles"]
    assert alone.by_id()["findings"].text == page.tree.by_id()["findings"].text
    assert len(alone.find_all("li", "finding")) == 6
    assert sorted(p.name for p in page.root.iterdir()) == before


def test_pages_of_articles_gone_are_removed_and_nothing_else(page: Page,
                                                             tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    summary = tmp_path / "out" / "index.html"
    assert _report_to(page, summary)[0] == 0
    articles = summary.parent / "articles"
    stale = [articles / "zh_Hans" / "gone.html", articles / "de" / "old" / "page.html"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(articles / ARTICLE_PAGES[0].removeprefix("articles/"), path)
    # Not the report's: a page of someone else's, a link to a report page elsewhere.
    (articles / "notes.html").write_text("<p>mine</p>", encoding="utf-8")
    (tmp_path / "kept.html").write_bytes(stale[0].read_bytes())
    (articles / "zh_Hans" / "link.html").symlink_to(tmp_path / "kept.html")
    code, out, _ = _report_to(page, summary)
    assert code == 0 and out.endswith("; removed 2 stale pages\n")
    assert sorted(read_pages(summary.parent)) == sorted(
        ["index.html", "articles/notes.html", "articles/zh_Hans/link.html", *ARTICLE_PAGES])
    assert not (articles / "de").exists()  # emptied by the removal
    assert (tmp_path / "kept.html").is_file()


ELEMENT_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]*")  # HTML 4's rule, as report.element_id


def test_a_slug_in_a_folder_keeps_its_folder(tmp_path: Path) -> None:
    root = copy_project(tmp_path, "locales: [zh_Hans]\n")
    guide = root / "content" / "guide a#b"
    guide.mkdir()
    (guide / "start hère.md").write_text("# Start\n\nFirst steps.\n", encoding="utf-8")
    for command in ("extract", "update"):
        done = CliRunner().invoke(main, [command, "--config", str(root / "locpipe.yaml")])
        assert done.exit_code == 0, done.output
    report = make_report(root)
    name = "articles/zh_Hans/guide a#b/start hère.html"
    assert name in report.files
    # from the completeness table and the list of articles
    assert {a.href for a in links(report.folder, "index.html")
            if a.target == name and not a.fragment} == {
        "articles/zh_Hans/guide%20a%23b/start%20h%C3%A8re.html"}
    back = links(report.folder, name)[0]
    assert (back.href, back.target) == ("../../../index.html", "index.html")
    # The slug's space, `#`, `/` and `è` are escaped in ids; each link's fragment is
    # the id as written, no decoding.
    found = ids(report.folder, name)
    assert "entry-zh-Hans-guide:20a:23b:2fstart:20h:c3:a8re-1" in found
    assert [i for i in found if not ELEMENT_ID.fullmatch(i)] == []
    fragments = [a.fragment for a in links(report.folder, name) if a.target == name]
    assert "view-zh-Hans-guide:20a:23b:2fstart:20h:c3:a8re" in fragments
    assert fragments and [f for f in fragments if f not in found] == []


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
    assert row.find("th").find("a").attrs["href"] == ARTICLE_PAGES[0]
    # The article's page has its own row, the same.
    own = page.article().find("table", "completeness").find("tr", "article")
    assert [td.text for td in own.find_all("td")] == [td.text for td in row.find_all("td")]


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
    order = [rule.code for rule in RULES]
    # The summary has them all; the article's page those on its entries, the same way.
    for tree in (page.tree, page.article()):
        groups = tree.by_id()["findings"].find_all("section", "rule")
        codes = [g.attrs["id"].removeprefix("rule-") for g in groups]
        assert codes == sorted(EXPECTED_TARGETS, key=order.index)
        for group in groups:
            assert len(group.find_all("li", "finding")) == int(group.find("span", "count").text)


def test_each_finding_links_to_its_entry_on_the_article_page(page: Page) -> None:
    article = page.article()
    by_href = {link.href: link for link in links(page.folder, "index.html")}
    for code, msgid_start in EXPECTED_TARGETS.items():
        group = page.tree.by_id()[f"rule-{code}"]
        (finding,) = group.find_all("li", "finding")
        link = by_href[finding.find("a").attrs["href"]]
        assert link.target == ARTICLE_PAGES[0], code
        target = open_link(page, link)
        assert target.attrs["id"] == row_of(article, msgid_start).attrs["id"], code
        # On the article's page the row's mark leads to the finding, and it to the row.
        back = [a.attrs["href"] for a in target.find("ul", "marks").iter("a")
                if a.text == code]
        assert back == [f"#{finding.attrs['id']}"], code
        listed = article.by_id()[finding.attrs["id"]]
        assert listed.text == finding.text
        assert listed.find("a").attrs["href"] == f"#{target.attrs['id']}"
        assert article.by_id()[f"rule-{code}"].find("h3").find("a").attrs["href"] == (
            f"../../index.html#rule-{code}")


def test_finding_shows_place_severity_and_message(page: Page) -> None:
    finding = page.tree.by_id()["rule-G001"].find("li", "finding")
    assert finding.classes == {"finding", "error"}
    assert finding.find("a").text == f"{PO}:43:1"
    assert "forbidden form '针炙' of term acupuncture" in finding.text


def test_flagged_rows_are_exactly_those_with_findings(page: Page) -> None:
    flagged = [r.find("td", "src").text for r in rows(page.article()) if "flagged" in r.classes]
    assert sorted(flagged) == sorted(
        next(r.find("td", "src").text for r in rows(page.article())
             if r.find("td", "src").text.startswith(start))
        for start in set(EXPECTED_TARGETS.values()))
    new = row_of(page.article(), NEW_PARAGRAPH)
    assert [a.text for a in new.find("ul", "marks").iter("a")] == ["G006", "C001"]
    assert new.classes == {"entry", "untranslated", "flagged", "warning"}
    assert row_of(page.article(), "Have you ever").classes >= {"flagged", "error"}


# ------------------------------------------------------- side by side

def test_rows_are_the_catalogue_entries_in_order(page: Page) -> None:
    active = [e for e in page.catalogue if not e.obsolete]
    shown = rows(page.article())
    assert [r.find("td", "src").find("div", "text").text for r in shown] == [
        e.msgid for e in active]
    translations = [r.find("td", "tgt").find_all("div", "text") for r in shown]
    assert [t[0].text if t else "" for t in translations] == [e.msgstr for e in active]
    assert len({r.attrs["id"] for r in shown}) == len(active)


def test_entry_states_are_marked(page: Page) -> None:
    fuzzy = row_of(page.article(), "Today, modern")
    assert "fuzzy" in fuzzy.classes and fuzzy.find("span", "state").text == "fuzzy"
    untranslated = row_of(page.article(), NEW_PARAGRAPH)
    assert untranslated.find("td", "tgt").find("span", "state").text == "untranslated"
    title = row_of(page.article(), "How Does Acupuncture Work?")
    assert title.find("span", "kind").text == "front matter: title"


def test_glossary_terms_are_highlighted(page: Page) -> None:
    title = row_of(page.article(), "How Does Acupuncture Work?")
    source_marks = title.find("td", "src").find_all("mark")
    assert [(m.attrs["data-term"], m.text, m.attrs["title"]) for m in source_marks] == [
        ("acupuncture", "Acupuncture", "acupuncture → 针灸")]
    target_marks = title.find("td", "tgt").find_all("mark")
    assert [(m.attrs["data-term"], m.text) for m in target_marks] == [("acupuncture", "针灸")]
    forbidden = row_of(page.article(), "Have you ever").find("td", "tgt").find_all(
        "mark", "forbidden")
    assert [m.text for m in forbidden] == ["针炙"]
    assert forbidden[0].attrs["title"].startswith("acupuncture (forbidden: typo")


def test_cells_declare_their_language(page: Page) -> None:
    row = rows(page.article())[0]
    assert (row.find("td", "src").attrs["lang"], row.find("td", "tgt").attrs["lang"]) == (
        "en", "zh-Hans")


def test_locale_without_catalogue_shows_the_template(tmp_path: Path) -> None:
    report = make_report(copy_project(tmp_path, "locales: [zh_Hans, de]\n"))
    article = report.article("de")
    assert "no catalogue yet" in article.find("p", "catalogue").text
    view = article.by_id()[f"view-de-{SLUG}"]
    states = {tuple(sorted(r.classes)) for r in view.find_all("tr", "entry")}
    assert states == {("entry", "untranslated")}
    assert report.stdout == ("wrote 3 pages (build/report/index.html and 2 in "
                             "build/report/articles/): 2 catalogues, 0 findings\n")


# ------------------------------------------------------------ Chromium

@dataclass
class Rendered:
    """What Chromium made of the pages."""

    dom: Element
    """The summary's DOM after loading, as `--dump-dom` serialises it."""
    article: Element
    """The DOM of the zh_Hans article's page."""
    screenshot: Path
    """The PNG it took of the summary."""


def chromium_or_skip() -> str:
    found = shutil.which("chromium")
    if found:
        return found
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail("chromium is not on PATH in CI: .ci/run must install it")
    pytest.skip("chromium is not on PATH (apt-get install chromium); CI runs this test")


def dump_dom(chromium: str, page: Path, profile: Path, *flags: str) -> Element:
    done = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *flags, "--dump-dom",
         page.as_uri()], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return parse_html(done.stdout)


@pytest.fixture(scope="module")
def rendered(page: Page, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    chromium = chromium_or_skip()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    profile = tmp_path_factory.mktemp("chromium-profile")
    summary = dump_dom(chromium, page.folder / "index.html", profile,
                       "--window-size=1280,2000", f"--screenshot={SCREENSHOT}")
    article = dump_dom(chromium, page.folder / ARTICLE_PAGES[0], profile,
                       "--window-size=1280,2000")
    return Rendered(summary, article, SCREENSHOT)


def test_chromium_builds_the_same_pages(page: Page, rendered: Rendered) -> None:
    dom = rendered.dom
    assert dom.find("title").text == "locpipe report"
    assert dom.find("html").attrs["lang"] == "en"
    assert [g.attrs["id"] for g in dom.find_all("section", "rule")] == [
        g.attrs["id"] for g in page.tree.find_all("section", "rule")]
    article = rendered.article
    assert [r.attrs["id"] for r in rows(article)] == [r.attrs["id"] for r in rows(page.article())]


def test_chromium_keeps_translated_markup_as_text(rendered: Rendered) -> None:
    assert rendered.dom.find_all("img") == [] and rendered.article.find_all("img") == []
    row = row_of(rendered.article, "Ancient Wisdom")
    assert row.find("td", "tgt").find("div", "text").text == f"古老智慧{RAW_HTML}与现代科学的交汇"


def test_chromium_links_and_marks(rendered: Rendered) -> None:
    finding = rendered.dom.by_id()["rule-G001"].find("li", "finding")
    page, fragment = finding.find("a").attrs["href"].split("#")
    assert page == ARTICLE_PAGES[0]
    target = rendered.article.by_id()[fragment]
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
    view = page.article("zh_Hant").by_id()[f"view-zh-Hant-{SLUG}"]
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
        article = page.article(slug=slug)
        [run] = article.by_id()[f"view-zh-Hans-{slug}"].find_all("tbody", "run")
        assert run.find("tr", "run-summary").text.startswith(
            f"{107 - first + 1} entries not translated")
        assert len(run.find_all("tr", "entry")) == 107 - first + 1  # every row is still there
        toggle = run.find("a", "toggle")
        assert toggle.attrs["href"] == f"#{run.attrs['id']}"
        # The article's findings fold the same way, every one still there, behind a toggle.
        [found] = article.by_id()["rule-C001"].find_all("li", "run")
        assert found.find("a", "toggle").text.startswith(f"{107 - first + 1} × ")
        assert len(found.find_all("li", "finding")) == 107 - first + 1
        assert "tbody.run:not(:target):not(:has(:target)) tr.entry { display: none; }" in (
            page.files[f"articles/zh_Hans/{slug}.html"])
    # The summary has one line per article for C001's 100-odd findings, to its page.
    runs = page.tree.by_id()["rule-C001"].find_all("li", "run")
    assert [r.find("a").text for r in runs] == [
        "106 × locales/zh_Hans/LC_MESSAGES/one.po", "107 × locales/zh_Hans/LC_MESSAGES/two.po"]
    assert [r.find("a").attrs["href"] for r in runs] == [
        "articles/zh_Hans/one.html#rule-C001", "articles/zh_Hans/two.html#rule-C001"]
    assert page.tree.by_id()["rule-C001"].find("span", "count").text == "213"
    assert [r.find("span", "message").text for r in runs] == ["entry is not translated"] * 2


def test_a_long_run_of_different_findings_is_one_line_on_the_summary(tmp_path: Path) -> None:
    root = _untranslated_project(tmp_path, 6)
    po = polib.pofile(str(root / "locales/zh_Hans/LC_MESSAGES/two.po"))
    for number, entry in enumerate(po):  # T002, each message quoting its own text
        entry.msgstr = f"第{number}段"
    po.save()
    page = make_report(root)
    listed = page.article(slug="two").by_id()["rule-T002"].find_all("li", "finding")
    assert len({f.find("span", "message").text for f in listed}) == len(listed) == 7
    [run] = page.tree.by_id()["rule-T002"].find_all("li", "run")
    first = listed[0].find("span", "message").text
    assert run.find("span", "message").text == f"first: {first}"
    assert run.find("a").text == "7 × locales/zh_Hans/LC_MESSAGES/two.po"
    assert page.tree.by_id()["rule-T002"].find_all("li", "finding") == [run]


def test_a_short_run_is_shown_as_it_is(tmp_path: Path) -> None:
    page = make_report(_untranslated_project(tmp_path, 2))
    for tree in (page.tree, page.article(slug="one"), page.article(slug="two")):
        assert tree.find_all("tbody", "run") == []
        assert tree.find_all("li", "run") == []


def test_chromium_reads_the_folded_runs_as_written(tmp_path: Path) -> None:
    """A browser moves misnested table parts and list items; the runs must survive its
    parser with every row and finding in place."""
    chromium = chromium_or_skip()
    page = make_report(_untranslated_project(tmp_path, 106))
    dom = dump_dom(chromium, page.folder / "articles" / "zh_Hans" / "one.html",
                   tmp_path / "profile", "--window-size=1280,800")

    def layout(tree: Element) -> list[tuple[str, int]]:
        return [(r.attrs["id"], len(r.find_all("tr", "entry") or r.find_all("li", "finding")))
                for r in [*tree.find_all("tbody", "run"), *tree.find_all("li", "run")]]
    assert layout(dom) == layout(page.article(slug="one"))
    assert len(layout(dom)) == 2


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("ab<>&\"' 针\n"), max_size=40), st.integers(1, 5),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)), max_size=4))
def test_a_long_text_is_escaped_in_pieces_as_it_is_whole(
        text: str, piece: int, spans: list[tuple[int, int]]) -> None:
    """`highlight` escapes `ESCAPED` characters at a time; `html.escape` of the whole
    text between the marks is the slow twin."""
    matches = [Match("t", "f", text[start:start + length], "preferred", "", start,
                     min(start + length, len(text))) for start, length in spans
               if start <= len(text)]
    def whole() -> str:
        out, cursor = [], 0
        for match in sorted(matches, key=lambda m: m.start):
            if match.start < cursor:
                continue
            out.append(html.escape(text[cursor:match.start]))
            out.append(f'<mark class="term preferred" data-term="t" title="t">'
                       f"{html.escape(match.text)}</mark>")
            cursor = match.end
        return "".join([*out, html.escape(text[cursor:])])
    saved, report_view.ESCAPED = report_view.ESCAPED, piece
    try:
        assert report_view.highlight(text, matches, lambda _m: "t") == whole()
    finally:
        report_view.ESCAPED = saved
