"""What `checks.markdown` makes of a segment, and its shortcut for plain text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from locpipe.checks import markdown

ALPHABET = "ab Z9^.,:;!?-—“”‘’'\"()（）、。气阴*_`[]<>&\\|~#=+\t\n"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, min_size=1, max_size=30),
       context=st.sampled_from([markdown.PARAGRAPH, markdown.HEADING]))
def test_the_plain_text_shortcut_agrees_with_the_parser(text: str, context: str) -> None:
    fast = markdown.parse(text, context)
    full = markdown.full_parse(text, context)
    assert (fast.blocks, fast.texts, fast.plain, fast.urls, fast.code, fast.marks,
            fast.html) == (full.blocks, full.texts, full.plain, full.urls, full.code,
                           full.marks, full.html)


def test_plain_text_takes_the_shortcut() -> None:
    assert markdown._is_plain("Qi — the body’s “vital energy”.", markdown.PARAGRAPH)
    assert not markdown._is_plain("1. Qi", markdown.PARAGRAPH)
    assert not markdown._is_plain("Qi *flows*", markdown.PARAGRAPH)


def test_facts_of_a_rich_segment() -> None:
    found = markdown.parse("A *b* **c** `d` [e](https://f.org) ![g](h.png) <i>j</i>[^k] "
                           "<https://l.org>")
    assert found.blocks == ("paragraph_open", "paragraph_close")
    assert dict(found.links) == {"https://f.org": 1, "https://l.org": 1}
    assert dict(found.images) == {"h.png": 1}
    assert dict(found.code) == {"d": 1}
    assert dict(found.marks) == {"em": 1, "strong": 1}
    assert dict(found.footnotes) == {"k": 1}
    assert found.html == ["<i>", "</i>"]
    assert found.plain == (f"A b c {markdown.CODE} e {markdown.OBJECT} "
                           f"{markdown.OBJECT}j{markdown.OBJECT} https://l.org")


def test_document_references() -> None:
    text = "---\ntitle: x\n---\n\nSee [a][1].\n\n[1]: https://e.org \"T\"\n"
    assert markdown.document_references(text) == {"1": {"href": "https://e.org", "title": "T"}}
    assert markdown.document_references("No definitions here.") == {}


def _token_list(texts: list[str], _pieces: list[str], _plain: str) -> list[str]:
    return list(texts)


TEXT_ALPHABET = ALPHABET + " \u00a0\ue000\ufffc<>b"


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=TEXT_ALPHABET, min_size=1, max_size=40),
       context=st.sampled_from([markdown.PARAGRAPH, markdown.HEADING, markdown.TABLE_CELL]))
def test_texts_kept_as_spans_are_the_text_tokens(text: str, context: str) -> None:
    spans = markdown.full_parse(text, context).texts
    assert isinstance(spans, markdown.Texts)
    original = markdown.Texts.of
    try:  # the slow twin: the text tokens themselves, as a list
        markdown.Texts.of = _token_list  # type: ignore[method-assign,assignment]
        tokens = markdown.full_parse(text, context).texts
    finally:
        markdown.Texts.of = original  # type: ignore[method-assign]
    assert isinstance(tokens, list)
    assert list(spans) == tokens and spans == tokens and len(spans) == len(tokens)
    assert [spans[i] for i in range(-len(tokens), len(tokens))] == tokens + tokens
    assert spans[1:] == tokens[1:] and spans[::-1] == tokens[::-1]


def test_texts_index_as_a_list_does() -> None:
    texts = markdown.full_parse("a *b* `c` d<br>e", markdown.PARAGRAPH).texts
    assert list(texts) == ["a ", "b", " ", " d", "e"]
    assert (texts[0], texts[-1], texts[1:3]) == ("a ", "e", ["b", " "])
    assert texts != ["a "] and texts != "a b  de"
    for wrong in (5, -6):
        try:
            texts[wrong]
        except IndexError:
            continue
        raise AssertionError(f"no IndexError at {wrong}")
