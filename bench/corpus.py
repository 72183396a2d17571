"""A generated locpipe project for benchmarks: many articles, a large glossary.

Each article is article-like prose (front matter with title, description and
date; headings, long paragraphs, lists, tables, code, links, block quotes and
a little Chinese) with examples of the CommonMark spec mixed in. Everything
is decided by the seed: the same spec gives the same bytes.

The spec examples are read from `/work/shared/corpus/commonmark-spec.json`
when a corpus is generated; locpipe itself never reads that file.

    from corpus import CorpusSpec, load_examples, write_project
    config = write_project(tmp, CorpusSpec(documents=2000), load_examples())
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench_check import Term, glossary_yaml, make_terms
from locpipe.markdown.grammar import full_parser

SPEC_PATH = Path("/work/shared/corpus/commonmark-spec.json")
SEED = 20260520
MARKER = "译："
"""Pseudo-translation: every msgstr is its msgid after this prefix."""

_SENTINEL = "A sentinel paragraph after the example."
_WORDS = (
    "the", "a", "of", "to", "and", "in", "that", "is", "for", "it", "as", "with", "was",
    "on", "be", "by", "this", "are", "from", "or", "have", "an", "they", "which", "one",
    "you", "were", "all", "we", "when", "there", "can", "been", "has", "more", "if",
    "will", "would", "each", "about", "how", "their", "other", "into", "time", "only",
    "some", "could", "these", "two", "may", "then", "first", "any", "like", "over",
    "also", "after", "most", "research", "body", "study", "patient", "needle",
    "treatment", "pain", "balance", "energy", "nerve", "blood", "circulation", "muscle",
    "signal", "system", "response", "brain", "release", "effect", "practice", "method",
    "evidence", "trial", "result", "measure", "health", "clinic", "doctor", "session",
    "point", "pressure", "relief", "sleep", "stress", "anxiety", "digestion", "immune",
    "inflammation", "recovery", "tissue", "chronic", "gentle", "modern", "ancient",
    "traditional", "careful", "simple", "deeper", "natural", "regular", "specific",
    "local", "several", "suggests", "shows", "improves", "reduces", "supports", "helps",
    "explains", "describes", "remains",
)
_ZH = ("研究表明针灸可以促进血液循环。", "这种方法有助于恢复身体的平衡。",
       "许多患者在治疗后感到放松。", "请在开始治疗前咨询医生。", "作者：殷琦侃。",
       "传统中医认为气的运行十分重要。")
_LANGS = ("python", "sh", "yaml", "json", "")


@dataclass(frozen=True)
class CorpusSpec:
    """What to generate."""

    documents: int = 2000
    """Number of articles under `content/`."""
    terms: int = 1000
    """Glossary terms (20 to 5,000)."""
    seed: int = SEED
    """Everything random is drawn from generators seeded with this."""
    examples: int = 2
    """CommonMark spec examples per article."""
    short: bool = False
    """Short articles (front matter, a heading and two paragraphs): many of them are
    quick to make and to process, for measuring what grows with their number."""


def load_examples(path: Path = SPEC_PATH) -> list[str]:
    """The spec examples that end where they start: a paragraph after one stays one.

    An unclosed fence or HTML block would swallow the rest of the article; the
    few examples that do are left out.
    """
    examples = json.loads(path.read_text(encoding="utf-8"))
    return [e["markdown"] for e in examples if _self_contained(e["markdown"])]


def _self_contained(markdown: str) -> bool:
    tokens = full_parser().parse(f"{markdown}\n{_SENTINEL}\n")
    return (len(tokens) >= 3 and tokens[-3].type == "paragraph_open"
            and tokens[-3].level == 0 and tokens[-2].content == _SENTINEL)


def write_project(root: Path, spec: CorpusSpec, examples: Sequence[str]) -> Path:
    """Write a whole project under `root`; the path of its `locpipe.yaml`."""
    if not 20 <= spec.terms <= 5000:
        raise ValueError(f"terms must be from 20 to 5,000, not {spec.terms}")
    terms = make_terms(spec.terms, random.Random(spec.seed))
    (root / "glossary").mkdir(parents=True, exist_ok=True)
    (root / "glossary" / "bench.yaml").write_text(glossary_yaml(terms), encoding="utf-8")
    config = root / "locpipe.yaml"
    config.write_text("locales: [zh_Hans]\n", encoding="utf-8")
    for index in range(spec.documents):
        path = root / "content" / f"section-{index % 20:02d}" / f"article-{index:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        rng = random.Random(f"{spec.seed}-{index}")
        text = (short_article(rng, terms) if spec.short
                else article(rng, terms, examples, spec.examples))
        path.write_text(text, encoding="utf-8")
    return config


def article(rng: random.Random, terms: Sequence[Term], examples: Sequence[str],
            count: int = 2) -> str:
    """One article: front matter, then sections with spec examples in between."""
    picked = rng.sample(list(examples), min(count, len(examples)))
    blocks = [_front_matter(rng), paragraph(rng, terms)]
    for index in range(rng.randint(2, 4)):
        blocks += _section(rng, terms)
        if index < len(picked):
            blocks.append(picked[index].rstrip("\n"))
    return "\n\n".join(blocks) + "\n"


def short_article(rng: random.Random, terms: Sequence[Term]) -> str:
    """Front matter, a heading and two paragraphs."""
    return "\n\n".join([_front_matter(rng), f"## {_title(rng)}", paragraph(rng, terms, 2),
                         paragraph(rng, terms, 2)]) + "\n"


def _front_matter(rng: random.Random) -> str:
    return "\n".join(["---", f"title: {_title(rng)}", f"description: {_sentence(rng, 12)}",
                      f"date: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                      "---"])


def _title(rng: random.Random) -> str:
    return " ".join(word.capitalize() for word in rng.choices(_WORDS, k=rng.randint(3, 7)))


def _sentence(rng: random.Random, words: int, terms: Sequence[Term] = ()) -> str:
    chosen = rng.choices(_WORDS, k=words)
    if terms:
        chosen.insert(rng.randrange(len(chosen)), rng.choice(terms).en)
    return " ".join(chosen).capitalize() + "."


def paragraph(rng: random.Random, terms: Sequence[Term], sentences: int = 0) -> str:
    """A long paragraph with glossary terms, inline markup and a wrapped line or two."""
    parts = [_sentence(rng, rng.randint(8, 22), terms) for _ in range(sentences or
                                                                      rng.randint(2, 5))]
    parts[0] = f"{parts[0][:-1]} (see [the study](https://example.org/{rng.randint(1, 999)}))."
    if rng.random() < 0.5:
        parts[-1] = f"*{parts[-1][:-1]}*, with `code` and **{rng.choice(_WORDS)}**."
    if rng.random() < 0.3:
        parts.append(rng.choice(_ZH))
    text = " ".join(parts)
    return _wrap(text) if rng.random() < 0.3 else text


def _wrap(text: str, width: int = 78) -> str:
    """Soft line breaks, as authors who wrap their Markdown write it."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def _section(rng: random.Random, terms: Sequence[Term]) -> list[str]:
    blocks = [f"## {_title(rng)}", paragraph(rng, terms)]
    extras = [_bullets, _ordered, _table, _code, _quote, _chinese]
    for make in rng.sample(extras, rng.randint(1, 3)):
        blocks.append(make(rng, terms))
    blocks.append(paragraph(rng, terms))
    return blocks


