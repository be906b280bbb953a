"""One split/month at a time: read its documents, then its sentences, running every level in order.

Memory is bounded by the largest shard: only a shard's documents (text, paragraphs, sentence spans)
are held, plus the corpus-wide ids. A record that fails a level is not checked at the levels above,
and a document with a broken sentence is not judged on numbering or coverage, so one problem gives
one finding instead of a cascade.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimwire.corpus.layout import ShardFile
from claimwire.validate.corpus_checks import CorpusIds, check_sentences_of
from claimwire.validate.file_checks import read_records
from claimwire.validate.record_checks import (
    DocumentEntry,
    check_document,
    check_sentence_alone,
    check_sentence_in_document,
)
from claimwire.validate.report import Collector, show
from claimwire.validate.schema_checks import check_schema, fast_validator


@dataclass(slots=True)
class Run:
    """What a validation run carries from shard to shard."""

    corpus: Path
    level: int
    sink: Collector
    ids: CorpusIds = field(default_factory=CorpusIds)
    stats: Counter[str] = field(default_factory=Counter)


def check_shard(run: Run, split: str, shard: str, files: dict[str, ShardFile]) -> None:
    """Every check of one `data/<split>/*/<shard>.jsonl` pair."""
    docs_rel = f"data/{split}/documents/{shard}.jsonl"
    sents_rel = f"data/{split}/sentences/{shard}.jsonl"
    docs, docs_complete = _read_documents(run, split, shard, files.get("documents"), docs_rel)
    sents_complete = _read_sentences(run, docs, docs_complete, files.get("sentences"), sents_rel)
    if run.level >= 4 and sents_complete:
        for doc_id, doc in docs.items():
            if doc.text is not None and not doc.tainted:
                check_sentences_of(doc_id, doc, docs_rel, sents_rel, run.sink)


def _read_documents(
    run: Run, split: str, shard: str, file: ShardFile | None, rel: str
) -> tuple[dict[str, DocumentEntry], bool]:
    """The shard's documents by id, and whether every line gave one (else orphans can't be told)."""
    docs: dict[str, DocumentEntry] = {}
    complete, previous = True, None
    if file is None:
        return docs, complete
    sink = run.sink
    for line, record in read_records(file.path, rel, sink):
        run.stats["documents"] += 1
        if record is None:
            complete = False
            continue
        if run.level < 2:
            continue
        ok = check_schema(record, "documents", rel, line, sink)
        rid = record.get("id")
        if type(rid) is not str:
            complete = False
            continue
        if not run.ids.new_document(rid, rel, line, sink, report=run.level >= 4) and rid in docs:
            continue  # a copy in the same shard: its sentences are checked against the first
        entry = docs[rid] = DocumentEntry(line, len(docs))
        if not ok or run.level < 3:
            continue
        paragraphs_ok = check_document(record, split, shard, rel, line, sink)
        entry.text = record["text"]
        entry.paragraphs = record["paragraphs"] if paragraphs_ok else None
        key = (record["date"], rid)
        if run.level >= 4 and previous is not None and key < previous:
            message = (
                f"document {show(rid)} of {key[0]} comes after {show(previous[1])} of {previous[0]}"
            )
            sink.add("records-not-sorted", rel, line, message, record=rid)
        previous = key
    return docs, complete


def _read_sentences(
    run: Run,
    docs: dict[str, DocumentEntry],
    docs_complete: bool,
    file: ShardFile | None,
    rel: str,
) -> bool:
    """Check the shard's sentences and collect their spans; false if a line gave no record."""
    complete, previous = True, None
    if file is None:
        return complete
    sink, level, fast = run.sink, run.level, fast_validator("sentences")
    for line, record in read_records(file.path, rel, sink):
        run.stats["sentences"] += 1
        if record is None:
            complete = False
            continue
        if level < 2:
            continue
        ok = fast(record) or check_schema(record, "sentences", rel, line, sink)
        rid, doc_id = record.get("id"), record.get("doc_id")
        unique = type(rid) is not str or run.ids.new_sentence(rid, rel, line, sink, level >= 4)
        doc = docs.get(doc_id) if type(doc_id) is str else None
        if not ok:
            if doc is not None:
                doc.tainted = True
            elif type(doc_id) is not str:
                complete = False  # some document may have lost this sentence
            continue
        if level < 3:
            continue
        id_ok = check_sentence_alone(record, rel, line, sink)
        if doc is None:
            if level >= 4 and docs_complete:
                run.ids.report_orphan(
                    rid, doc_id, rel.replace("/sentences/", "/documents/"), rel, line, sink
                )
            continue
        if (
            not (unique and id_ok)  # index and id disagree: numbering can't be judged
            or doc.text is None
            or not check_sentence_in_document(record, doc, rel, line, sink)
        ):
            doc.tainted = True
            continue
        previous = _check_order(record, doc, previous, rel, line, sink, level)
        doc.sentences.append((record["index"], record["start"], record["end"], line))
    return complete


def _check_order(
    record: dict[str, Any],
    doc: DocumentEntry,
    previous: tuple[int, int] | None,
    rel: str,
    line: int,
    sink: Collector,
    level: int,
) -> tuple[int, int]:
    """Sentences follow their documents' order, then index; returns the key to compare the next."""
    key = (doc.position, record["index"])
    if level >= 4 and previous is not None and key < previous:
        message = f"sentence {show(record['id'])} is out of order (documents' order, then index)"
        sink.add("records-not-sorted", rel, line, message, record=record["id"])
    return key
