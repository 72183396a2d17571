"""Localised links: when a translation's URL is its source's URL for another language.

Translators point readers at the page in their language: `developer.mozilla.org/
en-US/...` becomes `/zh-CN/...`, `vuejs.org` becomes `cn.vuejs.org`, `/guide/`
becomes `/zh/guide/`. Such a URL is a *localised link*, not a change. A URL is
one when all of its differences from the source URL are among these:

- one language label of the host added, dropped or replaced, left of the domain
  (`vuejs.org` -> `cn.vuejs.org`, `en.x.org` -> `zh.x.org`, `v2.vuejs.org` ->
  `v2.cn.vuejs.org`); the rest of the host stays exactly the same, so
  `pinia-vuejs.org.evil.example` and `vuejs.org.cn` are other hosts;
- one path segment that is a language tag added, dropped or replaced
  (`/en-US/docs` -> `/zh-CN/docs`, `/guide` -> `/zh/guide`); any other changed
  segment is a change;
- a language in a query parameter (`hl=en` -> `hl=zh-CN`);
- a trailing slash, an `index.html`, or a page's `.html`/`.md` suffix (static
  sites serve `guide/`, `guide/index.html`, `guide.html` and `guide` alike);
- `http` -> `https`;
- a relative path written another way to the same page (`/ssr/` from
  `core-concepts/state.md` is `../ssr/`; the content folder is the site's root);
- a fragment that names a heading of the edition (`#安装`, percent-encoded or not);
- the source's fragment written as a heading id (`#RouteLocationNormalized` ->
  `#routelocationnormalized`: site generators make ids lower case, hyphenated);
- on a link to another site's edition in another language (its host or a path
  segment changed language), a fragment in the translation's script: that
  edition's translated heading (`v2.vuejs.org/...#Change-Detection-Caveats` ->
  `v2.cn.vuejs.org/...#检测变化的注意事项`), which this project cannot see;
- a project's own `rewrite` rules (`checks.links.rewrite` in `locpipe.yaml`).
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlsplit

from babel.localedata import locale_identifiers

from locpipe.checks import markdown
from locpipe.checks.model import Entry, Project
from locpipe.checks.settings import LinkSettings

# Host labels that stand for a language on sites with a subdomain per edition.
_SITE_LABELS = frozenset({"cn", "tw", "hk"})
_TAG = re.compile(r"([a-z]{2})(?:[-_][a-z0-9]{2,4}){0,2}", re.IGNORECASE)
_PAGE_SUFFIX = re.compile(r"(?:/index)?(?:\.html?|\.md)$|/$", re.IGNORECASE)
_LANGUAGE_PARAMS = frozenset({"hl", "lang", "language", "locale", "lng"})
_ANCHOR_CHARS = re.compile(r"[\W_]+")
_EXPLICIT_ID = re.compile(r"\{#([^}\s]+)[^}]*\}")


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    return frozenset(i.split("_")[0] for i in locale_identifiers()) | _SITE_LABELS


def is_language(label: str) -> bool:
    """`en`, `zh-CN`, `zh_Hans`, `pt-BR`, `cn`: a language tag or a Chinese site label."""
    match = _TAG.fullmatch(label)
    return match is not None and match.group(1).lower() in _languages()


def anchor(text: str) -> str:
    """A heading id or fragment as compared: decoded, lower case, letters and digits only."""
    return _ANCHOR_CHARS.sub("", unquote(text)).lower()


@dataclass(frozen=True)
class _Parts:
    scheme: str
    host: str
    path: tuple[str, ...]
    query: tuple[tuple[str, str], ...]
    fragment: str


def _parts(url: str, page: str | None = None) -> _Parts | None:
    try:
        split = urlsplit(url)
    except ValueError:
        return None
    path = split.path
    if page is not None and not split.scheme and not split.netloc and path:
        # A path on the same site, from the site's root: `/ssr/` and `../ssr/` alike.
        path = "/" + posixpath.normpath(posixpath.join(posixpath.dirname(page), path)
                                        if not path.startswith("/") else path).lstrip("/")
    path = _PAGE_SUFFIX.sub("", path)
    segments = tuple(s for s in path.split("/") if s)
    query = tuple(sorted(parse_qsl(split.query, keep_blank_values=True)))
    host = (split.hostname or "").lower()
    return _Parts(split.scheme.lower(), host, segments, query, split.fragment)


def _one_language_apart(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Equal, or equal but for one language item added, dropped or replaced."""
    if a == b:
        return True
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        return len(differ) == 1 and is_language(a[differ[0]]) and is_language(b[differ[0]])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if len(longer) != len(shorter) + 1:
        return False
    return any(is_language(longer[i]) and longer[:i] + longer[i + 1:] == shorter
               for i in range(len(longer)))


