"""The translation memory: lookups (indexed and exhaustive agree), and `update` pre-filling
from it: shared text across articles, exact matches, moved articles, external files."""

from __future__ import annotations

import os
import random
from pathlib import Path

import polib
import pytest

from locpipe.catalogue.memory import SCAN, Memory, Unit
from locpipe.config import MemorySettings, load_config
from locpipe.jobs import pipeline
from pipeline_support import (
    entry,
    invoke,
    msgcat,
    msgfmt,
    needs_gettext,
    snapshot,
    split_front_matter,
    translate,
    write_files,
)
from test_similar import edit, prose

DISCLAIMER = "This article is not medical advice. Ask your doctor before any treatment."
HEADING = "How a session goes"


def units(texts: list[str], origin: str = "content/a.md") -> list[Unit]:
    return [Unit(None, text, f"译：{text}", origin) for text in texts]


# ------------------------------------------------------------------ lookups

def test_exact_then_same_text_then_similar() -> None:
    memory = Memory([Unit("title", "Qi", "气", "content/a.md"),
                     Unit(None, "Qi flows along the meridians.", "气沿经络运行。",
                          "content/b.md")])
    exact = memory.best("title", "Qi", 75)
    assert exact is not None and exact.exact and exact.note == "memory: content/a.md, 100%"
    other = memory.best(None, "Qi", 75)
    assert other is not None and other.score == 99 and not other.exact
    close = memory.best(None, "Qi flows along meridians.", 75)
    assert close is not None and close.unit.origin == "content/b.md" and 75 <= close.score < 99
    assert memory.best(None, "Something else entirely.", 75) is None


def test_the_first_unit_of_a_text_wins() -> None:
    memory = Memory([Unit(None, "Pain", "疼痛", "content/a.md"),
                     Unit(None, "Pain", "痛", "tm/agency.po")])
    found = memory.best(None, "Pain", 75)
    assert found is not None and found.unit.target == "疼痛"


def test_fuzzy_units_are_for_their_moved_article_only() -> None:
    memory = Memory([Unit(None, "Qi", "气？", "content/a.md", moved=True, fuzzy=True)])
    assert memory.best(None, "Qi", 50) is None
    moved = memory.moved_exact(None, "Qi")
    assert moved is not None and moved.fuzzy


@pytest.mark.parametrize("seed", range(3))
def test_the_index_finds_what_scoring_every_text_finds(seed: int) -> None:
    """Edited texts against 3,000 texts of 3 to 40 words: the same answer both ways at
    every band's threshold; new texts of the same 33 words agree from 75 up, and below
    it the index never claims a better match than there is."""
    rng = random.Random(seed)
    pool = [prose(rng, rng.randint(3, 40)) for _ in range(3000)]
    memory = Memory(units(pool))
    for _ in range(150):
        edited = rng.random() < 0.7
        query = edit(rng, rng.choice(pool)) if edited else prose(rng, rng.randint(3, 30))
        for cutoff in (50, 75, 85, 95):
            fast = memory.best(None, query, cutoff)
            slow = memory.best_exhaustive(None, query, cutoff)
            fast_score, slow_score = (m.score if m else 0.0 for m in (fast, slow))
            if edited or cutoff >= 75:
                assert fast_score == slow_score, (query, cutoff)
            else:
                assert fast_score <= slow_score


def test_a_one_word_typo_is_found_among_few_short_texts() -> None:
    rng = random.Random(11)
    memory = Memory(units([prose(rng) for _ in range(3000)] + ["Acupuncture"]))
    found = memory.best(None, "Acupunture", 75)
    assert found is not None and found.unit.source == "Acupuncture"


def test_a_query_of_common_words_scores_a_bounded_number_of_texts() -> None:
    rng = random.Random(5)
    memory = Memory(units([" ".join(rng.choice("ab") for _ in range(6)) for _ in range(3000)]))
    assert len(memory._candidates("a a b a b b x", 50)) <= SCAN
    found, slow = memory.best(None, "a a b a b b x", 50), memory.best_exhaustive(
        None, "a a b a b b x", 50)
    assert found is not None and slow is not None and found.score == slow.score


