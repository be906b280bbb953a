"""Finding a span again in a document by its text."""

from __future__ import annotations

_FIRST_WINDOW = 256


def nearest_occurrence(text: str, needle: str, near: int) -> int | None:
    """Start of the occurrence of `needle` in `text` closest to `near` (the earlier one on a tie), or
    None when there is none.

    The search looks in windows around `near` that double in size, so it costs time in proportion
    to the distance to the answer (and the whole text only when there is none), never a pass over
    every occurrence: a short needle repeated all over a long text stays linear.
    """
    if not needle:
        return None
    near = min(max(near, 0), len(text))
    width = _FIRST_WINDOW
    while True:
        low, high = max(0, near - width), min(len(text), near + width + len(needle))
        after = text.find(needle, near, high)
        # Occurrences starting in [low, near): they end before near + len(needle) - 1.
        before = text.rfind(needle, low, near + len(needle) - 1) if near > low else -1
        if before != -1 and before >= near:
            before = -1
        found = [p for p in (before, after) if p != -1]
        if found:
            return min(found, key=lambda p: (abs(p - near), p))
        if low == 0 and high == len(text):
            return None
        width *= 2
