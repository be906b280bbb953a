"""L1 checks: the files under data/ and the bytes of each line.

The fast path costs one `orjson.loads` and one `orjson.dumps` per line: a line whose bytes equal the
dump of what it parses to is canonical, so it has no BOM, CRLF, duplicate key or stray space, and
nothing more is looked at. Only lines that fail it take the slower paths that say what is wrong.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from claimwire.corpus.commit import JOURNAL_NAME, TEMPORARY, has_pending_journal
from claimwire.corpus.layout import SHARD_PATTERN, SPLITS, TABLES, ShardFile
from claimwire.validate.report import Collector, show

BOM = b"\xef\xbb\xbf"
JSON_NAMES = {list: "array", str: "string", int: "number", float: "number", bool: "boolean"}
NOT_A_RECORD = object()  # a blank line: reported, but it stands for no record


def check_pending_write(corpus: Path, sink: Collector) -> None:
    """`interrupted-write` when a killed commit left its journal (see `claimwire.corpus.commit`)."""
    if has_pending_journal(corpus):
        sink.add(
            "interrupted-write",
            JOURNAL_NAME,
            None,
            "a write was interrupted: the corpus is part old, part new until a command that "
            "writes it finishes the write",
        )


def scan_layout(corpus: Path, sink: Collector) -> list[ShardFile]:
    """Shard files under data/, in split, shard, table order; anything else is `unexpected-file`."""
    data = corpus / "data"
    pending = has_pending_journal(corpus)
    found: list[ShardFile] = []
    if not data.is_dir():
        if data.exists():
            sink.add("unexpected-file", "data", None, "data is a file, not a folder")
        return found

    def unreadable(error: OSError) -> None:
        where = printable(Path(error.filename or data).relative_to(corpus).as_posix())
        sink.add("unreadable-file", where, None, f"cannot list the folder: {error.strerror}")

    for dirpath, dirnames, filenames in os.walk(data, onerror=unreadable):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            parts = path.relative_to(data).parts
            if _is_shard_file(parts):
                found.append(ShardFile(parts[0], parts[1], name.removesuffix(".jsonl"), path))
            elif TEMPORARY.match(name) and pending:
                continue  # part of the interrupted write reported as such
            elif TEMPORARY.match(name):
                rel = printable(path.relative_to(corpus).as_posix())
                sink.add("leftover-temporary", rel, None, "temporary of a write that was stopped")
            else:
                rel = printable(path.relative_to(corpus).as_posix())
                sink.add("unexpected-file", rel, None, "not data/<split>/<table>/<YYYY-MM>.jsonl")
    return sorted(found, key=lambda f: (SPLITS.index(f.split), f.shard, TABLES.index(f.table)))


def printable(name: str) -> str:
    """A file name as text that can always be printed: undecodable bytes and newlines escaped."""
    raw = name.encode("utf-8", "surrogateescape")
    return raw.decode("utf-8", "backslashreplace").replace("\n", "\\n")


def _is_shard_file(parts: tuple[str, ...]) -> bool:
    if len(parts) != 3 or parts[0] not in SPLITS or parts[1] not in TABLES:
        return False
    stem = parts[2].removesuffix(".jsonl")
    return (
        parts[2].endswith(".jsonl")
        and SHARD_PATTERN.match(stem) is not None
        and 1 <= int(stem[5:]) <= 12
    )


def read_records(
    path: Path, rel: str, sink: Collector, seen: Callable[[bytes], None] | None = None
) -> Iterator[tuple[int, Any]]:
    """(line number, record) for each non-blank line; record is None when the line is unusable.
    `seen` is given the file's bytes, once read."""
    lines = file_lines(path, rel, sink, seen)
    seen_crlf: list[bool] = []
    for lineno, raw in enumerate(lines, 1):
        record = check_line(raw, lineno, rel, sink, seen_crlf)
        if record is not NOT_A_RECORD:
            yield lineno, record


def scan_records(
    path: Path,
    rel: str,
    sink: Collector,
    take: Callable[[int, dict[str, Any]], bool],
    seen: Callable[[bytes], None] | None = None,
) -> tuple[int, int, bool]:
    """`read_records` handing each usable record to `take(line, record)` as soon as it is parsed,
    while it is in the CPU cache: (records read, records `take` accepted, every line gave a
    record). The records themselves are not kept; `seen` is given the file's bytes, once read.

    A line that parses to an object whose canonical dump is the line itself needs no other look;
    any other goes through `check_line`, which reports what is wrong with it.
    """
    lines = file_lines(path, rel, sink, seen)
    blank = refused = unusable = 0  # counted on the rare paths only
    seen_crlf: list[bool] = []
    loads, dumps, failed = orjson.loads, orjson.dumps, orjson.JSONDecodeError
    for lineno, raw in enumerate(lines, 1):
        try:
            record = loads(raw)
        except failed:
            record = None
        if type(record) is not dict or dumps(record) != raw:
            record = check_line(raw, lineno, rel, sink, seen_crlf)
            if record is NOT_A_RECORD:
                blank += 1
                continue
            if record is None:
                unusable += 1
                continue
        if not take(lineno, record):
            refused += 1
    count = len(lines) - blank
    return count, count - unusable - refused, not unusable


