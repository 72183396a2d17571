"""Scale benchmark: one very large segment through every command (issue 15), one
very large document and very deep nesting (issue 6).

    python bench/bench_scale.py            # all of it, a few minutes on 2 cores
    python bench/bench_scale.py --segment-mb 1 2   # one-segment part at 1 and 2 MB
    python bench/bench_scale.py --mb 5     # issue 6's document at 5 MB
    python bench/bench_scale.py --quick    # everything small (16 and 64 KB segments), for tests

One segment: an article whose body is one paragraph of SIZE bytes (words,
emphasis, code spans, links and Chinese), written on one line ("single-line")
or wrapped at 72 columns ("many-line"), at 1, 4 and 8 MB. Each of the six
commands runs as the installed `locpipe` script in a fresh measuring child
(`bench_pipeline.measure`): `extract`; `check`, `build`, `status` and
`report` after the catalogue was pseudo-translated (polib, not timed); and
`update` after a few words changed at five places across the paragraph, so
that the merge looks up the old text as a similar one. The same steps on a
1 KB article are the baseline measured in the same run: its CPU seconds and
peak resident set (the interpreter and its libraries) are subtracted. Printed
per command: CPU seconds per MB at each size, their ratio 8 MB / 1 MB (target
<= 1.5: about 1 when time grows linearly, about 8 when quadratic) and the
peak memory above the baseline at 8 MB as a multiple of the input (target <= 10).

Sizes: a generated article of that many bytes (headings, paragraphs with
inline markup and Chinese, lists, block quotes, code, tables, footnotes, all
texts distinct) goes through `locpipe extract`, `update`, a pseudo-translation
of every entry (polib, not timed), `build`, then `extract` and `update` again
after 1% of the paragraphs changed. Printed: seconds per MB at each size, and
the ratio of the largest size's seconds per MB to the smallest's: about 1 when
time grows linearly, about 4 when a step is quadratic.

Fallback: the same, at a quarter of those sizes, with one translation that
changes the document's structure in context (it drops the only footnote
reference, so the footnote would vanish): finding it among all the other
translations takes O(log n) parses of the document, not one per translation.

Depths: block quotes, bullet lists, ordered lists and both mixed, nested
DEPTH levels deep on one line, and a staircase of DEPTH lines climbing and
falling through the levels, through extract, update and build. markdown-it-py
stops opening containers at 20 levels (its `maxNesting`) and reads deeper
markers as text, so nothing recurses; printed: seconds per 1,000 levels and
the same ratio.

Issue 6's parts: every ratio is checked against LINEAR_LIMIT: PASS or FAIL; the exit status is
1 when one fails. The commands run in this process with the Click test runner
(one document, so no worker processes), and the times are this process's CPU
seconds, so that other work on a shared machine does not blur the ratios.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polib
from click.testing import CliRunner

from bench_pipeline import Measurement, measure, progress
from locpipe.cli import main as locpipe

LINEAR_LIMIT = 1.5
"""Largest accepted ratio of time per unit between the largest and smallest runs."""
MEMORY_LIMIT = 10.0
"""Largest accepted peak memory above the baseline, as a multiple of the input's size."""
SEGMENT_COMMANDS = ("extract", "update", "check", "build", "status", "report")
SHAPES = ("single-line", "many-line")
MB = 1 << 20
CATALOGUE = Path("locales/zh_Hans/LC_MESSAGES/article.po")

_WORDS = ("the", "needle", "point", "body", "flow", "balance", "research", "shows", "that",
          "pain", "gentle", "practice", "over", "time", "meridian", "stimulation", "nerve")
_CJK = "针灸气经络穴位阴阳研究表明这种方法可以帮助身体恢复平衡"


