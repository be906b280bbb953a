"""Reading a corpus folder to compare it: every field and label must be the schema's, or a located error.

`read_corpus` ignores fields it does not know; comparing copies must not, since an annotator who typed
`claim_typ` would otherwise silently agree with the tool. The first problem found is reported as
`file:line: problem`, with the number of further problems.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from claimwire.corpus.canonical import key_order
from claimwire.corpus.layout import iter_shard_files
from claimwire.corpus.store import Corpus, CorpusError, read_corpus
from claimwire.schema import labels

# Label fields checked against their vocabulary: (table, path in the record) -> vocabulary.
LABEL_FIELDS = {
    ("sentences", "claim_type"): "claim_type",
    ("sentences", "verifiability"): "verifiability",
    ("sentences", "sources[].kind"): "source_kind",
    ("sentences", "sources[].mode"): "source_mode",
    ("sentences", "annotation.status"): "annotation_status",
}


class CopyError(Exception):
    """A folder that cannot be compared; `str()` is the one-line message for the user."""


Field = tuple[
    str, str, Any, bool
]  # path (`sources[1].kind`), generic path (`sources[].kind`), value, known


def _walk(value: Any, order: dict[str, Any] | None, path: str, generic: str) -> Iterator[Field]:
    """Every field of a record, nested objects and lists included."""
    if order is None:
        return
    if isinstance(value, list):
        for number, item in enumerate(value):
            yield from _walk(item, order, f"{path}[{number}]", f"{generic}[]")
        return
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        where, kind = (f"{path}.{key}", f"{generic}.{key}") if path else (key, key)
        yield where, kind, item, key in order
        if key in order:
            yield from _walk(item, order[key], where, kind)


def record_problems(record: dict[str, Any], table: str) -> list[str]:
    """Fields the schema does not have, and labels outside their vocabulary, in one record."""
    problems = []
    for where, generic, value, known in _walk(record, key_order(table), "", ""):
        if not known:
            problems.append(f"unknown field {where!r} (not in the {table} schema)")
            continue
        vocabulary = LABEL_FIELDS.get((table, generic))
        if vocabulary and value not in labels(vocabulary):
            problems.append(f"unknown label {value!r} in {where!r} (not in {vocabulary})")
    return problems


def _file_problems(path: Path, table: str) -> Iterator[tuple[int, str]]:
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue  # read_corpus reports it with its own message
            if isinstance(record, dict):
                for problem in record_problems(record, table):
                    yield number, problem


def read_copy(folder: Path) -> Corpus:
    """All records of a corpus folder, refusing what is not a corpus or not in the schema."""
    if not folder.exists():
        raise CopyError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise CopyError(f"{folder}: not a folder (give the corpus folder, which holds data/)")
    shards = list(iter_shard_files(folder))
    if not shards:
        raise CopyError(f"{folder}: not a corpus (no data/<split>/<table>/<YYYY-MM>.jsonl files)")
    problems = [(s.path, n, p) for s in shards for n, p in _file_problems(s.path, s.table)]
    if problems:
        path, number, problem = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise CopyError(f"{path}:{number}: {problem}{more}")
    try:
        return read_corpus(folder)
    except CorpusError as exc:
        raise CopyError(str(exc)) from None
