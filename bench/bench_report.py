"""`locpipe report` on a large project (issue 15): the page's size and the time to write it.

    python bench/bench_report.py               # 1,500 articles
    python bench/bench_report.py --quick       # 50 articles: a smoke test

A project is generated in a temporary folder (`corpus.py`: articles of prose and
CommonMark spec examples, `locales: [zh_Hans]`), extracted and updated; the report
is written twice, each time by the installed `locpipe` script in a fresh measuring
child (`bench_pipeline.measure`: wall and CPU seconds, peak RSS): once with every
entry untranslated (its long runs fold), once with every entry pseudo-translated
(`译：` + msgid). The target is a page under `PAGE_LIMIT` bytes at 1,500 articles
(in proportion for another number of articles); each line says PASS or FAIL, and
the exit status is 1 when one fails. The time is printed beside, per article, for
comparison between runs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench_pipeline import catalogues, fill, measure, progress
from corpus import CorpusSpec, load_examples, write_project

PAGE_LIMIT = 5 * 1024 * 1024
"""Largest accepted page, in bytes, for 1,500 articles; in proportion for other counts."""
ARTICLES = 1500


def _report(root: Path, script: str, label: str, articles: int) -> bool:
    page = root / "report.html"
    progress(f"report, {label}")
    spent = measure([[script, "report", "-o", str(page)]], root)
    size, limit = page.stat().st_size, PAGE_LIMIT * articles / ARTICLES
    passed = size <= limit
    print(f"  {label:<13} page {size / 1024 / 1024:.2f} MB (<= {limit / 1024 / 1024:.2f} MB)"
          f" {'PASS' if passed else 'FAIL'}; {spent.seconds:.1f} s wall, "
          f"{spent.cpu_seconds:.1f} s CPU ({1000 * spent.cpu_seconds / articles:.0f} ms per "
          f"article), peak RSS {spent.peak_kib // 1024} MB")
    return passed


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
