"""Memory benchmark: peak RSS of locpipe's commands at N and at 10 x N documents.

    python bench/bench_memory.py              # 3,000 and 30,000 short articles
    python bench/bench_memory.py --scale 500  # 500 and 5,000
    python bench/bench_memory.py --small      # 20 and 200: a smoke test

For each size a project of short generated articles (`corpus.short_article`:
front matter, a heading, two paragraphs; `locales: [zh_Hans]`, a 20-term
glossary) is written to a temporary folder. Each step runs `locpipe` as a
whole process (default `--jobs`, one per CPU) in a fresh measuring child, as
`bench_pipeline.measure` does: the peak is the largest resident set of any
process of the run, workers included.

Steps, in this order at each size:

- `extract`, cold (no `.locpipe-cache`, no templates);
- `extract`, no-op: every document a cache hit, the old cache read back;
- `build`, cold, every catalogue pseudo-translated straight from its template;
- `build`, no-op: every document a cache hit;
- `build` after one catalogue changed: the old cache read back while one
  document goes through a worker.

The target for every step is peak at 10 x N / peak at N <= 1.2: what a run
keeps per document (names to sort, counts) must be small beside the
interpreter and its libraries. At the default sizes the run takes about ten
minutes on a 2-core machine, most of it the cold steps at 30,000 documents.
Progress goes to stderr, the report to stdout; the exit status is 1 when a
target fails.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench_pipeline import (
    LOCALE,
    Bench,
    Measurement,
    Target,
    catalogues,
    clean,
    fill_from_templates,
    locpipe_script,
    offers_jobs,
    progress,
    target_lines,
)
from corpus import CorpusSpec, load_examples, write_project

STEPS = ("extract (cold)", "extract (no-op)", "build (cold, all translated)",
         "build (no-op)", "build (one catalogue changed)")
LIMIT = 1.2
"""Largest accepted ratio of peak memory at 10 x N documents to peak at N."""


@dataclass(frozen=True)
class Settings:
    """What one benchmark run measures."""

    documents: int = 3000
    """N: articles in the small project; the large one has 10 x N."""


def measure_steps(root: Path, documents: int) -> dict[str, Measurement]:
    """Every step of `STEPS` on a fresh project of `documents` short articles."""
    progress(f"generating {documents:,} short articles in {root}")
    write_project(root, CorpusSpec(documents=documents, terms=20, short=True), load_examples())
    script = locpipe_script()
    bench = Bench(root, script, offers_jobs(script))
    found: dict[str, Measurement] = {}
    progress(f"extract at {documents:,} documents, cold and no-op")
    found[STEPS[0]] = bench.cold("extract")
    found[STEPS[1]] = bench.run(bench.argv("extract"))
    fill_from_templates(root)
    progress(f"build at {documents:,} documents, cold, no-op, one catalogue changed")
    clean(root, "build")
    found[STEPS[2]] = bench.run(bench.argv("build"))
    found[STEPS[3]] = bench.run(bench.argv("build"))
    _change_one_catalogue(root)
    found[STEPS[4]] = bench.run(bench.argv("build"))
    return found


def _change_one_catalogue(root: Path) -> None:
    """The first catalogue loses its last translation: its document is built again."""
    path = catalogues(root)[0]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    head, _, _ = text.rpartition("\nmsgstr ")
    path.write_text(f'{head}\nmsgstr ""\n', encoding="utf-8")


def run(settings: Settings) -> dict[str, tuple[int, int]]:
    """Step -> peak KiB at N and at 10 x N documents."""
    sizes = (settings.documents, 10 * settings.documents)
    peaks: dict[int, dict[str, Measurement]] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="locpipe-memory-") as tmp:
            peaks[size] = measure_steps(Path(tmp) / "project", size)
    return {step: (peaks[sizes[0]][step].peak_kib, peaks[sizes[1]][step].peak_kib)
            for step in STEPS}


def targets(memory: dict[str, tuple[int, int]]) -> list[Target]:
    return [Target(f"{step} peak memory, 10xN / N", large / small if small else math.nan,
                   LIMIT) for step, (small, large) in memory.items()]


def render(memory: dict[str, tuple[int, int]], settings: Settings) -> str:
    """The report: one row of peaks per step, the targets, then a summary line."""
    small, big = f"{settings.documents:,} docs", f"{10 * settings.documents:,} docs"
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [f"locpipe memory benchmark: short articles, locales: [{LOCALE}]; "
             f"{os.cpu_count()} CPUs; load average at end {load}", "",
             f"{'peak memory (RSS, MB)':<40}  {small:>12}  {big:>12}  {'ratio':>6}"]
    for step, (at_n, at_10n) in memory.items():
        lines.append(f"{step:<40}  {at_n / 1024:>12.1f}  {at_10n / 1024:>12.1f}  "
                     f"{at_10n / at_n:>6.2f}")
    found = targets(memory)
    return "\n".join([*lines, *target_lines(found)])


def parse_args(argv: Sequence[str] | None) -> Settings:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--scale", type=int, default=3000, metavar="N",
                        help="documents in the small project (default 3,000)")
    parser.add_argument("--small", action="store_true", help="20 and 200 documents")
    args = parser.parse_args(argv)
    return Settings(20 if args.small else args.scale)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report; 0 when every target passes."""
    settings = parse_args(argv)
    memory = run(settings)
    print(render(memory, settings))
    return 0 if all(t.passed for t in targets(memory)) else 1


if __name__ == "__main__":
    sys.exit(main())
