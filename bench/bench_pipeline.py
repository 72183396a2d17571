"""Whole-pipeline benchmark (issue 7): locpipe's commands against a parsing floor.

    python bench/bench_pipeline.py              # 2,000 documents, 3 runs; 20,000 for memory
    python bench/bench_pipeline.py --small      # 4 documents, 1 run: a smoke test
    python bench/bench_pipeline.py --scale 500 --runs 1 --profile

A project is generated in a temporary folder (see `corpus.py`): N articles of
prose and CommonMark spec examples, `locales: [zh_Hans]` and a generated
glossary. Each command runs as a whole process of the `locpipe` script next to
`sys.executable`, inside a fresh measuring child that reports the wall time
and the peak RSS (`getrusage(RUSAGE_CHILDREN)`: the largest single process,
workers included). The floor is one `python -c` process that reads the same
articles and parses them with markdown-it-py, configured as locpipe's parser.

Steps, each the median of `--runs` runs and printed as a ratio to the floor:
`extract` and `build` cold (the `.locpipe-cache` folder and the step's output
deleted first), `update` with unchanged sources, `build` with every entry
pseudo-translated (`译：` + msgid, filled with polib, then one `update`),
`check`, a no-op `extract && build` right after a full one, and `--jobs 1`
against `--jobs 2` (passed only when `locpipe extract --help` offers it).
Peak memory of `extract` and `build` is taken at N and at 10 x N documents
(`--big-runs` runs, default 1; the 10 x N catalogues are filled straight from
the templates, without `update`). In-process: glossary matching with 5,000
against 20 terms (`bench_matcher.measure`) and `locpipe.catalogue.merge.merge` at
1,250, 2,500 and 5,000 entries with 10% changed texts (median CPU seconds of 5 runs).

Every target is printed with PASS or FAIL, then `targets: X passed, Y failed`;
the exit status is 1 when a target fails. `--jobs 2` can only be as fast as
the free cores allow, so the report also gives each step's CPU time and how
many CPUs two busy processes got just before the comparison.

Run time on a 2-core machine is about 110 floors (the timed runs, the `--jobs`
pairs and the 10 x N step) plus a minute or two of generating files. The
floor is 6-10 s at 2,000 documents, so the default run takes about 14 minutes,
`--scale 500` about 4 and `--small` under 30 s. Progress goes to stderr, the
report to stdout.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import inspect
import io
import json
import math
import os
import pstats
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from unittest.mock import patch

import polib

import bench_matcher
from bench_check import make_terms
from corpus import MARKER, CorpusSpec, load_examples, paragraph, write_project
from locpipe.catalogue.merge import merge
from locpipe.catalogue.template import new_catalogue
from locpipe.config import load_config
from locpipe.jobs import pipeline

LOCALE = "zh_Hans"
EPOCH = "1779235200"  # SOURCE_DATE_EPOCH: outputs must not depend on the clock
CACHE = ".locpipe-cache"
OUTPUTS = {"extract": "locales/templates", "build": "build"}
TREES = {"extract": "locales/templates", "build": "build/site"}
CHECK_EXIT_CODES = (0, 1)  # 1: findings at error level, a result, not a failure

FLOOR = """\
import pathlib, sys
from locpipe.markdown.grammar import grammar
md = grammar()
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.md")):
    md.parse(path.read_text(encoding="utf-8"))
"""

MEASURE = """\
import json, resource, subprocess, sys, time
commands, codes = json.loads(sys.argv[1]), json.loads(sys.argv[2])
start = time.perf_counter()
for argv in commands:
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode not in codes:
        sys.stderr.buffer.write(done.stderr[-4000:])
        sys.exit(f"exit status {done.returncode}: {' '.join(argv)}")
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "peak_kib": usage.ru_maxrss,
                  "cpu_seconds": usage.ru_utime + usage.ru_stime}))
"""

SPIN = """\
import sys, time
start, cpu = time.perf_counter(), time.process_time()
while time.process_time() - cpu < float(sys.argv[1]):
    pass
