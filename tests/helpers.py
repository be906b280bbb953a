"""What several test modules share: the CLI as a user runs it, small documents, fixture records.

Test modules import from here, never from each other.
"""

from __future__ import annotations

from pathlib import Path

import orjson
from click.testing import CliRunner

from claimwire.cli import main
from claimwire.records import Document, Origin, Sentence

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def claimwire(*args: str | Path) -> tuple[int, str, str]:
    """`claimwire ARGS...` in this process: exit status, standard output, standard error.

    Exceptions are not caught: a traceback that would reach a user fails the test.
    """
    result = CliRunner().invoke(
        main, [str(a) for a in args], catch_exceptions=False, prog_name="claimwire"
    )
    return result.exit_code, result.stdout, result.stderr


def build(*paragraphs: list[str]) -> tuple[Document, list[Sentence]]:
    """A document whose paragraphs are the given sentences joined by a space."""
    texts = [" ".join(p) for p in paragraphs]
    text = "\n\n".join(texts)
    offsets, pos = [], 0
    for part in texts:
        offsets.append((pos, pos + len(part)))
        pos += len(part) + 2
    document = Document("t", "2026-02-04", "fr", None, text, offsets, Origin("t.txt", "plain", "0"))
    return document, find_sentences(document, [s for p in paragraphs for s in p])


def find_sentences(document: Document, texts: list[str]) -> list[Sentence]:
    """Sentence records for sentence strings found in order in the document text."""
    sentences, cursor = [], 0
    for index, text in enumerate(texts):
        start = document.text.index(text, cursor)
        cursor = start + len(text)
        paragraph = next(i for i, (s, e) in enumerate(document.paragraphs) if s <= start < e)
        sentences.append(Sentence(document.id, index, paragraph, start, cursor, text))
    return sentences


def fixture_records(tables: tuple[str, ...] = ("documents", "sentences")) -> list[tuple[str, dict]]:
    """Every distinct record of the fixtures' `tables`, valid or not, and variants of the valid ones."""
    originals: dict[bytes, tuple[str, dict]] = {}  # the fixtures share most records: once each
    for path in sorted(FIXTURES.rglob("*.jsonl")):
        if path.is_symlink() or path.parent.name not in tables:
            continue
        for raw in path.read_bytes().split(b"\n"):
            try:
                record = orjson.loads(raw)
            except orjson.JSONDecodeError:
                continue
            if isinstance(record, dict):
                originals[path.parent.name.encode() + orjson.dumps(record)] = (
                    path.parent.name,
                    record,
                )
    records = list(originals.values())
    for path in sorted((FIXTURES / "valid" / "several-shards").rglob("*.jsonl")):
        if path.parent.name in tables:
            for raw in path.read_bytes().splitlines():
                records += [(path.parent.name, v) for v in _variants(orjson.loads(raw))]
    return records


WRONG_OR_RIGHT: tuple[object, ...] = (None, "x", " x", "x\n", -1, 0, 1.0, True, [], {}, [[0, 1]])


def _variants(record: dict, depth: int = 0) -> list[dict]:
    """Copies with one field (nested ones too) set to another value, dropped, or moved first."""
    out = []
    for key, current in record.items():
        out += [{**record, key: value} for value in WRONG_OR_RIGHT]
        out.append({k: v for k, v in record.items() if k != key})
        out.append({key: current, **record})
        if depth < 2 and isinstance(current, dict):
            out += [{**record, key: inner} for inner in _variants(current, depth + 1)]
        if depth < 2 and isinstance(current, list) and current and isinstance(current[0], dict):
            out += [{**record, key: [inner]} for inner in _variants(current[0], depth + 1)]
    out.append({**record, "extra": 1})
    return out
