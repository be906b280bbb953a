"""Merging a re-converted document with the corpus's version without losing any human annotation.

A sentence whose `annotation.status` is not `auto` is the annotators' work: it is carried over to the new
text with every field it has. When the dispatch text changed (a correction, a new version), each such
sentence is found again by its text, at the occurrence nearest to where the text before it moved; its
sources move with it, each found at the same place in the sentence that held it (match by sentence,
then within it), never as the same words elsewhere. Sentences the tool wrote fill the rest. A human
sentence that can no longer be found is a conflict: the corpus keeps the annotated version of the
whole document and the conflict is reported with its file and line, for a person to decide.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field, replace

from claimwire.corpus.spans import nearest_occurrence
from claimwire.records import Document, Sentence, Source
from claimwire.segment import segment_document


@dataclass(slots=True)
class Plan:
    """Spans to annotate for a document; `human[i]` replaces the annotated sentence at index i."""

    spans: list[tuple[int, int, int]]
    human: dict[int, Sentence] = field(default_factory=dict)


@dataclass(slots=True)
class Conflict:
    """A human-annotated sentence with no place in the new text."""

    doc_id: str
    sentence: Sentence
    code: str  # `annotation-conflict` or `annotation-overlap` (claimwire.catalogue)
    problem: str


def is_human(sentence: Sentence) -> bool:
    return sentence.annotation.status != "auto"


def _paragraph_of(document: Document, start: int) -> int:
    starts = [s for s, _ in document.paragraphs]
    return max(0, bisect.bisect_right(starts, start) - 1)


class _Relocator:
    """Finds old spans in the new text: a sentence by its text, near where the text before it moved;
    a source inside the sentence that holds it in the old text, at the same place in that sentence.

    Each lookup searches outward from a predicted offset (`nearest_occurrence`), so the cost follows
    the distance moved, not the product of the two texts' lengths (difflib's was quadratic).
    """

    def __init__(self, old_sentences: list[Sentence], new: Document) -> None:
        self.new = new
        self.old_spans = sorted((s.start, s.end, s.text) for s in old_sentences)
        self.old_starts = [start for start, _, _ in self.old_spans]
        self.shift = 0  # how far the text of the last sentence found moved

    def sentence(self, sentence: Sentence) -> int | None:
        start = nearest_occurrence(self.new.text, sentence.text, sentence.start + self.shift)
        if start is not None:
            self.shift = start - sentence.start
        return start

    def source(self, source: Source, sentence: Sentence, new_start: int) -> int | None:
        """New start of a source of `sentence` (found at `new_start`), moved with its own sentence."""
        if sentence.start <= source.start and source.end <= sentence.end:
            return new_start + source.start - sentence.start  # the sentence's text is unchanged
        # A mention outside the sentence (a speaker named in the next one): find the old sentence
        # that holds it, find that sentence again near the same distance, then the mention in it.
        i = bisect.bisect_right(self.old_starts, source.start) - 1
        predicted = new_start + source.start - sentence.start
        if i >= 0:
            holder_start, holder_end, holder_text = self.old_spans[i]
            if source.end <= holder_end:
                near = new_start + holder_start - sentence.start
                found = nearest_occurrence(self.new.text, holder_text, near)
                if found is not None:
                    return found + source.start - holder_start
        return nearest_occurrence(self.new.text, source.text, predicted)


def _relocate(sentence: Sentence, new: Document, finder: _Relocator) -> Sentence | None:
    start = finder.sentence(sentence)
    if start is None:
        return None
    sources: list[Source] = []
    for source in sentence.sources:
        found = finder.source(source, sentence, start)
        if found is None or new.text[found : found + len(source.text)] != source.text:
            return None
        sources.append(replace(source, start=found, end=found + len(source.text)))
    return replace(
        sentence,
        start=start,
        end=start + len(sentence.text),
        paragraph=_paragraph_of(new, start),
        sources=sources,
    )


def _fill(new: Document, fixed: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """The segmenter's sentences of `new`, trimmed so none overlaps a fixed (human) span.

    Both lists are in text order and fixed spans do not overlap, so one sweep pairs them.
    """
    pieces: list[tuple[int, int, int]] = []
    first = 0  # first fixed span that may still overlap a sentence
    for span in segment_document(new.text, new.paragraphs):
        while first < len(fixed) and fixed[first][1] <= span.start:
            first += 1
        cuts = []
        at = span.start
        k = first
        while k < len(fixed) and fixed[k][0] < span.end:
            fs, fe = fixed[k]
            if fs > at:
                cuts.append((at, fs))
            at = max(at, fe)
            k += 1
        if at < span.end:
            cuts.append((at, span.end))
        for cs, ce in cuts:
            piece = new.text[cs:ce]
            lead = len(piece) - len(piece.lstrip())
            trimmed = piece.strip()
            if trimmed:
                pieces.append((span.paragraph, cs + lead, cs + lead + len(trimmed)))
    return pieces


def plan_merge(
    old: Document, old_sentences: list[Sentence], new: Document
) -> tuple[Plan | None, list[Conflict]]:
    """How to re-annotate `new` keeping the human sentences of `old`; None when a conflict keeps `old`."""
    humans = [s for s in old_sentences if is_human(s)]
    if not humans:
        return Plan(
            [(s.paragraph, s.start, s.end) for s in segment_document(new.text, new.paragraphs)]
        ), []
    if old.text == new.text:
        spans = [(s.paragraph, s.start, s.end) for s in old_sentences]
        return Plan(spans, {s.index: s for s in humans}), []
    finder = _Relocator(old_sentences, new)
    moved: list[Sentence] = []
    conflicts: list[Conflict] = []
    for sentence in humans:
        relocated = _relocate(sentence, new, finder)
        if relocated is None:
            conflicts.append(
                Conflict(
                    old.id,
                    sentence,
                    "annotation-conflict",
                    "its text (or a source's) is no longer in the dispatch",
                )
            )
        else:
            moved.append(relocated)
    moved.sort(key=lambda s: s.start)
    overlapping = [b for a, b in itertools.pairwise(moved) if b.start < a.end]
    conflicts += [
        Conflict(
            old.id, s, "annotation-overlap", "overlaps another annotated sentence in the new text"
        )
        for s in overlapping
    ]
    if conflicts:
        return None, conflicts
    fixed = [(s.start, s.end) for s in moved]
    spans = sorted(
        _fill(new, fixed) + [(s.paragraph, s.start, s.end) for s in moved], key=lambda x: x[1]
    )
    by_start = {s.start: s for s in moved}
    human = {i: by_start[start] for i, (_, start, _) in enumerate(spans) if start in by_start}
    return Plan(spans, human), []


def apply_plan(plan: Plan, annotated: list[Sentence]) -> list[Sentence]:
    """The annotated sentences with the human ones put back, renumbered to their new position."""
    return [
        replace(plan.human[s.index], index=s.index, doc_id=s.doc_id) if s.index in plan.human else s
        for s in annotated
    ]
