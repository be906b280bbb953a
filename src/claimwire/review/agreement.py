"""Agreement between annotators' copies of the same corpus, per layer, label and for sources.

Sentences are aligned by their span (document, start, end): a span that is not in every copy (the
annotators segmented differently) is counted, not guessed at. Documents are compared when every copy has
them with the same text. Label layers get Cohen's kappa (per pair of copies, on the spans both have) and
Krippendorff's nominal alpha (all copies, on the spans at least two have). Sources are matched per pair of
copies, one to one and greedily by overlap of their mentions (intersection over union of the character
spans, at least 0.5), between sentences whose spans overlap.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from claimwire.corpus.store import Corpus
from claimwire.records import Sentence, Source
from claimwire.review.copies import CopyError, read_copy
from claimwire.review.statistics import (
    MATCH_THRESHOLD,
    cohen_kappa,
    confusion_kappa,
    greedy_match,
    nominal_alpha,
    observed_agreement,
    one_vs_rest,
    specific_agreement,
)
from claimwire.schema import labels

LAYERS = ("claim_type", "verifiability")
SOURCE_FIELDS = ("name", "kind", "mode")

Span = tuple[str, int, int]  # doc_id, start, end


@dataclass(slots=True)
class Alignment:
    """Which documents and sentences could be compared."""

    copies: list[str]
    documents: int
    only_in_some: list[str] = field(default_factory=list)
    text_differs: list[str] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    aligned: int = 0
    unaligned: list[int] = field(default_factory=list)


@dataclass(slots=True)
class LabelAgreement:
    label: str
    counts: list[int]
    agreed: int
    f1: float | None
    kappa: float | None


@dataclass(slots=True)
class LayerAgreement:
    layer: str
    items: int
    observed: float | None
    alpha: float | None
    pairs: dict[str, float | None]
    labels: list[LabelAgreement]


@dataclass(slots=True)
class SourceAgreement:
    pair: str
    sources: list[int]
    matched: int
    precision: float | None
    recall: float | None
    f1: float | None
    fields: dict[str, float | None]
    kappa: dict[str, float | None]


@dataclass(slots=True)
class AgreementReport:
    alignment: Alignment
    layers: list[LayerAgreement]
    sources: list[SourceAgreement]
    # The span overlap at which two mentions are one source, in the report for its readers (the card).
    match_threshold: float = MATCH_THRESHOLD

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def letter(index: int) -> str:
    """Short name of a copy in tables: A, B, C, ..."""
    return chr(ord("A") + index)


def compared_documents(copies: list[Corpus], names: list[str]) -> tuple[list[str], Alignment]:
    first = copies[0].documents
    for name, copy in zip(names[1:], copies[1:], strict=True):
        if not first.keys() & copy.documents.keys():
            raise CopyError(
                f"{name}: no document in common with {names[0]} (a copy of another corpus?)"
            )
    every = set.intersection(*(set(c.documents) for c in copies))
    if not every:
        raise CopyError(f"no document is in every copy ({', '.join(names)})")
    same_text = sorted(d for d in every if len({c.documents[d].text for c in copies}) == 1)
    alignment = Alignment(
        copies=names,
        documents=len(same_text),
        only_in_some=sorted(set.union(*(set(c.documents) for c in copies)) - every),
        text_differs=sorted(every - set(same_text)),
    )
    return same_text, alignment


def sentence_spans(copy: Corpus, documents: list[str]) -> dict[Span, Sentence]:
    return {(d, s.start, s.end): s for d in documents for s in copy.sentences[d]}


def _layer(layer: str, by_copy: list[dict[Span, Sentence]]) -> LayerAgreement:
    """Coefficients of one label layer over the spans that at least two copies have."""
    spans = sorted(set.union(*(set(c) for c in by_copy)))
    # One row per span, one value per copy; None where that copy segmented differently.
    rows = [[getattr(c[span], layer) if span in c else None for c in by_copy] for span in spans]
    rows = [row for row in rows if sum(v is not None for v in row) >= 2]
    units = [[v for v in row if v is not None] for row in rows]
    confusions = {
        f"{letter(i)}-{letter(j)}": Counter(
            (r[i], r[j]) for r in rows if r[i] is not None and r[j] is not None
        )
        for i, j in combinations(range(len(by_copy)), 2)
    }
    uses = [Counter(row[k] for row in rows) for k in range(len(by_copy))]
    unanimous = Counter(unit[0] for unit in units if len(set(unit)) == 1)
    breakdown = []
    for label in labels(layer):
        f1s = [f for c in confusions.values() if (f := specific_agreement(c, label)) is not None]
        breakdown.append(
            LabelAgreement(
                label=label,
                counts=[u[label] for u in uses],
                agreed=unanimous[label],
                f1=sum(f1s) / len(f1s) if f1s else None,
                kappa=confusion_kappa(one_vs_rest(confusions["A-B"], label))
                if len(by_copy) == 2
                else nominal_alpha([[v == label for v in unit] for unit in units]),
            )
        )
    return LayerAgreement(
        layer=layer,
        items=len(units),
        observed=sum(unanimous.values()) / len(units) if units else None,
        alpha=nominal_alpha(units),
        pairs={name: confusion_kappa(c) for name, c in confusions.items()},
        labels=breakdown,
    )


Attributed = tuple[Sentence, Source]


def _attributed(copy: Corpus, doc_id: str) -> list[Attributed]:
    return [(s, source) for s in copy.sentences[doc_id] for source in s.sources]


def _overlapping_sentences(a: Attributed, b: Attributed) -> bool:
    return a[0].start < b[0].end and b[0].start < a[0].end


def _sources(pair: str, first: Corpus, second: Corpus, documents: list[str]) -> SourceAgreement:
    """Sources of two copies matched one to one; precision and recall take `first` as reference."""
    matched: list[tuple[Source, Source]] = []
    counts = [0, 0]
    for doc_id in documents:
        a, b = _attributed(first, doc_id), _attributed(second, doc_id)
        counts[0] += len(a)
        counts[1] += len(b)
        for i, j in greedy_match(
            a, b, lambda x: (x[1].start, x[1].end), MATCH_THRESHOLD, _overlapping_sentences
        ):
            matched.append((a[i][1], b[j][1]))
    total = sum(counts)
    return SourceAgreement(
        pair=pair,
        sources=counts,
        matched=len(matched),
        precision=len(matched) / counts[1] if counts[1] else None,
        recall=len(matched) / counts[0] if counts[0] else None,
        f1=2 * len(matched) / total if total else None,
        fields={
            f: observed_agreement([(getattr(a, f), getattr(b, f)) for a, b in matched])
            for f in SOURCE_FIELDS
        },
        kappa={
            f: cohen_kappa([(getattr(a, f), getattr(b, f)) for a, b in matched])
            for f in ("kind", "mode")
        },
    )


def compare_copies(copies: list[Corpus], names: list[str]) -> AgreementReport:
    """Agreement of two or more annotators' copies; CopyError when they are not copies of one corpus."""
    if len(copies) < 2:
        raise CopyError("agreement needs at least two copies of the corpus")
    documents, alignment = compared_documents(copies, names)
    by_copy = [sentence_spans(copy, documents) for copy in copies]
    in_every = set.intersection(*(set(spans) for spans in by_copy))
    alignment.sentences = [len(spans) for spans in by_copy]
    alignment.aligned = len(in_every)
    alignment.unaligned = [len(set(spans) - in_every) for spans in by_copy]
    return AgreementReport(
        alignment=alignment,
        layers=[_layer(layer, by_copy) for layer in LAYERS],
        sources=[
            _sources(f"{letter(i)}-{letter(j)}", copies[i], copies[j], documents)
            for i, j in combinations(range(len(copies)), 2)
        ],
    )


def agreement(folders: list[Path]) -> AgreementReport:
    """Read each folder strictly and compare them; CopyError carries the one-line message."""
    if len(folders) < 2:
        raise CopyError("agreement needs at least two copies of the corpus")
    return compare_copies([read_copy(f) for f in folders], [str(f) for f in folders])
