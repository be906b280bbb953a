"""Scoring an annotated corpus against a gold standard, layer by layer (`claimwire evaluate`).

`evaluate(gold, pred)` compares two corpora document by document: sentence boundaries, sources (matched
by mention span overlap), claim_type and verifiability. See `metrics` for the definitions.
"""

from claimwire.evaluate.load import EvaluationError, load_annotations
from claimwire.evaluate.metrics import (
    MATCH_THRESHOLD,
    Accuracy,
    LabelScore,
    MatchCounts,
    span_overlap,
)
from claimwire.evaluate.report import EvaluationReport, evaluate, evaluate_by_texts

__all__ = [
    "MATCH_THRESHOLD",
    "Accuracy",
    "EvaluationError",
    "EvaluationReport",
    "LabelScore",
    "MatchCounts",
    "evaluate",
    "evaluate_by_texts",
    "load_annotations",
    "span_overlap",
]
