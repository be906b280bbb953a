"""`corpus/manifest.jsonl`: what each document was converted from and by which pipeline.

`convert` skips an input whose bytes, reader and pipeline are those recorded for its document and
whose records are still, byte for byte, the ones it wrote: converting it again would give the same
lines (`Skipper`). Anything else (a new or changed input, another pipeline, a line a person edited, a
blank line typed between records) converts the document again, so an incremental run writes exactly
what a full run (`--force`) writes. The file is canonical JSON Lines, sorted, without timestamps:
first one line per pipeline (`pipeline`, `parts`: the versions and digests it is made of, see
`claimwire.pipeline_id`), then one line per document (`id`, `path`, `sha256` and `format` of its
input, `pipeline`, and `lines`: the SHA-256 of its document line and sentence lines as written).
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import asdict, dataclass, field
from pathlib import Path

import orjson

from claimwire.corpus.layout import canonical_line, iter_shard_files, shard_path
from claimwire.corpus.store import CorpusError
from claimwire.ingest import origin_path
from claimwire.records import Document

MANIFEST_NAME = "manifest.jsonl"


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One document: where it came from, the pipeline that converted it, the digest of its lines."""

    id: str
    path: str
    sha256: str
    format: str
    pipeline: str
    lines: str


@dataclass(slots=True)
class Manifest:
    pipelines: dict[str, dict[str, str]] = field(default_factory=dict)
    entries: dict[str, ManifestEntry] = field(default_factory=dict)  # by document id
    by_path: dict[str, str] = field(default_factory=dict)  # input path -> document id

    def put(self, entry: ManifestEntry, parts: dict[str, str]) -> None:
        """Record a document converted now; an older record of its id or of its input goes."""
        old = self.entries.get(entry.id)
        if old is not None and self.by_path.get(old.path) == entry.id:
            del self.by_path[old.path]
        other = self.by_path.get(entry.path)
        if other is not None and other != entry.id:
            del self.entries[other]
        self.entries[entry.id] = entry
        self.by_path[entry.path] = entry.id
        self.pipelines[entry.pipeline] = parts

    def render(self) -> bytes:
        """The canonical bytes of the manifest: the pipelines in use, then the documents, by id."""
        used = sorted({e.pipeline for e in self.entries.values()})
        lines = [canonical_line({"pipeline": p, "parts": self.pipelines.get(p, {})}) for p in used]
        lines += [canonical_line(asdict(self.entries[i])) for i in sorted(self.entries)]
        return b"".join(lines)


def read_manifest(corpus: Path) -> Manifest:
    """The corpus's manifest; an empty one when there is none (everything is then converted)."""
    manifest = Manifest()
    path = corpus / MANIFEST_NAME
    if not path.is_file():
        return manifest
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                record = orjson.loads(line)
                if "parts" in record:
                    manifest.pipelines[record["pipeline"]] = record["parts"]
                    continue
                entry = ManifestEntry(**record)
            except (orjson.JSONDecodeError, TypeError, KeyError) as exc:
                raise CorpusError(
                    path, number, f"malformed manifest line ({exc}); delete the file to convert all"
                ) from None
            manifest.entries[entry.id] = entry
            manifest.by_path[entry.path] = entry.id
    return manifest


def _document_lines(path: Path, shard: str) -> tuple[list[str], list[bytes], set[str]]:
    """Ids and lines of a documents file (a blank line counts with the record before it), and the
    ids of documents out of their shard or their order, which a full run would move."""
    order: list[str] = []
    lines: list[bytes] = []
    misplaced: set[str] = set()
    last = ("", "")
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                if lines:
                    lines[-1] += line
                else:
                    misplaced.add("")  # the first document takes it
                continue
            try:
                record = orjson.loads(line)
                doc_id, date = record["id"], record["date"]
            except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
                raise CorpusError(path, number, f"malformed documents record: {exc!r}") from None
            if (date, doc_id) <= last or date[:7] != shard or doc_id in order[-1:]:
                misplaced.update((doc_id, *order[-1:]))
            last = (date, doc_id)
            order.append(doc_id)
            lines.append(line)
    if "" in misplaced and order:
        misplaced.add(order[0])
    return order, lines, misplaced


