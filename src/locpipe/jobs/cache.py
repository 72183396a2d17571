"""Content hashes that let a rebuild skip unchanged documents.

The cache is one file per job under `.locpipe-cache/` in the project;
deleting it only costs time. A document's key covers everything its output
depends on: its own bytes, the catalogues it reads, the settings and
locpipe's version. The file holds one `[slug, entry]` JSON line per document,
sorted by slug; a run spools the new entries to a temporary file, so a project
of any size costs an offset per document in memory.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from locpipe import __version__
from locpipe.config import Config
from locpipe.jobs.files import Spool, write_chunks_if_changed

CACHE_DIR = ".locpipe-cache"
Entry = dict[str, Any]


def settings_fingerprint(config: Config, extra: Iterable[Path] = ()) -> str:
    """Hash of the settings (and of `extra` files such as the glossary)."""
    settings = {k: v for k, v in asdict(config).items() if k not in ("root", "config_path")}
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


class Cache:
    """One job's entries: slug -> {"key": ..., anything else the job keeps}.

    `hit` reads the entries of the last run; `add` records this run's, which
    `save` writes, forgetting documents that were not added.
    """

    def __init__(self, root: Path, job: str) -> None:
        self.path = root / CACHE_DIR / f"{job}.jsonl"
        self._old: dict[str, tuple[str, str]] = self._load()
        """slug -> (key, JSON text of the entry) from the last run."""
        self._new = Spool()
        self._numbers: dict[str, int] = {}
        self._hits: dict[str, str] = {}
        """The text of entries handed out by `hit`, until they are added back."""

    def _load(self) -> dict[str, tuple[str, str]]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, ValueError):
            return {}
        entries = {}
        for line in lines:
            try:
                slug, entry = json.loads(line)
            except (ValueError, TypeError):
                continue  # a damaged line only costs that document's shortcut
            if isinstance(slug, str) and isinstance(entry, dict):
                # Kept as text: parsed entries would take several times the memory.
                entries[slug] = (str(entry.get("key")), json.dumps(entry, sort_keys=True))
        return entries

    def hit(self, slug: str, key: str) -> Entry | None:
        """The last run's entry for `slug`, if it was made with `key`."""
        old = self._old.pop(slug, None)  # each is asked for once: let it go
        if old is None or old[0] != key:
            return None
        self._hits[slug] = old[1]
        return json.loads(old[1])

    def add(self, slug: str, entry: Entry) -> None:
        self._numbers[slug] = self._new.add(json.dumps(entry, sort_keys=True))

    def keep(self, slug: str) -> None:
        """Add the entry `hit` gave for `slug` as it was, without encoding it again."""
        self._numbers[slug] = self._new.add(self._hits.pop(slug))

    def entries(self) -> Iterator[tuple[str, Entry]]:
        """This run's entries, by slug."""
        for slug in sorted(self._numbers):
            yield slug, json.loads(self._new.get(self._numbers[slug]))

    def save(self) -> None:
        """Write this run's entries (nothing if they are the file's already)."""
        lines = (f"[{json.dumps(slug)}, {self._new.get(self._numbers[slug])}]\n"
                 for slug in sorted(self._numbers))
        write_chunks_if_changed(self.path, lines)
        self.close()

    def close(self) -> None:
        """Let go of this run's entries without writing them."""
        self._new.close()
