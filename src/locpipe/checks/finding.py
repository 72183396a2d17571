"""What a rule reports, and where it points."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
OFF = "off"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True)
class Location:
    """A place a rule points at: an entry of a catalogue, or a spot in a source file."""

    path: str
    """The file as shown to the user: relative to the project folder when inside it."""
    line: int
    """1-based line: an entry's `msgstr` line, or the line in the Markdown source."""
    col: int = 1
    """1-based column on `line`."""
    locale: str | None = None
    """The catalogue's locale; the source locale for Markdown files."""
    msgid: str | None = None
    """The entry's source text, when the finding is about one entry."""
    suppressed: frozenset[str] = frozenset()
    """Rule codes silenced here by a `# locpipe-ignore: CODE` translator comment."""


@dataclass(frozen=True)
class Finding:
    """One problem found by one rule: the only thing reporters see."""

    code: str
    """The rule's stable code, such as `M001`."""
    name: str
    """The rule's name, such as `link-url-changed`."""
    severity: str
    """`error` or `warning`, after the project's configuration is applied."""
    path: str
    """See `Location.path`."""
    line: int
    """See `Location.line`."""
    col: int
    """See `Location.col`."""
    locale: str | None
    """See `Location.locale`."""
    msgid: str | None
    """See `Location.msgid`."""
    message: str
    """What is wrong and what to write instead, as one line."""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.code, self.message)
