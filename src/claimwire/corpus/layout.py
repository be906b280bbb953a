"""Where records live: `corpus/data/<split>/<table>/<shard>.jsonl`, and the canonical form of a line.

Splits are assigned once from the document id (about 80/10/10) and kept afterwards; shards are the
month of the dispatch date.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

SPLITS = ("train", "validation", "test")
TABLES = ("documents", "sentences")
SHARD_PATTERN = re.compile(r"^\d{4}-\d{2}$")
CARD_NAME = "README.md"


@dataclass(frozen=True, slots=True)
class ShardFile:
    """One JSONL file of the corpus, with what its place in the layout says about it."""

    split: str
    table: str
    shard: str
    path: Path


def shard_path(corpus: Path, split: str, table: str, shard: str) -> Path:
    return corpus / "data" / split / table / f"{shard}.jsonl"


def shard_of(corpus: Path, path: Path) -> ShardFile:
    """The layout's reading of a data file's path (`data/<split>/<table>/<shard>.jsonl`)."""
    split, table, name = path.relative_to(corpus / "data").parts
    return ShardFile(split, table, name.removesuffix(".jsonl"), path)


def iter_shard_files(corpus: Path) -> Iterator[ShardFile]:
    """Every `data/<split>/<table>/<shard>.jsonl` present, in split, table, shard order."""
    for split in SPLITS:
        for table in TABLES:
            folder = corpus / "data" / split / table
            if folder.is_dir():
                for path in sorted(folder.glob("*.jsonl")):
                    yield ShardFile(split, table, path.stem, path)


def assign_split(doc_id: str) -> str:
    """Deterministic split from the document id: 80 % train, 10 % validation, 10 % test."""
    bucket = int.from_bytes(hashlib.sha256(doc_id.encode("utf-8")).digest()[:8], "big") % 10
    return "train" if bucket < 8 else ("validation" if bucket == 8 else "test")


def canonical_line(record: dict[str, Any]) -> bytes:
    """The one accepted byte form of a record: compact orjson, non-ASCII as is, newline-terminated."""
    return orjson.dumps(record) + b"\n"
