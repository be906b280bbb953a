"""Predictions to evaluate: the real pipeline (segmenter + pre-annotator) and a trivial baseline.

Both re-segment the gold documents' text themselves, so the boundary layer is measured too.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from claimwire.corpus.store import Corpus

if TYPE_CHECKING:
    from claimwire.annotate import Annotator


def pipeline_predictions(gold: Corpus, annotator: Annotator) -> Corpus:
    """What `claimwire convert` would write for the gold documents: `auto_sentences` + `Annotator`."""
    from claimwire.segment import auto_sentences

    items = [(document, auto_sentences(document)) for document in gold.documents.values()]
    result = Corpus()
    for (document, _), annotated in zip(items, annotator.annotate_many(items), strict=True):
        result.put(document, gold.splits[document.id], annotated)
    return result


def baseline_predictions(
    gold: Corpus, claim_type: str = "event", verifiability: str = "verifiable"
) -> Corpus:
    """The segmenter's sentences, each labelled `event`/`verifiable`, with no source."""
    from claimwire.segment import auto_sentences

    result = Corpus()
    for document in gold.documents.values():
        sentences = [
            dataclasses.replace(s, claim_type=claim_type, verifiability=verifiability, sources=[])
            for s in auto_sentences(document)
        ]
        result.put(document, gold.splits[document.id], sentences)
    return result