def article(size: int, seed: int = 6, note: bool = False) -> str:
    """About `size` bytes of varied Markdown; every text is distinct."""
    rng = random.Random(seed)
    parts = ["---\ntitle: A very long article\ndescription: Generated for the benchmark.\n"
             "---\n\n"]
    if note:
        parts.append("This opening sentence has the only note[^note].\n\n")
    length, n = sum(len(p.encode()) for p in parts), 0
    while length < size:
        n += 1
        part = _block(rng, n)
        parts.append(part)
        length += len(part.encode())
    if note:
        parts.append("[^note]: The note that the opening sentence refers to.\n")
    return "".join(parts)


def _sentence(rng: random.Random, n: int) -> str:
    words = rng.choices(_WORDS, k=rng.randint(6, 14))
    words[rng.randrange(len(words))] = rng.choice(("*gentle*", "**firm**", "`code`",
                                                   "[a link](https://example.com/p)"))
    cjk = "".join(rng.choices(_CJK, k=rng.randint(2, 6)))
    return f"{' '.join(words).capitalize()} {n} {cjk}."


def _block(rng: random.Random, n: int) -> str:
    kind = n % 10
    if kind == 0:
        return f"## Section {n}: {_sentence(rng, n)}\n\n"
    if kind in (3, 7):
        return f"- {_sentence(rng, n)}\n- {_sentence(rng, n + MB)}\n  - {_sentence(rng, -n)}\n\n"
    if kind == 5:
        return f"> {_sentence(rng, n)}\n> {_sentence(rng, n + MB)}\n\n"
    if kind == 8:
        return (f"| Point {n} | Effect |\n| --- | --- |\n| {_sentence(rng, n)} | "
                f"{_sentence(rng, n + MB)} |\n\n")
    if kind == 9:
        return f"```python\nprint({n})\n```\n\n1. {_sentence(rng, n)}\n\n"
    return f"{_sentence(rng, n)}\n{_sentence(rng, n + MB)}\n\n"


def nested(depth: int) -> str:
    """Containers `depth` levels deep, in several shapes."""
    staircase = "".join("> " * (i % 40 if i % 40 < 20 else 40 - i % 40) + f"step {i}\n"
                        for i in range(depth))
    return (f"# Nesting {depth} deep\n\n" + "> " * depth + "deep quote\n\n"
            + "- " * depth + "deep item\n\n" + "1. " * depth + "deep number\n\n"
            + "> - " * (depth // 2) + "deep mix\n\n" + staircase)


# ------------------------------------------------------------ running the commands

@contextmanager
def project(text: str) -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="locpipe-scale-"))
    try:
        (root / "content").mkdir()
        (root / "content" / "article.md").write_text(text, encoding="utf-8")
        (root / "locpipe.yaml").write_text("locales: [zh_Hans]\n", encoding="utf-8")
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def command(root: Path, *args: str) -> float:
    """CPU seconds `locpipe ARGS` takes in `root`."""
    before = Path.cwd()
    os.chdir(root)
    try:
        start = time.process_time()
        result = CliRunner().invoke(locpipe, list(args))
        seconds = time.process_time() - start
    finally:
        os.chdir(before)
    if result.exit_code != 0:
        raise SystemExit(f"locpipe {' '.join(args)} failed: {result.output}{result.exception}")
    return seconds


def translate(root: Path, translator: Callable[[polib.POEntry], str]) -> None:
    po = polib.pofile(str(root / CATALOGUE), wrapwidth=0)
    for entry in po:
        entry.msgstr = translator(entry)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(root / CATALOGUE))


def _pseudo(entry: polib.POEntry) -> str:
    return "译：" + entry.msgid


def _edit_one_percent(text: str) -> str:
    paragraphs = text.split("\n\n")
    for i in range(3, len(paragraphs), 100):
        paragraphs[i] = paragraphs[i].replace(" the ", " a ", 1) + " Changed."
    return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class Timing:
    label: str
    unit: float
    """Size of the run in the unit its figure is per (MB, or 1,000 levels)."""
    steps: dict[str, float]

    @property
    def total(self) -> float:
        return sum(self.steps.values())

    @property
    def per_unit(self) -> float:
        return self.total / self.unit