def same_host(source: str, target: str) -> bool:
    """The same host, or the same but for one language label added, dropped or replaced
    left of the last two labels (`vuejs.org` -> `cn.vuejs.org`, `v2.vuejs.org` ->
    `v2.cn.vuejs.org`): the domain that owns the site stays; `vuejs.org.cn` is another."""
    a, b = source.split("."), target.split(".")
    if a == b:
        return True
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        return (len(differ) == 1 and len(a) - differ[0] > 2 and is_language(a[differ[0]])
                and is_language(b[differ[0]]))
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return len(longer) == len(shorter) + 1 and any(
        len(longer) - i > 2 and is_language(longer[i]) and longer[:i] + longer[i + 1:] == shorter
        for i in range(len(longer)))


def _translated(fragment: str) -> bool:
    """Whether a fragment holds letters beyond ASCII: a heading in another script."""
    return any(ord(c) > 127 and c.isalpha() for c in unquote(fragment))


def _query_equal(a: tuple[tuple[str, str], ...], b: tuple[tuple[str, str], ...]) -> bool:
    if len(a) != len(b):
        return False
    return all(ka == kb and (va == vb or (ka.lower() in _LANGUAGE_PARAMS and is_language(va)
                                          and is_language(vb)))
               for (ka, va), (kb, vb) in zip(a, b, strict=True))


@dataclass(frozen=True)
class Localiser:
    """Decides which URL changes are localisations, for one locale's catalogues."""

    settings: LinkSettings
    """The project's `checks.links`."""
    anchors: frozenset[str] = frozenset()
    """Heading ids of the edition (see `anchor`)."""

    def localises(self, source: str, target: str, page: str | None = None) -> bool:
        """Whether `target` is `source` for the translation's readers, on `page` (the
        article's path in the content folder, for relative links)."""
        if source == target or any(rule.apply(source) == target for rule in self.settings.rewrite):
            return True
        a, b = _parts(source, page), _parts(target, page)
        if a is None or b is None:
            return False
        schemes = a.scheme == b.scheme or (a.scheme, b.scheme) == ("http", "https")
        return (schemes and self._same_fragment(a, b) and same_host(a.host, b.host)
                and _one_language_apart(a.path, b.path) and _query_equal(a.query, b.query))

    def _same_fragment(self, a: _Parts, b: _Parts) -> bool:
        if a.fragment == b.fragment:
            return True
        if not b.fragment:
            return False
        if anchor(b.fragment) in self.anchors or anchor(a.fragment) == anchor(b.fragment):
            return True
        other_edition = bool(a.host) and (a.host, a.path) != (b.host, b.path)
        return other_edition and _translated(b.fragment)

    def pair_off(self, dropped: Counter[str], added: Counter[str], page: str | None = None
                 ) -> tuple[Counter[str], Counter[str]]:
        """`dropped` and `added` without the pairs where an added URL localises a dropped one."""
        dropped, added = Counter(dropped), Counter(added)
        for source in sorted(dropped.elements()):
            match = next((t for t in sorted(+added) if self.localises(source, t, page)), None)
            if match is not None:
                dropped[source] -= 1
                added[match] -= 1
        return +dropped, +added

    def host_allowed(self, host: str, source_hosts: Iterable[str]) -> bool:
        """A host the translation may link to: the source's, localised, or allowed."""
        return (any(same_host(s, host) for s in source_hosts)
                or any(_host_matches(pattern, host) for pattern in self.settings.allow_hosts))


def _host_matches(pattern: str, host: str) -> bool:
    pattern = pattern.lower()
    if pattern.startswith("*."):
        return host == pattern[2:] or host.endswith(pattern[1:])
    return host == pattern


def page_of(entry: Entry, project: Project) -> str | None:
    """The entry's article as a path in the content folder (`guide/index.md`), if known."""
    folder = project.config.content_dir.strip("/") + "/"
    for source, _line in entry.po.occurrences:
        if source.startswith(folder):
            return source[len(folder):]
    return None


def localiser(project: Project, locale: str | None) -> Localiser:
    """The project's `Localiser` for `locale`, with the headings of its edition."""
    key = f"localiser:{locale}"
    if key not in project.memo:
        project.memo[key] = Localiser(project.settings.links, _anchors(project, locale))
    found: Localiser = project.memo[key]
    return found


def _anchors(project: Project, locale: str | None) -> frozenset[str]:
    """Heading ids of the locale's edition: from the translated heading, the source
    heading (an id kept as structure) and any explicit `{#id}`."""
    found: set[str] = set()
    for entry in project.entries():
        if entry.locale == locale and entry.context == markdown.HEADING:
            for text in (entry.msgid, entry.msgstr):
                found.add(anchor(_EXPLICIT_ID.sub("", text)))
                found.update(anchor(m.group(1)) for m in _EXPLICIT_ID.finditer(text))
    return frozenset(found)
