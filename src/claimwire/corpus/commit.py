"""Putting a set of files in place together, so that a kill at any instant loses nothing.

Every new file is first written to a temporary beside its target, created exclusively (`O_EXCL`,
`O_NOFOLLOW`: a planted link is never written through) under a unique name, and synced. Then a
journal listing every rename and removal is written and synced, and only then are the files renamed
in place. A process killed after the journal exists left a complete, durable description of the new
state: the next command that writes the folder rolls the journal forward (`recover`) before anything
else. Killed before the journal, it left only temporaries, which are swept. Either way a re-run gives
exactly the corpus an uninterrupted run gives.

`CLAIMWIRE_FAULT=KILL@k` (or `STOP@k`) makes the process send itself that signal right after step k of
a commit (or of a recovery): the tests' injection point, to kill a real process between two steps.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import orjson

JOURNAL_NAME = ".claimwire-journal.json"
# `.<target name>.<16 hex>.tmp`: the only names `sweep_temporaries` ever removes.
TEMPORARY = re.compile(r"^\.(?P<target>.+)\.[0-9a-f]{16}\.tmp$")
_JOURNAL_VERSION = 1


class CommitError(Exception):
    """A folder cannot be written safely; `str()` is a one-line message naming the file."""


@dataclass(slots=True)
class WriteSummary:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


# Fault injection (see the module docstring): steps are counted per process (a forked child
# starts again from 0), across every commit and recovery it runs.
_steps = {"pid": 0, "count": 0}


def _step() -> None:
    if _steps["pid"] != os.getpid():
        _steps.update(pid=os.getpid(), count=0)
    fault = os.environ.get("CLAIMWIRE_FAULT", "")
    name, _, at = fault.partition("@")
    if at.isdigit() and int(at) == _steps["count"] and name in ("KILL", "STOP"):
        os.kill(os.getpid(), signal.SIGKILL if name == "KILL" else signal.SIGSTOP)
    _steps["count"] += 1


def create_exclusive(path: Path) -> tuple[Path, BinaryIO]:
    """A new temporary beside `path`, created exclusively, never through a link: (its path, a handle)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
        try:
            fd = os.open(temporary, flags, 0o666)
        except FileExistsError:  # someone else's name (or a planted link): draw another
            continue
        return temporary, os.fdopen(fd, "wb")


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _absolute(path: Path) -> Path:
    """`path` made absolute without resolving links (`..` removed lexically)."""
    return Path(os.path.abspath(path))


def _check_no_link(root: Path, path: Path) -> None:
    """Refuse to write `path` when it, or a folder between `root` and it, is a symbolic link."""
    root = _absolute(root)
    try:
        parts = _absolute(path).relative_to(root).parts
    except ValueError:
        parts = ()
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            raise CommitError(f"{current}: is a symbolic link; refusing to write through it")


def _same_bytes(a: Path, b: Path) -> bool:
    if a.stat().st_size != b.stat().st_size:
        return False
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            chunk = fa.read(1 << 20)
            if chunk != fb.read(1 << 20):
                return False
            if not chunk:
                return True


class AtomicBatch:
    """Files of one folder (`root`) written through temporaries and put in place together by `commit`.

    Nothing is renamed until every temporary is complete and the journal is synced, so a failure (or
    `abort`) before that leaves the old files as they were; a file whose new bytes equal the old ones
    is not touched. With `dry_run`, nothing at all is written: new bytes are only compared.
    """

    def __init__(self, root: Path, dry_run: bool = False) -> None:
        self.root = root
        self.dry_run = dry_run
        self._pending: dict[Path, Path] = {}
        self._dry_changed: set[Path] = set()
        self._dry_unchanged: set[Path] = set()

    def write(self, path: Path, data: bytes) -> None:
        if self.dry_run:
            same = path.is_file() and not path.is_symlink() and path.read_bytes() == data
            (self._dry_unchanged if same else self._dry_changed).add(path)
            return
        _check_no_link(self.root, path.parent)
        path.parent.mkdir(parents=True, exist_ok=True)
        _check_no_link(self.root, path.parent)
        if path in self._pending:
            self._pending.pop(path).unlink(missing_ok=True)
        temporary, handle = create_exclusive(path)
        self._pending[path] = temporary
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())

    def abort(self) -> None:
        for temporary in self._pending.values():
            temporary.unlink(missing_ok=True)
        self._pending.clear()

    def commit(
        self, stale: Iterable[Path] = (), verify: Callable[[], None] | None = None
    ) -> WriteSummary:
        """Rename changed files in place, drop unchanged ones, remove `stale` files not rewritten.

        `verify` runs once every temporary is complete, just before the journal: it raises to abort
        (convert checks there that no shard changed since it was read).
        """
        summary = WriteSummary()
        stale = sorted(set(stale) - set(self._pending) - self._dry_changed - self._dry_unchanged)
        if self.dry_run:
            summary.written = sorted(self._dry_changed)
            summary.unchanged = sorted(self._dry_unchanged)
            summary.removed = [p for p in stale if p.exists()]
            return summary
        try:
            _step()  # every temporary written and synced
            if verify is not None:
                verify()
            renames: list[tuple[Path, Path]] = []
            for path, temporary in sorted(self._pending.items()):
                if path.is_file() and not path.is_symlink() and _same_bytes(path, temporary):
                    summary.unchanged.append(path)
                    del self._pending[path]
                    temporary.unlink()
                else:
                    summary.written.append(path)
                    renames.append((temporary, path))
            for path in stale:
                _check_no_link(self.root, path.parent)
            removals = [p for p in stale if p.exists() or p.is_symlink()]
            summary.removed = removals
            if not renames and not removals:
                return summary
            staged = _stage_journal(self.root, renames, removals)
        except BaseException:
            self.abort()
            raise
        # From the rename of the journal on, the journal owns the temporaries: a failure leaves
        # them for the next command to roll forward, never removes them.
        self._pending.clear()
        journal = self.root / JOURNAL_NAME
        os.replace(staged, journal)
        _fsync_folder(self.root)
        _step()  # journal in place
        _apply(self.root, journal)
        return summary


