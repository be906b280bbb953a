"""Vectorized acceptance of a shard's sentences against its documents (L3 spans, L4 numbering).

`shard_holds` answers one question for a whole shard: would the record-by-record checks find
nothing? Paragraph indices, order, numbering, overlap and coverage are compared as arrays (numpy)
over the frame's columns; the texts at their offsets were compared as each record was read
(`sentence_rows`). A "no" sends the shard to the record checks, which say what is wrong where; a
"yes" is the whole of the work for a valid shard.
"""

from __future__ import annotations

from itertools import chain, repeat
from operator import attrgetter, itemgetter

import numpy as np
import pandas as pd

from claimwire.validate.record_checks import DocumentEntry


def shard_holds(
    frame: pd.DataFrame,
    positions: np.ndarray,
    spans_hold: bool,
    docs: dict[str, DocumentEntry],
    level: int,
) -> bool:
    """True if every sentence and source span holds, and (level 4) numbering, order and coverage.

    `positions` is the position of each row's document in `docs` (the shard's documents, in file
    order); `spans_hold` says the texts matched their offsets as the records were read.
    """
    if (
        frame.empty
        or not docs
        or not spans_hold
        or any(d.text is None or d.paragraphs is None or d.tainted for d in docs.values())
        or int(positions.max()) >= len(docs)  # a sentence whose document is not in the shard
    ):
        return False
    start, end = frame["start"].to_numpy(), frame["end"].to_numpy()
    if not _in_paragraphs(docs, positions, frame["paragraph"].to_numpy(), start, end):
        return False
    if level < 4:
        return True
    texts = np.empty(len(docs), dtype=object)
    texts[:] = [d.text for d in docs.values()]
    index = frame["index"].to_numpy()
    return _numbered_ordered_covering(texts, positions, start, end, index)


def _in_paragraphs(
    docs: dict[str, DocumentEntry],
    position: np.ndarray,
    claimed: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
) -> bool:
    """Each sentence lies inside the paragraph it names."""
    paragraphs = list(map(attrgetter("paragraphs"), docs.values()))
    counts = np.fromiter(map(len, paragraphs), dtype=np.int64, count=len(paragraphs))
    flat = list(chain.from_iterable(paragraphs))
    first = np.concatenate(([0], np.cumsum(counts)[:-1]))
    p_start = np.fromiter(map(itemgetter(0), flat), dtype=np.int64, count=len(flat))
    p_end = np.fromiter(map(itemgetter(1), flat), dtype=np.int64, count=len(flat))
    if not np.all((claimed >= 0) & (claimed < counts[position])):
        return False
    at = first[position] + claimed
    return bool(np.all((p_start[at] <= start) & (end <= p_end[at])))


def _numbered_ordered_covering(
    texts: np.ndarray,
    position: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    index: np.ndarray,
) -> bool:
    """Sorted by (document, index), numbered 0..n-1 per document, no overlap, no text left out."""
    same = position[1:] == position[:-1]
    if not np.all((position[1:] > position[:-1]) | (same & (index[1:] >= index[:-1]))):
        return False
    first = np.concatenate(([True], ~same))  # first sentence of each document
    if int(first.sum()) != len(texts):  # a document without sentences
        return False
    group_start = np.flatnonzero(first)
    group = np.cumsum(first) - 1
    if not np.array_equal(index, np.arange(len(index)) - group_start[group]):
        return False
    if np.any(start[1:][same] < end[:-1][same]):
        return False
    # What lies between sentences, and after each document's last one, must be whitespace.
    previous_end = np.where(first, 0, np.concatenate(([0], end[:-1])))
    gaps = map(
        str.__getitem__, texts[position].tolist(), map(slice, previous_end.tolist(), start.tolist())
    )
    last = np.flatnonzero(np.concatenate((~same, [True])))
    after = map(slice, end[last].tolist(), repeat(None))
    tails = map(str.__getitem__, texts[position[last]].tolist(), after)
    return not "".join(chain(gaps, tails)).strip()
