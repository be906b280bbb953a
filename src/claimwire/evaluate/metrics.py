"""The measures of `claimwire evaluate`: matched counts, accuracies, per-label scores, source matching.

Sources are matched one to one, greedily by decreasing span overlap, where the overlap of two mention
spans is the length of their intersection over the length of their union (Jaccard on character
offsets); a pair matches when its overlap is at least `MATCH_THRESHOLD`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from claimwire.records import Source
from claimwire.review.statistics import MATCH_THRESHOLD, greedy_match, span_iou


@dataclass(slots=True)
class MatchCounts:
    """True positives, false positives and false negatives of a matching; added up over documents."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, matched: int, predicted: int, gold: int) -> None:
        self.true_positives += matched
        self.false_positives += predicted - matched
        self.false_negatives += gold - matched

    # With nothing predicted (or nothing to find), precision (recall) is 1.0 only if there was also
    # nothing to find (nothing predicted): a system that predicts nothing gets P 0, not P 1.
    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        if predicted:
            return self.true_positives / predicted
        return 0.0 if self.false_negatives else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        if gold:
            return self.true_positives / gold
        return 0.0 if self.false_positives else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(slots=True)
class Accuracy:
    """Correct decisions out of `total`; accuracy None (not measured) when there is nothing to decide."""

    correct: int = 0
    total: int = 0

    def add(self, right: bool) -> None:
        self.correct += int(right)
        self.total += 1

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.accuracy}


@dataclass(slots=True)
class LabelScore:
    """One label layer: accuracy, per-label P/R/F1, macro-F1 and the confusion matrix (gold -> pred).

    Macro-F1 averages the F1 of the labels that occur in the gold or the predictions; labels absent
    from both are left out, so a small evaluation set is not rewarded for labels it lacks.
    """

    labels: tuple[str, ...]
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for gold in self.labels:
            self.confusion.setdefault(gold, {pred: 0 for pred in self.labels})

    def add(self, gold: str, pred: str) -> None:
        for label in (gold, pred):
            if label not in self.confusion:  # outside the vocabulary: keep it visible
                self.labels = (*self.labels, label)
                for row in self.confusion.values():
                    row[label] = 0
                self.confusion[label] = {other: 0 for other in self.labels}
        self.confusion[gold][pred] += 1

    @property
    def total(self) -> int:
        return sum(sum(row.values()) for row in self.confusion.values())

    @property
    def accuracy(self) -> float | None:
        total = self.total
        return sum(self.confusion[label][label] for label in self.labels) / total if total else None

    def per_label(self) -> dict[str, MatchCounts]:
        """P/R/F1 of each label that occurs in the gold or the predictions."""
        result = {}
        for label in self.labels:
            gold = sum(self.confusion[label].values())
            predicted = sum(row[label] for row in self.confusion.values())
            if gold or predicted:
                counts = MatchCounts()
                counts.add(self.confusion[label][label], predicted, gold)
                result[label] = counts
        return result

    @property
    def macro_f1(self) -> float | None:
        scores = self.per_label()
        return sum(s.f1 for s in scores.values()) / len(scores) if scores else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "per_label": {label: s.to_dict() for label, s in self.per_label().items()},
            "confusion": {gold: dict(row) for gold, row in self.confusion.items()},
        }


span_overlap = span_iou  # one definition of span overlap for `evaluate` and `agree`


def match_sources(gold: Sequence[Source], pred: Sequence[Source]) -> list[tuple[Source, Source]]:
    """One-to-one pairs of gold and predicted sources, greedily by decreasing overlap."""
    pairs = greedy_match(gold, pred, lambda s: (s.start, s.end), threshold=MATCH_THRESHOLD)
    return [(gold[i], pred[j]) for i, j in pairs]


def same_string(a: str | None, b: str | None) -> bool:
    """Names and cues compare case-insensitively, with runs of whitespace (incl. no-break) as one space."""
    if a is None or b is None:
        return a is b
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
