"""Merging a re-converted document with the corpus's version without losing any human annotation.

A sentence whose `annotation.status` is not `auto` is the annotators' work: it is carried over to the new
text with every field it has. When the dispatch text changed (a correction, a new version), each such
sentence is found again by its text, at the occurrence nearest to where its old position maps to in the
new text; its sources move with it. Sentences the tool wrote fill the rest. A human sentence that can no
longer be found is a conflict: the corpus keeps the annotated version of the whole document and the
conflict is reported with its file and line, for a person to decide.
"""

from __future__ import annotations

import difflib
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
    problem: str


def is_human(sentence: Sentence) -> bool:
    return sentence.annotation.status != "auto"


def _offset_map(old: str, new: str) -> list[int]:
    """For each offset of `old` (0..len), the corresponding offset in `new` (edits map to their start)."""
    mapping = [0] * (len(old) + 1)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(i1, i2 + 1):
            mapping[k] = j1 + (k - i1) if tag == "equal" else (j1 if k < i2 else j2)
    return mapping


def _paragraph_of(document: Document, start: int) -> int:
    return next(i for i, (s, e) in enumerate(document.paragraphs) if s <= start <= e)


def _relocate(sentence: Sentence, new: Document, mapping: list[int]) -> Sentence | None:
    start = nearest_occurrence(new.text, sentence.text, mapping[sentence.start])
    if start is None:
        return None
    sources: list[Source] = []
    for source in sentence.sources:
        found = nearest_occurrence(new.text, source.text, mapping[source.start])
        if found is None:
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
    """The segmenter's sentences of `new`, trimmed so none overlaps a fixed (human) span."""
    pieces: list[tuple[int, int, int]] = []
    for span in segment_document(new.text, new.paragraphs):
        cuts = [(span.start, span.end)]
        for fs, fe in fixed:
            if fs < span.end and fe > span.start:  # the human span overlaps: keep what lies outside
                outside = ((cs, min(ce, fs)) for cs, ce in cuts)
                after = ((max(cs, fe), ce) for cs, ce in cuts)
                cuts = sorted(part for part in (*outside, *after) if part[0] < part[1])
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
    mapping = _offset_map(old.text, new.text)
    moved: list[Sentence] = []
    conflicts: list[Conflict] = []
    for sentence in humans:
        relocated = _relocate(sentence, new, mapping)
        if relocated is None:
            conflicts.append(
                Conflict(old.id, sentence, "its text (or a source's) is no longer in the dispatch")
            )
        else:
            moved.append(relocated)
    moved.sort(key=lambda s: s.start)
    overlapping = [b for a, b in itertools.pairwise(moved) if b.start < a.end]
    conflicts += [
        Conflict(old.id, s, "overlaps another annotated sentence in the new text")
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
