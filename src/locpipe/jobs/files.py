"""Safe file writes and paths that stay inside the project."""

from __future__ import annotations

import os
import tempfile
from array import array
from collections.abc import Iterable
from pathlib import Path

from locpipe.errors import LocpipeError


def write_text_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, then rename into place.

    An error half-way leaves the old file as it was. No fsync: on the disks
    CI runs on it costs more than the rest of the job, and a rename is enough
    for readers never to see a half-written file.
    """
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    try:
        _write_bytes(path, data)
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def write_chunks_if_changed(path: Path, chunks: Iterable[str]) -> bool:
    """Write the text of `chunks` as `write_text_atomic` does, unless the file already
    holds it; whether it was written. The text is never held whole in memory."""
    try:
        return _write_bytes(path, (chunk.encode("utf-8") for chunk in chunks),
                            only_if_changed=True)
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _cannot_write(path: Path, exc: OSError) -> LocpipeError:
    """A full disk, a read-only folder: one error line, not a traceback."""
    return LocpipeError(f"cannot write the file: {exc.strerror or exc}", path,
                        hint="check the folder's permissions and the free space")


def _write_bytes(path: Path, data: bytes | Iterable[bytes],
                 only_if_changed: bool = False) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in [data] if isinstance(data, bytes) else data:
                handle.write(chunk)
        if only_if_changed and _same_bytes(path, Path(tmp)):
            Path(tmp).unlink()
            return False
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def _same_bytes(first: Path, second: Path) -> bool:
    if not first.is_file() or first.stat().st_size != second.stat().st_size:
        return False
    return first.read_bytes() == second.read_bytes()


class Spool:
    """Texts kept in an anonymous temporary file and read back by number.

    A run over thousands of documents keeps each one's result here, so that it
    holds an offset per document in memory, not the result.
    """

    def __init__(self) -> None:
        # Open for as long as the run that owns it; the system deletes it on close.
        self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self._starts = array("q")  # 8 bytes a number, where a tuple of two takes 70
        self._sizes = array("q")

    def add(self, text: str) -> int:
        data = text.encode("utf-8")
        self._starts.append(self._file.seek(0, os.SEEK_END))
        self._sizes.append(len(data))
        self._file.write(data)
        return len(self._sizes) - 1

    def get(self, number: int) -> str:
        self._file.seek(self._starts[number])
        return self._file.read(self._sizes[number]).decode("utf-8")

    def close(self) -> None:
        self._file.close()
