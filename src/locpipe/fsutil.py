"""Safe file writes and paths that stay inside the project."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from locpipe.errors import LocpipeError


def write_text_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, then rename into place.

    A crash or an error half-way leaves the old file as it was.
    """
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def inside(base: Path, relative: str, what: str) -> Path:
    """`base / relative`, refused if it would leave `base` (`..`, absolute, symlinks)."""
    target = (base / relative).resolve()
    root = base.resolve()
    if target != root and root not in target.parents:
        raise LocpipeError(f"{what} {relative!r} would be written outside {base}",
                           hint="rename the file so its path stays inside the folder")
    return target
