"""One split/month at a time: read its documents, then its sentences, running every level in order.

Documents are checked record by record. Sentences are parsed and schema-checked line by line, and
what the table pass needs of the valid ones kept as integer columns (`sentence_rows`); the table
layer (`tables`, `span_checks`) then judges the whole shard at once. A shard it accepts needs
nothing more; any other is walked record by record (`_walk_sentences`), whose checks report each
problem where it is (see docs/checks.md, "Layers"). Memory is bounded by the largest shard: its
documents (text, paragraphs) and its sentences' columns, plus the corpus-wide ids. A record that
fails a level is not checked at the levels above, and a document with a broken sentence is not
judged on numbering or coverage, so one problem gives one finding instead of a cascade.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from claimwire.corpus.layout import ShardFile
from claimwire.corpus.stats import CorpusStats
from claimwire.schema import label_rules
from claimwire.validate.corpus_checks import CorpusIds, check_sentences_of
from claimwire.validate.file_checks import read_records, scan_records
from claimwire.validate.record_checks import (
    DocumentEntry,
    check_document,
    check_sentence_id,
    check_sentence_in_document,
)
from claimwire.validate.report import Collector, show
from claimwire.validate.schema_checks import check_schema, fast_rows, fast_validator
from claimwire.validate.sentence_rows import ShardSentences
from claimwire.validate.span_checks import shard_holds
from claimwire.validate.tables import (
    ROW_FIELDS,
    add_shard_stats,
    check_sentence_tables,
    failing_lines,
    sentence_frame,
)


class _Quiet(Collector):
    """A collector that keeps nothing (for a second reading of a file)."""

    def add(self, code: str, file: str, line: int | None, message: str, **where: str | None):
        return None


QUIET = _Quiet()


@dataclass(slots=True)
class Run:
    """What a validation run carries from shard to shard."""

    corpus: Path
    level: int
    sink: Collector
    ids: CorpusIds = field(default_factory=CorpusIds)
    stats: Counter[str] = field(default_factory=Counter)
    card: CorpusStats = field(default_factory=CorpusStats)  # the card's counts, gathered on the way
    engine: str = "vectorized"  # how the table checks run: `tables.ENGINES`
    exact: bool = True  # every line gave a schema-valid record, so `card` is what the data renders
    splits: dict[str, str] = field(default_factory=dict)  # splits recorded in splits.json


def check_shard(run: Run, split: str, shard: str, files: dict[str, ShardFile]) -> None:
    """Every check of one `data/<split>/*/<shard>.jsonl` pair."""
    docs_rel = f"data/{split}/documents/{shard}.jsonl"
    sents_rel = f"data/{split}/sentences/{shard}.jsonl"
    docs, docs_complete = read_documents(run, split, shard, files.get("documents"), docs_rel)
    sents_complete, accepted = _read_sentences(
        run, docs, docs_complete, files.get("sentences"), sents_rel, split, shard
    )
    if run.level >= 4 and sents_complete and not accepted:
        for doc_id, doc in docs.items():
            if doc.text is not None and not doc.tainted:
                check_sentences_of(doc_id, doc, docs_rel, sents_rel, run.sink)


def _facts(run: Run, split: str, table: str, shard: str) -> Callable[[bytes], None]:
    """What to do with a file's bytes as they are read: the card's facts (`FileFacts.add`)."""
    return lambda data: run.card.facts.add(split, table, shard, data)


def read_documents(
    run: Run, split: str, shard: str, file: ShardFile | None, rel: str
) -> tuple[dict[str, DocumentEntry], bool]:
    """The shard's documents by id, and whether every line gave one (else orphans can't be told)."""
    docs: dict[str, DocumentEntry] = {}
    complete, previous = True, None
    if file is None:
        return docs, complete
    sink = run.sink
    n_records = 0
    for line, record in read_records(file.path, rel, sink, _facts(run, split, "documents", shard)):
        run.stats["documents"] += 1
        n_records += 1
        if record is None:
            complete = run.exact = False
            continue
        if run.level < 2:
            continue
        ok = check_schema(record, "documents", rel, line, sink)
        run.exact = run.exact and ok
        rid = record.get("id")
        if type(rid) is not str:
            complete = False
            continue
        if not run.ids.new_document(rid, rel, line, sink, report=run.level >= 4) and rid in docs:
            continue  # a copy in the same shard: its sentences are checked against the first
        entry = docs[rid] = DocumentEntry(line, len(docs))
        if not ok or run.level < 3:
            continue
        paragraphs_ok = check_document(record, split, shard, rel, line, sink, run.splits)
        entry.text = record["text"]
        entry.paragraphs = record["paragraphs"] if paragraphs_ok else None
        key = (record["date"], rid)
        if run.level >= 4 and previous is not None and key < previous:
            message = (
                f"document {show(rid)} of {key[0]} comes after {show(previous[1])} of {previous[0]}"
            )
            sink.add("records-not-sorted", rel, line, message, record=rid)
        previous = key
    run.card.add_counts(split, "documents", shard, n_records)
    return docs, complete


def _read_sentences(
    run: Run,
    docs: dict[str, DocumentEntry],
    docs_complete: bool,
    file: ShardFile | None,
    rel: str,
    split: str = "",
    shard: str = "",
) -> tuple[bool, bool]:
    """Check the shard's sentences: (every line gave a record, the table pass accepted them all).

    Every line is parsed and schema-checked (L1, L2) record by record, and what the table pass
    needs of the records that pass is kept as columns (`sentence_rows`, which also compares their
    texts with the documents); they become the shard's frames, which the pandera models check (L3,
    L4). When every line passed L2 and every vectorized check holds, the shard is done; otherwise
    its records are walked one by one, and the record checks say what is wrong where (see
    docs/checks.md, "Layers", for which layer reports which code).
    """
    if file is None:
        return True, False
    if run.level < 2:
        seen = _facts(run, split, "sentences", shard)
        count, _, complete = scan_records(file.path, rel, run.sink, _not_checked, seen)
        run.stats["sentences"] += count
        return complete, False
    rows = ShardSentences(docs)
    seen = _facts(run, split, "sentences", shard)
    count, taken, complete = scan_records(file.path, rel, run.sink, rows.take, seen)
    run.stats["sentences"] += count
    all_valid = taken == count
    if not all_valid:
        run.exact = False
    if run.level < 3:
        return _walk_sentences(run, docs, docs_complete, file, rel) and complete, False
    frames = rows.frames()
    if frames is None:  # an integer beyond int64: rows of Python objects, whose type is reported
        frame, sources = _frames_of_rows(docs, file, rel)
    else:
        frame, sources = frames
    failed = check_sentence_tables(frame, sources, run.engine)
    if any(code == "inconsistent-labels" for _, code in failed):
        _report_labels(failing_lines("inconsistent-labels", frame), frame, rel, run.sink)
    if all_valid:
        add_shard_stats(run.card, split, shard, frame, sources)
    accepted = (
        all_valid
        and docs_complete
        and not {code for _, code in failed} - {"inconsistent-labels"}
        and frames is not None
        and shard_holds(frame, rows.positions(), rows.spans_hold, docs, run.level)
        and _new_ids(run, docs, rows)
    )
    if accepted:
        if run.level >= 4:  # numbered 0..n-1 in each document: kept as counts
            counts = np.bincount(rows.positions(), minlength=len(docs)).tolist()
            run.ids.sentences.add_numbered(dict(zip(docs, counts, strict=True)))
        else:
            run.ids.sentences.others.update(rows.ids)
        return complete, True
    del frame, sources, frames, rows
    return _walk_sentences(run, docs, docs_complete, file, rel) and complete, False


def _new_ids(run: Run, docs: dict[str, DocumentEntry], rows: ShardSentences) -> bool:
    """No sentence id of the shard was seen before."""
    if run.level >= 4:
        return run.ids.sentences.numbered_disjoint(docs, rows.ids)
    return run.ids.sentences.others.isdisjoint(rows.ids)


def _not_checked(line: int, record: dict[str, Any]) -> bool:
    """Below level 2 no record is schema-checked."""
    return False


def _frames_of_rows(
    docs: dict[str, DocumentEntry], file: ShardFile, rel: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The shard's frames from rows of Python objects (`tables.sentence_frame`), read again
    quietly (the first reading reported the lines' problems)."""
    fast = fast_rows("sentences", ROW_FIELDS)
    lines: list[int] = []
    table_rows: list[tuple[Any, ...]] = []

    def take(line: int, record: dict[str, Any]) -> bool:
        row = fast(record)
        if row is not None:
            lines.append(line)
            table_rows.append(row)
        return row is not None

    scan_records(file.path, rel, QUIET, take)
    lengths = {i: len(d.text) for i, d in docs.items() if d.text is not None}
    frame, sources, _ = sentence_frame(lines, table_rows, lengths)
    return frame, sources


