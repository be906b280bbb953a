"""Boundary precision, recall and F1 of a sentence segmentation against gold offsets.

A boundary is the end of a sentence other than the last of its document; a predicted boundary
matches a gold one when both are equal after skipping whitespace, so trailing spaces never count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*\Z)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class BoundaryScore:
    """Counts of matched, spurious and missed boundaries; add scores to micro-average them."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def __add__(self, other: BoundaryScore) -> BoundaryScore:
        return BoundaryScore(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
        )

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One benchmark document: its text and the gold `[start, end]` of each sentence."""

    id: str
    text: str
    sentences: list[tuple[int, int]]


def boundaries(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    """End offsets of all spans but the last, each moved past the whitespace that follows it."""
    ends = sorted(end for _, end in spans)[:-1]
    result = set()
    for end in ends:
        while end < len(text) and text[end].isspace():
            end += 1
        result.add(end)
    return result


def score_boundaries(
    text: str, gold: Iterable[tuple[int, int]], predicted: Iterable[tuple[int, int]]
) -> BoundaryScore:
    """Compare the boundaries of a predicted segmentation of `text` with the gold one."""
    gold_set, predicted_set = boundaries(text, gold), boundaries(text, predicted)
    matched = len(gold_set & predicted_set)
    return BoundaryScore(matched, len(predicted_set) - matched, len(gold_set) - matched)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the paragraphs of `text` (separated by blank lines), stripped of whitespace."""
    return [m.span() for m in _PARAGRAPH.finditer(text)]


def segment_by_paragraph(
    text: str, split: Callable[[str], list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """Run a paragraph splitter on each paragraph of `text`; offsets come back in `text`."""
    spans = []
    for par_start, par_end in paragraph_spans(text):
        spans += [(par_start + s, par_start + e) for s, e in split(text[par_start:par_end])]
    return spans


def evaluate(
    documents: Iterable[GoldDocument], split: Callable[[str], list[tuple[int, int]]]
) -> BoundaryScore:
    """Micro-averaged boundary score of a paragraph splitter over gold documents."""
    total = BoundaryScore()
    for document in documents:
        predicted = segment_by_paragraph(document.text, split)
        total += score_boundaries(document.text, document.sentences, predicted)
    return total


def read_gold(path: Path) -> Iterator[GoldDocument]:
    """Read a benchmark file: one JSON object per line with `id`, `text` and `sentences`."""
    with path.open("rb") as lines:
        for line in lines:
            if line.strip():
                record = orjson.loads(line)
                spans = [(start, end) for start, end in record["sentences"]]
                yield GoldDocument(record["id"], record["text"], spans)