def _sentence_blocks(path: Path, order: list[str]) -> list[bytes]:
    """The bytes of a sentences file cut where each document's first sentence starts (found by its
    canonical id); whatever lies between belongs to the block before. A line of another document, a
    blank line or a line out of order then changes a block's digest, and that document is converted."""
    data = path.read_bytes() if path.is_file() else b""
    starts: list[int] = []
    cursor = 0
    for doc_id in order:
        found = data.find(b'{"id":"' + doc_id.encode() + b':000"', cursor)
        while found > 0 and data[found - 1] != 0x0A:
            found = data.find(b'{"id":"' + doc_id.encode() + b':000"', found + 1)
        cursor = found if found >= 0 else cursor
        starts.append(cursor)
    if starts:
        starts[0] = 0
    bounds = [*starts, len(data)]
    return [data[a:b] for a, b in itertools.pairwise(bounds)]


def _shard_digests(corpus: Path, split: str, shard: str) -> dict[str, str]:
    """Digest of each document's lines in one shard; "" for a document out of its place or order."""
    documents_path = shard_path(corpus, split, "documents", shard)
    order, lines, misplaced = _document_lines(documents_path, shard)
    blocks = _sentence_blocks(shard_path(corpus, split, "sentences", shard), order)
    return {
        doc_id: "" if doc_id in misplaced else lines_digest(line, block)
        for doc_id, line, block in zip(order, lines, blocks, strict=True)
    }


def lines_digest(document_line: bytes, sentence_lines: bytes) -> str:
    """The digest recorded in `lines`: of a document's line and its sentences' lines, as written."""
    return hashlib.sha256(document_line + sentence_lines).hexdigest()


def document_digests(corpus: Path) -> dict[str, str]:
    """`lines_digest` of every document of the corpus as its files hold it now, shard by shard."""
    digests: dict[str, str] = {}
    for shard in iter_shard_files(corpus):
        if shard.table == "documents":
            for doc_id, digest in _shard_digests(corpus, shard.split, shard.shard).items():
                digests[doc_id] = "" if doc_id in digests else digest
    return digests


class Skipper:
    """Decides, input by input, whether converting it again would change nothing."""

    def __init__(
        self, corpus: Path, root: Path, pipeline: str, format: str | None, force: bool
    ) -> None:
        self.corpus, self.root, self.pipeline, self.format = corpus, root, pipeline, format
        self.force = force
        self.manifest = read_manifest(corpus)
        self._digests: dict[str, str] | None = None
        self._folders: dict[Path, str] = {}

    def _origin_path(self, path: Path) -> str:
        """`origin_path(path, root)`, resolving each folder once rather than every file's path."""
        if path.is_symlink():
            return origin_path(path, self.root)
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = origin_path(path.parent, self.root)
        return path.name if folder == "." else f"{folder}/{path.name}"

    def __call__(self, path: Path) -> str | None:
        """The id of the document `path` gave, if it can be skipped; None to convert it."""
        doc_id = None if self.force else self.manifest.by_path.get(self._origin_path(path))
        if doc_id is None:
            return None
        entry = self.manifest.entries[doc_id]
        if entry.pipeline != self.pipeline or self.format not in (None, entry.format):
            return None
        try:
            raw = path.read_bytes()
        except OSError:
            return None  # reading it again reports the error
        if hashlib.sha256(raw).hexdigest() != entry.sha256:
            return None
        if self._digests is None:
            self._digests = document_digests(self.corpus)
        return doc_id if self._digests.get(doc_id) == entry.lines else None

    def record(self, document: Document, digest: bytes, parts: dict[str, str]) -> None:
        """Note a document converted in this run, with the digest of the lines it was written as."""
        origin = document.origin
        entry = ManifestEntry(
            document.id, origin.path, origin.sha256, origin.format, self.pipeline, digest.hex()
        )
        self.manifest.put(entry, parts)