def test_chinese_texts_are_found_by_characters() -> None:
    memory = Memory(units(["针灸通过刺激神经系统释放内啡肽。", "气血运行于经络之中。"]))
    found = memory.best(None, "针灸通过刺激神经释放内啡肽。", 75)
    assert found is not None and found.unit.source.startswith("针灸")


# ------------------------------------------------------------------ update

ARTICLE_A = f"""---
title: About needles
---

## {HEADING}

Acupuncture needles are thin and sterile.

{DISCLAIMER}
"""

ARTICLE_B = f"""---
title: About cupping
---

## {HEADING}

Cupping leaves round marks on the skin.

{DISCLAIMER}
"""

PO_A = "locales/zh_Hans/LC_MESSAGES/a.po"
PO_B = "locales/zh_Hans/LC_MESSAGES/b.po"
ZH = {HEADING: "治疗过程", DISCLAIMER: "本文不构成医疗建议。治疗前请咨询医生。",
      "About needles": "关于针", "Acupuncture needles are thin and sterile.": "针灸针细而无菌。"}


def two_articles(root: Path, settings: str = "", files: dict[str, str] | None = None) -> Path:
    """Article a translated; article b new, sharing a heading and the disclaimer."""
    write_files(root, {"locpipe.yaml": f"locales: [zh_Hans]\n{settings}",
                       "content/a.md": ARTICLE_A, **(files or {})})
    assert invoke(root, "extract").code == 0 and invoke(root, "update").code == 0
    translate(root / PO_A, ZH)
    write_files(root, {"content/b.md": ARTICLE_B})
    assert invoke(root, "extract").code == 0
    return root


def published(root: Path) -> str:
    assert invoke(root, "build").code == 0
    return (root / "build/site/zh-Hans/b.md").read_text(encoding="utf-8")


@needs_gettext
def test_a_new_article_gets_shared_text_from_memory_fuzzy_until_reviewed(tmp_path: Path) -> None:
    root = two_articles(tmp_path)
    done = invoke(root, "update")
    assert done.code == 0, done.err
    for msgid in (HEADING, DISCLAIMER):
        filled = entry(root / PO_B, msgid)
        assert filled.msgstr == ZH[msgid] and "fuzzy" in filled.flags
        assert "memory: content/a.md, 100%" in filled.comment.splitlines()
    assert entry(root / PO_B, "Cupping leaves round marks on the skin.").msgstr == ""
    assert ZH[DISCLAIMER] not in published(root)  # fuzzy: the build keeps the source text
    assert msgfmt(root / PO_B).returncode == 0
    assert msgcat(root / PO_B, 79) == (root / PO_B).read_bytes()
    translate(root / PO_B, {})  # a translator's tool saves the file: nothing moves
    po = (root / PO_B).read_text(encoding="utf-8").replace("#, fuzzy\n", "")
    (root / PO_B).write_text(po, encoding="utf-8")  # the translator clears the flags
    assert ZH[DISCLAIMER] in published(root)


@needs_gettext
def test_accept_exact_publishes_exact_matches(tmp_path: Path) -> None:
    root = two_articles(tmp_path, "memory:\n  accept_exact: true\n")
    assert invoke(root, "update").code == 0
    filled = entry(root / PO_B, DISCLAIMER)
    assert "fuzzy" not in filled.flags and filled.msgstr == ZH[DISCLAIMER]
    text = published(root)
    assert ZH[DISCLAIMER] in text and ZH[HEADING] in text
    assert split_front_matter(text)[0]["title"] == "About cupping"


def test_a_similar_text_is_fuzzy_with_the_memory_text_as_previous(tmp_path: Path) -> None:
    root = two_articles(tmp_path, "memory:\n  accept_exact: true\n")
    (root / "content/b.md").write_text(ARTICLE_B.replace(HEADING, HEADING + "!"),
                                       encoding="utf-8")
    assert invoke(root, "extract").code == 0 and invoke(root, "update").code == 0
    filled = entry(root / PO_B, HEADING + "!")
    assert "fuzzy" in filled.flags and filled.previous_msgid == HEADING
    # fuzz.ratio: 2 x 18 shared characters / (18 + 19) = 97.3%, shown rounded down
    assert "memory: content/a.md, 97%" in filled.comment.splitlines()


