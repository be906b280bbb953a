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
        lines = [canonical_line({"pipeline": p, "parts": self.pipelines[p]}) for p in used]
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


def _sentence_doc_id(line: bytes) -> str:
    """The `doc_id` of a sentence line: read from its id in a canonical line, else parsed."""
    if line.startswith(b'{"id":"'):
        end = line.find(b'","doc_id":"', 7)
        if end > 0:
            return line[7:end].decode("utf-8").rpartition(":")[0]
    return orjson.loads(line)["doc_id"]


def _shard_digests(corpus: Path, split: str, shard: str) -> dict[str, str]:
    """Digest of each document's lines in one shard; "" for a document out of its place or order."""
    documents_path = shard_path(corpus, split, "documents", shard)
    sentences_path = shard_path(corpus, split, "sentences", shard)
    order: list[str] = []
    parts: dict[str, list[bytes]] = {}
    misplaced: set[str] = set()
    last: tuple[str, str] | None = None
    pending = b""  # blank lines before the first record count with it
    with documents_path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                if order:
                    parts[order[-1]].append(line)
                else:
                    pending += line
                continue
            try:
                record = orjson.loads(line)
                doc_id, date = record["id"], record["date"]
            except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
                raise CorpusError(
                    documents_path, number, f"malformed documents record: {exc!r}"
                ) from None
            if (date, doc_id) <= (last or ("", "")) or date[:7] != shard or doc_id in parts:
                misplaced.add(doc_id)
                if order:
                    misplaced.add(order[-1])
            last = (date, doc_id)
            order.append(doc_id)
            parts[doc_id] = [pending, line]
            pending = b""
    sentences: dict[str, list[bytes]] = {doc_id: [] for doc_id in order}
    current: str | None = None
    finished: set[str] = set()
    if sentences_path.is_file():
        with sentences_path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    if order:
                        sentences[current or order[0]].append(line)
                    continue
                try:
                    doc_id = _sentence_doc_id(line)
                except orjson.JSONDecodeError as exc:
                    raise CorpusError(sentences_path, number, f"not valid JSON: {exc}") from None
                except (KeyError, TypeError, UnicodeDecodeError) as exc:
                    raise CorpusError(
                        sentences_path, number, f"malformed sentence: {exc!r}"
                    ) from None
                if doc_id not in sentences:
                    raise CorpusError(
                        sentences_path,
                        number,
                        f"sentence of document {doc_id!r}, which is not in "
                        f"{documents_path.name} of this split",
                    )
                if doc_id != current:
                    if doc_id in finished:
                        misplaced.add(doc_id)
                    if current is not None:
                        finished.add(current)
                    current = doc_id
                sentences[doc_id].append(line)
    return {
        doc_id: ""
        if doc_id in misplaced
        else lines_digest(b"".join(parts[doc_id]), b"".join(sentences[doc_id]))
        for doc_id in order
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

    def __call__(self, path: Path) -> str | None:
        """The id of the document `path` gave, if it can be skipped; None to convert it."""
        doc_id = None if self.force else self.manifest.by_path.get(origin_path(path, self.root))
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
