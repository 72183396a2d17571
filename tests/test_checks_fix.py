"""`locpipe check --fix` and `--diff`: mechanical typography fixes, written as `update` writes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks_support import CATALOGUE, entry, po, project, run
from locpipe.checks import markdown
from locpipe.checks.fix import fix_text
from locpipe.checks.profiles import PROFILES

ALL = {"T001", "T002", "T004", "T005", "T006", "T007"}
GB = PROFILES["gb-t-15834"]
GETTEXT = shutil.which("msgfmt") is not None and shutil.which("msgcat") is not None
needs_gettext = pytest.mark.skipif(not GETTEXT, reason="GNU gettext is not installed")


@pytest.mark.parametrize(("text", "profile", "fixed", "codes"), [
    ("在LeanCloud上花了5000元", "gb-t-15834", "在 LeanCloud 上花了 5000 元", ("T002",)),
    ("你好,世界!真的吗？？", "gb-t-15834", "你好，世界！真的吗？", ("T001", "T004")),
    ("使用 iPhone ，好开心 。", "gb-t-15834", "使用 iPhone，好开心。", ("T005",)),
    ("气(Qi)是能量", "gb-t-15834", "气（Qi）是能量", ("T001",)),
    ("气(Qi)是能量", "copywriting", "气(Qi)是能量", ()),
    ("状态 (例如 `ref()`) 。下面", "copywriting", "状态（例如 `ref()`）。下面", ("T001",)),
    ("放松身心—这并非想象...", "gb-t-15834", "放松身心——这并非想象……", ("T007",)),
    ("花了１０００元", "gb-t-15834", "花了 1000 元", ("T002", "T006")),
    ("下: 内容", "gb-t-15834", "下：内容", ("T001", "T005")),
    ("在 LeanCloud 上", "gb-t-15834", "在 LeanCloud 上", ()),
], ids=["spacing", "punctuation-repeated", "spaces", "parentheses", "copywriting-latin",
        "copywriting-chinese", "ellipsis-dash", "fullwidth-digits", "colon-space", "clean"])
def test_fix_text(text: str, profile: str, fixed: str, codes: tuple[str, ...]) -> None:
    assert fix_text(text, PROFILES[profile], ALL) == (fixed, codes)


@pytest.mark.parametrize("text", [
    "见[研究](https://a.b/c,d?x=1!)。", "运行 `a,b; c:d!` 即可", "调用 setup() 时",
    "见 <https://a.b/,x> 吧", "点击<a href=\"x,y\" title=\"甲,乙\">这里</a>吧",
    "```a```", ":::tip 提示 :::", "> [!NOTE] 注意", "标题 {#id .cls}", "用 \\*号 吧",
    "这是**“气”**的流动", "看 use...Store 的", "a--b 和 x...y", "中文![图](a,b.png)",
])
def test_a_fix_never_touches_code_urls_or_markup(text: str) -> None:
    fixed, _codes = fix_text(text, GB, ALL)
    before, after = markdown.parse(text), markdown.parse(fixed)
    assert (after.code, after.links, after.html, after.marks) == (
        before.code, before.links, before.html, before.marks)
    for kept in ("https://a.b/c,d?x=1!", "a,b; c:d!", "setup()", ":::", "[!NOTE]",
                 "{#id .cls}", "use...Store", "a--b", "x...y", 'title="甲,乙"'):
        assert text.count(kept) == fixed.count(kept)


PIECES = st.sampled_from(["中文", "气", "Qi", "LeanCloud", "5000", " ", ",", ".", ":", "!",
                          "?", "(", ")", "（", "）", "，", "。", "...", "--", "—", "…",
                          "`a,b`", "`x`", "[链接](https://e.org/a,b)", "**", "*", "_",
                          "<br>", "！！", "１２", "'", "\""])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=14).map("".join),
       st.sampled_from(sorted(PROFILES)))
def test_fixes_keep_markup_and_settle(text: str, name: str) -> None:
    fixed, _ = fix_text(text, PROFILES[name], ALL)
    before, after = markdown.parse(text), markdown.parse(fixed)
    assert (after.code, after.links, after.html) == (before.code, before.links, before.html)
    assert fix_text(fixed, PROFILES[name], ALL)[0] == fixed  # a second run changes nothing


BEFORE = po(entry("On LeanCloud, 5000 yuan!", "在LeanCloud上,花了5000元!"),
            entry("Run `a,b` (see [docs](https://e.org/a,b)).",
                  "运行 `a,b` (见[文档](https://e.org/a,b)) 。", line=3),
            entry("Fuzzy one.", "模糊的,条目", line=5, flags=["fuzzy"]),
            entry("Ignored.", "忽略,这个", line=7, comment="locpipe-ignore: T001"))


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return project(tmp_path, {CATALOGUE: BEFORE})


def test_diff_shows_the_fixes_and_writes_nothing(messy: Path) -> None:
    result = run(messy, "check", "--diff")
    assert result.code == 1
    assert f"--- a/{CATALOGUE}" in result.lines and f"+++ b/{CATALOGUE}" in result.lines
    assert '-msgstr "在LeanCloud上,花了5000元!"' in result.lines
    assert '+msgstr "在 LeanCloud 上，花了 5000 元！"' in result.lines
    assert result.lines[-1] == "Would fix 2 entries in 1 files."
    assert (messy / CATALOGUE).read_text(encoding="utf-8") == BEFORE


def test_fix_writes_and_reports_what_remains(messy: Path) -> None:
    result = run(messy, "check", "--fix")
    assert result.lines[:3] == [f"{CATALOGUE}:9: fixed T001, T002",
                                f"{CATALOGUE}:14: fixed T001",
                                "Fixed 2 entries in 1 files."]
    text = (messy / CATALOGUE).read_text(encoding="utf-8")
    assert 'msgstr "在 LeanCloud 上，花了 5000 元！"' in text
    assert 'msgstr "运行 `a,b`（见[文档](https://e.org/a,b)）。"' in text
    assert 'msgstr "模糊的,条目"' in text and 'msgstr "忽略,这个"' in text  # fuzzy, ignored
    assert result.lines[3:] == [  # what remains: only the fuzzy entry, which a fix skips
        "Typography: zh_Hans gb-t-15834",
        f"{CATALOGUE}:20:1: C002 translation is fuzzy: review it and remove the flag",
        "Found 0 errors and 1 warning in 1 file."]
    again = run(messy, "check", "--diff")
    assert (again.code, again.lines) == (0, ["Would fix 0 entries in 0 files."])


def test_fix_with_json_keeps_stdout_json(messy: Path) -> None:
    import json

    result = run(messy, "check", "--fix", "--format", "json")
    assert json.loads(result.out)["summary"]["by_code"] == {"C002": 1}
    assert result.err.splitlines()[-1] == "Fixed 2 entries in 1 files."


@needs_gettext
def test_fixed_catalogues_pass_msgfmt_and_equal_their_msgcat_rewrite(messy: Path) -> None:
    run(messy, "check", "--fix")
    path = messy / CATALOGUE
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)
    rewrite = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True)
    assert rewrite.stdout == path.read_text(encoding="utf-8")


def test_a_catalogue_the_strict_reader_refuses_is_not_rewritten(tmp_path: Path) -> None:
    broken = BEFORE + '\n#: content/article.md:9\nmsgid "Again"\nmsgstr "再,一次"\n' \
        '\n#: content/article.md:9\nmsgid "Again"\nmsgstr "再,一次"\n'
    root = project(tmp_path, {CATALOGUE: broken})
    result = run(root, "check", "--fix")
    assert result.code == 2
    assert result.err.count("\n") == 1 and ": error: " in result.err
    assert (root / CATALOGUE).read_text(encoding="utf-8") == broken


@needs_gettext
def test_the_installed_script_fixes(messy: Path) -> None:
    locpipe = Path(sys.executable).with_name("locpipe")
    command = [str(locpipe)] if locpipe.exists() else \
        [sys.executable, "-c", "from locpipe.cli import main; main()"]
    done = subprocess.run([*command, "check", "--fix"], cwd=messy, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Fixed 2 entries in 1 files." in done.stdout
    path = messy / CATALOGUE
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)
    rewrite = subprocess.run(["msgcat", str(path)], capture_output=True, text=True, check=True)
    assert rewrite.stdout == path.read_text(encoding="utf-8")