def test_own_previous_translation_wins_over_memory(tmp_path: Path) -> None:
    root = two_articles(tmp_path)
    assert invoke(root, "update").code == 0
    translate(root / PO_B, {DISCLAIMER: "本文不是医疗建议。"})
    assert invoke(root, "update").code == 0
    assert entry(root / PO_B, DISCLAIMER).msgstr == "本文不是医疗建议。"


def test_min_score_and_memory_off(tmp_path: Path) -> None:
    root = two_articles(tmp_path, "memory: {min_score: 99}\n")
    (root / "content/b.md").write_text(ARTICLE_B.replace(HEADING, HEADING + "!"),
                                       encoding="utf-8")
    assert invoke(root, "extract").code == 0 and invoke(root, "update").code == 0
    assert entry(root / PO_B, HEADING + "!").msgstr == ""
    assert entry(root / PO_B, DISCLAIMER).msgstr == ZH[DISCLAIMER]
    off = two_articles(tmp_path / "off", "memory: false\n")
    assert invoke(off, "update").code == 0
    assert entry(off / PO_B, DISCLAIMER).msgstr == ""


def test_update_twice_changes_nothing(tmp_path: Path) -> None:
    """Exact, similar (`#| msgid`) and published pre-fills alike."""
    for settings in ("", "memory: {accept_exact: true}\n"):
        root = two_articles(tmp_path / str(len(settings)), settings)
        write_files(root, {"content/b.md": ARTICLE_B.replace(HEADING, HEADING + "!")})
        assert invoke(root, "extract").code == 0 and invoke(root, "update").code == 0
        assert entry(root / PO_B, HEADING + "!").previous_msgid == HEADING
        before = snapshot(root / "locales")
        again = invoke(root, "update")
        assert again.code == 0 and "0 written" in again.out
        assert snapshot(root / "locales") == before


def test_the_same_with_any_number_of_jobs(tmp_path: Path) -> None:
    trees = []
    for jobs in ("1", "2"):
        root = two_articles(tmp_path / jobs)
        for n in range(6):  # enough catalogues for the work to go to worker processes
            write_files(root, {f"content/c{n}.md": ARTICLE_B.replace("Cupping", f"Cup {n}")})
        assert invoke(root, "extract").code == 0
        assert invoke(root, "update", "--jobs", jobs).code == 0
        trees.append({k: v[0] for k, v in snapshot(root / "locales").items()})
    assert trees[0] == trees[1]
    assert "memory: content/a.md, 100%" in trees[0]["zh_Hans/LC_MESSAGES/c5.po"].decode()


def big_memory(root: Path, jobs: str) -> dict[str, bytes]:
    """Article a of 400 translated paragraphs (more than `SCAN` within reach of a
    paragraph's length, so that lookups go through the index); six new articles of
    a's paragraphs, every second one edited; `update --jobs`."""
    rng = random.Random(3)
    paragraphs = [prose(rng, rng.randint(12, 30)) for _ in range(400)]
    write_files(root, {"locpipe.yaml": "locales: [zh_Hans]\n",
                       "content/a.md": "\n\n".join(paragraphs) + "\n"})
    assert invoke(root, "extract").code == 0 and invoke(root, "update").code == 0
    translate(root / PO_A, {text: f"译：{text}" for text in paragraphs})
    for n in range(6):
        chosen = rng.sample(paragraphs, 5)
        write_files(root, {f"content/c{n}.md": "\n\n".join(
            edit(rng, text) if i % 2 else text for i, text in enumerate(chosen)) + "\n"})
    assert invoke(root, "extract").code == 0
    assert invoke(root, "update", "--jobs", jobs).code == 0
    return {k: v[0] for k, v in snapshot(root / "locales").items()}


