"""Content hashes that let a rebuild skip unchanged documents.

The cache is one JSON file under `.locpipe-cache/` in the project; deleting it
only costs time. A document's key covers everything its output depends on:
its own bytes, the catalogues it reads, the settings and locpipe's version.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from locpipe import __version__
from locpipe.config import Config
from locpipe.fsutil import write_text_atomic

CACHE_DIR = ".locpipe-cache"


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
    """One job's entries: slug -> {"key": ..., anything else the job keeps}."""

    def __init__(self, root: Path, job: str) -> None:
        self.path = root / CACHE_DIR / f"{job}.json"
        self.entries: dict[str, dict[str, Any]] = self._load()

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def hit(self, slug: str, key: str) -> dict[str, Any] | None:
        entry = self.entries.get(slug)
        return entry if isinstance(entry, dict) and entry.get("key") == key else None

    def save(self, entries: dict[str, dict[str, Any]]) -> None:
        """Keep exactly `entries` (documents that no longer exist are forgotten)."""
        if entries != self.entries:
            write_text_atomic(self.path, json.dumps(entries, sort_keys=True) + "\n")
            self.entries = entries