def file_lines(
    path: Path, rel: str, sink: Collector, seen: Callable[[bytes], None] | None = None
) -> list[bytes]:
    """The lines of a shard file, after the checks of the file as a whole (readable, BOM, empty,
    final newline); `seen` is given the file's bytes as read (the card's facts: digest, counts)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        sink.add("unreadable-file", rel, None, f"cannot read the file: {exc.strerror or exc}")
        return []
    if seen is not None:
        seen(data)
    if data.startswith(BOM):
        sink.add("utf8-bom", rel, 1, "file starts with a UTF-8 byte order mark")
        data = data[len(BOM) :]
    if not data:
        sink.add("empty-file", rel, None, "file has no records")
        return []
    lines = data.split(b"\n")
    if lines[-1]:
        sink.add("missing-final-newline", rel, len(lines), "last line has no newline (truncated?)")
    else:
        lines.pop()
    return lines


def check_line(raw: bytes, lineno: int, rel: str, sink: Collector, seen_crlf: list[bool]) -> Any:
    """The record of one line, reporting any L1 problem: None if the line is unusable,
    NOT_A_RECORD if it is blank; `seen_crlf` is marked at the file's first CRLF, reported once."""
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        return _explain_parse_failure(raw, exc, rel, lineno, sink)
    if type(record) is not dict:
        kind = JSON_NAMES.get(type(record), "value")
        sink.add("not-json-object", rel, lineno, f"line is a JSON {kind}, not an object")
        return None
    if orjson.dumps(record) != raw:
        if raw.endswith(b"\r"):
            if not seen_crlf:
                sink.add("crlf-line-end", rel, lineno, "line ends with \\r\\n (first of file)")
                seen_crlf.append(True)
            raw = raw[:-1]
        _explain_form(raw, record, rel, lineno, sink)
    return record


def _explain_parse_failure(
    raw: bytes, exc: orjson.JSONDecodeError, rel: str, lineno: int, sink: Collector
) -> Any:
    """Report why orjson refused a line; NOT_A_RECORD for a blank line, else None."""
    if not raw.strip():
        sink.add("blank-line", rel, lineno, "empty line")
        return NOT_A_RECORD
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        sink.add("invalid-utf8", rel, lineno, f"invalid UTF-8 at byte {err.start} of the line")
        return None
    constants: list[str] = []
    try:
        json.loads(text, parse_constant=constants.append)
        lenient_ok = True
    except (ValueError, RecursionError):
        lenient_ok = False
    if lenient_ok and (constants or "infinity" in exc.msg):
        value = constants[0] if constants else "a number too large for a double"
        sink.add("nan-or-infinity", rel, lineno, f"{value} is not a JSON value")
    else:
        sink.add("invalid-json", rel, lineno, f"not JSON: {exc.msg} at column {exc.colno}")
    return None


def _explain_form(raw: bytes, record: dict[str, Any], rel: str, lineno: int, sink: Collector):
    """The line parsed but is not the canonical bytes of its record: say why."""
    canonical = orjson.dumps(record)
    if canonical == raw:
        return
    duplicate = _duplicate_key(raw)
    if duplicate is not None:
        sink.add("duplicate-key", rel, lineno, f"key {show(duplicate)} appears twice in one object")
        return
    pos = _first_difference(raw, canonical)
    found = raw[pos : pos + 16].decode("utf-8", "replace")
    expected = canonical[pos : pos + 16].decode("utf-8", "replace")
    message = f"differs from canonical form at byte {pos}: {show(found)} where {show(expected)} is expected"
    sink.add("not-canonical", rel, lineno, message)


def _first_difference(a: bytes, b: bytes, chunk: int = 1 << 16) -> int:
    """Index of the first byte where `a` and `b` differ; compares chunks first, for huge lines."""
    n = min(len(a), len(b))
    start = 0
    while start < n and a[start : start + chunk] == b[start : start + chunk]:
        start += chunk
    end = min(start + chunk, n)
    return next((i for i in range(start, end) if a[i] != b[i]), end)


def _duplicate_key(raw: bytes) -> str | None:
    """The first key that appears twice in one object of the line, if any."""
    duplicates: list[str] = []

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        if len(set(keys)) != len(keys):
            duplicates.extend(k for i, k in enumerate(keys) if k in keys[:i])
        return dict(pairs)

    try:
        json.loads(raw, object_pairs_hook=pairs_hook)
    except (ValueError, RecursionError):
        return None
    return duplicates[0] if duplicates else None
