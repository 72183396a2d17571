"""The lookup of the most similar old text: exact on small pools, indexed on large ones."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process

from locpipe.catalogue import similar as similar_module
from locpipe.catalogue.similar import CUTOFF, EXACT_PAIRS, SimilarTexts, ratio, shingles

WORDS = ["needle", "point", "body", "flow", "balance", "research", "shows", "that", "the",
         "stimulation", "of", "nerves", "releases", "endorphins", "and", "adenosine", "while",
         "Qi", "moves", "along", "meridians", "in", "patients", "with", "migraine", "insomnia",
         "arthritis", "pain", "trial", "placebo", "sham", "control", "group"]


def prose(rng: random.Random, count: int = 40) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count)) + "."


def edit(rng: random.Random, text: str) -> str:
    """Insert, delete or replace one word."""
    words = text.split(" ")
    place = rng.randrange(len(words))
    action = rng.choice(("insert", "delete", "replace"))
    if action == "insert":
        words.insert(place, "newly")
    elif action == "delete" and len(words) > 1:
        del words[place]
    else:
        words[place] = "changed"
    return " ".join(words)


def exact(text: str, pool: list[str]) -> int | None:
    found = process.extractOne(text, pool, scorer=fuzz.ratio, score_cutoff=CUTOFF)
    return None if found is None else found[2]


def test_shingles_are_words_and_runs_of_words_or_cjk_characters() -> None:
    assert shingles("Qi flows, Yin and Yang.") == {
        "qi", "flows", "yin", "and", "yang", "qi flows", "flows yin", "yin and", "and yang",
        "qi flows yin", "flows yin and", "yin and yang"}
    assert shingles("针灸刺激") == {"针", "灸", "刺", "激", "针 灸", "灸 刺", "刺 激",
                                  "针 灸 刺", "灸 刺 激"}
    assert shingles("Qi") == {"qi"}
    assert shingles("") == set()


def test_a_small_pool_scores_every_pair() -> None:
    pool = ["Acupuncture releases endorphins.", "Qi flows along the meridians."]
    similar = SimilarTexts(pool, queries=2)
    assert similar.best("Acupuncture releases endorphins and adenosine.") == 0
    assert similar.best("Qi flows along meridians.") == 1
    assert similar.best("Something else entirely, with no words in common.") is None


def test_ties_go_to_the_earliest_text_in_both_modes() -> None:
    pool = ["a b c d e f x", "a b c d e f y"] * 3
    for queries in (1, EXACT_PAIRS):
        assert SimilarTexts(pool, queries=queries).best("a b c d e f z") == 0


@pytest.mark.parametrize("seed", range(3))
def test_a_large_pool_finds_what_scoring_every_pair_finds(seed: int) -> None:
    rng = random.Random(seed)
    pool = [prose(rng) for _ in range(3000)]
    similar = SimilarTexts(pool, queries=100)
    assert similar._index is not None  # the indexed path is the one under test
    for _ in range(100):
        original = rng.randrange(len(pool))
        changed = edit(rng, pool[original])
        assert similar.best(changed) == exact(changed, pool)
        assert similar.best(changed) is not None


def test_a_large_pool_finds_an_edited_chinese_paragraph() -> None:
    rng = random.Random(7)
    characters = "针灸通过刺激神经系统释放内啡肽和腺苷气血阴阳经络穴位"
    pool = ["".join(rng.choice(characters) for _ in range(60)) + "。" for _ in range(3000)]
    similar = SimilarTexts(pool, queries=50)
    for original in range(0, 3000, 60):
        changed = pool[original][:30] + "新" + pool[original][30:]
        assert similar.best(changed) == exact(changed, pool) == original


def test_nothing_similar_enough_is_none_in_the_indexed_path() -> None:
    rng = random.Random(3)
    pool = [prose(rng) for _ in range(3000)]
    similar = SimilarTexts(pool, queries=100)
    assert similar.best("An entirely unrelated sentence about gardening tools.") is None


def test_a_pool_of_few_words_falls_back_to_scoring_every_pair() -> None:
    """Every shingle of texts of two words is common: the index cannot narrow them down."""
    rng = random.Random(5)
    pool = [" ".join(rng.choice("ab") for _ in range(6)) for _ in range(3000)]
    similar = SimilarTexts(pool, queries=100)
    assert similar._candidates("a a b a b b") is None
    assert similar.best("a a b a b b") == exact("a a b a b b", pool)


def test_a_text_sharing_no_word_is_scored_against_every_old_text() -> None:
    """A one-word heading with a typo shares no shingle, yet is 95% like the old one."""
    rng = random.Random(11)
    pool = [prose(rng) for _ in range(3000)] + ["Acupuncture"]
    similar = SimilarTexts(pool, queries=100)
    assert similar._candidates("Acupunture") is None
    assert similar.best("Acupunture") == exact("Acupunture", pool) == 3000


# ------------------------------------------------- long texts: `ratio`, linear

@pytest.mark.parametrize("seed", range(20))
def test_ratio_is_fuzz_ratio_where_the_changes_are_short_and_never_above_it(seed: int) -> None:
    """The fast scorer against its slow twin, `fuzz.ratio`, on texts of 2 to 40 KB
    with edits in one place (exact) or spread out (a lower bound)."""
    rng = random.Random(seed)
    old = prose(rng, rng.randint(300, 6000))
    new = old
    for _ in range(rng.choice((1, 3, 30))):
        new = edit(rng, new)
    exact_score = fuzz.ratio(old, new)
    fast = ratio(old, new)
    assert fast <= exact_score + 1e-9
    changed = len(old) - similar_module._common_start(old, new) - \
        similar_module._common_start(old[::-1], new[::-1])
    if max(changed, 0) ** 2 <= similar_module.EXACT_CELLS:
        assert fast == pytest.approx(exact_score)
    assert ratio(old, new, score_cutoff=101) == 0.0


def test_ratio_of_empty_and_identical_texts() -> None:
    assert ratio("", "") == 100.0
    assert ratio("same text", "same text") == 100.0
    assert ratio("abc", "") == 0.0


def test_a_long_edited_paragraph_finds_its_old_version() -> None:
    rng = random.Random(11)
    old = [prose(rng, 20_000), prose(rng, 20_000), prose(rng, 30)]
    changed = old[1]
    for _ in range(50):
        changed = edit(rng, changed)
    assert len(changed) > similar_module.LONG
    assert SimilarTexts(old, queries=1).best(changed) == 1
    assert SimilarTexts(old, queries=EXACT_PAIRS).best(changed) == 1


def _common_start_plain(a: str, b: str) -> int:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return size


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("block", [1, 3, 16, similar_module.BLOCK])
def test_common_start_and_end_by_blocks_are_the_plain_ones(seed: int, block: int) -> None:
    """The block-wise searches against a character-by-character walk, on texts that
    share a start and an end of any length, the whole text included."""
    rng = random.Random(seed)
    common = prose(rng, rng.randint(0, 30))
    a = common + prose(rng, rng.randint(0, 3)) * rng.randint(0, 1) + common[::-1]
    b = rng.choice((a, common, a[:rng.randint(0, len(a))], common + "x" + common[::-1]))
    start = similar_module._common_start(a, b, block)
    assert start == _common_start_plain(a, b)
    end = similar_module._common_end(a, b, start, block)
    assert end == _common_start_plain(a[start:][::-1], b[start:][::-1])


def _ratio_by_copies(a: str, b: str) -> float:
    """`ratio` as it was written before it stopped copying the texts: the reference
    that the pieces it scores are the same."""
    total = len(a) + len(b)
    start = _common_start_plain(a, b)
    end = _common_start_plain(a[start:][::-1], b[start:][::-1])
    a_mid, b_mid = a[start:len(a) - end], b[start:len(b) - end]
    if len(a_mid) * len(b_mid) <= similar_module.EXACT_CELLS:
        common = fuzz_lcs(a_mid, b_mid)
    else:
        count = -(-max(len(a_mid), len(b_mid)) // similar_module.CHUNK)
        pieces = [[text[len(text) * i // count:len(text) * (i + 1) // count]
                   for i in range(count)] for text in (a_mid, b_mid)]
        common = sum(fuzz_lcs(x, y) for x, y in zip(*pieces, strict=True))
    return 200 * (start + end + common) / total


def fuzz_lcs(a: str, b: str) -> int:
    from rapidfuzz.distance import LCSseq
    return int(LCSseq.similarity(a, b))


@pytest.mark.parametrize("seed", range(10))
def test_ratio_in_pieces_without_copies_scores_what_the_copies_scored(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """With small pieces and a small exact limit, so that the pieces are many."""
    monkeypatch.setattr(similar_module, "EXACT_CELLS", 64)
    monkeypatch.setattr(similar_module, "CHUNK", 7)
    rng = random.Random(seed)
    old = prose(rng, rng.randint(50, 400))
    new = old
    for _ in range(rng.choice((2, 5, 20))):
        new = edit(rng, new)
    assert ratio(old, new) == pytest.approx(_ratio_by_copies(old, new), abs=0)
