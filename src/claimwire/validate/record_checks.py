"""L3 checks: what each record says must agree with itself and with its document.

They run only on records that passed L2, so every field has its type here. Sentence checks need the
document of the same shard (`DocumentEntry`), which the shard walk keeps in memory.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from claimwire.corpus.splits import split_for
from claimwire.records import sentence_id
from claimwire.schema import label_rules
from claimwire.validate.report import Collector, show


@dataclass(slots=True)
class DocumentEntry:
    """What the checks of a shard's sentences need to know about one document."""

    line: int
    position: int  # order in the documents file, for the sort check of sentences
    text: str | None = None  # None: the record failed L2, its sentences are not checked against it
    paragraphs: list[list[int]] | None = None  # None: inconsistent, skip paragraph-index checks
    sentences: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # index, start, end, line
    tainted: bool = False  # a sentence failed a lower level: numbering and coverage are not judged


def check_document(
    record: dict[str, Any],
    split: str,
    shard: str,
    rel: str,
    line: int,
    sink: Collector,
    recorded: Mapping[str, str] | None = None,
) -> bool:
    """Date, place, NFC and paragraphs of one document; true if its paragraphs can be relied on."""
    rid, date, text = record["id"], record["date"], record["text"]
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        sink.add(
            "invalid-date",
            rel,
            line,
            f"{show(date)} is not a calendar date",
            record=rid,
            field="date",
        )
    else:
        if date[:7] != shard:
            message = f"dated {date}, so it belongs in shard {date[:7]}, not {shard}"
            sink.add("wrong-shard", rel, line, message, record=rid, field="date")
    expected = split_for(rid, recorded or {})
    if expected != split:
        how = "splits.json records it in" if rid in (recorded or {}) else "its id assigns it to"
        message = f"in {split}, but {how} {expected}"
        sink.add("split-mismatch", rel, line, message, record=rid, field="id")
    if not is_nfc(text):
        sink.add("text-not-nfc", rel, line, "text is not Unicode NFC", record=rid, field="text")
    return check_paragraphs(rid, text, record["paragraphs"], rel, line, sink)


def is_nfc(text: str) -> bool:
    """`unicodedata.is_normalized("NFC", text)`, answered at once for a text of Latin-1 characters.

    Every Latin-1 character has NFC_Quick_Check=Yes and combining class 0, so the quick check
    answers YES for such a text (UAX #15), without looking each character up (a test checks it
    for every pair of them). Encoding a text that CPython stores one byte per character is a copy.
    """
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return unicodedata.is_normalized("NFC", text)
    return True


def paragraphs_hold(text: str, paragraphs: list[list[int]]) -> bool:
    """Fast path: the paragraphs tile the text, stripped, joined by exactly `\\n\\n`.

    Each paragraph starts two characters after the previous one ends, on a `\\n\\n`; as every
    paragraph is stripped, each separator is counted once by `str.count`, so a count of one per
    boundary means no paragraph holds a paragraph break. Counting single newlines is faster and
    settles the usual case, a text whose only newlines are the separators.
    """
    expected, n = 0, len(text)
    for start, end in paragraphs:
        if start != expected or not start < end <= n:
            return False
        if text[start].isspace() or text[end - 1].isspace():
            return False
        if end != n and not text.startswith("\n\n", end):
            return False
        expected = end + 2
    breaks = len(paragraphs) - 1
    return expected == n + 2 and (text.count("\n") == 2 * breaks or text.count("\n\n") == breaks)


def check_paragraphs(
    rid: str, text: str, paragraphs: list[list[int]], rel: str, line: int, sink: Collector
) -> bool:
    """Paragraphs in order, inside the text, stripped, joined by exactly `\\n\\n`."""
    if paragraphs_hold(text, paragraphs):
        return True
    ok = True
    cursor = 0
    for i, (start, end) in enumerate(paragraphs):
        where = {"record": rid, "field": f"paragraphs[{i}]"}
        if not start < end <= len(text):
            message = f"paragraph {i} at {start}-{end} outside text of length {len(text)}"
            sink.add("paragraph-out-of-range", rel, line, message, **where)
            return False
        separator = text[cursor:start] if start >= cursor else None
        if separator != ("\n\n" if i else ""):
            before = f"paragraph {i - 1}" if i else "the start of the text"
            shown = "overlap" if separator is None else show(separator)
            message = f"paragraph {i} at {start}-{end}: {shown} between it and {before}"
            sink.add("paragraph-separator", rel, line, message, **where)
            ok = False
        body = text[start:end]
        if "\n\n" in body:
            message = f"paragraph {i} at {start}-{end} contains a paragraph break"
            sink.add("paragraph-separator", rel, line, message, **where)
            ok = False
        if body != body.strip():
            message = f"paragraph {i} at {start}-{end} starts or ends with whitespace"
            sink.add("paragraph-not-stripped", rel, line, message, **where)
            ok = False
        cursor = max(cursor, end)
    if cursor < len(text):
        message = f"text after the last paragraph: {show(text[cursor:])} at {cursor}-{len(text)}"
        sink.add("paragraph-separator", rel, line, message, record=rid, field="paragraphs")
        ok = False
    return ok


