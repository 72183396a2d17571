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
