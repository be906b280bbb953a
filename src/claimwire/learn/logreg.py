"""Weighted multinomial logistic regression over binary string features, numpy only, deterministic.

Rows are sets of feature strings; a `Rows` matrix stores them sparsely (column indices per row), so a
gradient step costs the number of features present, not rows x vocabulary. The fit is Nesterov-
accelerated full-batch gradient descent from zeros for a fixed number of steps, with L2 on the weights
(not the bias) and class weights (inverse frequency to the power `balance`) times optional per-row
weights: no seed, no shuffling, sums in a fixed order, so the same data gives the same weights.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import orjson


@dataclass(frozen=True, slots=True)
class Settings:
    """Hyper-parameters of a fit (recorded in the model file)."""

    lam: float = 1e-2
    balance: float = 0.5
    steps: int = 600
    min_count: int = 2

    def to_dict(self) -> dict[str, float | int]:
        return {
            "balance": self.balance,
            "lam": self.lam,
            "min_count": self.min_count,
            "steps": self.steps,
        }


@dataclass(frozen=True, slots=True)
class Fitted:
    """A fitted model: its vocabulary (sorted), one weight row per feature, a bias per label."""

    labels: list[str]
    vocab: list[str]
    weights: np.ndarray
    bias: np.ndarray

    def scores(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        """The label scores (logits) of each row."""
        return Rows.of(rows, self.vocab).dot(self.weights) + self.bias

    def probabilities(self, rows: Sequence[Sequence[str]]) -> np.ndarray:
        z = self.scores(rows)
        p = np.exp(z - z.max(axis=1, keepdims=True))
        return p / p.sum(axis=1, keepdims=True)

    def to_bytes(self, trained_on: dict[str, int], settings: Settings, **extra: object) -> bytes:
        """The model file: weights rounded to 4 decimals, features whose weights round to 0 left
        out, keys sorted (what `classifier.ClaimModel` reads)."""
        weights = {
            feature: [round(float(v), 4) for v in self.weights[i]]
            for i, feature in enumerate(self.vocab)
            if np.abs(self.weights[i]).max() >= 5e-5
        }
        model = {
            "labels": self.labels,
            "bias": [round(float(v), 4) for v in self.bias],
            "weights": weights,
            "trained_on": dict(sorted(trained_on.items())),
            "settings": settings.to_dict(),
            **extra,
        }
        return orjson.dumps(model, option=orjson.OPT_SORT_KEYS) + b"\n"


class Rows:
    """A binary matrix stored as the column indices of each row's features.

    Every row also holds the index `n_cols`, a column whose weights are zero, so no row is empty and
    `np.add.reduceat` sums each row in one call.
    """

    def __init__(self, columns: list[list[int]], n_cols: int) -> None:
        self.n_cols = n_cols
        lengths = np.array([len(c) + 1 for c in columns], dtype=np.int64)
        self.starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
        self.indices = np.array(
            [i for row in columns for i in (*row, n_cols)], dtype=np.int64
        ).reshape(-1)
        self.row_of = np.repeat(np.arange(len(columns), dtype=np.int64), lengths)
        self.order = np.argsort(self.indices, kind="stable")
        sorted_columns = self.indices[self.order]
        self.column_ids, self.column_starts = np.unique(sorted_columns, return_index=True)
        self.max_row_norm = float(lengths.max() - 1) if len(columns) else 0.0

    @classmethod
    def of(cls, rows: Sequence[Sequence[str]], vocab: list[str]) -> Rows:
        index = {f: i for i, f in enumerate(vocab)}
        columns = [sorted({index[f] for f in row if f in index}) for row in rows]
        return cls(columns, len(vocab))

    def dot(self, w: np.ndarray) -> np.ndarray:
        """X @ w."""
        padded = np.vstack([w, np.zeros((1, w.shape[1]))])
        return np.add.reduceat(padded[self.indices], self.starts, axis=0)

    def tdot(self, g: np.ndarray) -> np.ndarray:
        """X.T @ g (rows x labels -> columns x labels)."""
        out = np.zeros((self.n_cols + 1, g.shape[1]))
        if len(self.indices):
            gathered = g[self.row_of[self.order]]
            out[self.column_ids] = np.add.reduceat(gathered, self.column_starts, axis=0)
        return out[:-1]


def vocabulary(rows: Sequence[Sequence[str]], min_count: int) -> list[str]:
    """Features present in at least `min_count` rows, sorted."""
    counts = Counter(f for row in rows for f in set(row))
    return sorted(f for f, n in counts.items() if n >= min_count)


def fit(
    rows: Sequence[Sequence[str]],
    gold: Sequence[str],
    labels: list[str],
    settings: Settings,
    row_weights: Sequence[float] | None = None,
) -> Fitted:
    """The weighted multinomial logistic regression of `gold` on `rows`."""
    vocab = vocabulary(rows, settings.min_count)
    x = Rows.of(rows, vocab)
    k = len(labels)
    y = np.array([labels.index(g) for g in gold], dtype=np.int64)
    counts = np.bincount(y, minlength=k).astype(np.float64)
    class_weight = np.where(
        counts > 0, (counts.sum() / np.maximum(counts, 1) / k) ** settings.balance, 0.0
    )
    sample = class_weight[y]
    if row_weights is not None:
        sample = sample * np.asarray(row_weights, dtype=np.float64)
    sample /= sample.sum()
    target = np.eye(k)[y]
    # Step 1/L, L bounding the curvature: 0.5 * max squared row norm + lam.
    step = 1.0 / (0.5 * x.max_row_norm + settings.lam)
    w, b = np.zeros((len(vocab), k)), np.zeros(k)
    vw, vb = w.copy(), b.copy()
    for t in range(1, settings.steps + 1):
        z = x.dot(vw) + vb
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        g = (p - target) * sample[:, None]
        gw, gb = x.tdot(g) + settings.lam * vw, g.sum(axis=0)
        w_next, b_next = vw - step * gw, vb - step * gb
        momentum = (t - 1) / (t + 2)
        vw, vb = w_next + momentum * (w_next - w), b_next + momentum * (b_next - b)
        w, b = w_next, b_next
    return Fitted(labels, vocab, w, b)


def f1(gold: Sequence[str], pred: Sequence[str], label: str) -> float:
    tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
    wrong = sum((g == label) != (p == label) for g, p in zip(gold, pred, strict=True))
    return 2 * tp / (2 * tp + wrong) if tp else 0.0


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Mean F1 over the labels present in the gold or the predictions (as `claimwire evaluate`)."""
    scores = [f1(gold, pred, label) for label in sorted(set(gold) | set(pred))]
    return float(np.mean(scores)) if scores else 0.0


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    if not gold:
        return 0.0
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