def full_run(size: int) -> Timing:
    text = article(size)
    with project(text) as root:
        steps = {"extract": command(root, "extract"), "update": command(root, "update")}
        translate(root, _pseudo)
        steps["build"] = command(root, "build")
        (root / "content" / "article.md").write_text(_edit_one_percent(text), encoding="utf-8")
        steps["re-extract"] = command(root, "extract")
        steps["re-update"] = command(root, "update")
    return Timing(_size(size), size / MB, steps)


def fallback_run(size: int) -> Timing:
    with project(article(size, note=True)) as root:
        command(root, "extract")
        command(root, "update")
        translate(root, lambda e: "这句没有注释。" if "[^note]" in e.msgid else _pseudo(e))
        steps = {"build": command(root, "build")}
    return Timing(f"{_size(size)}, one bad translation", size / MB, steps)


def _size(size: int) -> str:
    return f"{size / MB:.3g} MB" if size >= MB else f"{size / 1024:.3g} KB"


def depth_run(depth: int) -> Timing:
    with project(nested(depth)) as root:
        steps = {"extract": command(root, "extract"), "update": command(root, "update")}
        translate(root, _pseudo)
        steps["build"] = command(root, "build")
    return Timing(f"depth {depth:,}", depth / 1000, steps)


def report(title: str, unit: str, timings: Sequence[Timing]) -> bool:
    print(title)
    for t in timings:
        steps = ", ".join(f"{k} {v:.2f}" for k, v in t.steps.items())
        print(f"  {t.label}: {t.total:.2f} s CPU ({steps}) = {t.per_unit:.2f} s per {unit}")
    ratio = timings[-1].per_unit / timings[0].per_unit
    scale = timings[-1].unit / timings[0].unit
    passed = ratio <= LINEAR_LIMIT
    print(f"  ratio of s per {unit}, {timings[-1].label} / {timings[0].label}: {ratio:.2f} "
          f"(linear 1, quadratic {scale:.3g}) {'PASS' if passed else 'FAIL'}")
    return passed


# ------------------------------------------------------------ one large segment

_MARKUP = ("*gentle*", "**firm**", "`code`", "[a link](https://example.com/p)", "针灸气血")


def paragraph(size: int, shape: str, seed: int = 15) -> str:
    """An article whose body is one paragraph of about `size` bytes."""
    rng = random.Random(seed)
    words, length = [], 0
    while length < size:
        word = rng.choice(_MARKUP) if rng.random() < 0.08 else rng.choice(_WORDS)
        words.append(word)
        length += len(word.encode()) + 1
    if shape == "single-line":
        body = " ".join(words)
    else:
        lines, line = [], []
        for word in words:
            line.append(word)
            if sum(map(len, line)) + len(line) > 72:
                lines.append(" ".join(line))
                line = []
        body = "\n".join([*lines, " ".join(line)]).strip()
    return f"---\ntitle: One long paragraph\n---\n\n# One long paragraph\n\n{body}.\n"


def _edit_five_places(text: str) -> str:
    """A few words changed at five places spread over the text."""
    step = len(text) // 6
    parts = [text[i * step:(i + 1) * step] for i in range(5)] + [text[5 * step:]]
    return "".join(p.replace(" the ", " this ", 1) if i else p for i, p in enumerate(parts))


@dataclass(frozen=True)
class SegmentRun:
    size: int
    """Bytes of the article."""
    measured: dict[str, Measurement]
    """By command."""


def segment_run(size: int, shape: str) -> SegmentRun:
    """The six commands on one article of `size` bytes, each in its own process."""
    text = paragraph(size, shape)
    script = str(Path(sys.executable).parent / "locpipe")
    with project(text) as root:
        def timed(name: str, codes: Sequence[int] = (0,)) -> Measurement:
            extra = ["-o", "report.html"] if name == "report" else []
            return measure([[script, name, *extra]], root, codes)
        found = {"extract": timed("extract")}
        measure([[script, "update"]], root)
        translate(root, _pseudo)
        found["check"] = timed("check", (0, 1))  # 1: findings at error level, a result
        found |= {name: timed(name) for name in ("build", "status", "report")}
        (root / "content" / "article.md").write_text(_edit_five_places(text), encoding="utf-8")
        measure([[script, "extract"]], root)
        found["update"] = timed("update")
    return SegmentRun(len(text.encode()), found)


