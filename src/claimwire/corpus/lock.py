"""One writer at a time: the lock every command that writes a folder (the corpus, a site) holds.

The lock is a `filelock` lock on `.<folder name>.lock` beside the folder (outside it, so the dataset
folder holds only the dataset). It is tried once, never waited for: a second writer fails at once
with who holds it. Holding it, a command first finishes what a killed writer left (`recover`, then
`sweep_temporaries`, see `claimwire.corpus.commit`), then works on a folder no one else writes.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from claimwire.corpus.commit import CommitError, recover, sweep_temporaries


class FolderLocked(CommitError):
    """Another process holds the folder's lock."""


@dataclass(slots=True)
class Recovered:
    """What taking the lock cleaned up: files a killed commit put in place, temporaries removed."""

    finished: int = 0
    swept: int = 0


def lock_path(folder: Path) -> Path:
    resolved = folder.resolve()
    return resolved.parent / f".{resolved.name}.lock"


def _holder(path: Path) -> str:
    """Who holds the lock, as its holder wrote it (best effort: the file may be mid-write)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            text = handle.read(200).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return "".join(c if c.isprintable() else "?" for c in text) or "another process"


def _write_holder(path: Path, holder: str) -> None:
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "wb") as handle:
        handle.truncate()
        handle.write(holder.encode("utf-8"))


@contextlib.contextmanager
def writing(folder: Path, command: str, what: str = "corpus") -> Iterator[Recovered]:
    """Hold `folder`'s lock for `command`, after finishing any commit a killed process left in it.

    Raises `FolderLocked` at once when another process holds the lock, `CommitError` when the lock
    file or a journal is not what claimwire wrote (a link, say).
    """
    path = lock_path(folder)
    if path.is_symlink():
        raise CommitError(f"{path}: the lock file is a symbolic link; remove it")
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path, timeout=0)
    try:
        lock.acquire(blocking=False)
    except Timeout:
        raise FolderLocked(
            f"{folder}: {what} locked by {_holder(path)} (lock file {path}); try again when it ends"
        ) from None
    try:
        _write_holder(path, f"claimwire {command} (pid {os.getpid()} on {socket.gethostname()})")
        recovered = Recovered()
        if folder.is_dir():
            recovered.finished = recover(folder)
            recovered.swept = sweep_temporaries(folder)
        yield recovered
    finally:
        with contextlib.suppress(OSError):
            _write_holder(path, "")
        lock.release()
