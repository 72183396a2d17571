"""The translation memory: every translation a project already has, to pre-fill new text.

A memory holds the translated, non-fuzzy entries of every catalogue of one locale,
then those of the external memories `locpipe.yaml` lists (gettext compendia and
TMX files), in that order of precedence. `Memory.best` answers with the best match
for a text: an exact one (same text, same msgctxt) scores 100, the same text under
another msgctxt 99, any other text its rapidfuzz `fuzz.ratio` (at most 99, so that
only an exact match is ever called 100%).

Looking a text up must not cost more as the memory grows, or a project of
100,000 entries would pay for every entry with every other. Exact matches come
from a dictionary. Similar texts come from the word-run index of
`catalogue.postings` (words and runs of two and three words; characters for CJK):
only the distinct source texts that share the most of the query's rarest runs
are scored. The texts are numbered by length, so that the texts whose length lets
them reach the threshold at all (a `fuzz.ratio` of `c` needs the shorter text to
be at least `c / (200 - c)` of the longer one) are one range of numbers: when that
range holds at most `SCAN` texts, all of them are scored, which is exact; else a
run's postings are cut to the range, and the query's rarest runs are read, rarest
first, until `SCAN` postings are read: the best `SCORED` texts among them are
scored. Whatever the size of the memory, a query costs at most that. `best_exhaustive`
is the slow twin, which scores every text; `tests/test_memory.py` shows they agree
on edited texts at every threshold and on new texts from 75 up. What the index
can miss is a 50-74 likeness of common words between unrelated texts: noise in
the lowest band of an analysis, never a pre-fill.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from locpipe.catalogue.similar import CANDIDATES, RAREST, no_collection
from locpipe.config import Config
from locpipe.errors import LocpipeError
from locpipe.po.reader import read_catalogue, read_messages
from locpipe.po.state import State, messages_of
from locpipe.project import Project, relative

if TYPE_CHECKING:
    from locpipe.catalogue.postings import Postings

EXACT = 100.0
SAME_TEXT = 99.0
"""The same text under another msgctxt: as good as it gets without being exact."""
SCAN = 256
"""Most texts scored for one query whose runs are all common (texts of a few
frequent words): what keeps such a query from scoring the whole memory."""
SCORED = 4 * CANDIDATES
"""Texts scored for a query through the index: more than a merge scores, since a
memory's texts are many and unrelated, and an analysis asks for the best of them."""
SHARED = 4_096
"""Characters of a text from which `Memory.shared` gives the memory's own copy."""
MEMORY_NOTE = "memory: "
"""How the `#.` line naming a pre-fill's source starts: `memory: content/a.md, 100%`."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One translation the memory holds."""

    context: str | None
    """The msgctxt of the entry it came from (None for body text and TMX units)."""
    source: str
    """The source text (a msgid)."""
    target: str
    """Its translation."""
    origin: str
    """Where it came from, as people read it: the article (`content/a.md`) of a
    project catalogue, or the external file (`tm/agency.tmx`), relative to the project."""
    moved: bool = False
    """True when its catalogue's article no longer exists: the article was renamed or
    moved, and an exact match is its own translation, taken as it was."""
    fuzzy: bool = False
    """A fuzzy entry of a moved article's catalogue: kept for that article only."""


@dataclass(frozen=True, slots=True)
class Match:
    """The best translation the memory has for a text."""

    unit: Unit
    score: float
    """100 for the same text and msgctxt, 99 for the same text under another, else
    `fuzz.ratio` of the two texts, at most 99."""

    @property
    def exact(self) -> bool:
        return self.score == EXACT

    @property
    def percent(self) -> int:
        """Whole percent, rounded down: 100 only for an exact match."""
        return math.floor(self.score)

    @property
    def note(self) -> str:
        """The `#.` line that says where a pre-fill came from."""
        return f"{MEMORY_NOTE}{self.unit.origin}, {self.percent}%"