print(time.process_time() - cpu, time.perf_counter() - start)
"""

STEPS = ("floor: read + markdown-it-py parse", "extract (cold)", "update (unchanged sources)",
         "build (cold, all translated)", "check", "extract && build (no-op, cache warm)",
         "extract --jobs 1 (cold)", "extract --jobs 2 (cold)", "build --jobs 1 (cold)",
         "build --jobs 2 (cold)")
TARGETS = ("extract cold, x floor", "build cold, x floor",
           "no-op extract && build, % of cold extract + build",
           "extract speed-up, --jobs 2 over --jobs 1", "build speed-up, --jobs 2 over --jobs 1",
           "extract --jobs 2 vs --jobs 1, files differing",
           "build --jobs 2 vs --jobs 1, files differing",
           "glossary matching", "extract peak memory, 10xN / N",
           "build peak memory, 10xN / N", "catalogue merge")
"""Target names; the last two get their sizes appended."""


@dataclass(frozen=True)
class Settings:
    """What one benchmark run measures."""

    documents: int = 2000
    """N: articles in the main project (10 x N for the memory step)."""
    runs: int = 3
    """Runs per timed step; the median is reported."""
    big_runs: int = 1
    """Runs of each step at 10 x N documents."""
    terms: int = 1000
    """Terms in the project's glossary."""
    matcher_terms: int = 5000
    """Terms of the large glossary in the matching comparison."""
    merge_sizes: tuple[int, int, int] = (1250, 2500, 5000)
    """Catalogue sizes of the merge comparison."""
    probe_seconds: float = 1.0
    """CPU time of each busy process that measures the free cores."""
    profile: bool = False
    """Also profile the in-process extract and build (`--jobs 1`) on a small project."""


@dataclass(frozen=True)
class Measurement:
    """One measured process tree."""

    seconds: float
    """Wall time of the commands, process start-up included."""
    peak_kib: int
    """Largest resident set of any process in the tree, in KiB."""
    cpu_seconds: float = 0.0
    """User and system time of every process in the tree."""


@dataclass(frozen=True)
class Target:
    """One goal of issue 7 and what was measured."""

    name: str
    measured: float
    limit: float
    at_least: bool = False
    """True when the measured value must reach the limit rather than stay under it."""
    blocked: str = ""
    """Why the target cannot pass (a missing option); printed after the verdict."""
    note: str = ""
    """What else to know when reading the verdict (a busy machine)."""

    @property
    def passed(self) -> bool:
        if self.blocked or not math.isfinite(self.measured):
            return False
        return self.measured >= self.limit if self.at_least else self.measured <= self.limit


@dataclass
class Report:
    """Everything one run measured."""

    header: list[str] = field(default_factory=list)
    steps: dict[str, Measurement] = field(default_factory=dict)
    """Step name -> median of its runs."""
    memory: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Command -> peak KiB at N and at 10 x N."""
    jobs: bool = False
    """Whether locpipe offers `--jobs`."""
    differing: dict[str, int] = field(default_factory=dict)
    """Command -> files differing between its `--jobs 1` and `--jobs 2` outputs."""
    capacity: float = math.nan
    """CPUs two busy processes got just before the `--jobs` comparison."""
    matching: float = math.nan
    """Glossary matching time, large glossary / 20 terms."""
    merge: dict[int, float] = field(default_factory=dict)
    """Catalogue size -> median CPU seconds of one merge."""
    targets: list[Target] = field(default_factory=list)
    profile: str = ""
    """cProfile listings, with `--profile`."""

    @property
    def floor(self) -> float:
        return self.steps[STEPS[0]].seconds

    def seconds(self, index: int) -> float:
        """Median seconds of `STEPS[index]`."""
        return self.steps[STEPS[index]].seconds


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------ processes

def locpipe_script() -> Path:
    """The console script installed with the interpreter running this benchmark."""
    script = Path(sys.executable).parent / "locpipe"
    if not script.exists():
        raise SystemExit(f"no locpipe script next to {sys.executable}: pip install -e .")
    return script


def offers_jobs(script: Path) -> bool:
    """Whether this locpipe has `--jobs` (checked once, from the help text)."""
    done = subprocess.run([str(script), "extract", "--help"], capture_output=True, text=True,
                          check=True)
    return "--jobs" in done.stdout


def measure(commands: Sequence[Sequence[str]], cwd: Path,
            codes: Sequence[int] = (0,)) -> Measurement:
    """Run `commands` one after the other in a fresh measuring child."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    done = subprocess.run([sys.executable, "-c", MEASURE, json.dumps([list(c) for c in commands]),
                           json.dumps(list(codes))], cwd=cwd, env=env, capture_output=True,
                          text=True)
    if done.returncode:
        raise RuntimeError(f"{done.stderr.strip()}\n(in {cwd})")
    return Measurement(**json.loads(done.stdout))


