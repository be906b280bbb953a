"""Records <-> Label Studio result items: region ids, offsets, and the per-region fields of each region.

Label Studio is a JavaScript app: its `start`/`end` count UTF-16 code units, while the contract's
offsets count code points. They differ only after a character outside the BMP (an emoji, a rare CJK
name), but then every later offset shifts, so both directions go through `Offsets`.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from claimwire.labelstudio.config import (
    NOTE,
    RELATION,
    SENTENCE,
    SENTENCE_CHOICES,
    SOURCE,
    SOURCE_CHOICES,
    SOURCE_TEXTS,
    SPAN,
    TEXT,
)
from claimwire.records import Sentence, Source

Item = dict[str, Any]


class Offsets:
    """Conversion between code point offsets (Python, the contract) and UTF-16 offsets (Label Studio)."""

    def __init__(self, text: str):
        self.text = text
        # Code point positions of the characters that take two UTF-16 units.
        self._wide = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]
        self._wide_utf16 = [i + k for k, i in enumerate(self._wide)]

    def to_utf16(self, offset: int) -> int:
        return offset + bisect_right(self._wide, offset - 1)

    def from_utf16(self, offset: int) -> int | None:
        """The code point offset, or None when `offset` falls inside a surrogate pair."""
        before = bisect_right(self._wide_utf16, offset - 1)
        if before and self._wide_utf16[before - 1] == offset - 1:
            return None
        return offset - before


def sentence_region(index: int) -> str:
    return f"s{index:03d}"


def source_region(index: int, k: int) -> str:
    return f"s{index:03d}r{k}"


def _span(offsets: Offsets, start: int, end: int) -> dict[str, Any]:
    return {
        "start": offsets.to_utf16(start),
        "end": offsets.to_utf16(end),
        "text": offsets.text[start:end],
    }


def _item(region: str, from_name: str, kind: str, value: dict[str, Any]) -> Item:
    return {"id": region, "from_name": from_name, "to_name": TEXT, "type": kind, "value": value}


def sentence_items(sentence: Sentence, offsets: Offsets) -> list[Item]:
    """The sentence as a labelled span with its claim type, verifiability and note as region fields."""
    region = sentence_region(sentence.index)
    span = _span(offsets, sentence.start, sentence.end)
    fields = {"claim_type": sentence.claim_type, "verifiability": sentence.verifiability}
    items = [_item(region, SPAN, "labels", {**span, "labels": [SENTENCE]})]
    items += [
        _item(region, name, "choices", {**span, "choices": [fields[name]]})
        for name in SENTENCE_CHOICES
    ]
    if sentence.annotation.note:
        items.append(_item(region, NOTE, "textarea", {**span, "text": [sentence.annotation.note]}))
    return items


def source_items(sentence: Sentence, k: int, source: Source, offsets: Offsets) -> list[Item]:
    """A source mention as a labelled span with kind, mode, name and cue, related to its sentence."""
    region = source_region(sentence.index, k)
    span = _span(offsets, source.start, source.end)
    fields = {"source_kind": source.kind, "source_mode": source.mode}
    texts = {"source_name": source.name, "source_cue": source.cue}
    items = [_item(region, SPAN, "labels", {**span, "labels": [SOURCE]})]
    items += [
        _item(region, name, "choices", {**span, "choices": [fields[name]]})
        for name in SOURCE_CHOICES
    ]
    items += [
        _item(region, name, "textarea", {**span, "text": [texts[name]]})
        for name in SOURCE_TEXTS
        if texts[name] is not None
    ]
    items.append(
        {
            "from_id": region,
            "to_id": sentence_region(sentence.index),
            "type": "relation",
            "direction": "right",
            "labels": [RELATION],
        }
    )
    return items


def document_result(sentences: list[Sentence], offsets: Offsets) -> list[Item]:
    """The whole pre-annotation of a document: every sentence, then every source with its relation."""
    result: list[Item] = []
    for sentence in sentences:
        result += sentence_items(sentence, offsets)
    for sentence in sentences:
        for k, source in enumerate(sentence.sources):
            result += source_items(sentence, k, source, offsets)
    return result
