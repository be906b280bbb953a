"""The record types of the corpus, defined once and used by every stage.

Field order is the order of the data contract (`../shared/design/contract.md`); `to_dict` keeps it,
so `orjson.dumps(record.to_dict())` is the canonical line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimwire import GUIDELINE_VERSION, TOOL_NAME


@dataclass(slots=True)
class Origin:
    path: str
    format: str
    sha256: str
    encoding: str = "utf-8"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "sha256": self.sha256,
            "encoding": self.encoding,
        }


@dataclass(slots=True)
class Document:
    id: str
    date: str
    language: str
    title: str | None
    text: str
    paragraphs: list[tuple[int, int]]
    origin: Origin
    # Optional metadata (not in contract v1's table; null when the input format has none).
    dateline: str | None = None
    agency: str | None = None
    version: int | None = None
    urgency: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "language": self.language,
            "title": self.title,
            "text": self.text,
            "paragraphs": [[s, e] for s, e in self.paragraphs],
            "origin": self.origin.to_dict(),
            "dateline": self.dateline,
            "agency": self.agency,
            "version": self.version,
            "urgency": self.urgency,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(
            id=d["id"],
            date=d["date"],
            language=d["language"],
            title=d["title"],
            text=d["text"],
            paragraphs=[(p[0], p[1]) for p in d["paragraphs"]],
            origin=Origin(**d["origin"]),
            dateline=d.get("dateline"),
            agency=d.get("agency"),
            version=d.get("version"),
            urgency=d.get("urgency"),
        )

    @property
    def shard(self) -> str:
        """Month of the dispatch, `YYYY-MM`: the file its records are written to."""
        return self.date[:7]


@dataclass(slots=True)
class Source:
    text: str
    start: int
    end: int
    name: str | None
    kind: str
    cue: str | None
    mode: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "kind": self.kind,
            "cue": self.cue,
            "mode": self.mode,
        }


@dataclass(slots=True)
class Annotation:
    status: str = "auto"
    by: str = TOOL_NAME
    guideline: str = GUIDELINE_VERSION
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "by": self.by,
            "guideline": self.guideline,
            "note": self.note,
        }


@dataclass(slots=True)
class Sentence:
    doc_id: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str
    claim_type: str = "none"
    verifiability: str = "not_applicable"
    sources: list[Source] = field(default_factory=list)
    annotation: Annotation = field(default_factory=Annotation)
    # Optional: the pre-annotator's confidence in its labels (0-1), so annotators review the least
    # certain first; absent from records that never had one (written only when set).
    confidence: float | None = None

    @property
    def id(self) -> str:
        return sentence_id(self.doc_id, self.index)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "index": self.index,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "claim_type": self.claim_type,
            "verifiability": self.verifiability,
            "sources": [s.to_dict() for s in self.sources],
            "annotation": self.annotation.to_dict(),
        } | ({} if self.confidence is None else {"confidence": self.confidence})

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        return cls(
            doc_id=d["doc_id"],
            index=d["index"],
            paragraph=d["paragraph"],
            start=d["start"],
            end=d["end"],
            text=d["text"],
            claim_type=d["claim_type"],
            verifiability=d["verifiability"],
            sources=[Source(**s) for s in d["sources"]],
            annotation=Annotation(**d["annotation"]),
            confidence=d.get("confidence"),
        )


def sentence_id(doc_id: str, index: int) -> str:
    """`<doc_id>:<index>` with the index zero-padded to 3 digits (longer documents use more)."""
    return f"{doc_id}:{index:03d}"
