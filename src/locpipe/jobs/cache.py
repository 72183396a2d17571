"""What a job keeps of each document, so that a rerun can skip what has not changed.

The cache is one file per job under `.locpipe-cache/` in the project;
deleting it only costs time. A document's key covers everything its output
depends on: its own bytes, the catalogues it reads, the settings and
locpipe's version.

The file is JSON lines: a header naming the format and the job, then one
entry per document, sorted by slug, a JSON object whose fields are those of
the entry's dataclass, by name. A run asks for the old entries in slug order
while it walks the documents in the same order (a merge join), and writes
the new entries as it goes, to a temporary file renamed into place at the
end: only the current line of each file is in memory, whatever the size of
the project. A file of another format, a line that does not parse and a line
whose fields are not exactly the entry's are ignored: that document is done
again, never misread.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, Protocol, TypeVar

from locpipe import __version__
from locpipe.config import Config, dialect_name
from locpipe.jobs.files import StagedFile
from locpipe.site.editions import Edition

CACHE_DIR = ".locpipe-cache"
FORMAT = 3
"""Version of the file's layout. Version 1 had no header and held `[slug, {...}]`
lines whose editions were positional tuples. Version 2's editions were built before
`build` refused unsafe translations (`markdown.safety`): they may publish one."""


@dataclass(frozen=True, slots=True)
class ExtractEntry:
    """What `extract` keeps of one article."""

    slug: str
    """The article's slug, by which the file is sorted."""
    key: str
    """`file_key` of the settings, the glossary and the article."""


@dataclass(frozen=True, slots=True)
class BuildEntry:
    """What `build` keeps of one article: enough to skip it and still write the manifest."""

    slug: str
    """The article's slug, by which the file is sorted."""
    key: str
    """`file_key` of the settings, the article and its catalogues."""
    editions: tuple[Edition, ...]
    """The figures of each edition, the source language first."""
    manifest: str
    """The article's part of `manifest.json`, as `site.manifest.manifest_article` renders it."""
    warnings: tuple[str, ...] = ()
    """What the build reported about the article, reported again when it is skipped."""
    asset_inputs: tuple[str, ...] = ()
    """The files, relative to the project, that decide the editions' assets
    (`site.assets.Found.inputs`)."""
    assets_key: str = ""
    """`file_key` of `asset_inputs`: a changed, added or removed asset redoes the article."""


class Keyed(Protocol):
    """What every entry has: the document it is about and the key it was made with."""

    @property
    def slug(self) -> str: ...

    @property
    def key(self) -> str: ...


E = TypeVar("E", bound=Keyed)


@dataclass(frozen=True, slots=True)
class Cached(Generic[E]):
    """An entry of the last run, as `Cache.hit` found it."""

    entry: E
    line: str
    """Its line in the last run's file, written back as it was when the entry is kept."""


def settings_fingerprint(config: Config, extra: Iterable[Path] = ()) -> str:
    """Hash of the settings (and of `extra` files such as the glossary)."""
    settings = {k: v for k, v in asdict(config).items() if k not in ("root", "config_path")}
    settings["dialect"] = dialect_name(config)  # a detected dialect changes the output too
    digest = hashlib.sha256(json.dumps([__version__, settings], sort_keys=True,
                                       default=str).encode())
    for path in sorted(extra):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_key(fingerprint: str, paths: Iterable[Path]) -> str:
    """Hash of the fingerprint and the bytes of `paths` (a missing file counts too)."""
    digest = hashlib.sha256(fingerprint.encode())
    for path in paths:
        digest.update(str(path).encode())
        digest.update(path.read_bytes() if path.exists() else b"\0missing")
    return digest.hexdigest()


def assets_key(root: Path, inputs: Iterable[str]) -> str:
    """`BuildEntry.assets_key` of the files `inputs`, relative to `root`."""
    paths = [root / path for path in inputs]
    return file_key("", paths) if paths else ""


def assets_as_left(root: Path, output: Path, entry: BuildEntry) -> bool:
    """Whether the article's assets are as its last build left them: the files they are
    made from unchanged, and every edition's copy or link still there."""
    if entry.assets_key != assets_key(root, entry.asset_inputs):
        return False
    return all((output / a.path).is_file() for e in entry.editions if e.published
               for a in e.assets)


# ------------------------------------------------------------ entries as text

def encode(entry: Keyed) -> str:
    """One line of JSON: the entry's fields by name, nested records as objects."""
    return json.dumps(asdict(entry), ensure_ascii=False,  # type: ignore[call-overload]
                      separators=(",", ":"))


def decode(kind: type[E], line: str) -> E | None:
    """The entry a line holds, or None unless its fields are exactly `kind`'s."""
    try:
        entry: E = _record(kind, json.loads(line))
    except (ValueError, _Mismatch):
        return None
    return entry


