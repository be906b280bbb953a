"""L4 checks: what only the whole corpus, or a whole shard, can show.

Sentence numbering, overlap and coverage are judged per document once its shard's sentences are
read; ids are unique across the corpus (kept in a dict and `SentenceIds`, the only state that outlives
a shard); the card is compared with what `claimwire.card` renders from the data (from the counts the
pass gathered when every record was valid, else by `render_card` reading the data again).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimwire.corpus.layout import CARD_NAME, iter_shard_files
from claimwire.corpus.stats import CorpusStats, read_facts
from claimwire.release import generated_files, render_generated
from claimwire.validate.record_checks import DocumentEntry
from claimwire.validate.report import Collector, show


class SentenceIds:
    """The sentence ids seen so far, as a set would hold them.

    An accepted shard's sentences are numbered `<doc_id>:000` up in each of its documents (the
    table pass proved it at level 4), so they are kept as a count per document; any other id is
    kept as it is. A document id has no `:` (L2), so an id names one document and one index.
    """

    __slots__ = ("counts", "others")

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}  # document -> its sentences, numbered from 0
        self.others: set[str] = set()

    def __contains__(self, rid: str) -> bool:
        if rid in self.others:
            return True
        doc_id, _, digits = rid.rpartition(":")
        count = self.counts.get(doc_id)
        if count is None or not (digits.isascii() and digits.isdigit()):
            return False
        index = int(digits)
        return index < count and rid == f"{doc_id}:{index:03d}"

    def add(self, rid: str) -> None:
        self.others.add(rid)

    def numbered_disjoint(self, doc_ids: Iterable[str], ids: list[str]) -> bool:
        """Whether the ids of a shard numbered in each of its documents (`doc_ids`) are new."""
        return self.counts.keys().isdisjoint(doc_ids) and (
            not self.others or self.others.isdisjoint(ids)
        )

    def add_numbered(self, counts: dict[str, int]) -> None:
        """Add the ids of such a shard: `counts[doc_id]` sentences in each document."""
        self.counts.update(counts)


@dataclass(slots=True)
class CorpusIds:
    """Ids seen so far: documents with the file they are in, sentences (`SentenceIds`)."""

    documents: dict[str, tuple[str, int]] = field(default_factory=dict)  # id -> file, line
    sentences: SentenceIds = field(default_factory=SentenceIds)

    def new_document(self, rid: str, rel: str, line: int, sink: Collector, report: bool) -> bool:
        """Record a document id; false (and a `duplicate-id` when `report`) if already seen."""
        if rid in self.documents:
            if report:
                first = "{}:{}".format(*self.documents[rid])
                message = f"document id {show(rid)} already used at {first}"
                sink.add("duplicate-id", rel, line, message, record=rid, field="id")
            return False
        self.documents[rid] = (rel, line)
        return True

    def new_sentence(self, rid: str, rel: str, line: int, sink: Collector, report: bool) -> bool:
        if rid in self.sentences:
            if report:
                message = f"sentence id {show(rid)} used more than once"
                sink.add("duplicate-id", rel, line, message, record=rid, field="id")
            return False
        self.sentences.add(rid)
        return True

    def report_orphan(
        self, rid: str, doc_id: str, docs_rel: str, rel: str, line: int, sink: Collector
    ) -> None:
        elsewhere = self.documents.get(doc_id, (docs_rel, 0))[0]
        where = f" (it is in {elsewhere})" if elsewhere != docs_rel else ""
        message = f"document {show(doc_id)} is not in {docs_rel}{where}"
        sink.add("orphan-sentence", rel, line, message, record=rid, field="doc_id")


def check_sentences_of(
    doc_id: str, doc: DocumentEntry, docs_rel: str, sents_rel: str, sink: Collector
) -> None:
    """Numbering 0..n-1, no overlap, all non-whitespace text covered, for one document."""
    assert doc.text is not None
    if not doc.sentences:
        message = f"document {show(doc_id)} has no sentences in {sents_rel}"
        sink.add("document-without-sentences", docs_rel, doc.line, message, record=doc_id)
        return
    by_index = sorted(doc.sentences)
    expected, prev_end = 0, None
    for index, start, end, line in by_index:
        rid = f"{doc_id}:{index:03d}"
        if index > expected:
            missing = f"{expected}" if index == expected + 1 else f"{expected}-{index - 1}"
            after = f"follows {expected - 1}" if expected else "is the first"
            message = f"sentence {index} of {show(doc_id)} {after}: {missing} missing"
            sink.add("sentence-gap", sents_rel, line, message, record=rid, field="index")
        if prev_end is not None and start < prev_end:
            message = f"sentence {index} at {start}-{end} starts before the previous one ends"
            sink.add("sentence-overlap", sents_rel, line, message, record=rid, field="start")
        expected = max(expected, index + 1)
        prev_end = end if prev_end is None else max(prev_end, end)
    for start, end in _uncovered(doc.text, [(s, e) for _, s, e, _ in doc.sentences]):
        message = f"text at {start}-{end} is in no sentence: {show(doc.text[start:end])}"
        sink.add("uncovered-text", docs_rel, doc.line, message, record=doc_id, field="text")


def _uncovered(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches of `text` outside every span that hold non-whitespace, trimmed to it."""
    out = []
    cursor = 0
    for start, end in [*sorted(spans), (len(text), len(text))]:
        if start > cursor:
            gap = text[cursor:start]
            if gap.strip():
                left = cursor + len(gap) - len(gap.lstrip())
                out.append((left, left + len(gap.strip())))
        cursor = max(cursor, end)
    return out