@dataclass(frozen=True)
class Bench:
    """A generated project and how to run locpipe on it."""

    root: Path
    script: Path
    jobs: bool
    """Whether locpipe offers `--jobs`."""

    def argv(self, command: str, jobs: int | None = None) -> list[str]:
        argv = [str(self.script), command, "--config", str(self.root / "locpipe.yaml")]
        return argv + (["--jobs", str(jobs)] if jobs and self.jobs else [])

    def run(self, *commands: list[str], codes: Sequence[int] = (0,)) -> Measurement:
        return measure(commands, self.root, codes)

    def cold(self, command: str, jobs: int | None = None) -> Measurement:
        """`command` after deleting the cache and the command's output."""
        clean(self.root, command)
        return self.run(self.argv(command, jobs))

    def floor(self) -> Measurement:
        return self.run([sys.executable, "-c", FLOOR, str(self.root / "content")])


def clean(root: Path, command: str) -> None:
    """Delete the cache and what `command` writes, so that it starts cold."""
    for folder in (CACHE, OUTPUTS[command]):
        shutil.rmtree(root / folder, ignore_errors=True)


def median(measurements: Sequence[Measurement]) -> Measurement:
    return Measurement(statistics.median(m.seconds for m in measurements),
                       int(statistics.median(m.peak_kib for m in measurements)),
                       statistics.median(m.cpu_seconds for m in measurements))


def parallel_capacity(seconds: float = 1.0) -> float:
    """CPUs that two busy processes get right now: 2.0 on an idle machine of 2 or more.

    Other work on the machine takes cores away from `--jobs 2`; this says how
    many. Each process times its own loop, so interpreter start-up is left out.
    """
    spinners = [subprocess.Popen([sys.executable, "-c", SPIN, str(seconds)],
                                 stdout=subprocess.PIPE, text=True) for _ in range(2)]
    shares = []
    for spinner in spinners:
        cpu, wall = (float(x) for x in spinner.communicate()[0].split())
        shares.append(cpu / wall)
    return sum(shares)


def repeat(runs: int, *steps: Callable[[], Measurement]) -> list[Measurement]:
    """The median of each step over `runs` rounds; the steps take turns within a round.

    Taking turns spreads a busy spell of the machine over every step rather
    than onto the one that happened to be running.
    """
    results: list[list[Measurement]] = [[] for _ in steps]
    for _ in range(runs):
        for step, spent in zip(steps, results, strict=True):
            spent.append(step())
    return [median(spent) for spent in results]


# ------------------------------------------------------------ files

