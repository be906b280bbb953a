"""Quotations of a document as character spans, paired paragraph by paragraph.

Guillemets and curly quotes say which way they face; straight quotes (`"`) do not, so they pair up in
order within a paragraph. A quote still open at the end of its paragraph runs on into the next one when
that paragraph starts by closing it: a paragraph break inside a quotation (`"... la nuit.` / `Pour
éviter ... malveillants" constatait le maire.`), so the quotation is one span over both paragraphs.
"""

from __future__ import annotations

import bisect

_OPENING = "«“"
_CLOSING = "»”"
_STRAIGHT = '"'


def quote_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Outermost quotations as `(start, end)`, marks included, sorted and not overlapping."""
    spans: list[tuple[int, int]] = []
    left_open: int | None = None  # where the quotation left open by the previous paragraph began
    for p_start, p_end in paragraphs:
        facing: list[int] = []
        straight: int | None = None
        carried, left_open = left_open, None
        for pos in range(p_start, p_end):
            char = text[pos]
            if char in _OPENING:
                facing.append(pos)
            elif char in _CLOSING and facing:
                spans.append((facing.pop(), pos + 1))
            elif char == _STRAIGHT and straight is None and carried is not None:
                if _closes(text, pos, p_start):
                    spans.append((carried, pos + 1))  # closes the previous paragraph's quotation
                else:
                    straight = pos
                carried = None
            elif char in _CLOSING and carried is not None:
                spans.append((carried, pos + 1))
                carried = None
            elif char == _STRAIGHT:
                if straight is None:
                    straight = pos
                else:
                    spans.append((straight, pos + 1))
                    straight = None
        still_open = [*facing, *([straight] if straight is not None else [])]
        spans.extend((start, p_end) for start in still_open)
        if still_open:
            left_open = min(still_open)
    return _outermost(spans)


def _closes(text: str, pos: int, p_start: int) -> bool:
    """A straight quote glued to the word before it and not to the word after closes a quotation."""
    glued_before = pos > p_start and not text[pos - 1].isspace()
    glued_after = pos + 1 < len(text) and text[pos + 1].isalnum()
    return glued_before and not glued_after


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
