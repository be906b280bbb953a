"""`evaluate(gold, pred)`: every layer's scores in one `EvaluationReport`, as text or JSON.

Documents are matched by id and only those in both, with the same text, are scored (the others are
listed, as `claimwire agree` does). Boundaries use
the segmenter's benchmark scoring (`segmentation.score_boundaries`). Sources are compared sentence by
sentence: each predicted sentence is aligned with the gold sentence it overlaps most, and their sources
are matched by span (`metrics.match_sources`). Label layers are scored on sentences whose spans are
identical in gold and pred.

Three sentence-level figures say what an annotator meets (issue 12): of the gold sentences that report
someone, how many get their speaker (the first gold source) among the predicted sources
(`speaker_found`); of those that report nobody, how many get a source invented (`source_invented`);
of the opinions and predictions, how many are marked `unverifiable` (`unverifiable_recall`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimwire.corpus.store import Corpus
from claimwire.evaluate.gold import TEXTS, texts_of
from claimwire.evaluate.load import EvaluationError
from claimwire.evaluate.metrics import (
    MATCH_THRESHOLD,
    Accuracy,
    LabelScore,
    MatchCounts,
    match_sources,
    same_string,
)
from claimwire.evaluate.segmentation import score_boundaries
from claimwire.records import Sentence
from claimwire.schema import label_rules, labels

SOURCE_FIELDS = ("name", "kind", "cue", "mode")
# Claim types the label rules make unverifiable (`x-label-rules` in schema/labels.json).
UNVERIFIABLE_TYPES = label_rules().implying("unverifiable")


@dataclass(slots=True)
class EvaluationReport:
    """Scores of a prediction against the gold standard, per layer."""

    documents: int = 0
    gold_only: list[str] = field(default_factory=list)
    pred_only: list[str] = field(default_factory=list)
    text_differs: list[str] = field(default_factory=list)
    gold_sentences: int = 0
    pred_sentences: int = 0
    exact_sentences: int = 0
    boundaries: MatchCounts = field(default_factory=MatchCounts)
    sources: MatchCounts = field(default_factory=MatchCounts)
    source_fields: dict[str, Accuracy] = field(
        default_factory=lambda: {name: Accuracy() for name in SOURCE_FIELDS}
    )
    claim_type: LabelScore = field(default_factory=lambda: LabelScore(labels("claim_type")))
    verifiability: LabelScore = field(default_factory=lambda: LabelScore(labels("verifiability")))
    speaker_found: Accuracy = field(default_factory=Accuracy)
    # `correct` counts the sentences that report nobody yet got a source: its `accuracy` is a rate.
    source_invented: Accuracy = field(default_factory=Accuracy)
    unverifiable_recall: Accuracy = field(default_factory=Accuracy)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": {
                "evaluated": self.documents,
                "gold_only": self.gold_only,
                "pred_only": self.pred_only,
                "text_differs": self.text_differs,
            },
            "sentences": {
                "gold": self.gold_sentences,
                "pred": self.pred_sentences,
                "exact_spans": self.exact_sentences,
                "boundaries": self.boundaries.to_dict(),
            },
            "sources": {
                "match": f"span intersection over union >= {MATCH_THRESHOLD}, one-to-one, greedy",
                **self.sources.to_dict(),
                "on_matched": {name: acc.to_dict() for name, acc in self.source_fields.items()},
                "speaker_found": self.speaker_found.to_dict(),
                "source_invented": {
                    "sentences_reporting_nobody": self.source_invented.total,
                    "with_a_predicted_source": self.source_invented.correct,
                    "rate": self.source_invented.accuracy,
                },
            },
            "claim_type": self.claim_type.to_dict(),
            "verifiability": self.verifiability.to_dict(),
            "opinion_prediction_unverifiable": self.unverifiable_recall.to_dict(),
        }

    def headline(self) -> dict[str, float | None]:
        """One figure per layer, for floors and summaries; None where nothing could be measured."""
        return {
            "boundary_f1": self.boundaries.f1,
            "source_f1": self.sources.f1,
            **{f"source_{name}_accuracy": acc.accuracy for name, acc in self.source_fields.items()},
            "speaker_found": self.speaker_found.accuracy,
            "source_invented": self.source_invented.accuracy,
            "claim_type_accuracy": self.claim_type.accuracy,
            "claim_type_macro_f1": self.claim_type.macro_f1,
            "verifiability_accuracy": self.verifiability.accuracy,
            "verifiability_macro_f1": self.verifiability.macro_f1,
            "opinion_prediction_unverifiable": self.unverifiable_recall.accuracy,
        }


def evaluate(gold: Corpus, pred: Corpus) -> EvaluationReport:
    """Compare `pred` with `gold` on the documents both contain with the same text; EvaluationError if
    there are none."""
    both = [doc_id for doc_id in gold.documents if doc_id in pred.sentences]
    differs = [
        doc_id
        for doc_id in both
        if doc_id in pred.documents and pred.documents[doc_id].text != gold.documents[doc_id].text
    ]
    common = [doc_id for doc_id in both if doc_id not in set(differs)]
    if not common:
        raise EvaluationError(
            f"no document in common between gold ({len(gold.documents)} documents) and pred "
            f"({len(pred.sentences)} documents with sentences, {len(differs)} with another text)"
        )
    report = EvaluationReport(
        documents=len(common),
        gold_only=sorted(set(gold.documents) - set(both)),
        pred_only=sorted(set(pred.sentences) - set(gold.documents)),
        text_differs=sorted(differs),
    )
    for doc_id in common:
        text = gold.documents[doc_id].text
        gold_sentences, pred_sentences = gold.sentences.get(doc_id, []), pred.sentences[doc_id]
        for sentence in pred_sentences:
            if text[sentence.start : sentence.end] != sentence.text:
                raise EvaluationError(
                    f"sentence {sentence.id}: text does not match the gold document at "
                    f"{sentence.start}-{sentence.end}"
                )
        _score_document(text, gold_sentences, pred_sentences, report)
    return report


def evaluate_by_texts(gold: Corpus, pred: Corpus) -> dict[str, EvaluationReport]:
    """`evaluate` on the gold's real published text, on its text written for the gold, and on all of
    it, in that order; a kind of text the gold does not hold (or pred does not share) is left out."""
    reports = {}
    for texts in TEXTS:
        subset = texts_of(gold, texts)
        if any(doc_id in pred.sentences for doc_id in subset.documents):
            try:
                reports[texts] = evaluate(subset, pred)
            except EvaluationError:  # every shared document has another text: said in "all"
                continue
    reports["all"] = evaluate(gold, pred)
    return reports


def _score_document(
    text: str, gold: list[Sentence], pred: list[Sentence], report: EvaluationReport
) -> None:
    report.gold_sentences += len(gold)
    report.pred_sentences += len(pred)
    boundary = score_boundaries(
        text, [(s.start, s.end) for s in gold], [(s.start, s.end) for s in pred]
    )
    report.boundaries.add(
        boundary.true_positives,
        boundary.true_positives + boundary.false_positives,
        boundary.true_positives + boundary.false_negatives,
    )
    by_span = {(s.start, s.end): s for s in gold}
    for sentence in pred:
        twin = by_span.get((sentence.start, sentence.end))
        if twin is not None:
            report.exact_sentences += 1
            report.claim_type.add(twin.claim_type, sentence.claim_type)
            report.verifiability.add(twin.verifiability, sentence.verifiability)
            if twin.claim_type in UNVERIFIABLE_TYPES:
                report.unverifiable_recall.add(sentence.verifiability == "unverifiable")
    _score_sources(gold, pred, report)


def _score_sources(gold: list[Sentence], pred: list[Sentence], report: EvaluationReport) -> None:
    """Sources of each gold sentence against those of the predicted sentences aligned with it."""
    aligned: dict[int, list] = {i: [] for i in range(len(gold))}
    unaligned = 0
    for sentence in pred:
        best, best_overlap = None, 0
        for i, candidate in enumerate(gold):
            overlap = min(sentence.end, candidate.end) - max(sentence.start, candidate.start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is None:
            unaligned += len(sentence.sources)
        else:
            aligned[best].extend(sentence.sources)
    report.sources.add(0, unaligned, 0)
    for i, sentence in enumerate(gold):
        pairs = match_sources(sentence.sources, aligned[i])
        report.sources.add(len(pairs), len(aligned[i]), len(sentence.sources))
        if sentence.sources:
            report.speaker_found.add(any(g is sentence.sources[0] for g, _ in pairs))
        else:
            report.source_invented.add(bool(aligned[i]))
        for g, p in pairs:
            report.source_fields["name"].add(same_string(g.name, p.name))
            report.source_fields["kind"].add(g.kind == p.kind)
            report.source_fields["cue"].add(same_string(g.cue, p.cue))
            report.source_fields["mode"].add(g.mode == p.mode)