@dataclass
class Memory:
    """Translations ready to be looked up; the index is built on the first fuzzy query."""

    units: Sequence[Unit]
    """In order of precedence: the first unit of a text is the one a match gives."""
    _exact: dict[tuple[str | None, str], Unit] = field(default_factory=dict, init=False)
    _texts: list[str] = field(default_factory=list, init=False)
    """Distinct source texts of the published units, shortest first."""
    _first: list[Unit] = field(default_factory=list, init=False)
    """The unit each of `_texts` stands for."""
    _by_text: dict[str, Unit] = field(default_factory=dict, init=False)
    _moved: dict[tuple[str | None, str], Unit] = field(default_factory=dict, init=False)
    _index: Postings | None = field(default=None, init=False)
    """The word-run index (`catalogue.postings`), built on the first fuzzy query."""
    _lengths: list[int] = field(default_factory=list, init=False)
    _long: dict[str, str] = field(default_factory=dict, init=False)
    """Each source and translation of at least `SHARED` characters, by itself."""

    def __post_init__(self) -> None:
        with no_collection():  # many small objects, no cycles: see `no_collection`
            self._arrange()

    def _arrange(self) -> None:
        by_text: dict[str, Unit] = {}
        for unit in self.units:
            key = (unit.context, unit.source)
            if unit.moved:
                self._moved.setdefault(key, unit)
            if unit.fuzzy:
                continue
            self._exact.setdefault(key, unit)
            by_text.setdefault(unit.source, unit)
        # Numbered by length (a stable sort: ties keep their precedence), so that the
        # texts within reach of a length are one range of numbers.
        self._texts = sorted(by_text, key=len)
        self._by_text = by_text
        self._first = [by_text[text] for text in self._texts]
        self._lengths = [len(text) for text in self._texts]
        self._long = {text: text for unit in self.units for text in (unit.source, unit.target)
                      if len(text) >= SHARED}

    def __len__(self) -> int:
        return len(self.units)

    def shared(self, text: str) -> str:
        """`text`, or the equal string the memory holds: a catalogue read again while
        the memory holds its texts (`update` reads the catalogue it merges into) then
        holds them once. Only long texts are looked for: they are what costs."""
        return self._long.get(text, text) if len(text) >= SHARED else text

    def moved_exact(self, context: str | None, text: str) -> Unit | None:
        """The moved article's own translation of this text, fuzzy or not, if any."""
        return self._moved.get((context, text))

    def best(self, context: str | None, text: str, cutoff: float) -> Match | None:
        """The best match scoring at least `cutoff`, through the index."""
        found = self._same(context, text)
        if found is not None or not text:
            return found
        number = self._best_candidate(text, cutoff)
        return None if number is None else self._match(number, text)

    def best_exhaustive(self, context: str | None, text: str, cutoff: float) -> Match | None:
        """`best` by scoring every text: the slow twin, for tests and small memories."""
        found = self._same(context, text)
        if found is not None or not text:
            return found
        hit = process.extractOne(text, self._texts, scorer=fuzz.ratio, score_cutoff=cutoff)
        return None if hit is None else self._match(hit[2], text)

    def _same(self, context: str | None, text: str) -> Match | None:
        unit = self._exact.get((context, text))
        if unit is not None:
            return Match(unit, EXACT)
        unit = self._by_text.get(text)
        return None if unit is None else Match(unit, SAME_TEXT)

    def _match(self, number: int, text: str) -> Match:
        return Match(self._first[number], min(fuzz.ratio(text, self._texts[number]), SAME_TEXT))

    def _best_candidate(self, text: str, cutoff: float) -> int | None:
        best, best_score = None, cutoff
        for number in sorted(self._candidates(text, cutoff)):
            score = fuzz.ratio(text, self._texts[number], score_cutoff=best_score)
            if score and (best is None or score > best_score):
                best, best_score = number, score
        return best

    def _candidates(self, text: str, cutoff: float) -> list[int]:
        """The texts whose length can reach `cutoff`, all of them when there are at
        most `SCAN`; else those sharing the most of the query's rarest runs."""
        low, high = self._window(len(text), cutoff)
        if high - low <= SCAN:
            return list(range(low, high))
        index = self._postings()
        rarest = sorted(index.spans(text))[:2 * RAREST]  # cutting costs: the rarest only
        cuts = index.cut([rank for _, _, rank in rarest], low, high)
        # (texts in reach, run, first, end): postings cut to the window, not copied
        spans = [(end - first, run, first, end)
                 for (_, run, _), (first, end) in zip(rarest, cuts, strict=True) if end > first]
        weight: defaultdict[int, float] = defaultdict(float)
        spent = 0
        for size, _, first, end in sorted(spans)[:RAREST]:  # the same in any process
            stop = min(end, first + SCAN - spent)
            for number in index.between(first, stop):
                weight[number] += 1 / size
            spent += stop - first
            if spent >= SCAN:  # the runs left are common ones: they would say little
                break
        ranked = heapq.nsmallest(SCORED, weight.items(), key=lambda item: (-item[1], item[0]))
        return [number for number, _ in ranked]

    def _window(self, length: int, cutoff: float) -> tuple[int, int]:
        """The numbers [low, high) of the texts whose length can reach `cutoff`."""
        share = cutoff / (200 - cutoff)  # shortest / longest that can still reach it
        shortest = math.ceil(length * share) if cutoff > 0 else 0
        longest = math.floor(length / share) if share > 0 else max(self._lengths, default=0)
        return bisect_left(self._lengths, shortest), bisect_right(self._lengths, longest)

    def build_index(self) -> None:
        """Build the index now rather than on the first fuzzy query: in the parent of
        worker processes, which then share it instead of each building its own.

        Not for a memory of at most `SCAN` texts, whose queries score every text in
        reach (`_candidates`) and never read an index: built anyway, an index of one
        8 MB paragraph's runs took about 110 MB to make, for nothing."""
        if len(self._texts) > SCAN:
            self._postings()

    def _postings(self) -> Postings:
        if self._index is None:
            # Here, not above: numpy is loaded only by a run that looks similar text up.
            from locpipe.catalogue.postings import postings

            self._index = postings(self._texts)
        return self._index

    def __getstate__(self) -> dict[str, object]:
        """Without the index, whose hashes are this process's (`Postings`)."""
        return {**self.__dict__, "_index": None}