def check_sentence_alone(record: dict[str, Any], rel: str, line: int, sink: Collector) -> bool:
    """Checks that need no document: the id and the label rules; true if the id is right.

    For one record on its own (an import from Label Studio); `claimwire validate` checks the
    label rules of a whole shard at once in `tables`, and calls `check_sentence_id` here.
    """
    message = label_rules().broken(record["claim_type"], record["verifiability"])
    if message is not None:
        sink.add(
            "inconsistent-labels", rel, line, message, record=record["id"], field="verifiability"
        )
    return check_sentence_id(record, rel, line, sink)


def check_sentence_id(record: dict[str, Any], rel: str, line: int, sink: Collector) -> bool:
    """The id against doc_id and index; true if it is right."""
    rid = record["id"]
    expected = sentence_id(record["doc_id"], record["index"])
    if rid != expected:
        sink.add(
            "id-mismatch",
            rel,
            line,
            f"id {show(rid)} should be {show(expected)}",
            record=rid,
            field="id",
        )
    return rid == expected


def check_sentence_in_document(
    record: dict[str, Any], doc: DocumentEntry, rel: str, line: int, sink: Collector
) -> bool:
    """Offsets of the sentence and its sources against the document; true if the sentence's hold."""
    assert doc.text is not None
    if _spans_hold(record, doc.text, doc.paragraphs):
        return True
    ok = _check_span(record, doc.text, "sentence", None, rel, line, sink)
    for i, source in enumerate(record["sources"]):
        _check_span(source, doc.text, f"source {i}", f"sources[{i}]", rel, line, sink, record["id"])
    if ok and doc.paragraphs is not None:
        _check_paragraph_index(record, doc.paragraphs, rel, line, sink)
    return ok


def _spans_hold(record: dict[str, Any], text: str, paragraphs: list[list[int]] | None) -> bool:
    """Fast path: every offset of the sentence holds (the checks below then say nothing)."""
    start, end, n = record["start"], record["end"], len(text)
    if end > n or text[start:end] != record["text"]:  # texts are non-empty, so start < end here
        return False
    for source in record["sources"]:
        if source["end"] > n or text[source["start"] : source["end"]] != source["text"]:
            return False
    if paragraphs is None:
        return True
    claimed = record["paragraph"]
    return (
        claimed < len(paragraphs)
        and paragraphs[claimed][0] <= start
        and end <= paragraphs[claimed][1]
    )


def _check_span(
    span: dict[str, Any],
    text: str,
    what: str,
    path: str | None,
    rel: str,
    line: int,
    sink: Collector,
    rid: str | None = None,
) -> bool:
    start, end, rid = span["start"], span["end"], rid or span["id"]
    prefix = f"{path}." if path else ""
    if not start <= end <= len(text):
        message = f"{what} offsets {start}-{end} outside document text of length {len(text)}"
        sink.add("offset-out-of-range", rel, line, message, record=rid, field=f"{prefix}start")
        return False
    if text[start:end] != span["text"]:
        found = show(text[start:end])
        message = f"{what} text differs from document text at {start}-{end}, which reads {found}"
        sink.add("offset-mismatch", rel, line, message, record=rid, field=f"{prefix}text")
        return False
    return True


def _check_paragraph_index(
    record: dict[str, Any], paragraphs: list[list[int]], rel: str, line: int, sink: Collector
) -> None:
    start, end, claimed = record["start"], record["end"], record["paragraph"]
    if (
        claimed < len(paragraphs)
        and paragraphs[claimed][0] <= start
        and end <= paragraphs[claimed][1]
    ):
        return
    actual = [i for i, (s, e) in enumerate(paragraphs) if s < end and start < e]
    if not actual:
        where = "between paragraphs"
    elif len(actual) == 1:
        where = f"in paragraph {actual[0]}"
    else:
        where = f"across paragraphs {actual[0]}-{actual[-1]}"
    message = f"sentence at {start}-{end} is {where}, not in paragraph {claimed}"
    sink.add("paragraph-index-mismatch", rel, line, message, record=record["id"], field="paragraph")
