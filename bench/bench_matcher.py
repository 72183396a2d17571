"""Matching cost against glossary size.

A glossary of 5,000 terms must match the same text within 2x of the time a
20-term glossary takes: matching is one automaton pass per text, not one
regular expression per term. The small glossary is made of the project's
own terms (those with pattern forms first); the large one is the same terms
plus generated ones (fixed seed), so both find the same things in the text.
For comparison the full run also times a loop of one compiled regular
expression per form, which grows with the glossary.

Run: `python bench/bench_matcher.py [--quick]`; exit status 1 on FAIL.
"""

from __future__ import annotations

import gc
import random
import re
import statistics
import string
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from locpipe.glossary.terms import Form, Glossary, LocaleForms, Term, load_glossary

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 2.0
SEED = 20260520
ZH_SAMPLE = ("今天天气很好。针灸通过刺激穴位调节气的运行，恢复阴阳平衡。"
             "研究表明，针灸可以促进腺苷释放，激活内啡肽和脑啡肽，"
             "调节自主神经系统，并刺激迷走神经，激活胆碱能抗炎通路。作者：殷琦侃。\n")

Finder = Callable[[str], object]
Builder = Callable[[Glossary, str], Finder]


def automaton_finder(glossary: Glossary, locale: str) -> Finder:
    """What locpipe uses: the glossary's cached matcher for the locale."""
    return glossary.matcher(locale).find


def per_term_regex_finder(glossary: Glossary, locale: str) -> Finder:
    """The design the automaton replaces: one compiled pattern per form, in a loop."""
    compiled = [re.compile(rf"(?<![A-Za-z0-9]){re.escape(rule.form)}(?![A-Za-z0-9])",
                           re.IGNORECASE)
                for rule in glossary.rules(locale) if not rule.pattern]

    def find(text: str) -> list[tuple[int, int]]:
        return [m.span() for pattern in compiled for m in pattern.finditer(text)]
    return find


def generated_terms(count: int, seed: int = SEED) -> list[Term]:
    """`count` made-up terms with an English form, a plural variant and a Chinese form."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 10)))

    terms = []
    for index in range(count):
        english = " ".join(word() for _ in range(rng.randint(1, 3)))
        chinese = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 4)))
        locales = {"en": LocaleForms(english, variants=(Form(english + "s"),)),
                   "zh_Hans": LocaleForms(chinese)}
        terms.append(Term(f"generated-{index}", "term", locales))
    return terms


def project_terms(size: int) -> list[Term]:
    """`size` of the project's terms, those with pattern forms first."""
    terms = sorted(load_glossary(ROOT / "glossary"), key=lambda term: not _has_pattern(term))
    return terms[:size]


def _has_pattern(term: Term) -> bool:
    return any(form.pattern for forms in term.locales.values()
               for form in (*forms.variants, *forms.discouraged, *forms.forbidden))


def glossary_of(size: int, base: list[Term]) -> Glossary:
    """`base`, topped up with generated terms to `size` terms."""
    return Glossary(tuple(base + generated_terms(size - len(base))))


def median_seconds(finders: list[Finder], text: str, runs: int) -> list[float]:
    """Median time of one call of each finder on `text`.

    The finders take turns, so that a busy spell of the machine slows all of
    them rather than the one that happened to be measured then.
    """
    times: list[list[float]] = [[] for _ in finders]
    gc.disable()  # a collection in the middle of one call would swamp its time
    try:
        for _ in range(runs):
            for find, spent in zip(finders, times, strict=True):
                start = time.perf_counter()
                find(text)
                spent.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return [statistics.median(spent) for spent in times]


@dataclass(frozen=True)
class Result:
    """Timings of one text with a small and a large glossary."""

    label: str
    """What was matched: locale and text."""
    small: int
    """Number of terms in the small glossary."""
    large: int
    """Number of terms in the large glossary."""
    small_seconds: float
    """Median time of one `find` with the small glossary."""
    large_seconds: float
    """Median time of one `find` with the large glossary."""

    @property
    def ratio(self) -> float:
        return self.large_seconds / self.small_seconds

    @property
    def passed(self) -> bool:
        return self.ratio <= LIMIT

    def line(self) -> str:
        verdict = "PASS" if self.passed else "FAIL"
        return (f"{self.label}: {self.small} terms {self.small_seconds * 1e3:.2f} ms, "
                f"{self.large} terms {self.large_seconds * 1e3:.2f} ms, "
                f"ratio {self.ratio:.2f}x (limit {LIMIT:.1f}x) {verdict}")


def measure(label: str, locale: str, text: str, small: int = 20, large: int = 5000,
            runs: int = 7, build: Builder = automaton_finder) -> Result:
    """Time `find` on `text` with a `small`- and a `large`-term glossary."""
    base = project_terms(small)
    finders = [build(glossary_of(size, base), locale) for size in (small, large)]
    for find in finders:
        find(text)  # warm up: first-use costs are not matching costs
    seconds = median_seconds(finders, text, runs)
    return Result(label, small, large, seconds[0], seconds[1])


def main(quick: bool = False, large: int = 5000) -> int:
    """Print one line per text; 0 when every ratio is within the limit."""
    article = (ROOT / "content" / "how-does-acupuncture-work.md").read_text(encoding="utf-8")
    repeat, runs = (2, 5) if quick else (10, 9)
    results = [
        measure(f"en, article x{repeat}", "en", article * repeat, large=large, runs=runs),
        measure(f"zh_Hans, sample x{repeat * 20}", "zh_Hans", ZH_SAMPLE * repeat * 20,
                large=large, runs=runs),
    ]
    for result in results:
        print(result.line())
    if not quick:
        naive = measure(f"en, article x{repeat}, per-term regex loop (reference)", "en",
                        article * repeat, large=large, runs=3, build=per_term_regex_finder)
        print(naive.line().replace("PASS", "(would pass)").replace("FAIL", "(would fail)"))
    return 0 if all(result.passed for result in results) else 1


if __name__ == "__main__":
    sys.exit(main(quick="--quick" in sys.argv[1:]))
