"""What a translation may not add to its source: the one security policy.

Translations come from people and tools outside the project (a CAT tool, a
machine translation, a stranger's pull request); the site renders them as its
own. `locpipe check` reports these additions (rules S001-S003, `checks.security`)
and `locpipe build` refuses a translation that has one, keeping the source text
(`markdown.splice.problem`), so that nothing check calls unsafe is published.
Both read the text with the same parser and the same patterns, here.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it.token import Token

from locpipe.markdown import chunks
from locpipe.markdown.dialects import GFM, Dialect
from locpipe.markdown.grammar import full_parser

TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9:-]*)")
EVENT = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
DANGEROUS_TAGS = frozenset({"script", "iframe", "object", "embed", "style", "form", "meta",
                            "link", "base", "svg", "math"})
# Where a URL can stand: a Markdown link or image destination, an autolink,
# or an HTML attribute that the browser follows.
_URL_SLOT = re.compile(
    r"(?:\]\(\s*<?|<|\b(?:href|src|action|formaction|xlink:href|srcset|poster|data)\s*=\s*"
    r"[\"']?)\s*(?P<url>(?:[^\s\"'<>()]+|\([^\s\"'<>()]*\))+)", re.IGNORECASE)
UNSAFE_SCHEME = re.compile(r"^(?:javascript|vbscript|data|file):", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")
_TAG_WITH_ATTRIBUTES = re.compile(r"<([a-z][a-z0-9:-]*)((?:\s+[^>]*?)?)(/?)>")
# Attributes whose value is text for the reader: a translator translates it.
_TEXT_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "placeholder", "label"})
# Without one of these a text has no tag, scheme, host or entity (`&#58;`) to read.
_MARKS = ("<", ":", "//", "&")

HostCheck = Callable[[str, frozenset[str], frozenset[str]], bool]
"""Whether a translation may link to a host its source does not: (host, the source's
URLs, the translation's URLs) -> allowed. `checks.security.host_check` is the
project's (`checks.links`: localised hosts, `allow_hosts`, `rewrite` rules)."""


@dataclass(frozen=True)
class Facts:
    """What of a text matters to the policy."""

    html: Counter[str]
    """Raw HTML pieces (inline tags and HTML blocks) as compared (`shape`)."""
    urls: frozenset[str]
    """Every URL in a link slot, parsed or not (the parser drops `javascript:`)."""


_NOTHING = Facts(Counter(), frozenset())


@lru_cache(maxsize=1024)
def facts(text: str, dialect: Dialect = GFM) -> Facts:
    """The raw HTML and URLs of `text`, read as a paragraph's content in `dialect`."""
    if not has_marks(text):
        return _NOTHING  # most prose: the parse would find nothing
    pieces: list[str] = []
    parsed: list[str] = []
    # A long text's inline tokens come piece by piece, never all in memory at once.
    for token, children in chunks.parse(full_parser(dialect), text, {}):
        if token.type == "html_block":
            pieces.append(token.content.strip())
        for child in _descendants(children):
            if child.type == "html_inline":
                pieces.append(child.content)
            elif child.type in ("link_open", "image"):
                parsed.append(str(child.attrs.get("href") or child.attrs.get("src") or ""))
    found = {normal(u) for u in parsed} | slot_urls(text)
    return Facts(Counter(shape(p) for p in pieces), frozenset(found))


def has_marks(text: str) -> bool:
    """Whether `text` has a character without which it has no tag, URL or entity."""
    return any(mark in text for mark in _MARKS)


def slot_urls(text: str) -> set[str]:
    """The URLs of `text` found by pattern (`_URL_SLOT`), without parsing: a part of
    `facts(text).urls`, and all of it where no link is parsed (a code span's)."""
    return {normal(m.group("url")) for m in _URL_SLOT.finditer(html.unescape(text))}


def shape(piece: str) -> str:
    """An HTML piece as compared: lower case, spaces folded, values of text attributes
    (`title`, `alt`) left out: `<abbr title="气">` translates `<abbr title="Qi">`."""
    folded = " ".join(piece.lower().split())
    return _TAG_WITH_ATTRIBUTES.sub(_blank_text_attributes, folded)


def _blank_text_attributes(match: re.Match[str]) -> str:
    kept = []
    for attribute in _ATTRIBUTE.finditer(match.group(2)):
        name, value = attribute.group(1), attribute.group(2)
        if name in _TEXT_ATTRIBUTES and value is not None:
            value = '""'
        kept.append(name if value is None else f"{name}={value}")
    return f"<{match.group(1)}{''.join(' ' + k for k in kept)}{match.group(3)}>"


def _descendants(tokens: Iterable[Token]) -> Iterable[Token]:
    for token in tokens:
        yield token
        yield from _descendants(token.children or [])


def normal(url: str) -> str:
    """A URL as `facts` keeps it: entities read, control characters and spaces dropped."""
    return _CONTROL.sub("", html.unescape(url)).strip()


def added_html(source: Facts, target: Facts) -> Counter[str]:
    """Raw HTML pieces of `target` that `source` does not have."""
    return target.html - source.html


def added_unsafe_urls(source: Facts, target: Facts) -> list[str]:
    """`javascript:`, `vbscript:`, `data:` and `file:` URLs of `target` not in `source`."""
    return sorted(u for u in target.urls - source.urls if UNSAFE_SCHEME.match(u))


def added_hosts(source: Facts, target: Facts, allowed: HostCheck | None = None) -> list[str]:
    """Link hosts of `target` that `source` does not link to and `allowed` does not allow."""
    new = {host(u) for u in target.urls} - {host(u) for u in source.urls} - {""}
    return sorted(h for h in new if allowed is None or not allowed(h, source.urls, target.urls))


def host(url: str) -> str:
    """The host an absolute URL points at, "" for a relative one."""
    if url.startswith("//") or _SCHEME.match(url):
        try:
            return (urlsplit(url).hostname or "").lower()
        except ValueError:
            return url
    return ""


def danger(piece: str) -> str:
    """Why a raw HTML piece is dangerous, "" when it is only foreign markup."""
    risky = sorted({m.group(2).lower() for m in TAG.finditer(piece)} & DANGEROUS_TAGS)
    if risky:
        return f" (<{risky[0]}> can run code or load content)"
    if EVENT.search(piece):
        return " (an event attribute runs code)"
    return ""


def shorten(text: str, width: int = 60) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def unsafe(source: str, target: str, dialect: Dialect = GFM,
           allowed: HostCheck | None = None) -> str | None:
    """Why publishing `target` for `source` is unsafe, or None: the reason a build
    gives when it keeps the source text, for what check reports as S001-S003."""
    if not has_marks(target):
        return None
    before, after = facts(source, dialect), facts(target, dialect)
    extra = added_html(before, after)
    if extra:
        # The piece check reports first: a dangerous one, an opening tag before its close.
        piece = min(extra, key=lambda p: (not danger(p), p.startswith("</"), p))
        return f"raw HTML not in the source: {shorten(piece)}{danger(piece)}"
    urls = added_unsafe_urls(before, after)
    if urls:
        return f"unsafe URL not in the source: {shorten(urls[0])}"
    hosts = added_hosts(before, after, allowed)
    if hosts:
        return f"link to host {hosts[0]!r}, which the source does not link to"
    return None
