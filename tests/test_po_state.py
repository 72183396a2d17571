"""One definition of an entry's state: status, the report, check and build agree on it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locpipe.catalogue.template import new_catalogue
from locpipe.config import load_config
from locpipe.po.reader import read_catalogue, read_messages
from locpipe.po.state import (
    Message,
    State,
    entry_state,
    is_publishable,
    messages_of,
    state_of,
    tally,
    translations,
)
from locpipe.views.report import gather

LOCALE = "de"
SLUG = "a"
CATALOGUE = f"locales/{LOCALE}/LC_MESSAGES/{SLUG}.po"
TEMPLATE = f"locales/templates/{SLUG}.pot"


@dataclass(frozen=True)
class Drawn:
    """One generated entry, with the state a translator's tool would show for it."""

    entry: polib.POEntry
    """The entry as written to the catalogue."""
    expected: str
    """Its state, worked out from the fields alone."""


def expected_state(strings: list[str], fuzzy: bool, obsolete: bool) -> str:
    """The definition, restated: obsolete first, then any empty string, then the flag."""
    if obsolete:
        return "obsolete"
    if not strings or not all(strings):
        return "untranslated"
    return "fuzzy" if fuzzy else "translated"


TEXT = st.sampled_from(["", "针", "Acupuncture", "two words", "*qi*"])


@st.composite
def drawn_entry(draw: st.DrawFn, number: int) -> Drawn:
    fuzzy = draw(st.booleans())
    obsolete = draw(st.booleans())
    flags = ["fuzzy"] * fuzzy + draw(st.sampled_from([[], ["no-wrap"]]))
    fields: dict[str, object] = {"msgid": f"Text {number}", "flags": flags, "obsolete": obsolete,
                                 "msgctxt": draw(st.sampled_from([None, "title"]))}
    if draw(st.booleans()):
        strings = [draw(TEXT), draw(TEXT)]
        fields.update(msgid_plural=f"Texts {number}", msgstr_plural=dict(enumerate(strings)))
    else:
        strings = [draw(TEXT)]
        fields["msgstr"] = strings[0]
    if not obsolete:
        fields["occurrences"] = [(f"content/{SLUG}.md", str(number))]
    return Drawn(polib.POEntry(**fields), expected_state(strings, fuzzy, obsolete))


CATALOGUES = st.integers(0, 8).flatmap(
    lambda n: st.tuples(*(drawn_entry(i) for i in range(n))).map(list))


@contextmanager
def project_with(entries: list[Drawn]) -> Iterator[Path]:
    """A project whose one catalogue holds `entries`, written by polib (not by locpipe,
    whose writer drops `fuzzy` from an empty entry, as gettext does)."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "locpipe.yaml").write_text(f"source_locale: en\nlocales: [{LOCALE}]\n",
                                           encoding="utf-8")
        (root / "content").mkdir()
        # The article the template is of: a template alone is an orphan, listed by no view.
        (root / "content" / f"{SLUG}.md").write_text("# Title\n", encoding="utf-8")
        po = new_catalogue(polib.POFile(), LOCALE)
        po.extend(d.entry for d in entries)
        for relative in (CATALOGUE, TEMPLATE):
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / CATALOGUE).write_text(str(po), encoding="utf-8")
        (root / TEMPLATE).write_text(str(new_catalogue(polib.POFile(), LOCALE)),
                                     encoding="utf-8")
        before = Path.cwd()
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(before)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(CATALOGUES)
def test_status_report_check_and_build_agree_on_every_entry(entries: list[Drawn]) -> None:
    active = [d for d in entries if d.expected != "obsolete"]
    by_state = {s: {d.entry.msgid for d in active if d.expected == s}
                for s in ("translated", "fuzzy", "untranslated")}
    with project_with(entries) as root:
        report = gather(load_config(root / "locpipe.yaml"))
        messages = read_messages(root / CATALOGUE, LOCALE)

    counts = report.status.rows[0].counts
    assert (counts.translated, counts.fuzzy, counts.untranslated) == tuple(
        len(by_state[s]) for s in ("translated", "fuzzy", "untranslated"))
    rows = report.views[0].rows
    assert [(r.source, r.state) for r in rows] == [(d.entry.msgid, d.expected) for d in active]

    def flagged(code: str) -> set[str | None]:
        return {f.msgid for f in report.result.findings if f.code == code}

    assert flagged("C001") == by_state["untranslated"]
    assert flagged("C002") == by_state["fuzzy"]

    assert {msgid for _, msgid in translations(messages)} == by_state["translated"]
    assert tally(m.state for m in messages) == {s: len(ids) for s, ids in by_state.items()}


@pytest.mark.parametrize(("strings", "fuzzy", "obsolete", "state"), [
    (["甲"], False, False, State.TRANSLATED),
    (["甲"], True, False, State.FUZZY),
    ([""], True, False, State.UNTRANSLATED),
    (["甲", ""], False, False, State.UNTRANSLATED),
    ([], False, False, State.UNTRANSLATED),
    (["甲"], False, True, State.OBSOLETE),
])
def test_the_precedence_of_states(strings: list[str], fuzzy: bool, obsolete: bool,
                                  state: State) -> None:
    assert state_of(strings, fuzzy, obsolete) is state
    assert expected_state(strings, fuzzy, obsolete) == state.value
    assert is_publishable(state) == (state is State.TRANSLATED)


def test_a_plural_entry_is_read_by_a_build_with_its_forms(tmp_path: Path) -> None:
    """A build's message of a plural entry has the state status gives the entry and,
    translated, publishes the first form (what gettext gives for the singular)."""
    po = new_catalogue(polib.POFile(), LOCALE)
    po.append(polib.POEntry(msgid="one needle", msgid_plural="{n} needles",
                            msgstr_plural={0: "eine Nadel", 1: "{n} Nadeln"}))
    po.append(polib.POEntry(msgid="one point", msgid_plural="{n} points",
                            msgstr_plural={0: "ein Punkt", 1: ""}))
    path = tmp_path / "a.po"
    path.write_text(str(po), encoding="utf-8")
    messages = read_messages(path, LOCALE)
    assert [m.state for m in messages] == [entry_state(e) for e in read_catalogue(path)]
    assert messages == messages_of(read_catalogue(path, LOCALE))
    assert translations(messages) == {(None, "one needle"): "eine Nadel"}
    assert messages[1] == Message(None, "one point", "ein Punkt", False, messages[1].line,
                                  ("ein Punkt", ""))
