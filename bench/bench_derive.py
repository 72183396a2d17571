"""What deriving zh_Hant from zh_Hans costs: OpenCC and the glossary against `update`.

    python bench/bench_derive.py                 # 2,000 articles, 3 runs
    python bench/bench_derive.py --scale 200 --runs 1

A project is generated in a temporary folder (`corpus.py`, 1,000 glossary terms),
with `locales: [zh_Hans, zh_Hant]` and zh_Hant derived by s2twp. It is extracted and
updated, every zh_Hans entry is given a Chinese pseudo-translation (the msgid's
Markdown, then Chinese prose with glossary terms, about as long as a translation),
and updated again. Then, each the median of `--runs` runs:

- `update`: `locpipe update --jobs 1` in a process of its own, every catalogue of
  both locales merged and every zh_Hant catalogue derived;
- `update zh_Hans`: the same for the translated locale alone (`--locale zh_Hans`);
- `conversion`: in this process, loading the glossary and OpenCC, then
  `Converter.convert_checked` (pieces, glossary, OpenCC, quotes, and the markup guard
  where its fast path cannot skip it) of every publishable zh_Hans msgstr of the
  corpus, as `derive` runs it; the catalogues are read beforehand.

Printed: the three times and the ratio of the conversion to `update`; the target is
at most 0.25.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import polib

from bench_pipeline import EPOCH
from corpus import CorpusSpec, load_examples, write_project
from locpipe.catalogue.convert import Converter, opencc_converter
from locpipe.config import Derivation
from locpipe.glossary.terms import load_glossary
from locpipe.po.state import entry_state, is_publishable

CONFIG = "locales: [zh_Hans, zh_Hant]\nderive: {zh_Hant: {from: zh_Hans, convert: s2twp}}\n"
TARGET = 0.25
PROSE = ("研究表明针灸可以促进局部血液循环，", "这种方法有助于恢复身体的平衡与“气”的运行。",
         "许多患者在治疗后感到放松，焦虑和失眠也有所缓解。", "请在开始治疗前咨询医生；",
         "传统中医认为经络与穴位相连，", "软件工程师把这种反馈称为循环。", "作者：殷琦侃。")


def locpipe(root: Path, *args: str) -> float:
    """Run `locpipe ARGS` in its own process; its wall seconds."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "locpipe", *args, "--quiet"], cwd=root, env=env,
                   check=True)
    return time.perf_counter() - start


def pseudo_chinese(msgid: str, rng: random.Random, terms: Sequence[str]) -> str:
    """The msgid's text, then Chinese prose about half its length, with a term."""
    prose = [rng.choice(PROSE) for _ in range(max(1, len(msgid) // 40))]
    prose.insert(rng.randrange(len(prose) + 1), rng.choice(terms) + "。")
    return f"{msgid} {''.join(prose)}"


def translate(root: Path, terms: Sequence[str]) -> None:
    rng = random.Random(20260520)
    for path in sorted((root / "locales" / "zh_Hans").rglob("*.po")):
        po = polib.pofile(str(path), wrapwidth=0)
        for entry in po:
            if not entry.obsolete:
                entry.msgstr = pseudo_chinese(entry.msgid, rng, terms)
                entry.flags = [f for f in entry.flags if f != "fuzzy"]
        po.save(str(path))


def texts(root: Path) -> list[str]:
    """Every publishable zh_Hans msgstr of the corpus: what `derive` converts."""
    found: list[str] = []
    for path in sorted((root / "locales" / "zh_Hans").rglob("*.po")):
        found += [e.msgstr for e in polib.pofile(str(path))
                  if not e.obsolete and is_publishable(entry_state(e))]
    return found


def conversion_seconds(root: Path, msgstrs: Sequence[str]) -> float:
    """Everything conversion costs a run: loading the glossary and OpenCC's
    dictionaries (once per process in `update`), then every text."""
    start = time.perf_counter()
    opencc_converter.cache_clear()
    converter = Converter(Derivation("zh_Hans", "s2twp"), "zh_Hant",
                          load_glossary(root / "glossary"))
    for text in msgstrs:
        converter.convert_checked(text)
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=2000, help="articles (default 2,000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measure (median)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="locpipe-derive-") as folder:
        root = Path(folder)
        write_project(root, CorpusSpec(documents=args.scale), load_examples())
        (root / "locpipe.yaml").write_text(CONFIG, encoding="utf-8")
        glossary = load_glossary(root / "glossary")
        terms = [t.forms("zh_Hans").preferred for t in glossary  # type: ignore[union-attr]
                 if t.forms("zh_Hans") is not None]
        locpipe(root, "extract")
        locpipe(root, "update")
        translate(root, terms)
        locpipe(root, "update")
        msgstrs = texts(root)
        update = statistics.median(locpipe(root, "update", "--jobs", "1")
                                   for _ in range(args.runs))
        alone = statistics.median(locpipe(root, "update", "--jobs", "1", "--locale", "zh_Hans")
                                  for _ in range(args.runs))
        convert = statistics.median(conversion_seconds(root, msgstrs) for _ in range(args.runs))
    ratio = convert / update
    print(f"locpipe derive benchmark: {args.scale:,} articles, {len(msgstrs):,} zh_Hans "
          f"entries converted, median of {args.runs} run(s), load {os.getloadavg()[0]:.1f}")
    print(f"update (zh_Hans + derived zh_Hant), --jobs 1   {update:8.2f} s")
    print(f"update --locale zh_Hans, --jobs 1              {alone:8.2f} s")
    print(f"conversion of every zh_Hans msgstr             {convert:8.2f} s")
    print(f"the derived locale's share of update           {update - alone:8.2f} s")
    print(f"conversion / update = {ratio:.3f} (target <= {TARGET}); "
          f"conversion / update zh_Hans alone = {convert / alone:.3f}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
