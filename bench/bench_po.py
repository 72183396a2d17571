"""The `.po` fast path against its slow twin: the numbers `po/fastpath.py` quotes.

    python bench/bench_po.py                    # 2,000 articles, 5 runs
    python bench/bench_po.py --scale 200 --runs 1

A project is generated in a temporary folder (`corpus.py`), then extracted,
updated, pseudo-translated with polib and updated again, so that every
catalogue is in the layout locpipe writes and every entry is translated.
Two measures, each the median of `--runs` runs, in wall seconds and in CPU
seconds (which a busy machine disturbs less):

- reading the messages of every catalogue, in this process: the fast path
  (`po.fastpath.read_messages` on the file's text) against its slow twin
  (`po.reader.read_catalogue`, then `po.state.messages_of`), after checking
  that both give the same messages;
- a cold `locpipe build --jobs 1` (cache and output deleted), a process of its
  own, with the fast path on, and off (`fastpath.read_messages` replaced by a
  function that always steps aside, so every catalogue goes to polib).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench_pipeline import CACHE, EPOCH, LOCALE, catalogues, fill
from corpus import CorpusSpec, load_examples, write_project
from locpipe.po import fastpath
from locpipe.po.reader import read_catalogue
from locpipe.po.state import Message, messages_of

BUILD = """
import sys
from locpipe.po import fastpath
if sys.argv[1] == "off":
    fastpath.read_messages = lambda text, locale=None, known=None: None
from locpipe.cli import main
main(["build", "--jobs", "1", "--quiet"])
"""


@dataclass(frozen=True)
class Spent:
    """Time one step took."""

    wall: float
    """Seconds on the clock."""
    cpu: float
    """CPU seconds of this process and of the children it waited for."""

    def __str__(self) -> str:
        return f"{self.wall:.2f} s ({self.cpu:.2f} s CPU)"


def median(spent: Sequence[Spent]) -> Spent:
    return Spent(statistics.median(s.wall for s in spent),
                 statistics.median(s.cpu for s in spent))


@dataclass(frozen=True)
class Timing:
    """One measure of the fast path and of its slow twin."""

    label: str
    """What was timed."""
    fast: Spent
    """Median time with the fast path."""
    slow: Spent
    """Median time without it."""

    def line(self) -> str:
        return (f"{self.label}: fast path {self.fast}, without it {self.slow}, "
                f"{self.slow.wall / self.fast.wall:.1f}x wall, "
                f"{self.slow.cpu / self.fast.cpu:.1f}x CPU")


def fast_messages(paths: Sequence[Path]) -> list[list[Message] | None]:
    return [fastpath.read_messages(p.read_bytes().decode("utf-8"), LOCALE) for p in paths]


def slow_messages(paths: Sequence[Path]) -> list[list[Message] | None]:
    return [messages_of(read_catalogue(p, LOCALE)) for p in paths]


def seconds(step: Callable[[], object]) -> Spent:
    start, cpu = time.perf_counter(), _cpu()
    step()
    return Spent(time.perf_counter() - start, _cpu() - cpu)


def _cpu() -> float:
    own, children = (resource.getrusage(who) for who in
                     (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def locpipe(root: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "locpipe", *args], cwd=root, check=True,
                   env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
                   stdout=subprocess.DEVNULL)


def cold_build(root: Path, fast: bool) -> Spent:
    for folder in (CACHE, "build"):
        shutil.rmtree(root / folder, ignore_errors=True)
    return seconds(lambda: subprocess.run(
        [sys.executable, "-c", BUILD, "on" if fast else "off"], cwd=root, check=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH}))


def prepare(root: Path, documents: int) -> list[Path]:
    """A project of `documents` articles whose catalogues are translated throughout."""
    write_project(root, CorpusSpec(documents=documents), load_examples())
    locpipe(root, "extract")
    locpipe(root, "update")
    paths = catalogues(root)
    fill(paths)
    locpipe(root, "update")
    return paths


def measure(root: Path, documents: int, runs: int) -> list[Timing]:
    paths = prepare(root, documents)
    fast = fast_messages(paths)
    if None in fast or fast != slow_messages(paths):
        raise SystemExit("the fast path stepped aside or disagrees: nothing to measure")
    reading = [(seconds(lambda: fast_messages(paths)), seconds(lambda: slow_messages(paths)))
               for _ in range(runs)]
    building = [(cold_build(root, True), cold_build(root, False)) for _ in range(runs)]
    entries = sum(len(m or ()) for m in fast)
    return [Timing(f"read {len(paths)} catalogues ({entries} entries)",
                   *(median([r[i] for r in reading]) for i in (0, 1))),
            Timing(f"locpipe build --jobs 1, cold, {documents} articles",
                   *(median([b[i] for b in building]) for i in (0, 1)))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=2000, help="articles to generate")
    parser.add_argument("--runs", type=int, default=5, help="runs per measure (median)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        for timing in measure(Path(folder), args.scale, args.runs):
            print(timing.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
