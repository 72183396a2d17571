"""Safe file writes: through a temporary file, then renamed into place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from contextlib import ExitStack, suppress
from pathlib import Path
from types import TracebackType

from locpipe.errors import LocpipeError


def write_text_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, then rename into place.

    An error half-way leaves the old file as it was. No fsync: on the disks
    CI runs on it costs more than the rest of the job, and a rename is enough
    for readers never to see a half-written file.
    """
    with StagedFile(path, only_if_changed=False) as staged:
        staged.write(text)


def write_chunks_if_changed(path: Path, chunks: Iterable[str]) -> bool:
    """Write the text of `chunks` as `write_text_atomic` does, unless the file already
    holds it; whether it was written. The text is never held whole in memory."""
    with StagedFile(path) as staged:
        for chunk in chunks:
            staged.write(chunk)
    return staged.written


def _cannot_write(path: Path, exc: OSError) -> LocpipeError:
    """A full disk, a read-only folder: one error line, not a traceback."""
    return LocpipeError(f"cannot write the file: {exc.strerror or exc}", path,
                        hint="check the folder's permissions and the free space")


class StagedFile:
    """A file written piece by piece to a temporary file beside `path`, renamed into
    place when the `with` block ends; an error inside the block, or while writing,
    leaves the old file as it was and removes the temporary one.

    With `only_if_changed`, a text the file already holds is not written again
    (its inode and modification time stay), so that a rerun with nothing
    changed touches nothing. Only the write buffer is held in memory.
    """

    def __init__(self, path: Path, only_if_changed: bool = True) -> None:
        self.path = path
        self.only_if_changed = only_if_changed
        self.written = False
        """Whether `path` was replaced (known once the block has ended)."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        self._tmp = Path(tmp)
        self._open = ExitStack()  # closes the handle through its `with` protocol
        self._handle = self._open.enter_context(os.fdopen(fd, "wb"))

    def write(self, text: str) -> None:
        self.write_bytes(text.encode("utf-8"))

    def write_bytes(self, data: bytes) -> None:
        try:
            self._handle.write(data)
        except OSError as exc:
            raise _cannot_write(self.path, exc) from None

    def __enter__(self) -> StagedFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is not None:
            self.discard()
            return
        try:
            self.written = self._commit()
        except OSError as exc:
            raise _cannot_write(self.path, exc) from None
        finally:
            self._tmp.unlink(missing_ok=True)

    def _commit(self) -> bool:
        self._open.close()
        if self.only_if_changed and _same_bytes(self.path, self._tmp):
            return False
        mode = self.path.stat().st_mode & 0o777 if self.path.exists() else 0o644
        os.chmod(self._tmp, mode)
        os.replace(self._tmp, self.path)
        return True

    def discard(self) -> None:
        """Remove the temporary file; the old file stays as it was."""
        with suppress(OSError):  # the write already failed; the temporary file goes anyway
            self._open.close()
        self._tmp.unlink(missing_ok=True)


BLOCK = 1 << 16
"""Bytes compared at a time: a large manifest or cache is never read whole."""


def _same_bytes(first: Path, second: Path) -> bool:
    if not first.is_file() or first.stat().st_size != second.stat().st_size:
        return False
    with first.open("rb") as one, second.open("rb") as other:
        while True:
            block = one.read(BLOCK)
            if block != other.read(BLOCK):
                return False
            if not block:
                return True


def copy_if_changed(source: Path, path: Path) -> bool:
    """Copy `source` to `path` through a temporary file, unless `path` already holds its
    bytes (a symbolic link left by `link_if_changed` is replaced); whether it was
    written. Read and written a block at a time."""
    if not path.is_symlink() and _same_bytes(path, source):
        return False
    if path.is_symlink():
        path.unlink()
    with StagedFile(path, only_if_changed=False) as staged, source.open("rb") as handle:
        for block in iter(lambda: handle.read(BLOCK), b""):
            staged.write_bytes(block)
    return True


def link_if_changed(source: Path, path: Path) -> bool:
    """Make `path` a relative symbolic link to `source`, renamed into place, unless it
    already is one; whether it was written."""
    target = os.path.relpath(source, path.parent)
    if path.is_symlink() and os.readlink(path) == target:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
        tmp.unlink(missing_ok=True)
        os.symlink(target, tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    return True
