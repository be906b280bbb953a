"""What `convert` needs to know of the existing corpus, gathered shard by shard in bounded memory.

For every document: its split, shard, date and version (to keep splits stable and never replace a newer
version by an older one). For documents with human-annotated sentences only: the whole document and its
sentences, so the merge can carry the annotators' work over.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from claimwire.corpus.layout import ShardFile, iter_shard_files, shard_path
from claimwire.corpus.store import CorpusError, check_no_pending_write, iter_records
from claimwire.records import Document, Sentence

# Canonical auto lines carry this run of bytes; other lines are parsed to find out.
_AUTO = b'"annotation":{"status":"auto"'


@dataclass(frozen=True, slots=True)
class Entry:
    split: str
    shard: str
    date: str
    version: int | None
    text_digest: bytes  # sha256 of the text: the same id and version must mean the same text


@dataclass(slots=True)
class CorpusIndex:
    entries: dict[str, Entry] = field(default_factory=dict)
    annotated: dict[str, tuple[Document, list[Sentence]]] = field(default_factory=dict)
    locations: dict[str, tuple[Path, int]] = field(default_factory=dict)
    files: list[ShardFile] = field(default_factory=list)
    # How each shard file looked when it was read (see `fingerprint`), to detect a change before commit.
    fingerprints: dict[Path, tuple[int, ...]] = field(default_factory=dict)


def fingerprint(path: Path) -> tuple[int, ...]:
    """What changes when a file is saved: inode (a save by rename), size, and modification and change
    times in nanoseconds (the change time cannot be set back by a program)."""
    st = path.stat()
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def check_unchanged(corpus: Path, index: CorpusIndex) -> None:
    """CorpusError when a shard file changed, appeared or vanished since `index_corpus` read it:
    writing the shards rebuilt from the old reading would silently undo that change."""
    now = {f.path for f in iter_shard_files(corpus)}
    for path in sorted(now | set(index.fingerprints)):
        if path not in index.fingerprints:
            problem = "appeared"
        elif path not in now:
            problem = "was removed"
        elif fingerprint(path) != index.fingerprints[path]:
            problem = "was changed"
        else:
            continue
        raise CorpusError(
            path,
            None,
            f"{problem} while convert ran (saved by someone else?); run convert again",
            hint="",
        )


def text_digest(text: str) -> bytes:
    """SHA-256 of a document's text: what 'the same text' means for ids and versions."""
    return hashlib.sha256(text.encode("utf-8")).digest()


def _is_auto(line: bytes) -> bool:
    if _AUTO in line:
        return True
    record = orjson.loads(line)
    return not isinstance(record, dict) or record.get("annotation", {}).get("status") == "auto"


def _human_doc_ids(path: Path) -> set[str]:
    found: set[str] = set()
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                if line.strip() and not _is_auto(line):
                    found.add(orjson.loads(line)["doc_id"])
            except orjson.JSONDecodeError as exc:
                raise CorpusError(path, number, f"not valid JSON: {exc}") from None
            except (KeyError, TypeError, AttributeError) as exc:
                raise CorpusError(path, number, f"malformed sentences record: {exc!r}") from None
    return found


def index_corpus(corpus: Path) -> CorpusIndex:
    """Scan every shard once; raises CorpusError for a record that cannot be read."""
    check_no_pending_write(corpus)
    index = CorpusIndex(files=list(iter_shard_files(corpus)))
    index.fingerprints = {f.path: fingerprint(f.path) for f in index.files}
    for shard in index.files:
        if shard.table != "documents":
            continue
        sentences_path = shard_path(corpus, shard.split, "sentences", shard.shard)
        humans = _human_doc_ids(sentences_path) if sentences_path.is_file() else set()
        for number, record in iter_records(shard.path):
            try:
                doc_id = record["id"]
                index.entries[doc_id] = Entry(
                    shard.split,
                    shard.shard,
                    record["date"],
                    record.get("version"),
                    text_digest(record["text"]),
                )
                if doc_id in humans:
                    index.annotated[doc_id] = (Document.from_dict(record), [])
            except (KeyError, TypeError, ValueError) as exc:
                raise CorpusError(
                    shard.path, number, f"malformed documents record: {exc!r}"
                ) from None
        if humans:
            for number, record in iter_records(sentences_path):
                if record.get("doc_id") in humans:
                    try:
                        sentence = Sentence.from_dict(record)
                    except (KeyError, TypeError, ValueError) as exc:
                        raise CorpusError(
                            sentences_path, number, f"malformed sentence: {exc!r}"
                        ) from None
                    index.annotated[sentence.doc_id][1].append(sentence)
                    index.locations[sentence.id] = (sentences_path, number)
    return index
