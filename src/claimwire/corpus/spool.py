"""Private scratch folders in the system's temporary directory, cleaned up even after a kill.

Each folder holds a lock for as long as its process lives (an `flock`, which the kernel drops when
the process dies, however it dies). A new run removes the folders of its kind whose lock it can take:
their process is gone, killed before it could clean up.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

_LOCK = "in-use.lock"


def sweep_stale(prefix: str) -> int:
    """Remove the scratch folders named `prefix*` whose process is gone; how many were removed."""
    removed = 0
    for folder in sorted(Path(tempfile.gettempdir()).glob(f"{prefix}*")):
        if folder.is_symlink() or not folder.is_dir() or not (folder / _LOCK).is_file():
            continue  # not one of ours: left alone
        lock = FileLock(folder / _LOCK, timeout=0)
        try:
            lock.acquire(blocking=False)
        except Timeout:
            continue  # its process is alive
        try:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
        finally:
            lock.release()
    return removed


@contextlib.contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """A new private folder (mode 0700, unique name) for this process; removed when done."""
    sweep_stale(prefix)
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    lock = FileLock(folder / _LOCK, timeout=0)
    lock.acquire(blocking=False)
    try:
        yield folder
    finally:
        lock.release()
        shutil.rmtree(folder, ignore_errors=True)
