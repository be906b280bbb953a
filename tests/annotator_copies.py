"""Annotators' copies of a small corpus, made by editing records the way a person does in the JSONL.

The base corpus (`tests/fixtures/annotators/base/`) is the seed dispatch and a short second one, segmented
by claimwire and labelled by hand (see `tests/fixtures/annotators/build.py`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from claimwire.corpus.layout import canonical_line

BASE = Path(__file__).resolve().parent / "fixtures" / "annotators" / "base"
SEED_ID = "000_893c4ca9cc588f19"
SECOND_ID = "oman-suite-0303"


def copy_base(target: Path) -> Path:
    shutil.copytree(BASE, target)
    return target


def sentence_files(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("data/*/sentences/*.jsonl"))


def read_records(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def write_records(path: Path, records: list[dict[str, Any]]) -> None:
    path.write_bytes(b"".join(canonical_line(r) for r in records))


def edit_document(
    corpus: Path, doc_id: str, change: Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
) -> None:
    """Replace a document's sentence records by `change(records)`, renumbering ids and indexes."""
    for path in sentence_files(corpus):
        records = read_records(path)
        mine = [r for r in records if r["doc_id"] == doc_id]
        if not mine:
            continue
        changed = change(mine)
        for index, record in enumerate(changed):
            record["index"], record["id"] = index, f"{doc_id}:{index:03d}"
        write_records(path, [r for r in records if r["doc_id"] != doc_id] + changed)
        return
    raise KeyError(doc_id)


def corrected(record: dict[str, Any], annotator: str, note: str = "") -> dict[str, Any]:
    record["annotation"] = {
        "status": "corrected",
        "by": annotator,
        "guideline": "1.0",
        "note": note,
    }
    return record


def relabel(corpus: Path, annotator: str, changes: dict[str, dict[str, Any]]) -> None:
    """Set fields of sentences by id (`{"<doc>:003": {"claim_type": "event"}}`), marked corrected."""
    by_doc: dict[str, dict[int, dict[str, Any]]] = {}
    for sentence_id, fields in changes.items():
        doc_id, index = sentence_id.rsplit(":", 1)
        by_doc.setdefault(doc_id, {})[int(index)] = fields
    for doc_id, edits in by_doc.items():

        def change(records: list[dict[str, Any]], edits: dict = edits) -> list[dict[str, Any]]:
            for index, fields in edits.items():
                records[index].update(fields)
                corrected(records[index], annotator)
            return records

        edit_document(corpus, doc_id, change)


def edit_source(corpus: Path, annotator: str, sentence_id: str, number: int, **fields: Any) -> None:
    """Change fields of one source of a sentence (or remove it, with `remove=True`)."""
    doc_id, index = sentence_id.rsplit(":", 1)

    def change(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        record = records[int(index)]
        if fields.pop("remove", False):
            del record["sources"][number]
        else:
            record["sources"][number].update(fields)
        corrected(record, annotator)
        return records

    edit_document(corpus, doc_id, change)


def split_sentence(corpus: Path, annotator: str, sentence_id: str, after: str) -> None:
    """Split a sentence in two after the text `after`, as an annotator correcting segmentation does."""
    doc_id, index = sentence_id.rsplit(":", 1)

    def change(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        target = records[int(index)]
        cut = target["text"].index(after) + len(after)
        rest = target["text"][cut:].lstrip()
        first = dict(target, end=target["start"] + cut, text=target["text"][:cut])
        second = dict(target, start=target["end"] - len(rest), text=rest, sources=[])
        first["sources"] = list(target["sources"])
        pieces = [corrected(first, annotator), corrected(second, annotator)]
        return [*records[: int(index)], *pieces, *records[int(index) + 1 :]]

    edit_document(corpus, doc_id, change)
