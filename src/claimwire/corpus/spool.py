"""Where converted documents wait until their shards are rebuilt: a `Spool` of one file per shard in a
private scratch folder of the system's temporary directory, cleaned up even after a kill.

Each scratch folder holds a lock for as long as its process lives (an `flock`, which the kernel drops when
the process dies, however it dies). A new run removes the folders of its kind whose lock it can take:
their process is gone, killed before it could clean up.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from filelock import FileLock, Timeout

from claimwire.corpus.index import text_digest
from claimwire.corpus.layout import canonical_line
from claimwire.records import Document, Sentence

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


@dataclass(slots=True)
class Spooled:
    """Where a converted document waits in its shard's spool file, and the little kept in memory
    about it (never its text or sentences, so memory does not grow with the number of dispatches)."""

    split: str
    shard: str
    date: str
    version: int | None
    text_digest: bytes
    path: str
    offset: int
    length: int
    digest: bytes


class Spool:
    """Converted documents, serialised to one temporary file per (split, shard) until the shards are built."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries: dict[str, Spooled] = {}
        self._handles: dict[tuple[str, str], BinaryIO] = {}

    def add(self, document: Document, split: str, sentences: list[Sentence]) -> None:
        data = canonical_line(document.to_dict()) + b"".join(
            canonical_line(s.to_dict()) for s in sentences
        )
        key = (split, document.shard)
        if key not in self._handles:
            self._handles[key] = (self.folder / f"{split}-{document.shard}.spool").open("w+b")
        handle = self._handles[key]
        offset = handle.seek(0, 2)
        handle.write(data)
        digest = hashlib.sha256(data).digest()
        self.entries[document.id] = Spooled(
            split,
            document.shard,
            document.date,
            document.version,
            text_digest(document.text),
            document.origin.path,
            offset,
            len(data),
            digest,
        )

    def read(self, doc_id: str) -> bytes:
        entry = self.entries[doc_id]
        handle = self._handles[(entry.split, entry.shard)]
        handle.seek(entry.offset)
        return handle.read(entry.length)

    def close(self) -> None:
        for handle in self._handles.values():
            handle.close()
