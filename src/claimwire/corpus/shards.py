"""Rebuilding one shard of the corpus: the records no input touched, kept as they are, merged with the
documents this run converted (waiting in the `Spool`), in the layout's order (date, then id)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from claimwire.corpus.index import CorpusIndex
from claimwire.corpus.layout import shard_path
from claimwire.corpus.spool import Spool
from claimwire.corpus.store import CorpusError


@dataclass(slots=True)
class RebuiltShard:
    """The new bytes of a shard's two files, and what became of each document in it."""

    documents: bytes = b""
    sentences: bytes = b""
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def old_records(
    corpus_dir: Path, split: str, shard: str
) -> tuple[list[bytes], dict[str, list[bytes]]]:
    """Document lines and sentence lines by document of one existing shard (empty when it is new).

    Blank lines are dropped (the canonical form has none). A sentence whose document is not in the
    shard stops the conversion: rebuilding the shard would otherwise lose it.
    """
    documents_path = shard_path(corpus_dir, split, "documents", shard)
    sentences_path = shard_path(corpus_dir, split, "sentences", shard)
    documents = [
        line
        for line in (documents_path.read_bytes() if documents_path.is_file() else b"").splitlines(
            True
        )
        if line.strip()
    ]
    known = {orjson.loads(line)["id"] for line in documents}
    by_doc: dict[str, list[bytes]] = {}
    if sentences_path.is_file():
        for number, line in enumerate(sentences_path.read_bytes().splitlines(True), start=1):
            if not line.strip():
                continue
            doc_id = orjson.loads(line)["doc_id"]
            if doc_id not in known:
                raise CorpusError(
                    sentences_path,
                    number,
                    f"sentence of document {doc_id!r}, which is not in {documents_path.name} of this split",
                )
            by_doc.setdefault(doc_id, []).append(line)
    return documents, by_doc


def rebuild_shard(
    corpus_dir: Path, split: str, shard: str, new_ids: list[str], index: CorpusIndex, spool: Spool
) -> RebuiltShard:
    """Old records not re-converted plus the spooled ones, sorted by date then id."""
    rebuilt = RebuiltShard()
    old_documents, old_sentences = old_records(corpus_dir, split, shard)
    entries: list[
        tuple[tuple[str, str], bytes, bytes]
    ] = []  # ((date, id), document line, sentence lines)
    for line in old_documents:
        record = orjson.loads(line)
        doc_id = record["id"]
        old = line + b"".join(old_sentences.get(doc_id, []))
        if doc_id in spool.entries:
            same = hashlib.sha256(old).digest() == spool.entries[doc_id].digest
            (rebuilt.unchanged if same else rebuilt.updated).append(doc_id)
            continue
        entries.append(((record["date"], doc_id), line, b"".join(old_sentences.get(doc_id, []))))
    for doc_id in new_ids:
        data = spool.read(doc_id)
        cut = data.index(b"\n") + 1
        entries.append(((spool.entries[doc_id].date, doc_id), data[:cut], data[cut:]))
        if doc_id not in index.entries:
            rebuilt.added.append(doc_id)
    entries.sort(key=lambda e: e[0])
    rebuilt.documents = b"".join(e[1] for e in entries)
    rebuilt.sentences = b"".join(e[2] for e in entries)
    return rebuilt