def test_the_index_built_before_the_workers_start_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path builds the memory's index once, in the parent, for the workers to
    share; its twin lets each worker build its own on its first fuzzy query."""
    built: list[int] = []
    monkeypatch.setattr(Memory, "build_index", lambda self: built.append(len(self._postings())))
    trees = []
    for shared in (True, False):
        monkeypatch.setattr(pipeline, "_has_new_text", lambda *args, shared=shared: shared)
        trees.append(big_memory(tmp_path / str(shared), "2"))
    assert len(built) == 1 and built[0] > SCAN  # the parent built it, the first time only
    assert trees[0] == trees[1] == big_memory(tmp_path / "one", "1")
    filled = trees[0]["zh_Hans/LC_MESSAGES/c0.po"].decode()
    assert "#, fuzzy" in filled and "#| msgid" in filled  # similar texts were looked up


def test_a_memory_whose_queries_score_every_text_builds_no_index() -> None:
    """Up to `SCAN` texts, `_candidates` scores every text in reach and never reads an
    index: `build_index` leaves it unbuilt; one text more and it builds it."""
    rng = random.Random(4)
    texts = list(dict.fromkeys(prose(rng, 12) for _ in range(SCAN + 40)))[:SCAN + 1]
    small = Memory([Unit(None, text, "译", "content/a.md") for text in texts[:SCAN]])
    small.build_index()
    assert small._index is None
    query = edit(rng, texts[3])
    assert small.best(None, query, 50) == small.best_exhaustive(None, query, 50)
    assert small._index is None  # the query did not need one either
    large = Memory([Unit(None, text, "译", "content/a.md") for text in texts])
    large.build_index()
    assert large._index is not None


def test_a_long_text_read_again_is_the_memory_s_own() -> None:
    """`shared` gives the memory's string for a long source or translation it holds, and
    the string asked about for any other."""
    long = "针灸 needle point " * 400
    memory = Memory([Unit(None, long, "译：" + long, "content/a.md"), Unit(None, "a", "b", "x")])
    again = "".join(["针灸 needle point "] * 400)
    assert again == long and again is not long
    assert memory.shared(again) is long
    assert memory.shared("译：" + again) is memory.units[0].target
    assert memory.shared("a") == "a"
    other = again + "."
    assert memory.shared(other) is other


def test_new_text_is_expected_where_a_catalogue_is_missing_or_older(tmp_path: Path) -> None:
    root = two_articles(tmp_path)  # b.pot is new: b.po is missing
    project = pipeline.Project(load_config(root / "locpipe.yaml"))
    templates = project.templates()
    assert pipeline._has_new_text(project, templates, ["zh_Hans"])
    assert invoke(root, "update").code == 0
    assert not pipeline._has_new_text(project, templates, ["zh_Hans"])
    pot = root / "locales/templates/a.pot"
    later = (root / PO_A).stat().st_mtime_ns + 1_000_000_000
    os.utime(pot, ns=(later, later))  # extracted again after the last update
    assert pipeline._has_new_text(project, templates, ["zh_Hans"])


@needs_gettext
def test_a_moved_article_keeps_every_translation(tmp_path: Path) -> None:
    root = two_articles(tmp_path)
    translate(root / PO_A, {"Acupuncture needles are thin and sterile.": "针很细。"},
              fuzzy=("Acupuncture needles are thin and sterile.",))
    before = {e.msgid: (e.msgstr, "fuzzy" in e.flags)
              for e in polib.pofile(str(root / PO_A)) if e.msgid}
    (root / "content/a.md").rename(root / "content/guides-a.md")  # as `git mv` leaves it
    assert invoke(root, "extract").code == 0
    done = invoke(root, "update")
    assert done.code == 0
    moved = root / "locales/zh_Hans/LC_MESSAGES/guides-a.po"
    after = {e.msgid: (e.msgstr, "fuzzy" in e.flags)
             for e in polib.pofile(str(moved)) if e.msgid}
    assert after == before
    assert (root / PO_A).exists()
    assert any(w.startswith(f"{PO_A}: warning: orphaned catalogue") for w in done.warnings)
    assert msgfmt(moved).returncode == 0 and msgcat(moved, 79) == moved.read_bytes()
    assert invoke(root, "build").code == 0  # published as before the move; fuzzy is not
    edition = (root / "build/site/zh-Hans/guides-a.md").read_text(encoding="utf-8")
    assert ZH[DISCLAIMER] in edition and "针很细。" not in edition


COMPENDIUM = """msgid ""
msgstr ""
"Language: zh_Hans\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Cupping leaves round marks on the skin."
msgstr "拔罐会在皮肤上留下圆形印记。"
"""

# As a CAT tool writes one: a header with its own props, units with props and notes,
# inline codes, a region subtag, and a unit in a third language.
AGENCY_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="SDL Language Platform" creationtoolversion="8.1" segtype="sentence"
          o-tmf="SDL TM8 Format" adminlang="en-US" srclang="en-US" datatype="xml">
    <prop type="x-Recognizers">RecognizeAll</prop>
  </header>
  <body>
    <tu creationdate="20240115T101500Z" creationid="AGENCY\\\\translator" usagecount="3">
      <prop type="x-Client">Clinic</prop>
      <note>Approved by the reviewer</note>
      <tuv xml:lang="en-US"><seg>About <bpt i="1">**</bpt>cupping<ept i="1">**</ept></seg></tuv>
      <tuv xml:lang="zh-CN"><prop type="x-Origin">TM</prop>
        <seg>关于<bpt i="1">**</bpt>拔罐<ept i="1">**</ept></seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en-US"><seg>About cupping</seg></tuv>
      <tuv xml:lang="zh-TW"><seg>關於拔罐</seg></tuv>
      <tuv xml:lang="zh-CN"><seg>关于拔罐</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en-US"><seg>Only English</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_external_compendium_and_tmx_are_read(tmp_path: Path) -> None:
    root = two_articles(tmp_path, "memory: [tm/old-site.po, tm/agency.tmx]\n",
                        {"tm/old-site.po": COMPENDIUM, "tm/agency.tmx": AGENCY_TMX})
    assert invoke(root, "update").code == 0
    skin = entry(root / PO_B, "Cupping leaves round marks on the skin.")
    assert skin.msgstr == "拔罐会在皮肤上留下圆形印记。"
    assert "memory: tm/old-site.po, 100%" in skin.comment.splitlines()
    title = entry(root / PO_B, "About cupping")  # msgctxt title: the same text, 99%
    assert title.msgstr == "关于拔罐" and "memory: tm/agency.tmx, 99%" in title.comment


def test_a_missing_or_broken_memory_file_is_one_error_line(tmp_path: Path) -> None:
    root = two_articles(tmp_path, "memory: [tm/agency.tmx]\n", {"tm/agency.tmx": AGENCY_TMX})
    (root / "tm/agency.tmx").unlink()
    missing = invoke(root, "update")
    assert missing.code == 2
    assert missing.err.strip() == ("tm/agency.tmx: error: memory file not found (fix or "
                                   "remove it in `memory.files` of locpipe.yaml)")
    write_files(root, {"tm/agency.tmx": "<tmx><body><tu>"})
    broken = invoke(root, "update")
    assert broken.code == 2 and broken.err.startswith("tm/agency.tmx:1: error: ")
    assert "Traceback" not in broken.err and not (root / PO_B).exists()


@pytest.mark.parametrize(("text", "expected"), [
    ("", MemorySettings()),
    ("memory: false\n", MemorySettings(enabled=False)),
    ("memory: [tm/a.po, tm/b.tmx]\n", MemorySettings(files=("tm/a.po", "tm/b.tmx"))),
    ("memory:\n  files: [tm/a.po]\n  min_score: 90\n  accept_exact: true\n",
     MemorySettings(True, ("tm/a.po",), 90.0, True)),
])
def test_memory_settings(tmp_path: Path, text: str, expected: MemorySettings) -> None:
    (tmp_path / "locpipe.yaml").write_text(text, encoding="utf-8")
    assert load_config(tmp_path / "locpipe.yaml").memory == expected