def _bullets(rng: random.Random, terms: Sequence[Term]) -> str:
    items = [f"- {_sentence(rng, rng.randint(4, 14), terms)}" for _ in range(rng.randint(3, 6))]
    items.insert(1, f"  - {_sentence(rng, 6)}")
    return "\n".join(items)


def _ordered(rng: random.Random, terms: Sequence[Term]) -> str:
    return "\n".join(f"{n}. {_sentence(rng, rng.randint(5, 12), terms)}"
                     for n in range(1, rng.randint(3, 6)))


def _table(rng: random.Random, terms: Sequence[Term]) -> str:
    rows = ["| Term | Meaning | Source |", "|---|---|:---:|"]
    for _ in range(rng.randint(3, 6)):
        term = rng.choice(terms)
        rows.append(f"| {term.en} | {_sentence(rng, rng.randint(3, 9))} | {term.zh} |")
    return "\n".join(rows)


def _code(rng: random.Random, terms: Sequence[Term]) -> str:
    lines = [f"value_{n} = {rng.randint(0, 999)}  # {rng.choice(_WORDS)}"
             for n in range(rng.randint(2, 8))]
    return "\n".join([f"```{rng.choice(_LANGS)}", *lines, "```"])


def _quote(rng: random.Random, terms: Sequence[Term]) -> str:
    return "\n".join(f"> {_sentence(rng, rng.randint(8, 16), terms)}"
                     for _ in range(rng.randint(1, 3)))


def _chinese(rng: random.Random, terms: Sequence[Term]) -> str:
    picked = rng.sample(_ZH, 3)
    return f"{picked[0]}{rng.choice(terms).zh}{picked[1]}\n{picked[2]}"
