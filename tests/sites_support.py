"""Real site generators on locpipe's editions, for the tests/test_site_*.py files.

Each of those tests makes a small project in one dialect, localises it with a
pseudo-translation (every msgstr is its msgid between `⟦` and `⟧`), builds a real
site from `build/site/` and reads the rendered pages back. The check is
differential: the source edition, rendered by the same generator, says what the
page is (its containers, admonitions, tabs, alerts, headings and lists, in order
and nesting); the translated edition must have the same structure, and each of
its text blocks must be the source's text with marks around every translated
piece, nothing translated left bare and no structural marker inside a mark. The
source Markdown itself, read with a few plain patterns, says which constructs
the page must have, so a generator that silently rendered none of them fails too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest

from html_support import Element, parse_html
from pipeline_support import EPOCH, GETTEXT, msgfmt

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "sites"
OPEN, CLOSE = "⟦", "⟧"
# The installed console script, next to the interpreter running the tests.
LOCPIPE = Path(sys.executable).with_name("locpipe")
TEXT_TAGS = frozenset({"p", "li", "td", "th", "dt", "dd", "summary", "label",
                       "h1", "h2", "h3", "h4", "h5", "h6"})
"""Elements whose own text is one block a reader sees."""
MARKERS = re.compile(r"^\[!\w+\]|^:{3,}|\{#[\w-]+[^{}]*\}$|^\{\{[<%]|[%>]\}\}$|^[!?]{3}\+?\s"
                     r"|^===[!+]?\s|^/{3,}|^import\s|^export\s")
"""Structural markers of the dialects, where they stand for structure (an alert's marker
first, a heading's id last): none may reach a translator, so none is in a mark. Inline
shortcodes and attribute lists inside a sentence stay in its msgid, as links do."""
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def tool_or_skip(found: bool, what: str, install: str) -> None:
    """Skip when a generator is absent, except in CI, which must have it."""
    if found:
        return
    if in_ci():
        pytest.fail(f"{what} is not installed in CI: .ci/run installs it ({install})")
    pytest.skip(f"{what} is not installed: {install}")


# The pipeline

def pseudo(msgid: str) -> str:
    return f"{OPEN}{msgid}{CLOSE}"


def locpipe(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed `locpipe` script on the project in `root`; it must succeed."""
    done = subprocess.run([str(LOCPIPE), *args, "--config", str(root / "locpipe.yaml")],
                          cwd=root, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"locpipe {' '.join(args)}: {done.stdout}{done.stderr}"
    return done


def pseudo_translate(po_path: Path) -> int:
    """Every msgstr of the catalogue becomes the marked msgid; the count of entries."""
    po = polib.pofile(str(po_path), wrapwidth=0)
    entries = [e for e in po if not e.obsolete]
    for entry in entries:
        entry.msgstr = pseudo(entry.msgid)
    po.save(str(po_path))
    if GETTEXT:
        checked = msgfmt(po_path)
        assert checked.returncode == 0, f"{po_path}: {checked.stderr}"
    return len(entries)


@dataclass
class Localised:
    """A project in a dialect after extract, update, pseudo-translation and build."""

    root: Path
    sources: dict[str, str]
    """Each article's Markdown by slug (its path under content/ without `.md`)."""
    build_log: str
    """What `locpipe build` printed on standard error: its fallback warnings."""


def localise(root: Path, dialect: str, fixture: str | None = None) -> Localised:
    """`tests/data/sites/<fixture>/content` localised to zh_Hans in `root`."""
    content = root / "content"
    shutil.copytree(DATA / (fixture or dialect) / "content", content)
    (root / "locpipe.yaml").write_text(
        f"source_locale: en\nlocales: [zh_Hans]\ndialect: {dialect}\n"
        "front_matter_keys: [title, description]\n", encoding="utf-8")
    locpipe(root, "extract")
    locpipe(root, "update")
    catalogues = sorted((root / "locales" / "zh_Hans").rglob("*.po"))
    assert catalogues and all(pseudo_translate(po) for po in catalogues)
    built = locpipe(root, "build")
    sources = {p.relative_to(content).with_suffix("").as_posix(): p.read_text(encoding="utf-8")
               for p in sorted(content.rglob("*.md"))}
    return Localised(root, sources, built.stderr)


def make_site(factory: pytest.TempPathFactory, dialect: str,
              build: Callable[[Path, Localised], Built], fixture: str | None = None) -> Built:
    """A temporary project localised from a fixture folder, and its site built by `build`."""
    root = factory.mktemp(fixture or dialect)
    return build(root, localise(root, dialect, fixture))


def run_generator(argv: list[str], cwd: Path, timeout: int = 300,
                  env: dict[str, str] | None = None) -> str:
    """A site generator's build; it must succeed. What it printed."""
    done = subprocess.run(argv, cwd=cwd, env={**os.environ, "NO_COLOR": "1", **(env or {})},
                          capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{' '.join(argv)}:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    return done.stdout + done.stderr


# Reading a rendered page

@dataclass(frozen=True)
class Block:
    """One text block of a page: where it sits and what it says."""

    path: tuple[str, ...]
    """The structure around it, outermost first (`container:warning`, `ul`, `li`)."""
    text: str
    """Its own text, white space collapsed; nested blocks and ignored parts left out."""


@dataclass(frozen=True)
class Generator:
    """How one site generator writes the constructs of its dialect into HTML."""

    name: str
    content: Callable[[Element], Element]
    """The element that holds the page's Markdown, from the whole document."""
    label: Callable[[Element], str | None]
    """What structure an element is (`container:tip`, `alert:note`, `h2`), if any."""
    ignore: Callable[[Element], bool]
    """Parts a reader does not read as text: code, permalink anchors, buttons."""
    generated: frozenset[str] = frozenset()
    """Texts the generator writes itself (default titles): never marked, never source."""
    text_classes: frozenset[str] = frozenset()
    """Classes of elements other than TEXT_TAGS that are a text block (a tab's label)."""
    kept: re.Pattern[str] | None = None
    """Structure the generator shows as text (a marker it does not know): never marked."""

    def is_text(self, element: Element) -> bool:
        return element.tag in TEXT_TAGS or bool(element.classes & self.text_classes)


@dataclass
class Page:
    structure: list[tuple[str, ...]] = field(default_factory=list)
    """Each structural element with those around it, in document order."""
    blocks: list[Block] = field(default_factory=list)
    ids: dict[str, Element] = field(default_factory=dict)
    """Heading ids, for the anchors a link may point to."""


def read_page(html: Path, generator: Generator) -> Page:
    page = Page()
    content = generator.content(parse_html(html.read_text(encoding="utf-8")))
    _walk(content, (), page, generator)
    return page


def _walk(element: Element, path: tuple[str, ...], page: Page, generator: Generator) -> None:
    for child in element.children:
        if isinstance(child, str) or generator.ignore(child):
            continue
        inner = path
        label = generator.label(child)
        if label is not None:
            inner = (*path, label)
            page.structure.append(inner)
        if re.fullmatch(r"h[1-6]", child.tag) and "id" in child.attrs:
            page.ids[child.attrs["id"]] = child
        if generator.is_text(child):
            text = " ".join(_own_text(child, generator).split())
            if text:
                page.blocks.append(Block(inner if label else (*inner, child.tag), text))
        _walk(child, inner, page, generator)


def _own_text(element: Element, generator: Generator) -> str:
    parts: list[str] = []
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif generator.is_text(child) or generator.label(child) is not None:
            parts.append(" ")
        elif not generator.ignore(child):
            parts.append(_own_text(child, generator))
    return "".join(parts)


def marked_pieces(text: str) -> tuple[list[str], list[str]]:
    """The pieces of `text` inside marks, and the non-blank pieces outside them."""
    inside = re.findall(f"{OPEN}(.*?){CLOSE}", text, re.DOTALL)
    outside = [p.strip() for p in re.split(f"{OPEN}.*?{CLOSE}", text, flags=re.DOTALL)]
    return inside, [p for p in outside if p]


def text_problems(source: Page, translated: Page, generator: Generator) -> list[str]:
    """Where the translated page's text is not the source's, marked, block for block."""
    problems: list[str] = []
    paths = [b.path for b in source.blocks], [b.path for b in translated.blocks]
    if paths[0] != paths[1]:
        return [f"the text blocks differ: {_first_difference(*paths)}"]
    for before, after in zip(source.blocks, translated.blocks, strict=True):
        where = " > ".join(after.path)
        bare = after.text.replace(OPEN, "").replace(CLOSE, "")
        if " ".join(bare.split()) != before.text:
            problems.append(f"{where}: {after.text!r} is not the marked {before.text!r}")
            continue
        inside, outside = marked_pieces(after.text)
        left = [p for p in outside if p not in generator.generated and
                not (generator.kept and generator.kept.fullmatch(p))]
        if left:
            problems.append(f"{where}: not translated: {left!r} in {after.text!r}")
        for piece in inside:
            if MARKERS.search(piece.strip()):
                problems.append(f"{where}: a structural marker was translated: {piece!r}")
    return problems


def _first_difference(a: list[tuple[str, ...]], b: list[tuple[str, ...]]) -> str:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return f"block {index}: {x} against {y}"
    return f"{len(a)} blocks against {len(b)}"


def labels(page: Page, categories: Iterable[str]) -> Counter[str]:
    """How often each structural label of the `categories` occurs (`container` for
    `container:tip`)."""
    wanted = set(categories)
    return Counter(path[-1] for path in page.structure if path[-1].split(":")[0] in wanted)


# Reading the source Markdown, plainly

def outside_code(markdown: str) -> Iterator[str]:
    """The lines of `markdown` that are not inside a fenced code block."""
    fence: str | None = None
    for line in markdown.splitlines():
        found = FENCE.match(line)
        if fence is None and found:
            fence = found.group(1)
        elif fence is not None and found and found.group(1).startswith(fence) and \
                not line.strip()[len(found.group(1)):].strip():
            fence = None
        elif fence is None:
            yield line


Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]
"""A line pattern of the source, and the structural label a line it matches stands for."""


def count_lines(markdown: str, rules: Iterable[Rule]) -> Counter[str]:
    """The labels of the source's lines outside code, by the first rule each matches."""
    rules = list(rules)
    found: Counter[str] = Counter()
    for line in outside_code(markdown):
        for pattern, name in rules:
            if match := pattern.match(line):
                found[name(match)] += 1
                break
    return found


def heading_ids(markdown: str) -> list[str]:
    """The explicit `{#id}` anchors of the source's ATX headings."""
    return [m.group(1) for line in outside_code(markdown)
            if (m := re.match(r"^#{1,6}\s.*\{#([\w-]+)[^}]*\}\s*$", line))]


def anchor_problems(markdown: str, page: Page) -> list[str]:
    """Each explicit heading id of the source is a heading of the page, its text marked."""
    problems = []
    for anchor in heading_ids(markdown):
        heading = page.ids.get(anchor)
        if heading is None:
            problems.append(f"#{anchor}: no heading has this id")
        elif OPEN not in heading.text:
            problems.append(f"#{anchor}: the heading is not translated: {heading.text!r}")
    return problems


# The checks every generator's test runs

@dataclass
class Built:
    """A localised project and the site a generator built from its editions."""

    localised: Localised
    generator: Generator
    page_path: Callable[[str, str], Path]
    """The HTML file of an edition: (lang, slug) -> path."""
    expected: Callable[[str], Counter[str]]
    """The structural labels a page must have, read plainly from its source Markdown."""
    log: str = ""
    """What the generator printed."""
    _pages: dict[tuple[str, str], Page] = field(default_factory=dict)

    def page(self, lang: str, slug: str) -> Page:
        if (lang, slug) not in self._pages:
            self._pages[lang, slug] = read_page(self.page_path(lang, slug), self.generator)
        return self._pages[lang, slug]

    @property
    def slugs(self) -> list[str]:
        return sorted(self.localised.sources)

    def each(self, check: Callable[[str], list[str]]) -> list[str]:
        """`check` on every article, its problems prefixed with the slug."""
        return [f"{slug}: {problem}" for slug in self.slugs for problem in check(slug)]


SOURCE, TARGET = "en", "zh-Hans"


class SiteChecks:
    """The tests of one generator's site; a module subclasses it and gives `built`."""

    def test_every_translation_is_used(self, built: Built) -> None:
        assert ": warning: " not in built.localised.build_log, built.localised.build_log

    def test_source_pages_render_each_construct(self, built: Built) -> None:
        def check(slug: str) -> list[str]:
            want = built.expected(built.localised.sources[slug])
            assert want, f"{slug}: the fixture has none of the dialect's constructs"
            have = labels(built.page(SOURCE, slug), {label.split(":")[0] for label in want})
            problems = [f"{label}: {have[label]} rendered, {count} in the source"
                        for label, count in sorted((want | have).items())
                        if have[label] != want[label]]
            missing = [f"#{anchor}: no heading has this id"
                       for anchor in heading_ids(built.localised.sources[slug])
                       if anchor not in built.page(SOURCE, slug).ids]
            return problems + missing
        assert built.each(check) == []

    def test_translated_pages_keep_the_structure(self, built: Built) -> None:
        def check(slug: str) -> list[str]:
            source, target = built.page(SOURCE, slug).structure, built.page(TARGET, slug).structure
            return [] if source == target else [_first_difference(source, target)]
        assert built.each(check) == []

    def test_translated_text_is_marked_everywhere(self, built: Built) -> None:
        assert built.each(lambda slug: text_problems(
            built.page(SOURCE, slug), built.page(TARGET, slug), built.generator)) == []

    def test_heading_anchors_lead_to_translated_headings(self, built: Built) -> None:
        assert built.each(lambda slug: anchor_problems(
            built.localised.sources[slug], built.page(TARGET, slug))) == []

    def test_pages_declare_their_language(self, built: Built) -> None:
        for slug in built.slugs:
            for lang in (SOURCE, TARGET):
                document = parse_html(built.page_path(lang, slug).read_text(encoding="utf-8"))
                assert document.find("html").attrs.get("lang") == lang, (lang, slug)

