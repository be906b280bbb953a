"""What the corpus holds, counted in one streaming pass over its data files: documents and sentences
per split, labels per layer, sources, shards, the confidence of auto sentences, and the files' facts
(sizes, digests, text sources, annotators). The card reports these counts; validate gathers them
while it checks, convert while it writes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from claimwire.corpus.layout import iter_shard_files, shard_of
from claimwire.provenance import FileFacts

LAYERS = ("claim_type", "verifiability", "source_kind", "source_mode", "annotation_status")


@dataclass(slots=True)
class CorpusStats:
    """Counts the card reports, gathered in one streaming pass over the data files."""

    documents: Counter[str] = field(default_factory=Counter)
    sentences: Counter[str] = field(default_factory=Counter)
    sources: int = 0
    labels: dict[str, Counter[str]] = field(default_factory=lambda: {k: Counter() for k in LAYERS})
    shards: set[str] = field(default_factory=set)
    # Pre-annotation confidence of auto sentences, by value (three decimals: at most 1001 keys).
    confidence: Counter[float] = field(default_factory=Counter)
    # Sizes and digests of the files, text sources and annotators (`add_file`, or `read_facts`).
    facts: FileFacts = field(default_factory=FileFacts)

    def add_sentence(self, split: str, record: dict) -> None:
        self.sentences[split] += 1
        if record.get("confidence") is not None and record["annotation"]["status"] == "auto":
            self.confidence[record["confidence"]] += 1
        self.labels["claim_type"][record["claim_type"]] += 1
        self.labels["verifiability"][record["verifiability"]] += 1
        self.labels["annotation_status"][record["annotation"]["status"]] += 1
        for source in record["sources"]:
            self.sources += 1
            self.labels["source_kind"][source["kind"]] += 1
            self.labels["source_mode"][source["mode"]] += 1

    def below(self, threshold: float) -> int:
        """Auto sentences whose confidence is below `threshold`: the ones to review first."""
        return sum(n for value, n in self.confidence.items() if value < threshold)

    def add_counts(
        self,
        split: str,
        table: str,
        shard: str,
        records: int,
        labels: dict[str, Mapping[str, int]] | None = None,
        sources: int = 0,
        confidence: Mapping[float, int] | None = None,
    ) -> None:
        """Counts of one shard file taken by a pass that already read it (`claimwire validate`)."""
        self.shards.add(shard)
        (self.documents if table == "documents" else self.sentences)[split] += records
        for layer, counts in (labels or {}).items():
            self.labels[layer].update(counts)
        self.sources += sources
        self.confidence.update(confidence or {})

    def add_file(self, split: str, table: str, shard: str, data: bytes) -> None:
        """Count the records of one shard file's content."""
        self.shards.add(shard)
        self.facts.add(split, table, shard, data)
        for line in data.splitlines():
            if table == "documents":
                self.documents[split] += 1
            else:
                self.add_sentence(split, orjson.loads(line))


def corpus_stats(corpus: Path, files: dict[Path, bytes] | None = None) -> CorpusStats:
    """Counts over the data files on disk, or over `files` (path -> bytes) about to be written."""
    stats = CorpusStats()
    if files is None:
        files = {shard.path: shard.path.read_bytes() for shard in iter_shard_files(corpus)}
    for path, data in sorted(files.items()):
        shard = shard_of(corpus, path)
        stats.add_file(shard.split, shard.table, shard.shard, data)
    return stats


def read_facts(corpus: Path) -> FileFacts:
    """The facts of the data files on disk, for counts gathered without them (`claimwire validate`)."""
    facts = FileFacts()
    for shard in iter_shard_files(corpus):
        facts.add(shard.split, shard.table, shard.shard, shard.path.read_bytes())
    return facts
