"""Splits recorded by hand: `corpus/splits.json`, for documents that must not follow `assign_split`.

The contract assigns a document's split once, from its id (about 80/10/10). A few documents are
placed deliberately instead, e.g. the held-out gold documents, which belong in `test` whatever their
id hashes to. `splits.json` records those placements (`{"doc_id": "test", ...}`, sorted, one key a
line): `convert` puts a new document listed there in its recorded split, and `validate` accepts a
listed document in that split (and reports `split-mismatch` for one elsewhere). Every other document
keeps the split its id assigns. Written by `tests/gold/build.py`; never changed silently afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import orjson

from claimwire.corpus.layout import SPLITS, assign_split

SPLITS_NAME = "splits.json"


class SplitsFileError(ValueError):
    """`splits.json` is not an object of document id -> split name; `str()` names the problem."""


def read_recorded_splits(corpus: Path) -> dict[str, str]:
    """The recorded splits of `corpus` (empty when it has no `splits.json`)."""
    path = corpus / SPLITS_NAME
    if not path.is_file():
        return {}
    try:
        recorded = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise SplitsFileError(f"{SPLITS_NAME}: not valid JSON ({exc})") from None
    if not isinstance(recorded, dict):
        raise SplitsFileError(f"{SPLITS_NAME}: not a JSON object of document id -> split")
    for doc_id, split in recorded.items():
        if split not in SPLITS:
            raise SplitsFileError(
                f"{SPLITS_NAME}: {doc_id!r} has split {split!r}, not one of {', '.join(SPLITS)}"
            )
    return recorded


def split_for(doc_id: str, recorded: Mapping[str, str]) -> str:
    """The split a document belongs in: the recorded one, else the one its id assigns."""
    return recorded.get(doc_id) or assign_split(doc_id)


def splits_file(recorded: Mapping[str, str]) -> bytes:
    """The canonical bytes of `splits.json`: sorted keys, two-space indent, final newline."""
    return orjson.dumps(dict(recorded), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"