def tree_digests(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, by relative path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def differing(first: dict[str, str], second: dict[str, str]) -> int:
    """Files missing from one tree or with other bytes."""
    return sum(first.get(name) != second.get(name) for name in first.keys() | second.keys())


def pseudo_translate(po: polib.POFile) -> None:
    """Every active entry translated: the marker, then the msgid."""
    po.metadata["Language"] = LOCALE
    for entry in po:
        if not entry.obsolete:
            entry.msgstr = MARKER + entry.msgid
            entry.flags = [f for f in entry.flags if f != "fuzzy"]


def _fill_one(path: Path) -> None:
    po = polib.pofile(str(path), wrapwidth=0)
    pseudo_translate(po)
    po.save(str(path))


def fill(paths: Sequence[Path]) -> None:
    """Pseudo-translate each catalogue in place with polib, on every CPU."""
    with ProcessPoolExecutor() as pool:
        list(pool.map(_fill_one, paths, chunksize=max(1, len(paths) // 64)))


def catalogues(root: Path) -> list[Path]:
    """Every catalogue of the target locale."""
    return sorted((root / "locales" / LOCALE / "LC_MESSAGES").rglob("*.po"))


def pseudo_catalogue(template: str) -> str:
    """`pseudo_translate` done on the text of a template locpipe wrote, without polib.

    Parsing 10 x N templates with polib would take minutes; a template's lines
    are simple: each msgstr becomes the marker followed by its msgid's strings.
    """
    lines: list[str] = []
    keyword, msgid = "", [""]
    for line in template.splitlines():
        if line.startswith('"'):
            msgid += [line] if keyword == "msgid" else []
            lines.append(line.replace('"Language: \\n"', f'"Language: {LOCALE}\\n"'))
            continue
        keyword = line.split(" ", 1)[0]
        if keyword == "msgid":
            msgid = [line[len("msgid "):]]
        if keyword == "msgstr" and msgid != ['""']:
            lines += [f'msgstr "{MARKER}"', *msgid]
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def fill_from_templates(root: Path) -> None:
    """A pseudo-translated catalogue beside every template, straight from its text."""
    templates = root / "locales" / "templates"
    folder = root / "locales" / LOCALE / "LC_MESSAGES"
    for template in sorted(templates.rglob("*.pot")):
        target = (folder / template.relative_to(templates)).with_suffix(".po")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(pseudo_catalogue(template.read_text(encoding="utf-8")),
                          encoding="utf-8")


def make_bench(root: Path, documents: int, terms: int, examples: list[str]) -> Bench:
    progress(f"generating {documents:,} documents in {root}")
    write_project(root, CorpusSpec(documents=documents, terms=terms), examples)
    script = locpipe_script()
    return Bench(root, script, offers_jobs(script))


def content_megabytes(root: Path) -> float:
    return sum(p.stat().st_size for p in (root / "content").rglob("*.md")) / 1e6


# ------------------------------------------------------------ the steps

def prepare_catalogues(bench: Bench, report: Report, runs: int) -> None:
    """Templates, a first update, `update` timed, then every entry translated."""
    progress("extract and first update")
    bench.run(bench.argv("extract"), bench.argv("update"))
    progress(f"update, unchanged sources, x{runs}")
    report.steps[STEPS[2]] = median([bench.run(bench.argv("update")) for _ in range(runs)])
    progress("pseudo-translating every entry, then update")
    fill(catalogues(bench.root))
    bench.run(bench.argv("update"))
    progress(f"check, x{runs}")
    checks = [bench.run(bench.argv("check"), codes=CHECK_EXIT_CODES) for _ in range(runs)]
    report.steps[STEPS[4]] = median(checks)


def time_cold(bench: Bench, report: Report, runs: int) -> dict[str, Measurement]:
    """Floor, cold extract and cold build, taking turns."""
    progress(f"floor, cold extract, cold build, x{runs}")
    floor, extract, build = repeat(runs, bench.floor, lambda: bench.cold("extract"),
                                   lambda: bench.cold("build"))
    report.steps[STEPS[0]], report.steps[STEPS[1]], report.steps[STEPS[3]] = floor, extract, build
    return {"extract": extract, "build": build}


def time_no_op(bench: Bench, report: Report, runs: int) -> None:
    progress(f"full extract && build, then no-op extract && build, x{runs}")
    both = (bench.argv("extract"), bench.argv("build"))
    bench.run(*both)
    report.steps[STEPS[5]] = median([bench.run(*both) for _ in range(runs)])


def time_jobs(bench: Bench, report: Report, settings: Settings) -> None:
    """`--jobs 1` against `--jobs 2`, cold; and how many output files differ."""
    runs = settings.runs
    report.capacity = parallel_capacity(settings.probe_seconds)
    progress(f"two busy processes get {report.capacity:.2f} CPUs")
    for index, command in enumerate(("extract", "build")):
        progress(f"{command} --jobs 1 and --jobs 2, cold, x{runs}")
        trees: dict[int, list[dict[str, str]]] = {1: [], 2: []}
        one, two = repeat(runs, partial(cold_tree, bench, command, 1, trees),
                          partial(cold_tree, bench, command, 2, trees))
        report.steps[STEPS[6 + 2 * index]], report.steps[STEPS[7 + 2 * index]] = one, two
        report.differing[command] = max(differing(a, b) for a in trees[1] for b in trees[2])


def cold_tree(bench: Bench, command: str, jobs: int,
              trees: dict[int, list[dict[str, str]]]) -> Measurement:
    """A cold run with `--jobs`; the digests of its output go to `trees[jobs]`."""
    spent = bench.cold(command, jobs)
    trees[jobs].append(tree_digests(bench.root / TREES[command]))
    return spent


def peak_at_scale(root: Path, settings: Settings, examples: list[str]) -> dict[str, int]:
    """Peak RSS of cold extract and build at 10 x N documents."""
    bench = make_bench(root, 10 * settings.documents, settings.terms, examples)
    progress(f"extract at {10 * settings.documents:,} documents, x{settings.big_runs}")
    extract = median([bench.cold("extract") for _ in range(settings.big_runs)])
    progress("pseudo-translated catalogues from the templates")
    fill_from_templates(root)
    progress(f"build at {10 * settings.documents:,} documents, x{settings.big_runs}")
    build = median([bench.cold("build") for _ in range(settings.big_runs)])
    return {"extract": extract.peak_kib, "build": build.peak_kib}


# ------------------------------------------------------------ in-process

def matching_ratio(bench: Bench, settings: Settings) -> float:
    """bench_matcher's 5,000-against-20-terms comparison on ten generated articles."""
    progress(f"glossary matching, {settings.matcher_terms:,} against 20 terms")
    articles = sorted((bench.root / "content").rglob("*.md"))[:10]
    text = "".join(p.read_text(encoding="utf-8") for p in articles)
    return bench_matcher.measure("en", "en", text, large=settings.matcher_terms,
                                 runs=max(3, 3 * settings.runs)).ratio


def merge_inputs(texts: Sequence[str], rng: random.Random) -> tuple[polib.POFile, polib.POFile]:
    """A template with every tenth text changed, and the old, fully translated catalogue."""
    old = new_catalogue(polib.POFile(), LOCALE)
    pot = polib.POFile(wrapwidth=0)
    for index, text in enumerate(texts):
        old.append(polib.POEntry(msgid=text, msgstr=MARKER + text))
        words = text.split(" ")
        if index % 10 == 0:
            words.insert(rng.randrange(len(words)), "newly")
        pot.append(polib.POEntry(msgid=" ".join(words), msgstr=""))
    return pot, old


def merge_seconds(texts: Sequence[str], runs: int) -> float:
    """Median CPU time of one `catalogue.merge` of `texts`, inputs built afresh each run.

    CPU seconds of this process, as bench_scale counts: a merge is one process's work,
    and wall time also counts whatever else the machine runs meanwhile."""
    spent = []
    for run in range(runs):
        pot, old = merge_inputs(texts, random.Random(run))
        start = time.process_time()
        merge(pot, old, LOCALE)
        spent.append(time.process_time() - start)
    return statistics.median(spent)


def merge_texts(count: int) -> list[str]:
    """`count` distinct paragraphs of generated prose."""
    rng = random.Random(count)
    terms = make_terms(20, rng)
    texts: dict[str, None] = {}
    while len(texts) < count:
        texts[paragraph(rng, terms).replace("\n", " ")] = None
    return list(texts)


def merge_times(settings: Settings) -> dict[int, float]:
    """Median seconds of one merge at each catalogue size."""
    sizes = settings.merge_sizes
    progress(f"catalogue.merge at {', '.join(f'{s:,}' for s in sizes)} entries")
    texts = merge_texts(max(sizes))
    return {size: merge_seconds(texts[:size], max(5, settings.runs)) for size in sizes}


# ------------------------------------------------------------ profile

def profile_pipeline(root: Path, settings: Settings, examples: list[str]) -> str:
    """cProfile of in-process `pipeline.extract` and `build`, one process, cold."""
    documents = min(settings.documents, 100)
    write_project(root, CorpusSpec(documents=documents, terms=settings.terms), examples)
    config = load_config(root / "locpipe.yaml")
    out = io.StringIO()
    with patch.dict(os.environ, {"SOURCE_DATE_EPOCH": EPOCH}):
        pipeline.extract(config, **_one_job(pipeline.extract))
        fill_from_templates(root)
        for name in ("extract", "build"):
            clean(root, name)
            func = getattr(pipeline, name)
            profiler = cProfile.Profile()
            profiler.runcall(func, config, **_one_job(func))
            out.write(f"\n--- pipeline.{name}, {documents} documents, cumulative time ---\n")
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(18)
    return out.getvalue()


def _one_job(func: Callable[..., object]) -> dict[str, int]:
    return {"jobs": 1} if "jobs" in inspect.signature(func).parameters else {}


# ------------------------------------------------------------ the run

def run(settings: Settings) -> Report:
    """Measure everything in temporary projects and return the findings."""
    examples = load_examples()
    report = Report()
    with tempfile.TemporaryDirectory(prefix="locpipe-bench-") as tmp:
        bench = make_bench(Path(tmp) / "n", settings.documents, settings.terms, examples)
        report.header, report.jobs = header(bench, settings), bench.jobs
        prepare_catalogues(bench, report, settings.runs)
        cold = time_cold(bench, report, settings.runs)
        time_no_op(bench, report, settings.runs)
        time_jobs(bench, report, settings)
        report.matching = matching_ratio(bench, settings)
        shutil.rmtree(bench.root)
        big = peak_at_scale(Path(tmp) / "10n", settings, examples)
        shutil.rmtree(Path(tmp) / "10n")
        report.memory = {c: (cold[c].peak_kib, big[c]) for c in ("extract", "build")}
        report.merge = merge_times(settings)
        report.targets = targets(report, settings)
        if settings.profile:
            report.profile = profile_pipeline(Path(tmp) / "profile", settings, examples)
    report.header.append(f"load average at end {load_average()}")
    return report


def load_average() -> str:
    """The machine's 1, 5 and 15-minute load: other work skews every ratio."""
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def header(bench: Bench, settings: Settings) -> list[str]:
    return [f"locpipe pipeline benchmark: {settings.documents:,} documents "
            f"({content_megabytes(bench.root):.1f} MB), {settings.terms:,}-term glossary, "
            f"{settings.runs} run(s), 10xN {settings.big_runs} run(s)",
            f"locpipe: {bench.script}; --jobs {'offered' if bench.jobs else 'NOT offered'}; "
            f"{os.cpu_count()} CPUs; load average at start {load_average()}"]


def targets(report: Report, settings: Settings) -> list[Target]:
    """Each target of issue 7 with its measured value."""
    seconds, floor = report.seconds, report.floor
    blocked = "" if report.jobs else "no --jobs option"
    busy = ("" if report.capacity >= 1.8 else
            f"the machine gave two busy processes {report.capacity:.2f} CPUs")
    memory = {c: big / small for c, (small, big) in report.memory.items()}
    small, large = min(report.merge), max(report.merge)
    return [
        Target(TARGETS[0], seconds(1) / floor, 2.0),
        Target(TARGETS[1], seconds(3) / floor, 2.0),
        Target(TARGETS[2], 100 * seconds(5) / (seconds(1) + seconds(3)), 10.0),
        Target(TARGETS[3], seconds(6) / seconds(7), 1.6, True, blocked, busy),
        Target(TARGETS[4], seconds(8) / seconds(9), 1.6, True, blocked, busy),
        Target(TARGETS[5], report.differing["extract"], 0, blocked=blocked),
        Target(TARGETS[6], report.differing["build"], 0, blocked=blocked),
        Target(f"{TARGETS[7]}, {settings.matcher_terms:,} / 20 terms", report.matching, 2.0),
        Target(TARGETS[8], memory["extract"], 1.5),
        Target(TARGETS[9], memory["build"], 1.5),
        Target(f"{TARGETS[10]}, {large:,} / {small:,} entries",
               report.merge[large] / report.merge[small], 5.0),
    ]


# ------------------------------------------------------------ printing

def render(report: Report, settings: Settings) -> str:
    """The report: steps, memory, merge times, (profile), targets, summary line."""
    lines = [*report.header, "", *step_lines(report), "", *memory_lines(report, settings)]
    merges = ", ".join(f"{size:,} entries {spent * 1e3:.0f} ms"
                       for size, spent in report.merge.items())
    lines += ["", f"catalogue.merge, median CPU time: {merges}", report.profile]
    lines += [f"{'target':<52}  {'measured':>9}  {'limit':>9}  result"]
    lines += [target_line(t) for t in report.targets]
    passed = sum(t.passed for t in report.targets)
    lines.append(f"targets: {passed} passed, {len(report.targets) - passed} failed")
    return "\n".join(lines)


def step_lines(report: Report) -> list[str]:
    lines = [f"{'step':<40}  {'median s':>9}  {'cpu s':>8}  {'x floor':>8}"]
    for name in STEPS:
        step = report.steps[name]
        lines.append(f"{name:<40}  {step.seconds:>9.2f}  {step.cpu_seconds:>8.2f}  "
                     f"{step.seconds / report.floor:>8.2f}")
    return lines


def memory_lines(report: Report, settings: Settings) -> list[str]:
    small, big = f"{settings.documents:,} docs", f"{10 * settings.documents:,} docs"
    lines = [f"{'peak memory (RSS, MB)':<40}  {small:>12}  {big:>12}  {'ratio':>6}"]
    for command, (at_n, at_10n) in report.memory.items():
        lines.append(f"{command:<40}  {at_n / 1024:>12.1f}  {at_10n / 1024:>12.1f}  "
                     f"{at_10n / at_n:>6.2f}")
    return lines


def target_lines(targets: Sequence[Target]) -> list[str]:
    """The targets' table under a blank line, then `targets: X passed, Y failed`."""
    passed = sum(t.passed for t in targets)
    return ["", f"{'target':<52}  {'measured':>9}  {'limit':>9}  result",
            *map(target_line, targets),
            f"targets: {passed} passed, {len(targets) - passed} failed"]


def target_line(target: Target) -> str:
    limit = f"{'>=' if target.at_least else '<='} {target.limit:g}"
    verdict = "PASS" if target.passed else "FAIL"
    notes = "; ".join(n for n in (target.blocked, target.note) if n)
    return (f"{target.name:<52}  {target.measured:>9.2f}  {limit:>9}  {verdict}"
            + (f" ({notes})" if notes else ""))


def parse_args(argv: Sequence[str] | None) -> Settings:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--scale", type=int, default=2000, metavar="N",
                        help="documents in the main project (default 2,000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per step (default 3)")
    parser.add_argument("--big-runs", type=int, default=1, help="runs at 10 x N (default 1)")
    parser.add_argument("--terms", type=int, default=1000,
                        help="glossary terms, 20 to 5,000 (default 1,000)")
    parser.add_argument("--small", action="store_true", help="4 documents, 1 run")
    parser.add_argument("--profile", action="store_true",
                        help="also cProfile in-process extract and build on 100 documents")
    args = parser.parse_args(argv)
    if args.small:
        return Settings(documents=4, runs=1, big_runs=1, terms=20, matcher_terms=500,
                        merge_sizes=(125, 250, 500), probe_seconds=0.2, profile=args.profile)
    return Settings(args.scale, args.runs, args.big_runs, args.terms, profile=args.profile)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the report; 0 when every target passes."""
    settings = parse_args(argv)
    report = run(settings)
    print(render(report, settings))
    return 0 if all(t.passed for t in report.targets) else 1


if __name__ == "__main__":
    sys.exit(main())