# --------------------------------------------------------------- building

def project_memory(config: Config, locale: str) -> tuple[Memory, list[str]]:
    """The memory of `locale`: its catalogues in slug order, then the external files
    in the order listed; and a warning for each catalogue whose article is gone."""
    project = Project(config)
    units: list[Unit] = []
    warnings: list[str] = []
    for slug, path in catalogues(config, locale):
        article = project.article_path(slug)
        moved = not article.is_file()
        origin = relative(article, config.root)
        if moved:
            warnings.append(orphan_warning(config, path, origin))
        units += catalogue_units(path, locale, origin, moved)
    for name in config.memory.files:
        units += external_units(config, config.root / name, locale)
    return Memory(units), warnings


def catalogues(config: Config, locale: str) -> list[tuple[str, Path]]:
    """(slug, path) of every catalogue of `locale`, sorted by slug."""
    folder = config.locales_path / locale / "LC_MESSAGES"
    if not folder.is_dir():
        return []
    found = ((p.relative_to(folder).with_suffix("").as_posix(), p) for p in folder.rglob("*.po"))
    return sorted(item for item in found if item[1].is_file())


def orphan_warning(config: Config, path: Path, origin: str) -> str:
    return (f"{relative(path, config.root)}: warning: orphaned catalogue: {origin} no longer "
            f"exists; its translations stay in the memory (delete the catalogue and its "
            f"template once no article needs them)")


def catalogue_units(path: Path, locale: str, origin: str, moved: bool = False) -> list[Unit]:
    """The published translations of one catalogue; a moved article's fuzzy ones too."""
    units = []
    for message in read_messages(path, locale):
        if message.forms or not message.msgid:
            continue  # a plural entry (a hand edit) has no single translation to lend
        state = message.state
        if state is State.TRANSLATED or (moved and state is State.FUZZY):
            units.append(Unit(message.context, message.msgid, message.msgstr, origin, moved,
                              state is State.FUZZY))
    return units


def external_units(config: Config, path: Path, locale: str) -> list[Unit]:
    """The translations of an external memory: a gettext compendium or a TMX file."""
    origin = relative(path, config.root)
    if not path.is_file():
        raise LocpipeError("memory file not found", origin,
                           hint="fix or remove it in `memory.files` of locpipe.yaml")
    if path.suffix == ".tmx":
        from locpipe.catalogue.tmx import read_tmx  # only projects with TMX files need XML

        return [Unit(unit.context, unit.source, unit.target, origin)
                for unit in read_tmx(path, config.source_locale, locale)]
    return [Unit(message.context, message.msgid, message.msgstr, origin)
            for message in messages_of(read_catalogue(path, locale))
            if message.state is State.TRANSLATED and not message.forms and message.msgid]


def pairs(memory: Memory) -> Iterable[Unit]:
    """Each (msgctxt, source) once, with the translation a match would give: what
    an export writes."""
    seen: set[tuple[str | None, str]] = set()
    for unit in memory.units:
        key = (unit.context, unit.source)
        if unit.fuzzy or key in seen:
            continue
        seen.add(key)
        yield unit
