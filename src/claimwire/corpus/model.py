"""A corpus's own claim-type model: `model/claim_type.json` beside `data/`, written by `claimwire
train`, read by `claimwire convert` (the shipped model when there is none). It travels with the
dataset repository; `validate` and `load_dataset` look only under `data/` and at the card.

The model's identity (`shipped sha256:<12 hex>` or `corpus sha256:<12 hex>`) is what every auto
sentence's annotation note names, the card counts from those notes, and `convert`'s pipeline identity
includes (`claimwire.pipeline_id`), so a changed model re-annotates the auto sentences. Checking the
file and naming the model need no spaCy: a `convert` with nothing to annotate never loads it; the
model itself is loaded by the engine that annotates (`load_claim_model`).
"""

from __future__ import annotations

import hashlib
import math
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from claimwire.corpus.store import CorpusError

if TYPE_CHECKING:
    from claimwire.annotate.classifier import ClaimModel

MODEL_FILE = Path("model") / "claim_type.json"
SHIPPED_MODEL = "annotate/models/claim_type.json"


def pair_labels() -> list[str]:
    """The claim model's labels: every (claim_type, verifiability) pair the label rules allow, as
    `claim_type/verifiability`, so the two layers are learnt together and never break the rules."""
    from claimwire.schema import label_rules

    return [pair_label(c, v) for c, v in label_rules().pairs()]


def pair_label(claim_type: str, verifiability: str) -> str:
    return f"{claim_type}/{verifiability}"


def split_pair(label: str) -> tuple[str, str]:
    claim_type, verifiability = label.split("/", 1)
    return claim_type, verifiability


def corpus_model_path(corpus: Path) -> Path:
    return corpus / MODEL_FILE


def model_identity(origin: str, data: bytes) -> str:
    """`shipped sha256:<12 hex>` or `corpus sha256:<12 hex>`: which model, which bytes."""
    return f"{origin} sha256:{hashlib.sha256(data).hexdigest()[:12]}"


def shipped_model_bytes() -> bytes:
    return files("claimwire").joinpath(SHIPPED_MODEL).read_bytes()


def shipped_identity() -> str:
    return model_identity("shipped", shipped_model_bytes())


def corpus_model_identity(corpus: Path) -> str:
    """The identity of the model that pre-annotates `corpus` (its own, else the shipped one)."""
    path = corpus_model_path(corpus)
    return model_identity("corpus", path.read_bytes()) if path.is_file() else shipped_identity()


def checked_model_file(corpus: Path) -> Path | None:
    """The corpus's model file after checking its form (None when it has none); CorpusError, one
    line naming the file, for a file that is not a claim-type model of this schema's labels."""
    path = corpus_model_path(corpus)
    if not path.is_file():
        return None
    try:
        raw = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise CorpusError(path, None, f"not a claim-type model: not valid JSON ({exc})") from None
    names = pair_labels()
    problem = None
    if not isinstance(raw, dict) or not {"labels", "bias", "weights"} <= raw.keys():
        problem = "not a claim-type model (an object with labels, bias and weights)"
    elif raw["labels"] != names:
        problem = (
            "its labels are not the (claim_type, verifiability) pairs of schema/ "
            "(a model of an earlier claimwire: run claimwire train again)"
        )
    elif raw.get("scope", "default") not in ("default", "all"):
        problem = f"unknown scope {raw.get('scope')!r} (default or all)"
    elif not _number(raw.get("temperature", 1.0)) or raw.get("temperature", 1.0) <= 0:
        problem = "its temperature is not a positive number"
    elif (
        not _numbers(raw["bias"], len(names))
        or not isinstance(raw["weights"], dict)
        or not all(_numbers(row, len(names)) for row in raw["weights"].values())
    ):
        problem = "its bias or weights are not numbers, one per label"
    if problem is not None:
        raise CorpusError(path, None, problem)
    return path


def _numbers(values: object, n: int) -> bool:
    return isinstance(values, list) and len(values) == n and all(_number(v) for v in values)


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def load_claim_model(spec: object) -> ClaimModel:
    """The model an engine annotates with: `True` (the shipped one), a checked model file's path
    (`checked_model_file`), or a model already loaded."""
    from claimwire.annotate.classifier import ClaimModel, load_model, read_model

    if spec is True:
        return load_model()
    if isinstance(spec, Path):
        return read_model(spec.read_bytes(), "corpus")
    assert isinstance(spec, ClaimModel), spec
    return spec
