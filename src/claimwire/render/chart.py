"""Label distributions as inline SVG bar charts: geometry computed here, drawn by `chart.svg`.

Each bar carries its label and count as text next to it, so the chart reads without colour (in
greyscale, or for a screen reader through the SVG's title and the table beside it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

BAR_HEIGHT = 18
GAP = 6
LABEL_WIDTH = 120
BAR_WIDTH = 260
COUNT_WIDTH = 90


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    count: int
    share: float
    colour: str
    y: int
    width: int


@dataclass(frozen=True, slots=True)
class Chart:
    layer: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    total: int
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def summary(self) -> str:
        """One line for the SVG's title: every label with its count."""
        return f"{self.layer}: " + ", ".join(f"{b.label} {b.count}" for b in self.bars)


def bar_chart(
    layer: str, vocabulary: tuple[str, ...], counts: Counter[str], colours: dict[str, str]
) -> Chart:
    """Horizontal bars, one per label in vocabulary order (zero counts included), scaled to the largest."""
    total = sum(counts.values())
    largest = max(counts.values(), default=0) or 1
    bars = tuple(
        Bar(
            label=label,
            count=counts[label],
            share=counts[label] / total if total else 0.0,
            colour=colours[label],
            y=i * (BAR_HEIGHT + GAP),
            width=round(BAR_WIDTH * counts[label] / largest),
        )
        for i, label in enumerate(vocabulary)
    )
    height = len(bars) * (BAR_HEIGHT + GAP) - GAP if bars else BAR_HEIGHT
    return Chart(layer, bars, LABEL_WIDTH + BAR_WIDTH + COUNT_WIDTH, height, total)
