"""Security: a translation must not bring in markup or links its source lacks.

Translations come from people and tools outside the project (a CAT tool, a
machine translation, a stranger's pull request); the site renders them as its
own. Each rule reports only what the translation adds to its source.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from locpipe.checks.model import Entry, Project, per_entry

_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9:-]*)")
_EVENT = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "style", "form", "meta", "link",
                   "base", "svg", "math"}
# Where a URL can stand: a Markdown link or image destination, an autolink,
# or an HTML attribute that the browser follows.
_URL_SLOT = re.compile(
    r"(?:\]\(\s*<?|<|\b(?:href|src|action|formaction|xlink:href|srcset|poster|data)\s*=\s*"
    r"[\"']?)\s*(?P<url>(?:[^\s\"'<>()]+|\([^\s\"'<>()]*\))+)", re.IGNORECASE)
_UNSAFE_SCHEME = re.compile(r"^(?:javascript|vbscript|data|file):", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _html_pieces(entry: Entry, target: bool) -> Counter[str]:
    markup = entry.target_markup if target else entry.source_markup
    return Counter(" ".join(piece.lower().split()) for piece in markup.html)


@per_entry
def raw_html(entry: Entry, project: Project) -> Iterator[str]:
    """The translation contains raw HTML that its source does not have.

    Why: Markdown passes HTML through to the page: a `<script>`, an `<iframe>` or an
    `onerror=` attribute in a translation runs on the site; any other tag changes
    the page in ways no reviewer of the `.po` file sees.
    Example: `针灸<img src=x onerror=alert(1)>`, or `<b>针灸</b>` for `**acupuncture**`.
    Instead: use Markdown (`**针灸**`); keep exactly the HTML the source has.
    """
    extra = _html_pieces(entry, True) - _html_pieces(entry, False)
    opened = {m.group(2).lower() for piece in extra for m in _TAG.finditer(piece)
              if not m.group(1)}
    for piece in sorted(extra):
        closing = _TAG.fullmatch(piece.rstrip(">").rstrip())
        if closing and closing.group(1) and closing.group(2).lower() in opened:
            continue  # reported with its opening tag
        yield f"raw HTML not in the source: {_shorten(piece)}{_danger(piece)}"


def _danger(piece: str) -> str:
    names = {m.group(2).lower() for m in _TAG.finditer(piece)}
    risky = sorted(names & _DANGEROUS_TAGS)
    if risky:
        return f" (<{risky[0]}> can run code or load content)"
    if _EVENT.search(piece):
        return " (an event attribute runs code)"
    return ""


def _shorten(text: str, width: int = 60) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _urls(text: str, parsed: Iterable[str]) -> set[str]:
    """Every URL in link slots of `text`, parsed or not (the parser drops `javascript:`)."""
    found = {_normal(u) for u in parsed}
    found.update(_normal(m.group("url")) for m in _URL_SLOT.finditer(html.unescape(text)))
    return found


def _normal(url: str) -> str:
    return _CONTROL.sub("", html.unescape(url)).strip()


@per_entry
def unsafe_url(entry: Entry, project: Project) -> Iterator[str]:
    """The translation has a `javascript:`, `vbscript:`, `data:` or `file:` URL its source lacks.

    Why: such a URL runs script or embeds content when clicked or loaded. markdown-it
    refuses to make `javascript:` a link, but other renderers and raw HTML do not.
    Example: `[点击这里](javascript:alert(1))`, `<a href="data:text/html,...">`.
    Instead: link only to the `https:` addresses the source links to.
    """
    source = _urls(entry.msgid, entry.source_markup.urls)
    target = _urls(entry.msgstr, entry.target_markup.urls)
    for url in sorted(target - source):
        if _UNSAFE_SCHEME.match(url):
            yield f"unsafe URL not in the source: {_shorten(url)}"


@per_entry
def foreign_host(entry: Entry, project: Project) -> Iterator[str]:
    """The translation links to a host that its source does not link to.

    Why: a translation is the one place where a link to a stranger's site (spam,
    phishing, a tracking redirect) can slip past a reviewer who does not read the
    target language.
    Example: `https://example.org/study` in the source, `https://evil.example/study` in
    the translation.
    Instead: keep the source's links; to point readers at a localised page on
    another site, add `# locpipe-ignore: S003` to the entry after review.
    """
    source = {_host(u) for u in _urls(entry.msgid, entry.source_markup.urls)}
    target = {_host(u) for u in _urls(entry.msgstr, entry.target_markup.urls)}
    for host in sorted(target - source - {""}):
        yield f"link to host {host!r}, which the source does not link to"


def _host(url: str) -> str:
    if url.startswith("//") or re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        try:
            return (urlsplit(url).hostname or "").lower()
        except ValueError:
            return url
    return ""
