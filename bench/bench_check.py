"""Benchmark `locpipe check`: many catalogues against a large glossary.

    python bench/bench_check.py                 # 100 catalogues, 1,000 terms
    python bench/bench_check.py --small         # 10 catalogues, 100 terms
    python bench/bench_check.py --catalogues 500 --terms 2000 --entries 60

The project is generated in a temporary folder: a glossary of made-up terms
(each with a preferred, a variant, a discouraged and a forbidden form in
English and Simplified Chinese), one source article per catalogue, and
catalogues whose translations use the terms, with a few forbidden forms mixed
in so that the rules have something to report.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from locpipe.checks import run_checks
from locpipe.config import load_config
from locpipe.glossary.terms import load_glossary

_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "pe", "gu", "zo", "ha", "ri", "be")
_FILLER_EN = ("the", "body", "needle", "gentle", "research", "shows", "that", "balance", "may",
              "help", "with", "pain", "and", "stress", "over", "time", "in", "practice")
_FILLER_ZH = "研究表明这种方法可以帮助身体恢复平衡并减轻疼痛与压力的影响"


@dataclass(frozen=True)
class Term:
    """One made-up glossary term: its English and Chinese forms."""

    id: str
    """Glossary id."""
    en: str
    """Preferred English form."""
    zh: str
    """Preferred Chinese form."""
    zh_bad: str
    """A forbidden Chinese form."""


@dataclass(frozen=True)
class BenchResult:
    """What one benchmark run measured."""

    catalogues: int
    """Catalogues checked."""
    terms: int
    """Glossary terms."""
    entries: int
    """Entries per catalogue."""
    seconds: float
    """Wall time of `run_checks`, glossary loading and msgfmt included."""
    glossary_seconds: float
    """Wall time of loading the glossary alone (part of `seconds`)."""
    findings: int
    """Findings reported."""

    def report(self) -> str:
        rate = self.catalogues / self.seconds if self.seconds else float("inf")
        return (f"check: {self.catalogues} catalogues x {self.entries} entries, "
                f"{self.terms}-term glossary: {self.seconds:.2f} s, "
                f"{rate:.1f} catalogues/s ({1000 * self.seconds / self.catalogues:.1f} ms each), "
                f"{self.findings} findings; loading the glossary alone: "
                f"{self.glossary_seconds:.2f} s")


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(3, 4)))


def _han(rng: random.Random, length: int) -> str:
    return "".join(chr(rng.randint(0x5000, 0x8FFF)) for _ in range(length))


def make_terms(count: int, rng: random.Random) -> list[Term]:
    terms: dict[str, Term] = {}
    while len(terms) < count:
        en = f"{_word(rng)} {_word(rng)}"
        zh = _han(rng, 3)
        if en not in terms:
            terms[en] = Term(f"t{len(terms):05d}", en, zh, zh[:2] + _han(rng, 1))
    return list(terms.values())


def glossary_yaml(terms: Sequence[Term]) -> str:
    lines = ["terms:"]
    for t in terms:
        lines += [f"  - id: {t.id}", "    kind: term",
                  "    en:", f"      preferred: {t.en}", f"      variants: [{t.en}s]",
                  "      discouraged:", f"        - {{form: old {t.en}, reason: dated}}",
                  "    zh_Hans:", f"      preferred: {t.zh}",
                  "      forbidden:", f"        - {{form: {t.zh_bad}, reason: typo}}"]
    return "\n".join(lines) + "\n"


def _paragraph(terms: Sequence[Term], rng: random.Random, bad: bool) -> tuple[str, str]:
    chosen = rng.sample(list(terms), 3)
    en_words = [rng.choice(_FILLER_EN) for _ in range(24)]
    zh = "".join(rng.choice(_FILLER_ZH) for _ in range(40))
    for i, term in enumerate(chosen):
        en_words.insert(6 * (i + 1), term.en)
    forms = [t.zh_bad if bad and i == 0 else t.zh for i, t in enumerate(chosen)]
    msgid = " ".join(en_words).capitalize() + ", see [the study](https://example.org/s)."
    msgstr = f"{zh[:12]}{forms[0]}{zh[12:24]}{forms[1]}，{zh[24:]}{forms[2]}，见[研究](https://example.org/s)。"
    return msgid, msgstr


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_project(root: Path, catalogues: int, terms: int, entries: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    glossary = make_terms(terms, rng)
    (root / "glossary").mkdir(parents=True)
    (root / "glossary" / "bench.yaml").write_text(glossary_yaml(glossary), encoding="utf-8")
    (root / "locpipe.yaml").write_text("locales: [zh_Hans]\n", encoding="utf-8")
    folder = root / "locales" / "zh_Hans" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (root / "content").mkdir()
    for n in range(catalogues):
        slug = f"article-{n:04d}"
        pairs = [_paragraph(glossary, rng, bad=rng.random() < 0.05) for _ in range(entries)]
        article = "\n\n".join(msgid for msgid, _ in pairs) + "\n"
        (root / "content" / f"{slug}.md").write_text(article, encoding="utf-8")
        body = [f"#. paragraph\n#: content/{slug}.md:{2 * i + 1}\n"
                f"msgid {_quote(a)}\nmsgstr {_quote(b)}\n" for i, (a, b) in enumerate(pairs)]
        header = ('msgid ""\nmsgstr ""\n"Language: zh_Hans\\n"\n'
                  '"Content-Type: text/plain; charset=UTF-8\\n"\n')
        (folder / f"{slug}.po").write_text(header + "\n" + "\n".join(body), encoding="utf-8")


def bench(catalogues: int, terms: int, entries: int) -> BenchResult:
    """Generate a project, run every rule over it once, and time that run."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_project(root, catalogues, terms, entries)
        config = load_config(root / "locpipe.yaml")
        start = time.perf_counter()
        load_glossary(config.glossary_path)
        glossary_seconds = time.perf_counter() - start
        start = time.perf_counter()
        result = run_checks(config)
        seconds = time.perf_counter() - start
    return BenchResult(catalogues, terms, entries, seconds, glossary_seconds,
                       len(result.findings))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="10 catalogues, 100 terms")
    parser.add_argument("--catalogues", type=int, default=100)
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=40, help="entries per catalogue")
    args = parser.parse_args(argv)
    if args.small:
        args.catalogues, args.terms, args.entries = 10, 100, 20
    print(bench(args.catalogues, args.terms, args.entries).report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
