"""Calibrated probabilities: a temperature fitted on out-of-fold predictions, and the reliability table.

Temperature scaling divides the model's scores by one number before the softmax: the ranking of the
labels, hence every decision, is unchanged, and only how sure the model says it is moves. The
temperature is the value of a fixed grid that minimises the negative log-likelihood of the human
labels under out-of-fold scores (no optimiser, no seed: the same predictions give the same value).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

# 0.50, 0.55, ..., 4.00
GRID = tuple(round(0.5 + 0.05 * i, 2) for i in range(71))
BINS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def softmax(scores: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = scores / temperature
    p = np.exp(z - z.max(axis=1, keepdims=True))
    return p / p.sum(axis=1, keepdims=True)


def fit_temperature(scores: np.ndarray, gold: Sequence[int]) -> float:
    """The temperature of `GRID` under which `scores` (rows x labels) best predict `gold`."""
    if not len(gold):
        return 1.0
    rows = np.arange(len(gold))
    index = np.asarray(gold, dtype=np.int64)

    def loss(t: float) -> float:
        return float(-np.log(np.maximum(softmax(scores, t)[rows, index], 1e-12)).sum())

    return min(GRID, key=loss)  # the first (smallest) temperature of equal losses


@dataclass(frozen=True, slots=True)
class Bin:
    low: float
    high: float
    count: int
    confidence: float  # mean confidence in the bin
    accuracy: float  # share of the bin whose labels are right


def reliability(confidence: Sequence[float], correct: Sequence[bool]) -> list[Bin]:
    """Confidence against observed accuracy, by bins of confidence (`BINS`, each (low, high])."""
    conf = np.asarray(confidence, dtype=np.float64)
    right = np.asarray(correct, dtype=np.float64)
    found = []
    for low, high in pairwise(BINS):
        inside = (conf > low) & (conf <= high)
        if inside.any():
            found.append(
                Bin(
                    low,
                    high,
                    int(inside.sum()),
                    float(conf[inside].mean()),
                    float(right[inside].mean()),
                )
            )
    return found


def expected_calibration_error(bins: Sequence[Bin]) -> float:
    """The count-weighted mean gap between confidence and accuracy."""
    total = sum(b.count for b in bins)
    return sum(b.count * abs(b.confidence - b.accuracy) for b in bins) / max(total, 1)


def table(bins: Sequence[Bin]) -> str:
    """The reliability table in Markdown."""
    lines = [
        "| confidence | sentences | mean confidence | observed accuracy |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {b.low:.1f}-{b.high:.1f} | {b.count} | {b.confidence:.3f} | {b.accuracy:.3f} |"
        for b in bins
    ]
    return "\n".join(lines)