def _relative(root: Path, path: Path) -> str:
    return _absolute(path).relative_to(_absolute(root)).as_posix()


def _stage_journal(root: Path, renames: list[tuple[Path, Path]], removals: list[Path]) -> Path:
    """Write and sync the journal of a commit to a temporary beside its place; return its path."""
    record = {
        "claimwire-journal": _JOURNAL_VERSION,
        "renames": [[_relative(root, t), _relative(root, p)] for t, p in renames],
        "removals": [_relative(root, p) for p in removals],
    }
    temporary, handle = create_exclusive(root / JOURNAL_NAME)
    with handle:
        handle.write(orjson.dumps(record) + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
    return temporary


def _apply(root: Path, journal: Path) -> int:
    """Carry out a journal (again): idempotent, so a kill during it is recovered the same way."""
    renames, removals = read_journal(root, journal)
    done = 0
    folders: set[Path] = set()
    for temporary, path in renames:
        if temporary.is_file() and not temporary.is_symlink():
            os.replace(temporary, path)
            done += 1
        folders.add(path.parent)
        _step()
    for path in removals:
        if path.exists() or path.is_symlink():
            path.unlink()
            done += 1
        folders.add(path.parent)
        _step()
    for folder in sorted(folders):
        if folder.is_dir():
            _fsync_folder(folder)
    journal.unlink()
    _fsync_folder(root)
    _step()  # journal removed: the commit is complete
    return done


def _inside(root: Path, relative: object, journal: Path) -> Path:
    """A path named by the journal, which must be a plain relative path inside `root`."""
    if not isinstance(relative, str) or not relative or relative.startswith("/"):
        raise CommitError(f"{journal}: not a journal claimwire wrote (path {relative!r})")
    parts = relative.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise CommitError(f"{journal}: not a journal claimwire wrote (path {relative!r})")
    return root.joinpath(*parts)


def read_journal(root: Path, journal: Path) -> tuple[list[tuple[Path, Path]], list[Path]]:
    """The renames and removals of a journal, checked: paths inside `root`, temporaries of ours."""
    if journal.is_symlink() or not journal.is_file():
        raise CommitError(f"{journal}: not a journal claimwire wrote (not a regular file)")
    fd = os.open(journal, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        raw = handle.read()
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise CommitError(f"{journal}: not a journal claimwire wrote (not JSON)") from None
    if (
        not isinstance(record, dict)
        or record.get("claimwire-journal") != _JOURNAL_VERSION
        or not isinstance(record.get("renames"), list)
        or not isinstance(record.get("removals"), list)
    ):
        raise CommitError(f"{journal}: not a journal claimwire wrote")
    renames = []
    for entry in record["renames"]:
        if not isinstance(entry, list) or len(entry) != 2:
            raise CommitError(f"{journal}: not a journal claimwire wrote (rename {entry!r})")
        temporary, path = (_inside(root, e, journal) for e in entry)
        match = TEMPORARY.match(temporary.name)
        if not match or match.group("target") != path.name or temporary.parent != path.parent:
            raise CommitError(f"{journal}: not a journal claimwire wrote (rename {entry!r})")
        renames.append((temporary, path))
    removals = [_inside(root, e, journal) for e in record["removals"]]
    return renames, removals


def journal_digest(root: Path) -> str | None:
    """SHA-256 of a pending journal in `root`, or None when there is none (for messages and tests)."""
    journal = root / JOURNAL_NAME
    if not journal.is_file():
        return None
    return hashlib.sha256(journal.read_bytes()).hexdigest()


def has_pending_journal(root: Path) -> bool:
    journal = root / JOURNAL_NAME
    return journal.exists() or journal.is_symlink()


def recover(root: Path) -> int:
    """Finish a commit a killed process left in `root` (roll its journal forward); files put in place.

    Call it holding the folder's lock, before anything else reads the folder.
    """
    journal = root / JOURNAL_NAME
    if not has_pending_journal(root):
        return 0
    return _apply(root, journal)


def sweep_temporaries(root: Path) -> int:
    """Remove the temporaries of writes that were stopped before their journal (holding the lock).

    Only names of our pattern are removed, and a link is removed itself, never followed.
    """
    removed = 0
    if not root.is_dir():
        return 0
    for dirpath, dirnames, filenames in os.walk(root):  # os.walk does not follow links
        dirnames[:] = [d for d in dirnames if not (Path(dirpath) / d).is_symlink()]
        for name in filenames:
            if TEMPORARY.match(name):
                (Path(dirpath) / name).unlink(missing_ok=True)
                removed += 1
    return removed
