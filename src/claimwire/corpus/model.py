"""A corpus's own claim-type model: `model/claim_type.json` beside `data/`, written by `claimwire
train`, read by `claimwire convert` (the shipped model when there is none). It travels with the
dataset repository; `validate` and `load_dataset` look only under `data/` and at the card.

The model's identity (`shipped sha256:<12 hex>` or `corpus sha256:<12 hex>`) is what every auto
sentence's annotation note names, and the card counts from those notes. This module imports the
annotator (and spaCy) only when a model is loaded.
"""

from __future__ import annotations

import hashlib
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from claimwire.corpus.store import CorpusError

if TYPE_CHECKING:
    from claimwire.annotate.classifier import ClaimModel

MODEL_FILE = Path("model") / "claim_type.json"
SHIPPED_MODEL = "annotate/models/claim_type.json"


def corpus_model_path(corpus: Path) -> Path:
    return corpus / MODEL_FILE


def model_identity(origin: str, data: bytes) -> str:
    """`shipped sha256:<12 hex>` or `corpus sha256:<12 hex>`: which model, which bytes."""
    return f"{origin} sha256:{hashlib.sha256(data).hexdigest()[:12]}"


def shipped_model_bytes() -> bytes:
    return files("claimwire").joinpath(SHIPPED_MODEL).read_bytes()


def corpus_model(corpus: Path) -> ClaimModel:
    """The model that pre-annotates `corpus`: its own if it has one, else the shipped one."""
    from claimwire.annotate.classifier import load_model, read_model
    from claimwire.schema import labels

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
