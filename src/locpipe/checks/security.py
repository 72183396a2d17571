"""Security: a translation must not bring in markup or links its source lacks.

Translations come from people and tools outside the project (a CAT tool, a
machine translation, a stranger's pull request); the site renders them as its
own. Each rule reports only what the translation adds to its source. The policy
itself is `markdown.safety`, which `locpipe build` applies too: what these rules
report is never published.
"""

from __future__ import annotations

from collections.abc import Iterator

from locpipe.checks.links import Localiser
from locpipe.checks.model import Entry, Project, per_entry
from locpipe.checks.settings import LinkSettings
from locpipe.markdown.safety import (
    TAG,
    HostCheck,
    added_hosts,
    added_html,
    added_unsafe_urls,
    danger,
    host,
    shorten,
)


@per_entry
def raw_html(entry: Entry, project: Project) -> Iterator[str]:
    """The translation contains raw HTML that its source does not have.

    Why: Markdown passes HTML through to the page: a `<script>`, an `<iframe>` or an
    `onerror=` attribute in a translation runs on the site; any other tag changes
    the page in ways no reviewer of the `.po` file sees. `locpipe build` does not
    publish such a translation: it keeps the source text, with a warning.
    The text of `title`, `alt`, `aria-label`, `placeholder` and `label` attributes
    may be translated; every tag, every other attribute and its value must stay.
    Example: `针灸<img src=x onerror=alert(1)>`, or `<b>针灸</b>` for `**acupuncture**`.
    Instead: use Markdown (`**针灸**`); keep exactly the HTML the source has.
    """
    extra = added_html(entry.source_facts, entry.target_facts)
    opened = {m.group(2).lower() for piece in extra for m in TAG.finditer(piece)
              if not m.group(1)}
    for piece in sorted(extra):
        closing = TAG.fullmatch(piece.rstrip(">").rstrip())
        if closing and closing.group(1) and closing.group(2).lower() in opened:
            continue  # reported with its opening tag
        yield f"raw HTML not in the source: {shorten(piece)}{danger(piece)}"


@per_entry
def unsafe_url(entry: Entry, project: Project) -> Iterator[str]:
    """The translation has a `javascript:`, `vbscript:`, `data:` or `file:` URL its source lacks.

    Why: such a URL runs script or embeds content when clicked or loaded. markdown-it
    refuses to make `javascript:` a link, but other renderers and raw HTML do not.
    `locpipe build` does not publish such a translation: it keeps the source text.
    Example: `[点击这里](javascript:alert(1))`, `<a href="data:text/html,...">`.
    Instead: link only to the `https:` addresses the source links to.
    """
    for url in added_unsafe_urls(entry.source_facts, entry.target_facts):
        yield f"unsafe URL not in the source: {shorten(url)}"


@per_entry
def foreign_host(entry: Entry, project: Project) -> Iterator[str]:
    """The translation links to a host that its source does not link to.

    Why: a translation is the one place where a link to a stranger's site (spam,
    phishing, a tracking redirect) can slip past a reviewer who does not read the
    target language. `locpipe build` does not publish such a translation: it keeps
    the source text.
    Example: `https://example.org/study` in the source, `https://evil.example/study` in
    the translation.
    A localised host is the source's host: a language label added or replaced in
    front of it (`vuejs.org` -> `cn.vuejs.org`); a look-alike such as
    `pinia-vuejs.org.evil.example` is not.
    Instead: keep the source's links; to point readers at a localised site of
    another name, list its host in `checks.links.allow_hosts` (or give a
    `checks.links.rewrite` rule) in `locpipe.yaml` after review: the build honours
    both.
    """
    allowed = _host_check(project)
    for found in added_hosts(entry.source_facts, entry.target_facts, allowed):
        yield f"link to host {found!r}, which the source does not link to"


def _host_check(project: Project) -> HostCheck:
    if "host_check" not in project.memo:
        project.memo["host_check"] = host_check(project.settings.links)
    found: HostCheck = project.memo["host_check"]
    return found


def host_check(links: LinkSettings) -> HostCheck:
    """The project's rule for a host a translation adds, for check and build alike: a
    localised form of a source host, one of `allow_hosts`, or one a `rewrite` rule
    makes of a source URL."""
    local = Localiser(links)

    def allowed(found: str, source: frozenset[str], target: frozenset[str]) -> bool:
        if local.host_allowed(found, {host(u) for u in source} - {""}):
            return True
        return any(local.localises(s, t) for s in source for t in target if host(t) == found)

    return allowed