def _rel(corpus: Path, path: Path) -> str:
    return path.relative_to(corpus).as_posix()


def check_card(
    corpus: Path, sink: Collector, data_has_errors: bool, stats: CorpusStats | None = None
) -> list[str]:
    """`missing-card`, or `card-out-of-date` for the card or a sibling generated file (`LICENSE.md`,
    `croissant.json`) that differs from what the data renders; returns notes on comparisons that
    could not be made.

    `stats` are the card's counts gathered by the validation pass, when every line gave a valid
    record: the files are then rendered from them and the files' facts gathered from their bytes
    on the way (sizes, digests, text sources, annotators), not by reading the data again.
    """
    card = corpus / CARD_NAME
    if not any(sink.wants(c) for c in ("missing-card", "card-out-of-date", "card-check-failed")):
        return []  # rendering the card costs a second pass over the data
    if not card.is_file():
        sink.add("missing-card", CARD_NAME, None, f"no dataset card {CARD_NAME}")
        return []
    try:
        if stats is not None:
            if set(stats.facts.files) != {_rel(corpus, s.path) for s in iter_shard_files(corpus)}:
                stats.facts = read_facts(corpus)  # the pass did not see every file's bytes
            expected = render_generated(corpus, stats)
        else:
            expected = generated_files(corpus)
    except Exception as exc:  # render_card reads the data, which may be broken in any way
        if data_has_errors:
            return [f"card not compared with the data: rendering it failed ({type(exc).__name__})"]
        message = f"rendering the card failed: {type(exc).__name__}: {exc}"
        sink.add("card-check-failed", CARD_NAME, None, message[:200])
        return []
    for path, data in expected.items():
        actual = path.read_bytes() if path.is_file() else None
        if actual is None:
            sink.add("card-out-of-date", path.name, None, f"no {path.name} (run: claimwire card)")
        elif actual != data:
            old, new = actual.split(b"\n"), data.split(b"\n")
            pairs = zip(old, new, strict=False)
            line = next((i for i, (a, b) in enumerate(pairs, 1) if a != b), None)
            line = line or min(len(old), len(new)) + 1
            what = "card" if path.name == CARD_NAME else path.name
            sink.add(
                "card-out-of-date", path.name, line, f"{what} differs from the one the data renders"
            )
    return []
