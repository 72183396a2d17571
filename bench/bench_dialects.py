"""What the dialect parsers cost: segmenting and assembling under each dialect,
against the grammar locpipe had before dialects (CommonMark, tables,
strikethrough, footnotes), on the same pages.

    python bench/bench_dialects.py            # 5 runs each
    python bench/bench_dialects.py --runs 2

The pages: every page of `../shared/corpus/dialects/` and every CommonMark spec
example, each segmented and then assembled with every entry pseudo-translated
(`⟦msgid⟧`), in this one process. Each figure is the least CPU time of `--runs`
runs, the order of the grammars alternating between runs. Target: every dialect
within 1.15x of the grammar before (`--limit`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from locpipe.config import DIALECTS
from locpipe.markdown.dialects import Dialect, dialect_named
from locpipe.markdown.segment import segment_text
from locpipe.markdown.splice import _signature, assemble

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
BEFORE = Dialect("before", frozenset({"table", "strikethrough", "footnote"}))
"""The one grammar of locpipe before dialects."""


def pages() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "dialects").rglob("*"))
             if p.suffix in (".md", ".mdx")]
    examples = json.loads((SHARED / "commonmark-spec.json").read_text(encoding="utf-8"))
    return texts + [e["markdown"] for e in examples]


def localise(texts: list[str], dialect: Dialect) -> None:
    _signature.cache_clear()  # a cached parse would hide the cost
    for n, text in enumerate(texts):
        doc = segment_text(text, f"content/p{n}.md", dialect=dialect)
        assemble(doc, {(s.context, s.msgid): f"⟦{s.msgid}⟧" for s in doc.segments})


def least_cpu(texts: list[str], dialects: list[Dialect], runs: int) -> dict[str, float]:
    best = {d.name: float("inf") for d in dialects}
    for run in range(runs):
        for dialect in dialects if run % 2 == 0 else dialects[::-1]:
            start = time.process_time()
            localise(texts, dialect)
            best[dialect.name] = min(best[dialect.name], time.process_time() - start)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=float, default=1.15)
    parser.add_argument("--pages", type=int, default=None, help="only the first N pages")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"the corpus is missing: {SHARED}", file=sys.stderr)
        return 2
    texts = pages()[:args.pages]
    dialects = [BEFORE, *(dialect_named(name) for name in DIALECTS)]
    print(f"{len(texts):,} pages, least CPU time of {args.runs} runs", file=sys.stderr)
    best = least_cpu(texts, dialects, args.runs)
    failed = False
    print(f"{'before':11s} {best['before']:6.2f} s")
    for name in DIALECTS:
        ratio = best[name] / best["before"]
        verdict = "PASS" if ratio <= args.limit else "FAIL"
        failed |= verdict == "FAIL"
        print(f"{name:11s} {best[name]:6.2f} s  x before {ratio:4.2f} (<= {args.limit})  "
              f"{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
