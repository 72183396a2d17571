"""Safe file writes: through a temporary file, then renamed into place."""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Callable, Iterable
from contextlib import ExitStack, suppress
from pathlib import Path
from types import TracebackType

from locpipe.errors import LocpipeError
from locpipe.jobs.signals import held


def write_text_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, then rename into place.

    An error half-way leaves the old file as it was. No fsync: on the disks
    CI runs on it costs more than the rest of the job, and a rename is enough
    for readers never to see a half-written file.
    """
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """`write_text_atomic` of text already encoded."""
    with StagedFile(path, only_if_changed=False) as staged:
        staged.write_bytes(data)


def write_chunks_atomic(path: Path, chunks: Iterable[str]) -> None:
    """`write_text_atomic` of the text of `chunks`, which is never held whole."""
    with StagedFile(path, only_if_changed=False) as staged:
        for chunk in chunks:
            staged.write(chunk)


def write_chunks_if_changed(path: Path, chunks: Iterable[str]) -> bool:
    """Write the text of `chunks` as `write_text_atomic` does, unless the file already
    holds it; whether it was written. The text is never held whole in memory."""
    with StagedFile(path) as staged:
        for chunk in chunks:
            staged.write(chunk)
    return staged.written


def write_blocks_if_changed(path: Path, blocks: Iterable[bytes],
                            same: Callable[[Path, Path], bool]) -> bool:
    """Write the bytes of `blocks` as `write_bytes_atomic` does, unless `same` says the
    file already holds what was written (the temporary file then goes); whether it was
    written. Only one block is held in memory at a time."""
    with StagedFile(path, same=same) as staged:
        for block in blocks:
            staged.write_bytes(block)
    return staged.written


_UNFINISHED: set[str] = set()
"""Temporary files of this process not yet renamed into place nor removed."""


def remove_unfinished() -> None:
    """Remove every temporary file this process has not finished: for an interrupt
    that unwinds past a write before its `with` block could clean up."""
    for tmp in list(_UNFINISHED):
        with suppress(OSError):
            os.unlink(tmp)
    _UNFINISHED.clear()


def remove_left_by(pid: int, folders: Iterable[Path]) -> None:
    """Remove the temporary files that process `pid` left in `folders`: a worker killed
    outright (SIGKILL, out of memory) runs no cleanup of its own. Its files are the
    ones named after it (`_temporary_path`)."""
    pattern = _temporary_path(Path("*"), pid, "*").name
    for folder in folders:
        for tmp in folder.rglob(pattern) if folder.is_dir() else ():
            with suppress(OSError):
                tmp.unlink()


def forget_inherited() -> None:
    """A forked worker's first step: the parent's temporary files are the parent's."""
    _UNFINISHED.clear()


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
    changed touches nothing; `same` says whether the file and the temporary file
    hold the same (by default, the same bytes). Only the write buffer is held in
    memory.
    """

    def __init__(self, path: Path, only_if_changed: bool = True,
                 same: Callable[[Path, Path], bool] | None = None) -> None:
        self.path = path
        self.only_if_changed = only_if_changed
        self._same = _same_bytes if same is None else same
        self.written = False
        """Whether `path` was replaced (known once the block has ended)."""
        self._renamed = False
        # Until the `with` block owns the temporary file, an interrupt would orphan it.
        with held():
            try:
                fd, self._tmp = _create_beside(path)
            except OSError as exc:
                raise _cannot_write(path, exc) from None
            _UNFINISHED.add(str(self._tmp))
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
            self._forget()

    def _commit(self) -> bool:
        self._open.close()
        try:
            mode = os.stat(self.path).st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644
        else:
            if self.only_if_changed and self._same(self.path, self._tmp):
                return False
        os.chmod(self._tmp, mode)
        os.replace(self._tmp, self.path)
        self._renamed = True
        return True

    def discard(self) -> None:
        """Remove the temporary file; the old file stays as it was."""
        with suppress(OSError):  # the write already failed; the temporary file goes anyway
            self._open.close()
        self._forget()

    def _forget(self) -> None:
        if not self._renamed:  # renamed into place, it is gone already
            self._tmp.unlink(missing_ok=True)
        _UNFINISHED.discard(str(self._tmp))


_TEMPORARY = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) \
    | getattr(os, "O_CLOEXEC", 0)
_names = itertools.count()
"""Numbers the temporary files of this process: a build writes thousands, and
`tempfile.mkstemp` draws a random name for each (about a fifth of a write's CPU)."""


def _temporary_path(path: Path, pid: int, number: int | str) -> Path:
    """Where process `pid` stages its `number`th write, beside `path`: one name for
    every temporary file, so that `remove_left_by` finds a killed process's again."""
    return path.with_name(f".{path.name}.{pid}-{number}.tmp")


def _create_beside(path: Path) -> tuple[int, Path]:
    """A new, empty temporary file beside `path`, its folder made when missing."""
    try:
        return _create_temporary(path)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)  # once per new folder, not per file
        return _create_temporary(path)


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A temporary file as `tempfile.mkstemp` makes one (created exclusively, never
    through a link, mode 0600), named after the process and a count, so that no two
    writers pick the same name; a name that is taken anyway (a file left by an
    earlier process of the same id) gets a random one."""
    tmp = _temporary_path(path, os.getpid(), next(_names))
    try:
        return os.open(tmp, _TEMPORARY, 0o600), tmp
    except FileExistsError:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        return fd, Path(name)


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
        tmp = _temporary_path(path, os.getpid(), next(_names))
        tmp.unlink(missing_ok=True)
        os.symlink(target, tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    return True
