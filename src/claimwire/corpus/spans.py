"""Finding a span again in a document by its text."""

from __future__ import annotations


def nearest_occurrence(text: str, needle: str, near: int) -> int | None:
    """Start of the occurrence of `needle` in `text` closest to `near`, or None when there is none."""
    best, pos = None, text.find(needle)
    while pos != -1:
        if best is None or abs(pos - near) < abs(best - near):
            best = pos
        pos = text.find(needle, pos + 1)
    return best
