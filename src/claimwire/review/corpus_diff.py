"""What changed between two versions of the corpus, for reviewing a pull request of annotations.

Documents are matched by id. In a document whose text did not change, sentences are matched by span;
spans left over that overlap form a re-segmentation (old sentences -> new ones), the others are added or
removed. In a document whose text changed, sentences are matched by their text (in order, as `difflib`
aligns two lists), and a run of changed sentences is "rewritten". For matched sentences the labels, the
sources (matched as in `agree`: one to one, mention overlap >= 0.5) and the annotation status are compared.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from claimwire.corpus.store import Corpus
from claimwire.records import Sentence, Source
from claimwire.review.agreement import LAYERS, MATCH_THRESHOLD
from claimwire.review.copies import read_copy
from claimwire.review.statistics import greedy_match

SOURCE_FIELDS = ("text", "span", "name", "kind", "cue", "mode")


@dataclass(slots=True)
class LabelChange:
    sentence: str
    old: str
    new: str
    text: str


@dataclass(slots=True)
class Regrouping:
    """Sentences of one document replaced by others: a re-segmentation, or a rewrite of changed text."""

    doc_id: str
    old: list[str]
    new: list[str]


@dataclass(slots=True)
class SourceChange:
    sentence: str
    change: str  # added, removed, changed
    fields: list[str]
    old: dict[str, Any] | None
    new: dict[str, Any] | None


@dataclass(slots=True)
class CorpusDiff:
    old: str
    new: str
    documents_added: dict[str, int] = field(default_factory=dict)  # id -> its number of sentences
    documents_removed: dict[str, int] = field(default_factory=dict)
    text_changed: list[str] = field(default_factory=list)
    split_changed: dict[str, list[str]] = field(default_factory=dict)  # id -> [old, new]
    sentences_added: list[str] = field(default_factory=list)
    sentences_removed: list[str] = field(default_factory=list)
    resegmented: list[Regrouping] = field(default_factory=list)
    rewritten: list[Regrouping] = field(default_factory=list)
    labels: dict[str, list[LabelChange]] = field(default_factory=lambda: {k: [] for k in LAYERS})
    sources: list[SourceChange] = field(default_factory=list)
    status: list[LabelChange] = field(default_factory=list)

    def has_changes(self) -> bool:
        return any(v for k, v in asdict(self).items() if k not in ("old", "new", "labels")) or any(
            self.labels.values()
        )

    def to_dict(self) -> dict[str, Any]:
        result = asdict(self)
        result["transitions"] = {
            **{layer: transitions(self.labels[layer]) for layer in LAYERS},
            **{
                f"source_{f}": transitions(source_transitions(self.sources, f))
                for f in ("kind", "mode")
            },
            "annotation_status": transitions(self.status),
        }
        return result


def transitions(changes: list[LabelChange]) -> dict[str, int]:
    """`{"event -> position": 3}`, most frequent first, then alphabetically."""
    counts = Counter(f"{c.old} -> {c.new}" for c in changes)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def source_transitions(changes: list[SourceChange], name: str) -> list[LabelChange]:
    """Changes of one field (`kind`, `mode`) of matched sources, as label changes."""
    return [
        LabelChange(c.sentence, str(c.old[name]), str(c.new[name]), c.new["text"])
        for c in changes
        if c.change == "changed" and name in c.fields and c.old and c.new
    ]


def status_label(sentence: Sentence) -> str:
    """`auto`, or `corrected (ann1)`: who changed a human status matters to a reviewer."""
    a = sentence.annotation
    return a.status if a.status == "auto" else f"{a.status} ({a.by})"


def _source_fields(old: Source, new: Source) -> list[str]:
    """Fields that differ between two matched sources (`span` for start and end together)."""
    changed = {f for f in SOURCE_FIELDS if f != "span" and getattr(old, f) != getattr(new, f)}
    if (old.start, old.end) != (new.start, new.end):
        changed.add("span")
    return [f for f in SOURCE_FIELDS if f in changed]


def _compare_sources(old: Sentence, new: Sentence, shift: int, diff: CorpusDiff) -> None:
    """Sources of a matched sentence pair; `shift` moves old offsets to new ones when the text moved."""
    moved = [replace(s, start=s.start + shift, end=s.end + shift) for s in old.sources]
    left = [i for i, s in enumerate(moved) if s not in new.sources]
    right = [j for j, s in enumerate(new.sources) if s not in moved]
    pairs = greedy_match(
        [moved[i] for i in left],
        [new.sources[j] for j in right],
        lambda s: (s.start, s.end),
        MATCH_THRESHOLD,
    )
    for a, b in pairs:
        i, j = left[a], right[b]
        diff.sources.append(
            SourceChange(
                new.id,
                "changed",
                _source_fields(moved[i], new.sources[j]),
                old.sources[i].to_dict(),
                new.sources[j].to_dict(),
            )
        )
    paired_left, paired_right = {left[a] for a, _ in pairs}, {right[b] for _, b in pairs}
    diff.sources += [
        SourceChange(new.id, "removed", [], old.sources[i].to_dict(), None)
        for i in left
        if i not in paired_left
    ]
    diff.sources += [
        SourceChange(new.id, "added", [], None, new.sources[j].to_dict())
        for j in right
        if j not in paired_right
    ]


def _compare_pair(old: Sentence, new: Sentence, diff: CorpusDiff) -> None:
    for layer in LAYERS:
        before, after = getattr(old, layer), getattr(new, layer)
        if before != after:
            diff.labels[layer].append(LabelChange(new.id, before, after, new.text))
    if status_label(old) != status_label(new):
        diff.status.append(LabelChange(new.id, status_label(old), status_label(new), new.text))
    _compare_sources(old, new, new.start - old.start, diff)


def _overlap_groups(
    old: list[Sentence], new: list[Sentence]
) -> list[tuple[list[Sentence], list[Sentence]]]:
    """Sentences left over on both sides, grouped by overlapping spans (in text order)."""
    items = sorted(
        [(s.start, s.end, 0, s) for s in old] + [(s.start, s.end, 1, s) for s in new],
        key=lambda x: x[:3],
    )
    groups: list[tuple[list[Sentence], list[Sentence]]] = []
    reach = -1
    for start, end, side, sentence in items:
        if not groups or start >= reach:
            groups.append(([], []))
        groups[-1][side].append(sentence)
        reach = max(reach, end) if start < reach else end
    return groups


def _same_text(doc_id: str, old: list[Sentence], new: list[Sentence], diff: CorpusDiff) -> None:
    by_span = {(s.start, s.end): s for s in new}
    matched = {(s.start, s.end) for s in old} & by_span.keys()
    for sentence in old:
        if (sentence.start, sentence.end) in matched:
            _compare_pair(sentence, by_span[(sentence.start, sentence.end)], diff)
    left = [s for s in old if (s.start, s.end) not in matched]
    right = [s for s in new if (s.start, s.end) not in matched]
    for before, after in _overlap_groups(left, right):
        if before and after:
            diff.resegmented.append(
                Regrouping(doc_id, [s.id for s in before], [s.id for s in after])
            )
        diff.sentences_removed += [s.id for s in before if not after]
        diff.sentences_added += [s.id for s in after if not before]


def _changed_text(doc_id: str, old: list[Sentence], new: list[Sentence], diff: CorpusDiff) -> None:
    matcher = difflib.SequenceMatcher(
        None, [s.text for s in old], [s.text for s in new], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for before, after in zip(old[i1:i2], new[j1:j2], strict=True):
                _compare_pair(before, after, diff)
        elif tag == "replace":
            diff.rewritten.append(
                Regrouping(doc_id, [s.id for s in old[i1:i2]], [s.id for s in new[j1:j2]])
            )
        else:
            diff.sentences_removed += [s.id for s in old[i1:i2]]
            diff.sentences_added += [s.id for s in new[j1:j2]]


def compare_corpora(old: Corpus, new: Corpus, old_name: str, new_name: str) -> CorpusDiff:
    """Everything that changed from `old` to `new`, in document id and sentence order."""
    diff = CorpusDiff(old_name, new_name)
    for doc_id in sorted(new.documents.keys() - old.documents.keys()):
        diff.documents_added[doc_id] = len(new.sentences[doc_id])
    for doc_id in sorted(old.documents.keys() - new.documents.keys()):
        diff.documents_removed[doc_id] = len(old.sentences[doc_id])
    for doc_id in sorted(old.documents.keys() & new.documents.keys()):
        if old.splits[doc_id] != new.splits[doc_id]:
            diff.split_changed[doc_id] = [old.splits[doc_id], new.splits[doc_id]]
        if old.documents[doc_id].text == new.documents[doc_id].text:
            _same_text(doc_id, old.sentences[doc_id], new.sentences[doc_id], diff)
        else:
            diff.text_changed.append(doc_id)
            _changed_text(doc_id, old.sentences[doc_id], new.sentences[doc_id], diff)
    return diff


def diff_folders(old: Path, new: Path) -> CorpusDiff:
    """Read both versions strictly and compare them; CopyError carries the one-line message."""
    return compare_corpora(read_copy(old), read_copy(new), str(old), str(new))
