"""Vectorized acceptance of a shard's sentences against its documents (L3 spans, L4 numbering).

`shard_holds` answers one question for a whole shard: would the record-by-record checks find
nothing? Paragraph indices, order, numbering, overlap and coverage are compared as arrays (numpy)
over the frame's columns; the texts at their offsets were compared as each record was read
(`sentence_rows`). A "no" sends the shard to the record checks, which say what is wrong where; a
"yes" is the whole of the work for a valid shard.
"""

from __future__ import annotations

from itertools import chain
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
    texts: list[str] = [d.text for d in docs.values()]  # type: ignore[misc]
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
    texts: list[str],
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
    last = np.flatnonzero(np.concatenate((~same, [True])))
    return _blank_outside(texts, position, first, last, start, end)


def _blank_outside(
    texts: list[str],
    position: np.ndarray,
    first: np.ndarray,
    last: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
) -> bool:
    """What lies between sorted, non-overlapping sentences, and after each document's last one,
    is whitespace: the texts' code points in those stretches, taken as one array, all are."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    offset = np.concatenate(([0], np.cumsum(lengths)[:-1]))[position]  # of each row's document
    previous_end = np.where(first, 0, np.concatenate(([0], end[:-1])))
    lows = np.concatenate((offset + previous_end, offset[last] + end[last]))
    highs = np.concatenate((offset + start, offset[last] + lengths[position[last]]))
    size = highs - lows
    lows, size = lows[size > 0], size[size > 0]
    if not len(size):
        return True
    # the index of every character in the stretches, in one array
    at = np.repeat(lows - np.cumsum(size) + size, size) + np.arange(int(size.sum()))
    code_points = _code_points("".join(texts))[at]
    if code_points.dtype != np.uint8:  # beyond the table, no whitespace: the table's last entry
        code_points = np.minimum(code_points, np.uint32(len(_WHITESPACE) - 1))
    return bool(_WHITESPACE[code_points].all())


# `str.isspace` of every code point up to U+3000, the last whitespace character, then False (for
# any code point beyond, clipped to it); a test checks there is no whitespace above.
_WHITESPACE = np.array([chr(c).isspace() for c in range(0x3002)])


def _code_points(text: str) -> np.ndarray:
    """The text's code points: its bytes if it is Latin-1 (a copy), else its UTF-32."""
    try:
        return np.frombuffer(text.encode("latin-1"), dtype=np.uint8)
    except UnicodeEncodeError:
        return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
