"""The leverage analysis: CAT word counts, bands, and `locpipe analyze` on a fixture
project whose every figure is worked out by hand below."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from locpipe.catalogue.analysis import Run, Segment, band_of, count_words
from locpipe.catalogue.memory import Memory, Unit
from locpipe.config import BANDS, load_config
from pipeline_support import ROOT, invoke, translate, write_files
from test_memory import DISCLAIMER

# ------------------------------------------------------------------ words


@pytest.mark.parametrize(("text", "words"), [
    ("Acupuncture needles are thin and sterile.", 6),
    ("Don't skip the well-being check: 3.5 mg, 1,000 times.", 9),
    ("See [the study](https://example.org/a \"Title\") and <b>this</b>[^1].", 5),
    ("**Qi** and `code`", 3),
    ("针灸是一种传统疗法。", 9),  # nine Han characters; the full stop is no word
    ("Qi (气) and blood (血) flow", 6),
    ("ひらがなとカタカナ", 9),
    ("— … ！", 0),
])
def test_words_are_counted_as_cat_tools_count_them(text: str, words: int) -> None:
    assert count_words(text) == words


def test_bands_by_score() -> None:
    cases = {100: "100%", 99.9: "95-99", 95: "95-99", 94.99: "85-94", 85: "85-94",
             84.9: "75-84", 75: "75-84", 74.9: "50-74", 50: "50-74", 49.9: "no match"}
    assert {score: band_of(score) for score in cases} == cases
    assert band_of(None) == "no match"


def test_a_text_seen_earlier_in_the_run_is_a_repetition() -> None:
    run = Run(Memory([Unit(None, "Qi", "气", "content/a.md")]))
    first = run.article([Segment(None, "Qi", 2), Segment(None, "Blood flows.", 1)])
    second = run.article([Segment(None, "Blood flows.", 1)])
    assert dict(zip(BANDS, first.segments, strict=True)) == {
        "repetitions": 1, "100%": 1, "95-99": 0, "85-94": 0, "75-84": 0, "50-74": 0,
        "no match": 1}
    assert first.words == (1, 1, 0, 0, 0, 0, 2)
    assert second.segments == (1, 0, 0, 0, 0, 0, 0) and second.words == (2, 0, 0, 0, 0, 0, 0)


# ------------------------------------------------------------ the fixture

ALPHA = f"""---
title: Alpha
---

## How a session goes

Acupuncture needles are thin and sterile.

{DISCLAIMER}
"""

BETA = f"""---
title: Beta
---

## How a session goes!

Acupuncture needles are thin and clean.

Needles are thin and sterile.

Cupping leaves round marks on the skin.

## How a session goes!

{DISCLAIMER}
"""

GAMMA = """## How a session ends

Cupping leaves round marks on the skin.

Acupuncture is thin.

