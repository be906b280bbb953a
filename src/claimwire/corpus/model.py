"""A corpus's own claim-type model: `model/claim_type.json` beside `data/`, written by `claimwire
train`, read by `claimwire convert` (the shipped model when there is none). It travels with the
dataset repository; `validate` and `load_dataset` look only under `data/` and at the card.
"""

from __future__ import annotations

from pathlib import Path

from claimwire.annotate.classifier import ClaimModel, load_model, read_model
from claimwire.corpus.store import CorpusError
from claimwire.schema import labels

MODEL_FILE = Path("model") / "claim_type.json"


def corpus_model_path(corpus: Path) -> Path:
    return corpus / MODEL_FILE


def corpus_model(corpus: Path) -> ClaimModel:
    """The model that pre-annotates `corpus`: its own if it has one, else the shipped one."""
    path = corpus_model_path(corpus)
    if not path.is_file():
        return load_model()
    try:
        model = read_model(path.read_bytes(), "corpus")
    except (ValueError, KeyError, TypeError) as exc:
        raise CorpusError(path, None, f"not a claim-type model: {exc!r}") from None
    if model.labels != list(labels("claim_type")):
        raise CorpusError(path, None, "its labels are not the claim_type vocabulary of schema/")
    return model