def segment_report(shape: str, base: SegmentRun, runs: Sequence[SegmentRun]) -> bool:
    """Per command: CPU s per MB at each size, the ratio and peak memory; PASS/FAIL."""
    large = runs[-1]
    print(f"one {shape} segment: CPU s per MB above the 1 KB baseline; "
          f"peak RSS above the baseline ({base.measured['check'].peak_kib // 1024} MB) "
          f"at {_size(large.size)}")
    passed = True
    for name in SEGMENT_COMMANDS:
        seconds = [_per_mb(run, base, name) for run in runs]
        ratio = seconds[-1] / max(seconds[0], 1e-9)
        memory = (large.measured[name].peak_kib - base.measured[name].peak_kib) * 1024 / large.size
        passed &= ratio <= LINEAR_LIMIT and memory <= MEMORY_LIMIT
        figures = ", ".join(f"{_size(run.size)} {spent:.2f}"
                            for run, spent in zip(runs, seconds, strict=True))
        print(f"  {name:<8} {figures}; time ratio {ratio:.2f} (<= {LINEAR_LIMIT:g}) "
              f"{'PASS' if ratio <= LINEAR_LIMIT else 'FAIL'}; memory {memory:.1f} x input "
              f"(<= {MEMORY_LIMIT:g}) {'PASS' if memory <= MEMORY_LIMIT else 'FAIL'}")
    return passed


def _per_mb(run: SegmentRun, base: SegmentRun, name: str) -> float:
    spent = run.measured[name].cpu_seconds - base.measured[name].cpu_seconds
    return max(spent, 0.0) / (run.size / MB)


def segments(sizes: Sequence[int], shapes: Sequence[str] = SHAPES) -> list[bool]:
    results = []
    for shape in shapes:
        progress(f"one {shape} segment: baseline")
        base = segment_run(1024, shape)
        runs = []
        for size in sizes:
            progress(f"one {shape} segment of {_size(size)}")
            runs.append(segment_run(size, shape))
        results.append(segment_report(shape, base, runs))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="16/32/64 KB and depths 250/500/1,000 (for the test suite)")
    parser.add_argument("--mb", type=float, nargs="+", default=[1.25, 2.5, 5],
                        help="document sizes in MB (default: 1.25 2.5 5)")
    parser.add_argument("--segment-mb", type=float, nargs="+", default=[1, 4, 8],
                        help="one-segment sizes in MB (default: 1 4 8)")
    parser.add_argument("--shape", choices=SHAPES, nargs="+", default=list(SHAPES),
                        help="one-segment shapes (default: both)")
    parser.add_argument("--segments-only", action="store_true",
                        help="only the one-segment part (issue 15)")
    args = parser.parse_args(argv)
    segment_sizes = ([MB // 64, MB // 16] if args.quick
                     else [int(mb * MB) for mb in args.segment_mb])
    results = segments(segment_sizes, args.shape)
    if args.segments_only:
        return 0 if all(results) else 1
    sizes = [MB // 64, MB // 32, MB // 16] if args.quick else [int(mb * MB) for mb in args.mb]
    depths = [250, 500, 1000] if args.quick else [2500, 5000, 10000]
    results += [
        report("one large document: extract, update, build, and again after 1% edits", "MB",
               [full_run(s) for s in sizes]),
        report("one structure-breaking translation among all the others", "MB",
               [fallback_run(s // 4) for s in sizes]),
        report("deep nesting: extract, update, build", "1,000 levels",
               [depth_run(d) for d in depths]),
    ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
