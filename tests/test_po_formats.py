"""Format strings: `po.formats` refuses a translation exactly when GNU
`msgfmt --check` does, on generated c-format and python-format pairs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locpipe.po.formats import format_problem

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None,
                                reason="needs GNU gettext's msgfmt")

DIRECTIVES = {
    "c-format": ["%d", "%i", "%s", "%u", "%x", "%ld", "%5.2f", "%c", "%%", "%1$s", "%2$d",
                 "%-3s", "%p", "%lu"],
    "python-format": ["%s", "%d", "%i", "%r", "%f", "%.2f", "%c", "%%", "%(n)s", "%(n)d",
                      "%(m)s", "%x"],
}


def _text(flag: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from([*DIRECTIVES[flag], "a ", "字"]), max_size=4).map("".join)


def msgfmt_refuses(tmp: Path, flag: str, msgid: str, msgstr: str) -> bool:
    path = tmp / "x.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    f'#, {flag}\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n', encoding="utf-8")
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, check=False)
    return done.returncode != 0


@pytest.mark.parametrize("flag", sorted(DIRECTIVES))
@settings(max_examples=150, deadline=None, suppress_health_check=[
    HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_refused_exactly_when_msgfmt_refuses(tmp_path: Path, flag: str,
                                             data: st.DataObject) -> None:
    msgid = data.draw(_text(flag).filter(bool), label="msgid")  # "" is the header
    msgstr = data.draw(_text(flag), label="msgstr")
    if not msgstr:
        return  # untranslated: neither compares
    ours = format_problem([flag], msgid, msgstr) is not None
    assert ours == msgfmt_refuses(tmp_path, flag, msgid, msgstr), (msgid, msgstr)


def test_no_flag_no_comparison() -> None:
    assert format_problem([], "%d", "%s") is None
    assert format_problem(["c-format", "no-c-format"], "%d", "%s") is None
