"""Who wrote the texts and who wrote the labels: what the card, its licenses and the changelog say.

Texts come from a few sources (`data/card/text_sources.json`), told apart by their document id:
real regional news from a treebank, dispatches written for the gold standard, agency dispatches.
Labels are written by the tool (`auto`, `by` = `claimwire <version>`) or by annotators (`corrected`,
`adjudicated`, `by` = the annotator's id). `FileFacts` gathers these per data file straight from its
canonical bytes (id prefixes counted, one regular expression for the annotation, no JSON parsing), so
`validate` can render the card without a second full reading of the data, and records each file's
size and sha256 for Croissant.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import orjson

HUMAN_STATUSES = ("corrected", "adjudicated")
# Hub `annotations_creators` for each annotation status.
CREATORS = {
    "auto": "machine-generated",
    "corrected": "expert-generated",
    "adjudicated": "expert-generated",
}

_ANNOTATION = re.compile(rb'"annotation":\{"status":"([a-z]+)","by":"((?:[^"\\]|\\.)*)"')
# The same when no `by` holds an escape (nearly always): twice as fast; checked by its count.
_PLAIN_ANNOTATION = re.compile(rb'"annotation":\{"status":"([a-z]+)","by":"([^"\\]*)"')
# The claim-type model an auto sentence names in its note (`claimwire convert` writes it).
_AUTO_MODEL = re.compile(
    rb'"annotation":\{"status":"auto","by":"[^"\\]*","guideline":"[^"\\]*",'
    rb'"note":"claim-type model: ([^"\\]*)"'
)


@dataclass(frozen=True, slots=True)
class TextSource:
    key: str
    id_prefix: str
    name: str
    real: bool
    description: str
    text_license: str
    annotation_license: str
    license_note: str
    language_creators: str
    source_dataset: str


@cache
def text_sources() -> tuple[TextSource, ...]:
    """The text sources; no prefix starts another, and the last one (empty) takes every other id."""
    data = resources.files("claimwire").joinpath("data/card/text_sources.json").read_bytes()
    sources = tuple(TextSource(**entry) for entry in json.loads(data))
    prefixes = [s.id_prefix for s in sources]
    if prefixes[-1] or any(a.startswith(b) for a in prefixes[:-1] for b in prefixes[:-1] if a != b):
        raise ValueError(
            "text_sources.json: prefixes must not nest, and the last one must be empty"
        )
    return sources


def text_source(doc_id: str) -> TextSource:
    return next(s for s in text_sources() if doc_id.startswith(s.id_prefix))


def _records_by_source(data: bytes, lines: int) -> Counter[str]:
    """Records of a canonical JSONL file per text source, told by the prefix of their id (the
    sentence id starts with its document's): counted with `bytes.count`, without reading lines."""
    counts: Counter[str] = Counter()
    rest = lines
    for source in text_sources():
        if not source.id_prefix:
            counts[source.key] += rest
            break
        head = b'{"id":"' + source.id_prefix.encode()
        n = data.count(b"\n" + head) + data.startswith(head)
        counts[source.key] += n
        rest -= n
    return +counts


def _string(raw: bytes) -> str:
    """A JSON string's content as written in a canonical line (escapes are rare: parse those).
    Damaged bytes (a file `validate` is reporting) never raise: they are replaced."""
    try:
        return raw.decode("utf-8") if b"\\" not in raw else orjson.loads(b'"' + raw + b'"')
    except (UnicodeDecodeError, orjson.JSONDecodeError):
        return raw.decode("utf-8", "replace")


@dataclass(slots=True)
class FileFacts:
    """Per-file size and sha256, and counts by text source and by annotator, over the data files."""

    files: dict[str, tuple[int, str]] = field(default_factory=dict)  # data/... -> (bytes, sha256)
    documents: Counter[tuple[str, str]] = field(default_factory=Counter)  # (split, source key)
    sentences: Counter[tuple[str, str]] = field(default_factory=Counter)  # (split, source key)
    annotators: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # split, status, by
    models: Counter[str] = field(default_factory=Counter)  # claim-type model of auto sentences

    def add(self, split: str, table: str, shard: str, data: bytes) -> None:
        rel = f"data/{split}/{table}/{shard}.jsonl"
        self.files[rel] = (len(data), hashlib.sha256(data).hexdigest())
        counts = self.documents if table == "documents" else self.sentences
        lines = data.count(b"\n")
        for key, n in _records_by_source(data, lines).items():
            counts[(split, key)] += n
        if table == "sentences":
            found = _PLAIN_ANNOTATION.findall(data)
            if len(found) != lines:
                found = _ANNOTATION.findall(data)
            for (status, by), n in Counter(found).items():
                self.annotators[(split, status.decode(), _string(by))] += n
            if b'"status":"auto"' in data:
                self.models.update(m.decode() for m in _AUTO_MODEL.findall(data))

    def merge(self, other: FileFacts) -> None:
        """Add the facts another pass gathered (a worker of `validate --jobs`)."""
        self.files.update(other.files)
        self.documents.update(other.documents)
        self.sentences.update(other.sentences)
        self.annotators.update(other.annotators)
        self.models.update(other.models)

    def human(self, split: str | None = None) -> int:
        """Sentences labelled by annotators (in one split, or in all)."""
        return sum(
            n
            for (s, status, _), n in self.annotators.items()
            if status in HUMAN_STATUSES and split in (None, s)
        )

    def sources_present(self) -> list[TextSource]:
        keys = {key for _, key in self.documents}
        return [s for s in text_sources() if s.key in keys]

    def creators(self) -> list[str]:
        """Hub `annotations_creators`, derived from the statuses present."""
        return sorted({CREATORS[status] for _, status, _ in self.annotators})

    def by_annotator(self) -> list[tuple[str, str, int]]:
        """(by, status, sentences) of every annotator and tool version, most sentences first."""
        counts: Counter[tuple[str, str]] = Counter()
        for (_, status, by), n in self.annotators.items():
            counts[(by, status)] += n
        return sorted(
            ((by, st, n) for (by, st), n in counts.items()), key=lambda r: (-r[2], r[0], r[1])
        )
