"""Vectorized acceptance of a shard's sentences against its documents (L3 spans, L4 numbering).

`shard_holds` answers one question for a whole shard: would the record-by-record checks find
nothing? Offsets, order, numbering, overlap and coverage are compared as arrays (numpy) over the
frame `tables.sentence_frame` built; only comparing a span's text with the document's slice needs
one Python slice per sentence and per source. A "no" sends the shard to the record checks, which
say what is wrong where; a "yes" is the whole of the work for a valid shard.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from claimwire.validate.record_checks import DocumentEntry


def shard_holds(
    frame: pd.DataFrame,
    columns: tuple[Any, ...],
    docs: dict[str, DocumentEntry],
    level: int,
) -> bool:
    """True if every sentence and source span holds, and (level 4) numbering, order and coverage."""
    if (
        frame.empty
        or not docs
        or any(d.text is None or d.paragraphs is None or d.tainted for d in docs.values())
    ):
        return False
    doc_ids, starts, ends, paragraphs = columns[1], columns[4], columns[5], columns[3]
    if not all(d in docs for d in doc_ids):
        return False
    entries = [docs[d] for d in doc_ids]
    if not _spans_hold(entries, starts, ends, paragraphs, columns[-2], columns[-1]):
        return False
    if level < 4:
        return True
    return _numbered_ordered_covering(entries, starts, ends, frame["index"].to_numpy(), len(docs))


def _spans_hold(
    entries: list[DocumentEntry],
    starts: tuple[int, ...],
    ends: tuple[int, ...],
    paragraphs: tuple[int, ...],
    texts: tuple[str, ...],
    sources: tuple[list[dict[str, Any]], ...],
) -> bool:
    """Sentence and source texts equal the document's slices; sentences inside their paragraph."""
    for doc, start, end, claimed, sentence, found in zip(
        entries, starts, ends, paragraphs, texts, sources, strict=True
    ):
        text, spans = doc.text, doc.paragraphs
        assert text is not None and spans is not None
        if text[start:end] != sentence:
            return False
        if claimed >= len(spans) or start < spans[claimed][0] or end > spans[claimed][1]:
            return False
        for source in found:
            if text[source["start"] : source["end"]] != source["text"]:
                return False
    return True


def _numbered_ordered_covering(
    entries: list[DocumentEntry],
    starts: tuple[int, ...],
    ends: tuple[int, ...],
    index: np.ndarray,
    n_docs: int,
) -> bool:
    """Sorted by (document, index), numbered 0..n-1 per document, no overlap, no text left out."""
    position = np.fromiter((d.position for d in entries), dtype=np.int64, count=len(entries))
    start, end = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
    same = position[1:] == position[:-1]
    if not np.all((position[1:] > position[:-1]) | (same & (index[1:] >= index[:-1]))):
        return False
    first = np.concatenate(([True], ~same))  # first sentence of each document
    if int(first.sum()) != n_docs:  # a document without sentences
        return False
    group_start = np.flatnonzero(first)
    group = np.cumsum(first) - 1
    if not np.array_equal(index, np.arange(len(index)) - group_start[group]):
        return False
    if np.any(start[1:][same] < end[:-1][same]):
        return False
    previous_end = np.where(first, 0, np.concatenate(([0], end[:-1]))).tolist()
    gaps = [d.text[a:b] for d, a, b in zip(entries, previous_end, starts, strict=True)]  # type: ignore[index]
    last = np.flatnonzero(np.concatenate((~same, [True]))).tolist()
    gaps += [entries[i].text[ends[i] :] for i in last]  # type: ignore[index]
    return not "".join(gaps).strip()
