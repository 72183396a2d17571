"""What a job reports: the paths it wrote, kept compactly, given back as they were."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from locpipe.jobs.outcome import PathList

# Paths as os.fsdecode gives them: any character but NUL, undecodable bytes as
# the surrogates U+DC80-U+DCFF.
path_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0")
                    | st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF))


@given(st.lists(path_text), st.lists(path_text))
def test_a_path_list_gives_back_its_paths_in_order(first: list[str], second: list[str]) -> None:
    listed, more = PathList(), PathList()
    for path in first:
        listed.append(path)
    for path in second:
        more.append(path)
    listed += more
    assert list(listed) == first + second and len(listed) == len(first) + len(second)


# Paths alike in their beginnings, as a job's are, so that each is written against one
# of those before it; some longer than the 255 bytes one of them may share.
alike = st.lists(st.sampled_from(["/site", "/zh-Hans", "/en", "/a", "/é", "/\udcff"]),
                 max_size=6).map("".join) | st.text("ab/", max_size=300)


@given(st.lists(st.lists(alike, max_size=7), max_size=5))
def test_paths_alike_come_back_as_they_were_however_the_lists_were_joined(
        parts: list[list[str]]) -> None:
    joined = PathList()
    for paths in parts:
        listed = PathList()
        for path in paths:
            listed.append(path)
        joined += listed
    expected = [path for paths in parts for path in paths]
    assert list(joined) == expected and len(joined) == len(expected)
