"""`locpipe report` on a large project (issue 15): the page's size and the time to write it.

    python bench/bench_report.py               # 1,500 articles
    python bench/bench_report.py --quick       # 50 articles: a smoke test

A project is generated in a temporary folder (`corpus.py`: articles of prose and
CommonMark spec examples, `locales: [zh_Hans]`), extracted and updated; the report
is written twice, each time by the installed `locpipe` script in a fresh measuring
child (`bench_pipeline.measure`: wall and CPU seconds, peak RSS): once with every
entry untranslated (its long runs fold), once with every entry pseudo-translated
(`译：` + msgid). The report is a summary page and one page per article; what a
browser opens is one page, so the target is that the summary and the largest
article page each stay under `PAGE_LIMIT` bytes at 1,500 articles (the summary's
limit in proportion for another number of articles, an article page's not: it
holds one article whatever their number). Each line says PASS or FAIL, and the
exit status is 1 when one fails. The total of all pages, and the time per
article, are printed beside, for comparison between runs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench_pipeline import catalogues, fill, measure, progress
from corpus import CorpusSpec, load_examples, write_project

PAGE_LIMIT = 5 * 1024 * 1024
"""Largest accepted page, in bytes: the summary's for 1,500 articles (in proportion
for other counts), and any article page's."""
ARTICLES = 1500
MB = 1024 * 1024


@dataclass(frozen=True)
class Sizes:
    """The report's pages, in bytes."""

    summary: int
    """The summary page."""
    largest: int
    """The largest article page."""
    largest_name: str
    """Its path in the report's folder."""
    total: int
    """Every page, the summary's included."""
    pages: int
    """How many there are."""


def sizes(summary: Path) -> Sizes:
    folder = summary.parent
    articles = [(path.stat().st_size, path.relative_to(folder).as_posix())
                for path in (folder / "articles").rglob("*.html")]
    largest, name = max(articles, default=(0, "-"))
    own = summary.stat().st_size
    return Sizes(own, largest, name, own + sum(size for size, _ in articles),
                 1 + len(articles))


def _report(root: Path, script: str, label: str, articles: int) -> bool:
    summary = root / "report" / "index.html"
    progress(f"report, {label}")
    spent = measure([[script, "report", "-o", str(summary)]], root)
    found, limit = sizes(summary), PAGE_LIMIT * articles / ARTICLES
    checks = [found.summary <= limit, found.largest <= PAGE_LIMIT]
    verdict = ["PASS" if ok else "FAIL" for ok in checks]
    print(f"  {label:<13} summary {found.summary / MB:.2f} MB (<= {limit / MB:.2f} MB) "
          f"{verdict[0]}; largest article page {found.largest / MB:.3f} MB "
          f"(<= {PAGE_LIMIT / MB:.2f} MB) {verdict[1]}, {found.largest_name}")
    print(f"  {'':<13} {found.pages} pages, {found.total / MB:.1f} MB in all "
          f"({found.total} bytes); {spent.seconds:.1f} s wall, {spent.cpu_seconds:.1f} s CPU "
          f"({1000 * spent.cpu_seconds / articles:.0f} ms per article), peak RSS "
          f"{spent.peak_kib // 1024} MB")
    return all(checks)


def run(articles: int) -> bool:
    script = str(Path(sys.executable).parent / "locpipe")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        progress(f"generating {articles} articles")
        write_project(root, CorpusSpec(documents=articles), load_examples())
        for step in ("extract", "update"):
            progress(step)
            measure([[script, step]], root)
        print(f"locpipe report on {articles} articles, one locale:")
        passed = _report(root, script, "untranslated", articles)
        fill(catalogues(root))
        passed &= _report(root, script, "translated", articles)
    return passed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="50 articles")
    parser.add_argument("--articles", type=int, default=ARTICLES)
    args = parser.parse_args(argv)
    return 0 if run(50 if args.quick else args.articles) else 1


if __name__ == "__main__":
    sys.exit(main())
