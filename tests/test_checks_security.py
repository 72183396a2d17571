"""Security rules (S001-S003): only what a translation adds to its source."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks_support import check_entry


@pytest.mark.parametrize(("msgid", "msgstr", "expected"), [
    ("Acupuncture.", "针灸<iframe src=\"https://e.org\"></iframe>",
     ["raw HTML not in the source: '<iframe src=\"https://e.org\">' "
      "(<iframe> can run code or load content)"]),
    ("Acupuncture.", "针灸<img src=x onerror=alert(1)>",
     ["raw HTML not in the source: '<img src=x onerror=alert(1)>' "
      "(an event attribute runs code)"]),
    ("Acupuncture.", "<div>针灸</div>", ["raw HTML not in the source: '<div>针灸</div>'"]),
    ("Acupuncture.", "<b>针灸</b>", ["raw HTML not in the source: '<b>'"]),
    ("Acupuncture.", "针灸 &lt;script&gt;", []),
    ("Line<br>break.", "换行<BR>了。", []),
], ids=["iframe", "event-attribute", "html-block", "any-tag", "escaped", "kept-from-source"])
def test_raw_html(tmp_path: Path, msgid: str, msgstr: str, expected: list[str]) -> None:
    assert check_entry(tmp_path, msgid, msgstr, "S001") == expected


@pytest.mark.parametrize(("msgid", "msgstr", "expected"), [
    ("A picture.", "一张图 ![图](data:image/png;base64,AAAA)。",
     ["unsafe URL not in the source: 'data:image/png;base64,AAAA'"]),
    ("A link.", '<a href="JaVaScRiPt:alert(1)">链接</a>',
     ["unsafe URL not in the source: 'JaVaScRiPt:alert(1)'"]),
    ("A link.", "[链接](javascript&#58;alert(1))",
     ["unsafe URL not in the source: 'javascript:alert(1)'"]),
    ("A picture ![x](data:image/png;base64,AAAA).",
     "一张图 ![图](data:image/png;base64,AAAA)。", []),
], ids=["data-image", "html-attribute", "entity-encoded", "same-as-source"])
def test_unsafe_url(tmp_path: Path, msgid: str, msgstr: str, expected: list[str]) -> None:
    assert check_entry(tmp_path, msgid, msgstr, "S002") == expected


EVIL = ["link to host 'evil.example', which the source does not link to"]


@pytest.mark.parametrize(("msgstr", "expected"), [
    ("见[研究](//evil.example/a)。", EVIL),
    ("见 <https://evil.example>。", EVIL),
    ('见<a href="https://evil.example">研究</a>。', EVIL),
    ("见[研究](https://EXAMPLE.org/other)。", []),
    ("见[研究](/local/page)和 <mailto:a@b.org>。", []),
], ids=["protocol-relative", "autolink", "html-link", "same-host", "no-host"])
def test_foreign_host(tmp_path: Path, msgstr: str, expected: list[str]) -> None:
    msgid = "See [the study](https://example.org/a)."
    assert check_entry(tmp_path, msgid, msgstr, "S003") == expected
