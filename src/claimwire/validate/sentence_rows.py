"""A shard's sentences as compact columns, taken record by record as the file is parsed.

Each record is looked at once, right after parsing, while it is in the CPU cache: the compiled
schema validator (L2) gives its fields, its text and its sources' texts are compared with its
document (`document.startswith(text, start)` with `len(text) == end - start`, which is
`document[start:end] == text` without copying the slice), and what the table pass needs is kept as
machine integers: offsets, the document's position, label codes. Nothing else of the record is
kept, so its memory is reused for the next one: keeping texts and sources for a later pass cost
more than comparing them at once. `frames` turns the columns into the frames `tables` checks.

An integer beyond int64 (valid JSON, but no offset) does not fit such a column: the shard is then
read again into rows of Python objects (`tables.sentence_frame`), whose checks report its type.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd

from claimwire.validate.models import DOC_LENGTH, LINE, child_models, table_model
from claimwire.validate.record_checks import DocumentEntry
from claimwire.validate.schema_checks import fast_rows
from claimwire.validate.tables import ROW_FIELDS, label_codes, label_column

# What each sentence adds to `ShardSentences.ints`, and each source to `source_ints`.
INTS: tuple[str, ...] = ("line", "position", "index", "paragraph", "start", "end")
INTS += ("claim_type", "verifiability", "annotation.status", "sources")  # codes, then a count
SOURCE_INTS = ("start", "end", "kind", "mode")
SOURCE = itemgetter("text", "start", "end", "kind", "mode")


def _vocabulary(column: str, frame: str = "sentences") -> str:
    """The vocabulary of a label column of the models (`sentences` or `sources`)."""
    model = table_model("sentences") if frame == "sentences" else child_models("sentences")[frame]
    return str(model.columns[column].description)


def _codes(column: str, frame: str = "sentences") -> dict[str, int]:
    return label_codes(_vocabulary(column, frame))


class ShardSentences:
    """The schema-valid sentences of one shard, against the shard's documents (`docs`, in file
    order); `take(line, record)` is called for every record, and says if it passed L2."""

    def __init__(self, docs: dict[str, DocumentEntry]) -> None:
        self.docs = docs
        # Flat lists of what each sentence (source) adds, `INTS` (`SOURCE_INTS`): one append of a
        # few numbers to a list costs far less than one per column, and each list becomes a numpy
        # array in one call in `frames`.
        self.ints: list[int] = []
        self.source_ints: list[int] = []
        self.objects: list[Any] = []  # id and confidence (None if absent) of each sentence
        self.others: dict[str, int] = {}  # doc_id of sentences without a document -> position
        self.broken: list[int] = []  # lines whose texts differ from the document's at their offsets
        self.take = self._taker()

    def _taker(self) -> Callable[[int, dict[str, Any]], bool]:
        """The per-record function, with everything it uses bound to local names (the cheapest
        lookups Python has: this runs once per sentence). It holds no reference to `self`, which
        would make a cycle that only the (disabled) cyclic collector could free."""
        fast = fast_rows("sentences", ROW_FIELDS)
        document, others, n_docs = self.docs.get, self.others, len(self.docs)
        add_ints, add_source_ints = self.ints.extend, self.source_ints.extend
        add_objects, broken = self.objects.extend, self.broken.append
        claim_code, verif_code = _codes("claim_type"), _codes("verifiability")
        status_code, source = _codes("annotation.status"), SOURCE
        kind_code, mode_code = _codes("kind", "sources"), _codes("mode", "sources")

        def take(line: int, record: dict[str, Any]) -> bool:
            row = fast(record)
            if row is None:
                return False
            rid, doc_id, index, paragraph, start, end, claim, verif, status, conf, text, found = row
            doc = document(doc_id)
            if doc is None:
                position, context = others.setdefault(doc_id, n_docs + len(others)), ""
            else:  # a document that failed L2 has no text: no (non-empty) text is found in ""
                position, context = doc.position, doc.text or ""
            holds = end - start == len(text) and context.startswith(text, start)
            add_ints(
                (
                    line,
                    position,
                    index,
                    paragraph,
                    start,
                    end,
                    claim_code[claim],
                    verif_code[verif],
                    status_code[status],
                    len(found),
                )
            )
            add_objects((rid, conf))
            if found:
                for s_text, s_start, s_end, kind, mode in map(source, found):
                    add_source_ints((s_start, s_end, kind_code[kind], mode_code[mode]))
                    if holds:
                        holds = s_end - s_start == len(s_text) and context.startswith(
                            s_text, s_start
                        )
            if not holds:
                broken(line)
            return True

        return take

    @property
    def ids(self) -> list[str]:
        return self.objects[::2]

    @property
    def spans_hold(self) -> bool:
        """Every text is its document's text at its offsets."""
        return not self.broken

    def positions(self) -> np.ndarray:
        """The position of each sentence's document (beyond the shard's documents: none)."""
        return _ints(self.ints[INTS.index("position") :: len(INTS)])

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame] | None:
        """The sentence frame (indexed by line) and the source frame, as `tables.sentence_frame`
        builds them from rows of the same records; None if an integer does not fit in int64."""
        try:
            ints = _ints(self.ints).reshape(-1, len(INTS))
            source_ints = _ints(self.source_ints).reshape(-1, len(SOURCE_INTS))
        except OverflowError:
            return None
        column = dict(zip(INTS, ints.T, strict=True))
        position = column["position"]
        known = list(self.docs.values())
        doc_ids = np.empty(len(known) + len(self.others), dtype=object)
        doc_ids[:] = [*self.docs, *self.others]
        lengths = np.fromiter(
            (-1 if d.text is None else len(d.text) for d in known), dtype=np.int64, count=len(known)
        )
        doc_length = np.concatenate((lengths, np.full(len(self.others), -1)))[position]
        ids = np.empty(len(self.objects) // 2, dtype=object)
        ids[:] = self.objects[::2]
        data: dict[str, Any] = {"id": pd.Series(ids, dtype=object, copy=False)}
        data["doc_id"] = pd.Series(doc_ids[position], dtype=object, copy=False)
        for name in INTS[2:6]:
            data[name] = column[name]
        for name in INTS[6:9]:
            data[name] = label_column(column[name], _vocabulary(name))
        data["confidence"] = np.array(self.objects[1::2], dtype=np.float64)
        data[DOC_LENGTH] = doc_length
        frame = pd.DataFrame(data, copy=True).set_axis(pd.Index(column["line"], name="line"))
        return frame, self._source_frame(source_ints, column, doc_length)

    def _source_frame(
        self, ints: np.ndarray, sentence: dict[str, np.ndarray], doc_length: np.ndarray
    ) -> pd.DataFrame:
        column = dict(zip(SOURCE_INTS, ints.T, strict=True))
        data: dict[str, Any] = {"start": column["start"], "end": column["end"]}
        data["kind"] = label_column(column["kind"], _vocabulary("kind", "sources"))
        data["mode"] = label_column(column["mode"], _vocabulary("mode", "sources"))
        counts = sentence["sources"]
        data[DOC_LENGTH] = np.repeat(doc_length, counts)
        data[LINE] = np.repeat(sentence["line"], counts)
        return pd.DataFrame(data, copy=True)


def _ints(values: list[int]) -> np.ndarray:
    return np.fromiter(values, dtype=np.int64, count=len(values))
