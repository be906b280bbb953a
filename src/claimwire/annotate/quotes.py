"""Quotations of a document as character spans, paired paragraph by paragraph.

Guillemets and curly quotes say which way they face; straight quotes (`"`) do not, so they pair up in
order within a paragraph. A quote still open at the end of its paragraph runs to the paragraph's end.
"""

from __future__ import annotations

import bisect

_OPENING = "«“"
_CLOSING = "»”"
_STRAIGHT = '"'


def quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Outermost quotations as `(start, end)`, marks included, sorted and not overlapping."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs:
        facing: list[int] = []
        straight: int | None = None
        for pos in range(p_start, p_end):
            char = text[pos]
            if char in _OPENING:
                facing.append(pos)
            elif char in _CLOSING and facing:
                spans.append((facing.pop(), pos + 1))
            elif char == _STRAIGHT:
                if straight is None:
                    straight = pos
                else:
                    spans.append((straight, pos + 1))
                    straight = None
        spans.extend(
            (start, p_end) for start in [*facing, *([straight] if straight is not None else [])]
        )
    return _outermost(spans)


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class Quotes:
    """Lookup of the quotation, if any, around a character offset."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [start for start, _ in spans]

    def around(self, pos: int) -> tuple[int, int] | None:
        """The quotation containing `pos` (its marks included), or None."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return self.spans[i]
        return None

    def ending_at(self, pos: int) -> tuple[int, int] | None:
        """The quotation whose closing mark is the character at `pos`."""
        span = self.around(pos)
        return span if span is not None and span[1] == pos + 1 else None

    def starting_at(self, pos: int) -> tuple[int, int] | None:
        """The quotation whose opening mark is the character at `pos`."""
        span = self.around(pos)
        return span if span is not None and span[0] == pos else None