class _Mismatch(Exception):
    """A value that is not what the entry's field says it is."""


def _record(kind: Any, data: object) -> Any:
    return _decoder(kind)(data)


Decoder = Callable[[object], object]
"""A JSON value to a field's value, or `_Mismatch`."""


@cache
def _decoder(hint: Any) -> Decoder:
    """How a value of type `hint` is read back, worked out once per type: a no-op
    build reads a few hundred thousand values, and asking `typing` about each
    value's type was a fifth of its time."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record_decoder(hint)
    if typing.get_origin(hint) is tuple:  # tuple[X, ...]: a JSON list
        return _tuple_decoder(hint, _decoder(typing.get_args(hint)[0]))
    return _exact_decoder(hint)


def _record_decoder(kind: type[Any]) -> Decoder:
    hints = typing.get_type_hints(kind)
    fields = {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(kind)}

    def record(data: object) -> object:
        if not isinstance(data, dict) or data.keys() != fields.keys():
            raise _Mismatch(kind.__name__)
        return kind(**{name: read(data[name]) for name, read in fields.items()})
    return record


def _tuple_decoder(hint: Any, item: Decoder) -> Decoder:
    def items(data: object) -> object:
        if not isinstance(data, list):
            raise _Mismatch(hint)
        return tuple(map(item, data))
    return items


def _exact_decoder(hint: Any) -> Decoder:
    def exact(data: object) -> object:
        if type(data) is not hint:  # exactly: JSON's true is not the number 1
            raise _Mismatch(hint)
        return data
    return exact


# ------------------------------------------------------------ the file

@dataclass(frozen=True, slots=True)
class _Line:
    """A parsed line of the last run's file."""

    slug: str
    data: dict[str, Any]
    text: str


class Cache(Generic[E]):
    """One job's cache during one run: the last run's entries read, this run's written.

    Used as a context manager. `hit` is asked in slug order and `add` is given
    entries in slug order; what is not added is forgotten. When the block ends
    the new file replaces the old one (not rewritten when it holds the same
    text); an error inside the block leaves the old file as it was.
    """

    def __init__(self, root: Path, job: str, kind: type[E]) -> None:
        self.path = root / CACHE_DIR / f"{job}.jsonl"
        self.kind = kind
        self.header = json.dumps({"format": FORMAT, "job": job})
        """The first line of the file."""
        self._old: Iterator[_Line] = iter(())
        self._current: _Line | None = None
        """The first line of the old file not yet passed: the only one in memory."""
        self._new: StagedFile | None = None
        self._asked = ""
        self._added = ""

    def __enter__(self) -> Cache[E]:
        self._old = self._read()
        self._current = next(self._old, None)
        self._new = StagedFile(self.path)
        self._new.write(self.header + "\n")
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._current = None
        close = getattr(self._old, "close", None)
        if close:
            close()
        if self._new is not None:
            self._new.__exit__(kind, error, trace)

    def _read(self) -> Iterator[_Line]:
        """The old file's lines, one at a time; nothing unless its header is this format's."""
        try:
            handle = self.path.open(encoding="utf-8", newline="\n")
        except OSError:
            return
        with handle:
            try:
                if handle.readline().rstrip("\n") != self.header:
                    return  # another format or another job: every document is done again
                for text in handle:
                    line = _parse(text.rstrip("\n"))
                    if line is not None:
                        yield line
            except (OSError, UnicodeDecodeError):
                return  # a damaged file only costs the shortcut

    def hit(self, slug: str, key: str) -> Cached[E] | None:
        """The last run's entry for `slug`, if it was made with `key`."""
        if slug <= self._asked:
            raise ValueError(f"cache asked for {slug!r} after {self._asked!r}")
        self._asked = slug
        while self._current is not None and self._current.slug < slug:
            self._current = next(self._old, None)
        line = self._current
        if line is None or line.slug != slug or line.data.get("key") != key:
            return None
        try:
            entry: E = _record(self.kind, line.data)
        except _Mismatch:
            return None
        return Cached(entry, line.text)

    def add(self, entry: E, line: str = "") -> None:
        """Keep `entry` for the next run; `line`, when given, is its text as `hit` read it."""
        if entry.slug <= self._added:
            raise ValueError(f"cache given {entry.slug!r} after {self._added!r}")
        if self._new is None:
            raise RuntimeError("the cache is written inside its `with` block")
        self._added = entry.slug
        self._new.write((line or encode(entry)) + "\n")


def _parse(text: str) -> _Line | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None  # a damaged line only costs that document's shortcut
    if not isinstance(data, dict) or not isinstance(data.get("slug"), str):
        return None
    return _Line(data["slug"], data, text)
