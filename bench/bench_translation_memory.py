"""Translation memory benchmark (issue 16): the memory at N and 10 x N entries, and
`update` with the memory on against the same `update` with it off.

    python bench/bench_translation_memory.py            # 10,000 / 100,000 entries; 500 docs
    python bench/bench_translation_memory.py --small    # 500 / 5,000 entries; 8 docs

In-process, on entries made as `corpus.py` makes articles (titles, descriptions,
headings, paragraphs with glossary terms, a little Chinese), each pseudo-translated:

- *build*: `Memory(units)` and its word-run index, at N and at 10 x N entries (CPU
  seconds, as for the lookups: steadier than wall time on a shared machine; the
  least of `--runs` fresh processes, since one process can be a third slower
  than the next on the same work: where its memory lands counts at this size);
- *lookup*: N / 10 queries at N entries and 10 x N / 10 at 10 x N (what an `update`
  of a project ten times the size asks): half of them entries of the memory with one
  word changed, a quarter new texts of the same words, a quarter exact copies. The
  best match at `memory.min_score` 75 and at the analysis's 50, with the garbage
  collector off as `merge` and `analyze` look texts up (at 100,000 entries its
  scans of the whole heap are a fifth of the time, at 10,000 almost nothing).

Target for each: time at 10 x N / time at N <= 12 (near-linear: 10 x the work).

As whole processes (the `locpipe` script, `bench_pipeline.measure`): a generated
project of `--docs` articles, extracted, updated and pseudo-translated; then a
tenth as many new articles, each a copy of an existing one under a new slug with
one paragraph changed (what a site's new pages share with its old ones), and
`extract`. Timed, each the median of `--runs`, the catalogues put back before every
run: `update` with `memory: false` and with the memory on (its default), both on
the project with the new articles, and both on the project before them (nothing to
pre-fill: what every ordinary `update` pays for reading the memory). Target:
memory on / memory off <= 1.5 for each.

Progress goes to stderr, the report to stdout; the exit status is 1 when a target
fails. The default run takes about three minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench_check import make_terms
from bench_pipeline import (
    EPOCH,
    Bench,
    Target,
    catalogues,
    fill,
    locpipe_script,
    offers_jobs,
    progress,
    target_lines,
)
from corpus import MARKER, CorpusSpec, _sentence, _title, load_examples, paragraph, write_project
from locpipe.catalogue.memory import Memory, Unit
from locpipe.catalogue.similar import no_collection

LIMIT_SCALE = 12.0
LIMIT_UPDATE = 1.5
SEED = 16


@dataclass(frozen=True)
class Settings:
    entries: int = 10_000
    """N: entries of the smaller memory; the larger has 10 x N."""
    documents: int = 500
    """Articles of the project `update` runs on."""
    runs: int = 3
    """Runs of each timed step; the median is reported."""


# ------------------------------------------------------------ in process

def memory_texts(count: int, rng: random.Random) -> list[str]:
    """`count` texts in the proportions of an article's entries, at any count: a short
    title drawn twice is two entries, as two articles with one title are."""
    terms = make_terms(200, random.Random(SEED))
    texts: list[str] = []
    while len(texts) < count:
        kind = rng.random()
        if kind < 0.1:
            text = _title(rng)
        elif kind < 0.2:
            text = _sentence(rng, 12)
        elif kind < 0.35:
            text = _sentence(rng, rng.randint(4, 14), terms)
        else:
            text = paragraph(rng, terms).replace("\n", " ")
        texts.append(text)
    return texts


def edited(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    words[rng.randrange(len(words))] = "changed"
    return " ".join(words)


def queries(texts: Sequence[str], count: int, rng: random.Random) -> list[str]:
    found = []
    for n in range(count):
        kind = n % 4
        if kind in (0, 1):
            found.append(edited(rng.choice(texts), rng))
        elif kind == 2:
            found.append(memory_texts(1, rng)[0])
        else:
            found.append(rng.choice(texts))
    return found


def timed(step: Callable[[], object]) -> float:
    """CPU seconds of `step`: steadier than wall time on a machine shared with others."""
    start = time.process_time()
    step()
    return time.process_time() - start


def least_of_processes(entries: int, repeat: int) -> tuple[float, float, int]:
    """`measure_memory` in `repeat` fresh processes, one after another: the least build
    and lookup seconds (what another process or a cold cache adds only ever adds)."""
    context = multiprocessing.get_context("spawn")
    found = []
    for _ in range(repeat):
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            found.append(pool.submit(measure_memory, entries).result())
    return min(f[0] for f in found), min(f[1] for f in found), found[0][2]


def measure_memory(entries: int) -> tuple[float, float, int]:
    """Seconds to build the memory and its index, seconds of the lookups, matches found."""
    rng = random.Random(f"{SEED}-{entries}")
    texts = memory_texts(entries, rng)
    units = [Unit(None, text, MARKER + text, f"content/a{n // 40}.md")
             for n, text in enumerate(texts)]
    asked = queries(texts, max(1, entries // 10), rng)
    memory: list[Memory] = []

    def build() -> None:
        memory[:] = [Memory(units)]
        memory[0].build_index()

    found: list[int] = []

    def look() -> None:  # with the collector off, as `merge` and `analyze` look texts up
        with no_collection():
            found[:] = [sum(memory[0].best(None, text, cutoff) is not None
                            for text in asked for cutoff in (75.0, 50.0))]

    return timed(build), timed(look), found[0]


# ------------------------------------------------------------ processes

def new_articles(root: Path, count: int) -> None:
    """`count` copies of existing articles under new slugs, one paragraph changed each."""
    articles = sorted((root / "content").rglob("*.md"))
    rng = random.Random(SEED)
    for n, source in enumerate(rng.sample(articles, min(count, len(articles)))):
        blocks = source.read_text(encoding="utf-8").split("\n\n")
        prose = [i for i, b in enumerate(blocks) if b[:1].isalpha() and len(b) > 80]
        if prose:
            place = rng.choice(prose)
            blocks[place] = edited(blocks[place], rng)
        target = root / "content" / "new" / f"copy-{n:04d}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n\n".join(blocks), encoding="utf-8")


def set_memory(root: Path, on: bool) -> None:
    (root / "locpipe.yaml").write_text("locales: [zh_Hans]\n" + ("" if on else "memory: false\n"),
                                       encoding="utf-8")


def timed_update(bench: Bench, saved: Path, on: bool) -> float:
    """`update` on the catalogues as saved, the memory on or off."""
    locales = bench.root / "locales"
    shutil.rmtree(locales)
    shutil.copytree(saved, locales)
    set_memory(bench.root, on)
    return bench.run(bench.argv("update")).seconds


def compare(bench: Bench, saved: Path, runs: int) -> tuple[float, float]:
    """Median seconds of `update` with the memory off and on, taking turns."""
    off, on = [], []
    for _ in range(runs):
        off.append(timed_update(bench, saved, False))
        on.append(timed_update(bench, saved, True))
    return statistics.median(off), statistics.median(on)


def measure_update(root: Path, settings: Settings) -> dict[str, tuple[float, float]]:
    progress(f"generating {settings.documents:,} documents in {root}")
    write_project(root, CorpusSpec(documents=settings.documents, terms=200), load_examples())
    script = locpipe_script()
    bench = Bench(root, script, offers_jobs(script))
    set_memory(root, False)
    bench.run(bench.argv("extract"), bench.argv("update"))
    fill(catalogues(root))
    progress("update with the memory off and on, nothing new")
    saved = root.parent / "saved-locales"
    shutil.copytree(root / "locales", saved)
    results = {"nothing new": compare(bench, saved, settings.runs)}
    new_articles(root, max(1, settings.documents // 10))
    bench.run(bench.argv("extract"))
    shutil.rmtree(saved)
    shutil.copytree(root / "locales", saved)
    progress("update with the memory off and on, a tenth new articles")
    results["a tenth new articles"] = compare(bench, saved, settings.runs)
    return results


# ------------------------------------------------------------ report

@dataclass
class Report:
    memory: dict[int, tuple[float, float, int]]
    """Entries -> (build seconds, lookup seconds, matches)."""
    update: dict[str, tuple[float, float]]
    """Scenario -> (seconds with the memory off, seconds with it on)."""

    def targets(self, settings: Settings) -> list[Target]:
        small, large = self.memory[settings.entries], self.memory[10 * settings.entries]
        size = f"{10 * settings.entries:,} / {settings.entries:,} entries"
        found = [Target(f"memory build, {size}", large[0] / small[0], LIMIT_SCALE),
                 Target(f"memory lookup, {size}", large[1] / small[1], LIMIT_SCALE)]
        found += [Target(f"update, memory on / off, {name}", on / off, LIMIT_UPDATE)
                  for name, (off, on) in self.update.items()]
        return found


def render(report: Report, settings: Settings) -> str:
    lines = [f"locpipe translation memory benchmark (SOURCE_DATE_EPOCH={EPOCH})", "",
             f"{'entries':>9}  {'build cpu s':>11}  {'lookups':>8}  {'lookup cpu s':>12}  "
             f"{'found':>7}"]
    for entries, (build, look, found) in sorted(report.memory.items()):
        lines.append(f"{entries:>9,}  {build:>11.3f}  {max(1, entries // 10):>8,}  "
                     f"{look:>12.3f}  {found:>7,}")
    lines += ["", f"update, {settings.documents:,} documents (median of {settings.runs})",
              f"{'scenario':<24}  {'off s':>8}  {'on s':>8}"]
    lines += [f"{name:<24}  {off:>8.2f}  {on:>8.2f}" for name, (off, on) in report.update.items()]
    found = report.targets(settings)
    return "\n".join([*lines, *target_lines(found)])


def parse_args(argv: Sequence[str] | None) -> Settings:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000, metavar="N",
                        help="entries of the smaller memory (default 10,000)")
    parser.add_argument("--docs", type=int, default=500, help="articles for update (500)")
    parser.add_argument("--runs", type=int, default=3, help="runs per timed step (3)")
    parser.add_argument("--small", action="store_true", help="500 entries, 8 docs, 1 run")
    args = parser.parse_args(argv)
    if args.small:
        return Settings(500, 8, 1)
    return Settings(args.entries, args.docs, args.runs)


def main(argv: Sequence[str] | None = None) -> int:
    settings = parse_args(argv)
    memory = {}
    for entries in (settings.entries, 10 * settings.entries):
        progress(f"memory of {entries:,} entries: build and lookups")
        memory[entries] = least_of_processes(entries, settings.runs)
    with tempfile.TemporaryDirectory(prefix="locpipe-tm-") as tmp:
        update = measure_update(Path(tmp) / "project", settings)
    report = Report(memory, update)
    print(render(report, settings))
    return 0 if all(t.passed for t in report.targets(settings)) else 1


if __name__ == "__main__":
    sys.exit(main())
