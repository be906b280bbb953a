"""`convert`: dispatches -> documents -> sentences -> pre-annotation -> merge into the corpus -> card.

The corpus is read first and written last, all files through temporaries, so a failure anywhere leaves it
as it was. Human work is never overwritten: sentences with a status other than `auto` are carried over
(see `claimwire.corpus.merge`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimwire.card import render_card
from claimwire.corpus.layout import CARD_NAME, assign_split, iter_shard_files
from claimwire.corpus.merge import Plan, apply_plan, plan_merge
from claimwire.corpus.store import Corpus, WriteSummary, read_corpus, render_files, write_files
from claimwire.ingest import ReadError, iter_input_files, read_dispatch
from claimwire.records import Document, Sentence
from claimwire.segment import segment_document


@dataclass(slots=True)
class ConvertSummary:
    """What a conversion did, for the command's closing summary."""

    inputs: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_newer: list[str] = field(default_factory=list)
    rejected: list[ReadError] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    labels: dict[str, Counter[str]] = field(default_factory=dict)
    sentences: int = 0
    files: WriteSummary = field(default_factory=WriteSummary)


def auto_sentences(
    document: Document, spans: Iterable[tuple[int, int, int]] | None = None
) -> list[Sentence]:
    """Unannotated sentences of a document: from given (paragraph, start, end) spans, else the segmenter."""
    if spans is None:
        spans = (
            (s.paragraph, s.start, s.end)
            for s in segment_document(document.text, document.paragraphs)
        )
    return [
        Sentence(doc_id=document.id, index=i, paragraph=p, start=s, end=e, text=document.text[s:e])
        for i, (p, s, e) in enumerate(spans)
    ]


def pick_versions(documents: list[Document], summary: ConvertSummary) -> list[Document]:
    """One document per id: the highest version; the same id and version with other text is an error."""
    chosen: dict[str, Document] = {}
    for document in documents:
        other = chosen.get(document.id)
        if other is None:
            chosen[document.id] = document
            continue
        mine, theirs = document.version or 0, other.version or 0
        if mine == theirs and document.text != other.text:
            summary.rejected.append(
                ReadError(
                    document.origin.path,
                    f"document id {document.id!r} (version {mine or 'none'}) also read from "
                    f"{other.origin.path} with different text",
                )
            )
        elif mine > theirs:
            chosen[document.id] = document
    return list(chosen.values())


def plan_document(document: Document, corpus: Corpus, summary: ConvertSummary) -> Plan | None:
    """How to (re-)annotate a document read from the inputs, or None to keep the corpus's version."""
    old = corpus.documents.get(document.id)
    if old is None:
        return Plan(
            [
                (s.paragraph, s.start, s.end)
                for s in segment_document(document.text, document.paragraphs)
            ]
        )
    if (old.version or 0) > (document.version or 0):
        summary.kept_newer.append(document.id)
        return None
    plan, conflicts = plan_merge(old, corpus.sentences[old.id], document)
    for conflict in conflicts:
        path, line = corpus.locations[conflict.sentence.id]
        summary.conflicts.append(
            f"{path}:{line}: annotation-conflict: sentence {conflict.sentence.id} "
            f"({conflict.sentence.annotation.status} by {conflict.sentence.annotation.by}) from "
            f"{document.origin.path}: {conflict.problem}; kept the annotated version of the document "
            "(set its status to auto to accept the new text)"
        )
    return plan


def merge_document(
    document: Document, sentences: list[Sentence], corpus: Corpus, summary: ConvertSummary
) -> None:
    """Put a converted document into the corpus, keeping its split if it had one."""
    old = corpus.documents.get(document.id)
    if old is None:
        corpus.put(document, assign_split(document.id), sentences)
        summary.added.append(document.id)
        return
    before = [s.to_dict() for s in corpus.sentences[old.id]]
    changed = old.to_dict() != document.to_dict() or before != [s.to_dict() for s in sentences]
    corpus.put(document, corpus.splits[old.id], sentences)
    (summary.updated if changed else summary.unchanged).append(document.id)


AnnotateMany = Callable[[Iterable[tuple[Document, list[Sentence]]]], Iterator[list[Sentence]]]


def convert(
    inputs: list[Path],
    corpus_dir: Path,
    root: Path,
    annotate_many: AnnotateMany,
    format: str | None = None,
    progress: Callable[[Iterable[Path]], Iterable[Path]] = lambda it: it,
    dry_run: bool = False,
) -> ConvertSummary:
    """Convert `inputs` (files or folders) into `corpus_dir`; paths in `origin` are relative to `root`."""
    summary = ConvertSummary()
    corpus = read_corpus(corpus_dir)
    documents = []
    for path in progress(list(iter_input_files(inputs))):
        summary.inputs += 1
        try:
            documents.append(read_dispatch(path, root, format).to_document())
        except ReadError as error:
            summary.rejected.append(error)
    planned = []
    for document in pick_versions(documents, summary):
        plan = plan_document(document, corpus, summary)
        if plan is not None:
            planned.append((document, plan))
    work = [(document, auto_sentences(document, plan.spans)) for document, plan in planned]
    for (document, plan), annotated in zip(planned, annotate_many(work), strict=True):
        merge_document(document, apply_plan(plan, annotated), corpus, summary)
    for sentences in corpus.sentences.values():
        summary.sentences += len(sentences)
        for sentence in sentences:
            summary.labels.setdefault("claim_type", Counter())[sentence.claim_type] += 1
            summary.labels.setdefault("verifiability", Counter())[sentence.verifiability] += 1
            for source in sentence.sources:
                summary.labels.setdefault("source_kind", Counter())[source.kind] += 1
    if not dry_run and (summary.added or summary.updated or summary.unchanged):
        write_corpus_and_card(corpus_dir, corpus, summary)
    return summary


def write_corpus_and_card(corpus_dir: Path, corpus: Corpus, summary: ConvertSummary) -> None:
    """Data files and card in one atomic batch; shard files left without records are removed."""
    files = render_files(corpus_dir, corpus)
    card = render_card(corpus_dir, files).encode("utf-8")
    stale = [shard.path for shard in iter_shard_files(corpus_dir)]
    summary.files = write_files({**files, corpus_dir / CARD_NAME: card}, stale=stale)
