"""A sentence's text cut into segments for display: plain text, source mentions, and reporting cues.

Mentions come with exact offsets; a cue is only a string (`a rappelé`), so it is found in the sentence
text, first occurrence outside any mention. Mentions outside the sentence (a speaker named in the next
one) are listed under the sentence but not highlighted in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimwire.records import Sentence


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    kind: str  # "text", "mention" or "cue"
    source: int | None = None  # index of the source in `sentence.sources`


def _spans(sentence: Sentence) -> list[tuple[int, int, str, int]]:
    """Non-overlapping (start, end, kind, source) spans relative to the sentence, mentions first."""
    taken: list[tuple[int, int, str, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e, _, _ in taken)

    for k, source in enumerate(sentence.sources):
        start, end = source.start - sentence.start, source.end - sentence.start
        if 0 <= start < end <= len(sentence.text) and free(start, end):
            taken.append((start, end, "mention", k))
    for k, source in enumerate(sentence.sources):
        if not source.cue:
            continue
        at = sentence.text.find(source.cue)
        while at != -1 and not free(at, at + len(source.cue)):
            at = sentence.text.find(source.cue, at + 1)
        if at != -1:
            taken.append((at, at + len(source.cue), "cue", k))
    return sorted(taken)


def highlight_sentence(sentence: Sentence) -> list[Segment]:
    """The sentence as consecutive segments whose texts join back into `sentence.text`."""
    segments: list[Segment] = []
    at = 0
    for start, end, kind, k in _spans(sentence):
        if start > at:
            segments.append(Segment(sentence.text[at:start], "text"))
        segments.append(Segment(sentence.text[start:end], kind, k))
        at = end
    if at < len(sentence.text):
        segments.append(Segment(sentence.text[at:], "text"))
    return segments