def _report_labels(lines: list[int], frame: Any, rel: str, sink: Collector) -> None:
    """`inconsistent-labels` is the table layer's to report: one finding per failing line."""
    for line in lines:
        claim, verif = frame.at[line, "claim_type"], frame.at[line, "verifiability"]
        message = label_rules().broken(claim, verif) or f"{claim} with {verif}"
        rid = frame.at[line, "id"]
        sink.add("inconsistent-labels", rel, line, message, record=rid, field="verifiability")


def _walk_sentences(
    run: Run,
    docs: dict[str, DocumentEntry],
    docs_complete: bool,
    file: ShardFile,
    rel: str,
) -> bool:
    """The record-by-record checks of a shard's sentences, which explain every problem found;
    false if a record without a usable doc_id failed (some document may have lost a sentence).

    The file is read again, quietly: its line-level findings were reported by the first reading.
    """
    previous, complete = None, True
    sink, level, fast = run.sink, run.level, fast_validator("sentences")
    for line, record in read_records(file.path, rel, QUIET):
        if record is None:
            continue
        ok = fast(record) or check_schema(record, "sentences", rel, line, sink)
        rid, doc_id = record.get("id"), record.get("doc_id")
        unique = type(rid) is not str or run.ids.new_sentence(rid, rel, line, sink, level >= 4)
        doc = docs.get(doc_id) if type(doc_id) is str else None
        if not ok:
            if doc is not None:
                doc.tainted = True
            elif type(doc_id) is not str:
                complete = False
            continue
        if level < 3:
            continue
        id_ok = check_sentence_id(record, rel, line, sink)
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
