"""M010: the dialects' inline constructs survive translation unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks_support import check_entry

CASES = [
    ("hugo", "Run {{< param version >}} now.", "现在运行 {{< 参数 version >}}。",
     'shortcode changed: "{{< param version >}}" became "{{< 参数 version >}}"'),
    ("hugo", "Run {{< param version >}} now.", "现在运行。", 'shortcode dropped'),
    ("vitepress", "Hello {{ $frontmatter.name }}.", "你好。", "interpolation dropped"),
    ("vitepress", "A <Badge type=\"tip\" text=\"new\" /> feature.", "一个新功能。",
     "component dropped"),
    ("mkdocs", "Done :material-check: here.", "完成 :material-勾: 了。",
     "emoji or icon code dropped"),
    ("mkdocs", "[Button](#){ .md-button }", "[按钮](#)", "attribute list dropped"),
    ("gfm", "Ship it :rocket:", "发布 :rocket: :tada:", 'emoji or icon code added: ":tada:"'),
]


@pytest.mark.parametrize(("dialect", "msgid", "msgstr", "message"), CASES)
def test_a_changed_construct_is_reported(tmp_path: Path, dialect: str, msgid: str,
                                         msgstr: str, message: str) -> None:
    found = check_entry(tmp_path, msgid, msgstr, "M010", config=f"dialect: {dialect}\n")
    assert len(found) == 1 and message in found[0]


KEPT = [
    ("hugo", "Run {{< param version >}} now.", "现在运行 {{< param version >}}。"),
    ("vitepress", "A <Badge type=\"tip\" /> and {{ x }}.", "{{ x }} 和 <Badge type=\"tip\" />。"),
    ("mkdocs", "At 10:30:00, see `:not-code:`.", "10:30:00 时，见 `:not-code:`。"),
    ("gfm", "Use `{{< x >}}` literally.", "照原样用 `{{< x >}}`。"),
    ("commonmark", "A {{< shortcode >}} is text here.", "这里的短代码是文字。"),
]


@pytest.mark.parametrize(("dialect", "msgid", "msgstr"), KEPT)
def test_kept_moved_or_foreign_constructs_are_not_reported(
        tmp_path: Path, dialect: str, msgid: str, msgstr: str) -> None:
    assert check_entry(tmp_path, msgid, msgstr, "M010", config=f"dialect: {dialect}\n") == []


def test_a_title_is_checked_as_text_within_its_line(tmp_path: Path) -> None:
    """A container's title lives on the fence's line: `1. x` there is no list, but a line
    break ends the title."""
    kind = "tip container title"
    assert check_entry(tmp_path / "a", "Important", "1. 重要", "M006", kind=kind,
                       config="dialect: vitepress\n") == []
    assert check_entry(tmp_path / "b", "Important", "重\n\n要", "M006", kind=kind,
                       config="dialect: vitepress\n") != []


def test_check_reads_the_dialect(tmp_path: Path) -> None:
    """`::: tip` starts a container in VitePress, not in GFM: a translation that opens
    one changes the structure only there."""
    assert check_entry(tmp_path / "v", "Text.", "::: tip\n文字", "M006",
                       config="dialect: vitepress\n") != []
    assert check_entry(tmp_path / "g", "Text.", "::: tip\n文字", "M006",
                       config="dialect: gfm\n") == []
