"""Reading a corpus folder to compare it: every field and label must be the schema's, or a located error.

`read_corpus` ignores fields it does not know; comparing copies must not, since an annotator who typed
`claim_typ` would otherwise silently agree with the tool. The first problem found is reported as
`file:line: problem`, with the number of further problems.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter
from pathlib import Path
from typing import Any

import orjson

from claimwire.corpus.canonical import key_order
from claimwire.corpus.layout import iter_shard_files
from claimwire.corpus.store import Corpus, CorpusError, read_corpus
from claimwire.records import Sentence
from claimwire.schema import labels

# Label fields of a sentence and of its sources, checked against their vocabulary.
SENTENCE_LABELS = {
    "claim_type": "claim_type",
    "verifiability": "verifiability",
    "annotation.status": "annotation_status",
}
SOURCE_LABELS = {"kind": "source_kind", "mode": "source_mode"}


class CopyError(Exception):
    """A folder that cannot be compared; `str()` is the one-line message for the user."""


def _unknown_fields(value: Any, order: dict[str, Any] | None, path: str) -> Iterator[str]:
    """Paths of the fields not in the schema (`sources[1].speaker`), nested objects and lists included."""
    if order is None:
        return
    if isinstance(value, list):
        for number, item in enumerate(value):
            yield from _unknown_fields(item, order, f"{path}[{number}]")
    elif isinstance(value, dict):
        prefix = f"{path}." if path else ""
        for key in value.keys() - order.keys():
            yield prefix + key
        for key, sub in order.items():
            if sub is not None and key in value:
                yield from _unknown_fields(value[key], sub, prefix + key)


def label_problems(sentence: Sentence) -> list[str]:
    """Labels of a sentence or of its sources that are not in their vocabulary."""
    located: list[tuple[str, str, object]] = [
        (where, vocabulary, attrgetter(where)(sentence))
        for where, vocabulary in SENTENCE_LABELS.items()
    ]
    for number, source in enumerate(sentence.sources):
        located += [
            (f"sources[{number}].{name}", vocabulary, getattr(source, name))
            for name, vocabulary in SOURCE_LABELS.items()
        ]
    return [
        f"unknown label {value!r} in {where!r} (not in {vocabulary})"
        for where, vocabulary, value in located
        if value not in labels(vocabulary)
    ]


def _file_problems(path: Path, table: str) -> Iterator[tuple[int, str]]:
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue  # read_corpus reports it with its own message
            if isinstance(record, dict):
                for where in sorted(_unknown_fields(record, key_order(table), "")):
                    yield number, f"unknown field {where!r} (not in the {table} schema)"


def read_copy(folder: Path) -> Corpus:
    """All records of a corpus folder, refusing what is not a corpus or not in the schema."""
    if not folder.exists():
        raise CopyError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise CopyError(f"{folder}: not a folder (give the corpus folder, which holds data/)")
    shards = list(iter_shard_files(folder))
    if not shards:
        raise CopyError(f"{folder}: not a corpus (no data/<split>/<table>/<YYYY-MM>.jsonl files)")
    _refuse([(s.path, n, p) for s in shards for n, p in _file_problems(s.path, s.table)])
    try:
        corpus = read_corpus(folder)
    except CorpusError as exc:
        raise CopyError(str(exc)) from None
    _refuse(
        sorted(
            (*corpus.locations[sentence.id], problem)
            for sentences in corpus.sentences.values()
            for sentence in sentences
            for problem in label_problems(sentence)
        )
    )
    return corpus


def _refuse(problems: list[tuple[Path, int, str]]) -> None:
    """Raise the first problem, located, with the number of the others."""
    if problems:
        path, number, problem = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise CopyError(f"{path}:{number}: {problem}{more}")
