"""The Markdown fast paths, on and off: what each saves of `build` and `check`.

    python bench/bench_fastpath.py                  # 2,000 documents, 5 runs each
    python bench/bench_fastpath.py --documents 200 --runs 2

A project is generated in a temporary folder (see `corpus.py`), extracted and
pseudo-translated (`译：` + msgid, as `bench_pipeline.py` does). Then, in this
one process and one job, alternating on and off (`fastpath.ENABLED`), each run
cold (cache and output deleted, parse caches cleared): `build`, `check`, and
the assembly alone (segmenting and assembling every article for its source and
its target edition). Each figure is the least CPU time of `--runs` runs: the
least disturbed by whatever else the machine is doing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench_pipeline import LOCALE, fill_from_templates
from corpus import CorpusSpec, load_examples, write_project
from locpipe.checks import markdown as check_markdown
from locpipe.checks.runner import run_checks
from locpipe.config import Config, load_config
from locpipe.jobs import pipeline
from locpipe.markdown import fastpath
from locpipe.markdown.segment import segment_text
from locpipe.markdown.splice import Key, assemble
from locpipe.po.reader import read_messages
from locpipe.po.state import translations
from locpipe.project import Project

EPOCH = "1779235200"


def prepare(root: Path, documents: int) -> Config:
    write_project(root, CorpusSpec(documents=documents), load_examples())
    config = load_config(root / "locpipe.yaml")
    pipeline.extract(config, jobs=1)
    fill_from_templates(root)
    return config


def build(config: Config) -> None:
    for folder in (".locpipe-cache", "build"):
        shutil.rmtree(config.root / folder, ignore_errors=True)
    pipeline.build(config, jobs=1)


def check(config: Config) -> None:
    check_markdown._parse.cache_clear()  # a cached parse would hide the cost
    run_checks(config)


Work = list[tuple[str, dict[Key, str]]]


def articles(config: Config) -> Work:
    """Each article's text and its publishable translations."""
    project = Project(config)
    work = []
    for path in sorted(config.content_path.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        keys = {(s.context, s.msgid) for s in segment_text(text, "a.md").segments}
        messages = read_messages(project.catalogue_path(LOCALE, project.slug(path)), LOCALE)
        work.append((text, translations([m for m in messages
                                         if (m.context, m.msgid) in keys])))
    return work


def assembly(work: Work) -> None:
    for text, usable in work:
        doc = segment_text(text, "a.md")
        assemble(doc, {})
        assemble(doc, usable, cjk=True)


def least_cpu(step: Callable[[], None], runs: int) -> dict[bool, float]:
    """Least CPU seconds of `step` with the fast paths on and off, alternating."""
    best = {True: float("inf"), False: float("inf")}
    before = fastpath.ENABLED
    try:
        for _ in range(runs):
            for enabled in (True, False):
                fastpath.ENABLED = enabled
                start = time.process_time()
                step()
                best[enabled] = min(best[enabled], time.process_time() - start)
    finally:
        fastpath.ENABLED = before
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    with tempfile.TemporaryDirectory(prefix="locpipe-fastpath-") as tmp:
        print(f"generating {args.documents:,} documents", file=sys.stderr)
        config = prepare(Path(tmp), args.documents)
        work = articles(config)
        steps = {"build": lambda: build(config), "check": lambda: check(config),
                 "assembly": lambda: assembly(work)}
        for name, step in steps.items():
            print(f"timing {name}", file=sys.stderr)
            best = least_cpu(step, args.runs)
            saved = best[False] - best[True]
            print(f"{name:9s} fast {best[True]:6.2f} s  slow {best[False]:6.2f} s  "
                  f"saved {saved:5.2f} s = {saved / best[False] * 100:4.1f}% of slow")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