Qi (气) and blood (血) flow, see [the study](https://example.org/qi).
"""

QI = "Qi (气) and blood (血) flow, see [the study](https://example.org/qi)."


def fixture(root: Path, settings: str = "") -> Path:
    """alpha translated; beta without a catalogue; gamma with one heading translated and
    its last paragraph fuzzy. The memory: alpha's four entries and gamma's heading."""
    write_files(root, {"locpipe.yaml": f"locales: [zh_Hans]\nmemory: false\n{settings}",
                       "content/alpha.md": ALPHA, "content/gamma.md": GAMMA})
    assert invoke(root, "extract").code == 0 and invoke(root, "update").code == 0
    po = root / "locales/zh_Hans/LC_MESSAGES"
    translate(po / "alpha.po", {"Alpha": "阿尔法", "How a session goes": "治疗过程",
                                "Acupuncture needles are thin and sterile.": "针细而无菌。",
                                DISCLAIMER: "本文不构成医疗建议。"})
    translate(po / "gamma.po", {"How a session ends": "治疗结束", QI: "气血流动。"},
              fuzzy=(QI,))
    write_files(root, {"content/beta.md": BETA})
    assert invoke(root, "extract").code == 0
    (root / "locpipe.yaml").write_text(f"locales: [zh_Hans]\n{settings}", encoding="utf-8")
    return root


# Worked out by hand. fuzz.ratio is 2 x (longest common subsequence) / (both lengths):
# - beta "Beta" (title): no memory text shares more than "a" and "e": no match, 1 word.
# - "How a session goes!" (twice): 2 x 18 / (19 + 18) = 97.3 against alpha's heading:
#   95-99, 4 words; its second occurrence is a repetition, 4 words.
# - "Acupuncture needles are thin and clean." (39) against "... thin and sterile." (41):
#   "Acupuncture needles are thin and " + "le" + "." = 36 in common, 72 / 80 = 90:
#   85-94, 6 words.
# - "Needles are thin and sterile." (29) against the same (41): "eedles are thin and
#   sterile." = 28 in common, 56 / 70 = 80: 75-84, 5 words.
# - "Cupping leaves round marks on the skin.": 45 at best: no match, 7 words.
# - the disclaimer: the same text, no msgctxt, as alpha's: 100%, 12 words.
# - gamma's heading is translated: not counted. "Cupping leaves..." came earlier in the
#   run (beta sorts before gamma): a repetition, 7 words. "Acupuncture is thin." (20)
#   against alpha's paragraph (41): 19 in common, 38 / 61 = 62.3: 50-74, 3 words.
#   The Qi paragraph is fuzzy, so still to do: 31 at best, no match, 9 words (Qi, and,
#   blood, flow, see, the, study and two Han characters; the link's address is hidden).
EXPECTED = {
    "alpha": ((0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0)),
    "beta": ((1, 1, 1, 1, 1, 0, 2), (4, 12, 4, 6, 5, 0, 8)),
    "gamma": ((1, 0, 0, 0, 0, 1, 1), (7, 0, 0, 0, 0, 3, 9)),
    "(all articles)": ((2, 1, 1, 1, 1, 1, 3), (11, 12, 4, 6, 5, 3, 17)),
}
WEIGHTED = {"alpha": 0.0, "beta": 24.0, "gamma": 14.1, "(all articles)": 38.1}
# beta: 4 x .3 + 12 x .3 + 4 x .6 + 6 x .8 + 5 x .8 + 8 = 24.0; gamma: 7 x .3 + 3 + 9 = 14.1


def test_the_hand_worked_ratios_are_rapidfuzz_s() -> None:
    assert round(fuzz.ratio("Acupuncture needles are thin and clean.",
                            "Acupuncture needles are thin and sterile."), 1) == 90.0
    assert round(fuzz.ratio("Needles are thin and sterile.",
                            "Acupuncture needles are thin and sterile."), 1) == 80.0
    assert round(fuzz.ratio("Acupuncture is thin.",
                            "Acupuncture needles are thin and sterile."), 1) == 62.3


def test_analyze_gives_the_hand_checked_bands(tmp_path: Path) -> None:
    root = fixture(tmp_path)
    done = invoke(root, "analyze", "--format", "json")
    assert done.code == 0, done.err
    data = json.loads(done.out)
    rows = {row.get("article", "(all articles)"): row for row in data["articles"]
            + data["totals"]}
    for name, (segments, words) in EXPECTED.items():
        bands = rows[name]["bands"]
        assert [b["band"] for b in bands] == list(BANDS)
        assert tuple(b["segments"] for b in bands) == segments, name
        assert tuple(b["words"] for b in bands) == words, name
        assert rows[name]["weighted"] == WEIGHTED[name]
    assert data["weights"] == {"repetitions": 0.3, "100%": 0.3, "95-99": 0.6, "85-94": 0.8,
                               "75-84": 0.8, "50-74": 1.0, "no match": 1.0}


def test_the_text_table_and_csv_say_the_same(tmp_path: Path) -> None:
    root = fixture(tmp_path)
    text = invoke(root, "analyze").out
    block = text.split("beta  zh_Hans\n")[1].split("\n\n")[0].splitlines()
    assert block[0].split() == ["BAND", "SEGMENTS", "WORDS", "WEIGHT", "WEIGHTED"]
    assert block[2].split() == ["100%", "1", "12", "0.30", "3.6"]
    assert block[-1].split() == ["total", "7", "39", "24.0"]
    rows = list(csv.DictReader(io.StringIO(invoke(root, "analyze", "--format", "csv").out)))
    beta = {r["band"]: r for r in rows if r["article"] == "beta"}
    assert [int(beta[b]["words"]) for b in BANDS] == list(EXPECTED["beta"][1])
    assert beta["total"]["weighted"] == "24.0"


def test_weights_come_from_the_settings(tmp_path: Path) -> None:
    root = fixture(tmp_path, "analysis:\n  weights: {repetitions: 0, 100%: 0.1, no_match: 2}\n")
    data = json.loads(invoke(root, "analyze", "--format", "json").out)
    beta = next(row for row in data["articles"] if row["article"] == "beta")
    # 0 + 12 x .1 + 4 x .6 + 6 x .8 + 5 x .8 + 8 x 2
    assert beta["weighted"] == pytest.approx(28.4)
    assert load_config(root / "locpipe.yaml").analysis.weights == (0, 0.1, 0.6, 0.8, 0.8,
                                                                    1.0, 2.0)


def test_the_shipped_article_counts_as_the_readme_says(tmp_path: Path) -> None:
    """A locale with no catalogue yet: every segment is new work."""
    for folder in ("content", "glossary"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "locpipe.yaml").write_text(
        (ROOT / "locpipe.yaml").read_text(encoding="utf-8").replace(
            "locales: [zh_Hans", "locales: [de, zh_Hans"), encoding="utf-8")
    assert invoke(tmp_path, "extract").code == 0
    data = json.loads(invoke(tmp_path, "analyze", "--locale", "de", "--format", "json").out)
    total = data["totals"][0]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{total['segments']} segments and {total['words']} words" in readme
    assert total["words"] == 523 and total["segments"] == 23
