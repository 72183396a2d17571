"""The dialects' inline constructs: a translation keeps each one as its source has it.

A shortcode (`{{< param x >}}`), an interpolation (`{{ $t('x') }}`), an emoji or icon
code (`:smile:`, `:material-check:`), an inline attribute list (`{ .button }`) or a
Vue/JSX component (`<Badge type="tip" />`) is text to CommonMark, so the other
Markdown rules cannot see it; to the site it is code. Which constructs are read
follows the project's dialect (`markdown.dialects`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from locpipe.checks.model import Entry, Project, per_entry
from locpipe.markdown.dialects import Dialect

_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.DOTALL)
_INTERPOLATION = re.compile(r"\{\{(?![<%#]).*?\}\}", re.DOTALL)
_EMOJI = re.compile(r"(?<![\w:]):[a-z0-9][a-z0-9_+-]*:(?![\w:])")
_ATTRIBUTES = re.compile(r"\{:?[ \t]*[#.][\w-][^{}\n]*\}")
_COMPONENT = re.compile(r"</?[A-Z][\w.]*(?:\s[^<>]*)?/?>")


def _patterns(dialect: Dialect) -> dict[str, re.Pattern[str]]:
    """The constructs `dialect` has, by the name a finding gives them."""
    patterns = {"emoji or icon code": _EMOJI}
    if dialect.has("shortcode") or dialect.has("include"):
        patterns["shortcode"] = _SHORTCODE
    if dialect.has("components") or dialect.has("mdx") or dialect.has("container"):
        patterns["interpolation"] = _INTERPOLATION
        patterns["component"] = _COMPONENT
    if dialect.has("attr_list") or dialect.has("heading_attrs"):
        patterns["attribute list"] = _ATTRIBUTES
    return patterns


def constructs(text: str, dialect: Dialect) -> dict[str, Counter[str]]:
    """Each inline construct of `text` outside code spans, by kind."""
    text = _CODE_SPAN.sub(" ", text)
    return {name: Counter(pattern.findall(text)) for name, pattern in _patterns(dialect).items()}


@per_entry
def inline_constructs(entry: Entry, project: Project) -> Iterator[str]:
    """A shortcode, interpolation, emoji code, attribute list or component is changed.

    Why: the site generator reads these as code: a translated `{{< param name >}}`,
    `:material-check:` or `<Badge type="tip" />` renders wrong or breaks the build.
    Example: `Run {{< param version >}}` translated as `运行 {{< 参数 version >}}`.
    Instead: copy each construct byte for byte; translate the text around it.
    """
    dialect = entry.catalogue.dialect  # the runner's reading of the project, once a run
    source = constructs(entry.msgid, dialect)
    target = constructs(entry.msgstr, dialect)
    for kind in source:
        lost, added = source[kind] - target[kind], target[kind] - source[kind]
        if lost or added:
            yield _message(kind, lost, added)


def _message(kind: str, lost: Counter[str], added: Counter[str]) -> str:
    def quote(values: Counter[str]) -> str:
        return ", ".join(f'"{v}"' for v in sorted(values.elements()))
    if lost and added:
        return f"{kind} changed: {quote(lost)} became {quote(added)}"
    return f"{kind} dropped: {quote(lost)}" if lost else f"{kind} added: {quote(added)}"
