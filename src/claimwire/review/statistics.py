"""Agreement coefficients and span matching, on plain values so they can be checked against textbooks.

Cohen's kappa (two coders, every item coded by both) and Krippendorff's alpha for nominal data (any number
of coders, missing values allowed), computed from the coincidence counts of Krippendorff (2011),
"Computing Krippendorff's Alpha-Reliability". A coefficient that is undefined (every value the same, so
no disagreement is expected by chance) is None rather than a made-up 1.0 or 0.0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

# Two source mentions are the same source when their character spans overlap at intersection over
# union >= this: agreement between annotators and evaluation against the gold use the same rule.
MATCH_THRESHOLD = 0.5

T = TypeVar("T")
V = TypeVar("V", bound=Hashable)


def observed_agreement(pairs: Sequence[tuple[Hashable, Hashable]]) -> float | None:
    """Share of items on which both coders gave the same value."""
    if not pairs:
        return None
    return sum(a == b for a, b in pairs) / len(pairs)


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa of two coders' values for the same items: (p_o - p_e) / (1 - p_e)."""
    return confusion_kappa(Counter(pairs))


def confusion_kappa(confusion: Mapping[tuple[V, V], int]) -> float | None:
    """Cohen's kappa from the confusion counts {(first coder's value, second's): items}."""
    n = sum(confusion.values())
    if not n:
        return None
    first: Counter[V] = Counter()
    second: Counter[V] = Counter()
    for (a, b), count in confusion.items():
        first[a] += count
        second[b] += count
    expected = sum(first[value] * second[value] for value in first) / (n * n)
    if expected == 1:
        return None
    observed = sum(count for (a, b), count in confusion.items() if a == b) / n
    return (observed - expected) / (1 - expected)


def one_vs_rest(confusion: Mapping[tuple[V, V], int], label: V) -> Counter[tuple[bool, bool]]:
    """The confusion counts of `label` against every other value."""
    binary: Counter[tuple[bool, bool]] = Counter()
    for (a, b), count in confusion.items():
        binary[a == label, b == label] += count
    return binary


def nominal_alpha(units: Sequence[Sequence[Hashable]]) -> float | None:
    """Krippendorff's alpha, nominal metric; each unit lists the values its coders gave (missing left out).

    alpha = 1 - (n - 1) * D_o / D_e, with D_o = sum over units of (m_u^2 - sum_c n_uc^2) / (m_u - 1) and
    D_e = n^2 - sum_c n_c^2, over the pairable units (those with at least two values).
    """
    pairable = [Counter(values) for values in units if len(values) >= 2]
    totals: Counter[Hashable] = Counter()
    disagreement = 0.0
    for counts in pairable:
        m = sum(counts.values())
        disagreement += (m * m - sum(c * c for c in counts.values())) / (m - 1)
        totals.update(counts)
    n = sum(totals.values())
    expected = n * n - sum(c * c for c in totals.values())
    if expected == 0:
        return None
    return 1 - (n - 1) * disagreement / expected


def specific_agreement(confusion: Mapping[tuple[V, V], int], label: V) -> float | None:
    """Positive specific agreement on one label, 2 * both / (uses by one + uses by the other): its F1."""
    both = confusion.get((label, label), 0)
    uses = sum(count * ((a == label) + (b == label)) for (a, b), count in confusion.items())
    return 2 * both / uses if uses else None


def span_iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Overlap of two character spans [start, end): length of the intersection over that of the union."""
    intersection = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return intersection / union if union > 0 else float(a == b)


def greedy_match(
    first: Sequence[T],
    second: Sequence[T],
    span: Callable[[T], tuple[int, int]],
    threshold: float = 0.5,
    compatible: Callable[[T, T], bool] = lambda a, b: True,
) -> list[tuple[int, int]]:
    """One-to-one pairs of indices (i, j), best overlap first, keeping pairs with overlap >= threshold.

    Ties are broken by position, so the result does not depend on the order of the inputs' dictionaries.
    """
    candidates = sorted(
        (-overlap, span(a), span(b), i, j)
        for i, a in enumerate(first)
        for j, b in enumerate(second)
        if compatible(a, b) and (overlap := span_iou(span(a), span(b))) >= threshold
    )
    used_first: set[int] = set()
    used_second: set[int] = set()
    pairs = []
    for _, _, _, i, j in candidates:
        if i not in used_first and j not in used_second:
            used_first.add(i)
            used_second.add(j)
            pairs.append((i, j))
    return sorted(pairs)
