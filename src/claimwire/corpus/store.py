"""Reading the corpus into records and writing it back: sorted, canonical, atomic, only what changed."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from claimwire.corpus.commit import JOURNAL_NAME, AtomicBatch, WriteSummary, has_pending_journal
from claimwire.corpus.layout import canonical_line, iter_shard_files, shard_path
from claimwire.records import Document, Sentence


class CorpusError(Exception):
    """The existing corpus cannot be read; `str()` is a one-line located message."""

    def __init__(
        self,
        path: Path | str,
        line: int | None,
        problem: str,
        hint: str = "run: claimwire validate",
    ):
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {problem}" + (f" ({hint})" if hint else ""))


@dataclass(slots=True)
class Corpus:
    """All records of a corpus in memory: documents with their split, sentences by document."""

    documents: dict[str, Document] = field(default_factory=dict)
    splits: dict[str, str] = field(default_factory=dict)
    sentences: dict[str, list[Sentence]] = field(default_factory=dict)
    # Where each sentence was read from (sentence id -> file, line), for locating conflicts.
    locations: dict[str, tuple[Path, int]] = field(default_factory=dict)

    def put(self, document: Document, split: str, sentences: list[Sentence]) -> None:
        self.documents[document.id] = document
        self.splits[document.id] = split
        self.sentences[document.id] = sentences


def iter_records(path: Path) -> Iterable[tuple[int, dict]]:
    """(line number, record) of a JSONL file; CorpusError for a line that is not a JSON object."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise CorpusError(path, number, f"not valid JSON: {exc}") from None
            if not isinstance(record, dict):
                raise CorpusError(path, number, "not a JSON object")
            yield number, record


def read_corpus(corpus: Path) -> Corpus:
    """Load every record under `corpus/data/`; an unreadable record raises CorpusError."""
    check_no_pending_write(corpus)
    result = Corpus()
    pending: dict[str, list[Sentence]] = {}
    for shard in iter_shard_files(corpus):
        for number, record in iter_records(shard.path):
            try:
                if shard.table == "documents":
                    document = Document.from_dict(record)
                    result.documents[document.id] = document
                    result.splits[document.id] = shard.split
                else:
                    sentence = Sentence.from_dict(record)
                    result.locations[sentence.id] = (shard.path, number)
                    pending.setdefault(sentence.doc_id, []).append(sentence)
            except (KeyError, TypeError, ValueError) as exc:
                raise CorpusError(
                    shard.path, number, f"malformed {shard.table} record: {exc!r}"
                ) from None
    for doc_id, sentences in pending.items():
        if doc_id not in result.documents:
            raise CorpusError(corpus, None, f"sentences of unknown document {doc_id!r}")
        result.sentences[doc_id] = sorted(sentences, key=lambda s: s.index)
    for doc_id in result.documents:
        result.sentences.setdefault(doc_id, [])
    return result


def render_files(corpus: Path, records: Corpus) -> dict[Path, bytes]:
    """The bytes of every shard file: documents by date then id, sentences by document then index."""
    files: dict[Path, list[bytes]] = {}
    for document in sorted(records.documents.values(), key=lambda d: (d.date, d.id)):
        split = records.splits[document.id]
        files.setdefault(shard_path(corpus, split, "documents", document.shard), []).append(
            canonical_line(document.to_dict())
        )
        lines = files.setdefault(shard_path(corpus, split, "sentences", document.shard), [])
        lines.extend(canonical_line(s.to_dict()) for s in records.sentences[document.id])
    return {path: b"".join(lines) for path, lines in files.items()}


def write_files(
    contents: dict[Path, bytes], stale: Iterable[Path] = (), root: Path | None = None
) -> WriteSummary:
    """Write whole files atomically as one batch (see `AtomicBatch`); its journal goes in `root`
    (default: the folder that holds them all)."""
    paths = [*contents, *stale]
    if root is None:
        root = Path(os.path.commonpath([p.parent.absolute() for p in paths])) if paths else Path()
    batch = AtomicBatch(root)
    try:
        for path, data in sorted(contents.items()):
            batch.write(path, data)
    except BaseException:
        batch.abort()
        raise
    return batch.commit(stale)


def check_no_pending_write(corpus: Path) -> None:
    """CorpusError when a killed write left the corpus between two versions (its journal is there)."""
    if has_pending_journal(corpus):
        raise CorpusError(
            corpus / JOURNAL_NAME,
            None,
            "a write was interrupted and the corpus is between two versions; any command that "
            "writes it (e.g. claimwire fmt) finishes the write first",
            hint="",
        )


__all__ = ["AtomicBatch", "WriteSummary", "write_files"]
