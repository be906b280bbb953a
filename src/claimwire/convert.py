"""`convert`: dispatches -> documents -> sentences -> pre-annotation -> merge into the corpus -> card.

The pipeline streams: inputs are read one at a time, annotated in batches by an engine (in process, a
process pool, or Ray), and each annotated document is spooled to a temporary file per shard. At the end
each touched shard is rebuilt from its old records and the spooled ones, sorted by date then id, and all
files are put in place together (see `claimwire.corpus.commit`), so memory is bounded by the largest
shard, not the corpus, and a failure or a kill anywhere leaves the corpus as it was or, once the commit
is journaled, as the next command completes it. Just before the commit, a shard changed by someone else
since it was read stops the run with nothing written. Human work is never overwritten: sentences
with a status other than `auto` are carried over (see `claimwire.corpus.merge`).
"""

from __future__ import annotations

import contextlib
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimwire.catalogue import Problem
from claimwire.corpus.index import CorpusIndex, check_unchanged, index_corpus, text_digest
from claimwire.corpus.layout import shard_path
from claimwire.corpus.manifest import MANIFEST_NAME, Manifest, Skipper
from claimwire.corpus.merge import Plan, apply_plan, plan_merge
from claimwire.corpus.shards import rebuild_shard
from claimwire.corpus.splits import read_recorded_splits, split_for
from claimwire.corpus.spool import Spool, scratch_folder
from claimwire.corpus.stats import CorpusStats, corpus_stats
from claimwire.corpus.store import AtomicBatch, WriteSummary
from claimwire.ingest import ReadError, iter_input_files, read_dispatch
from claimwire.pipeline_id import pipeline_id, pipeline_parts
from claimwire.records import Document, Sentence
from claimwire.release import render_generated
from claimwire.segment import auto_sentences, segment_document

AnnotateMany = Callable[[Iterable[tuple[Document, list[Sentence]]]], Iterator[list[Sentence]]]


class StageClock:
    """Seconds spent per pipeline stage; a stage may exclude stages nested inside it (`minus`)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextlib.contextmanager
    def stage(self, name: str, minus: tuple[str, ...] = ()) -> Iterator[None]:
        nested_before = sum(self.seconds.get(m, 0.0) for m in minus)
        start = time.perf_counter()
        try:
            yield
        finally:
            nested = sum(self.seconds.get(m, 0.0) for m in minus) - nested_before
            elapsed = time.perf_counter() - start - nested
            self.seconds[name] = self.seconds.get(name, 0.0) + elapsed


@dataclass(slots=True)
class ConvertSummary:
    """What a conversion did, for the command's closing summary."""

    inputs: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_newer: list[str] = field(default_factory=list)
    rejected: list[ReadError] = field(default_factory=list)
    conflicts: list[Problem] = field(default_factory=list)
    stats: CorpusStats = field(default_factory=CorpusStats)
    files: WriteSummary = field(default_factory=WriteSummary)
    timings: StageClock = field(default_factory=StageClock)


def shown(value: str) -> str:
    """A value from the data as it may appear inside a one-line message: a newline or another
    unprintable character escaped (`\\n`), so it cannot forge a line of its own."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in value)


def plan_document(document: Document, index: CorpusIndex, summary: ConvertSummary) -> Plan | None:
    """How to (re-)annotate a document read from the inputs, or None to keep the corpus's version."""
    entry = index.entries.get(document.id)
    if entry is not None and (entry.version or 0) > (document.version or 0):
        summary.kept_newer.append(document.id)
        return None
    if (
        entry is not None
        and document.version is not None
        and entry.version == document.version
        and entry.text_digest != text_digest(document.text)
    ):
        summary.rejected.append(
            ReadError(
                "version-conflict",
                document.origin.path,
                f"document {document.id!r} version {document.version} is already in the corpus "
                "with different text (a correction needs a higher version)",
            )
        )
        return None
    if document.id not in index.annotated:
        spans = segment_document(document.text, document.paragraphs)
        return Plan([(s.paragraph, s.start, s.end) for s in spans])
    old, old_sentences = index.annotated[document.id]
    plan, conflicts = plan_merge(old, old_sentences, document)
    for conflict in conflicts:
        path, line = index.locations[conflict.sentence.id]
        sentence = conflict.sentence
        summary.conflicts.append(
            Problem(
                conflict.code,
                str(path),
                line,
                f"sentence {shown(sentence.id)} ({shown(sentence.annotation.status)} by "
                f"{shown(sentence.annotation.by)}) from {shown(document.origin.path)}: "
                f"{conflict.problem}; kept the annotated version of the document (set its status "
                "to auto to accept the new text)",
            )
        )
    return plan


def accept(document: Document, spool: Spool, summary: ConvertSummary) -> bool:
    """Whether a document read in this run should be converted, given what this run already converted."""
    other = spool.entries.get(document.id)
    if other is None:
        return True
    mine, theirs = document.version or 0, other.version or 0
    if mine == theirs and text_digest(document.text) != other.text_digest:
        summary.rejected.append(
            ReadError(
                "duplicate-input",
                document.origin.path,
                f"document id {document.id!r} (version {mine or 'none'}) also read from "
                f"{other.path} with different text",
            )
        )
    return mine > theirs


def read_documents(
    paths: Iterable[Path],
    root: Path,
    format: str | None,
    summary: ConvertSummary,
    skip: Callable[[Path], str | None] = lambda path: None,
) -> Iterator[Document]:
    """The documents of the inputs that `skip` does not know to be converted already."""
    for path in paths:
        summary.inputs += 1
        unchanged = skip(path)
        if unchanged is not None:
            summary.unchanged.append(unchanged)
            continue
        try:
            yield read_dispatch(path, root, format).to_document()
        except ReadError as error:
            summary.rejected.append(error)


def convert(
    inputs: list[Path],
    corpus_dir: Path,
    root: Path,
    annotate_many: AnnotateMany,
    format: str | None = None,
    progress: Callable[[Iterable[Path]], Iterable[Path]] = lambda it: it,
    dry_run: bool = False,
    force: bool = False,
    claim_model: str | None = None,
) -> ConvertSummary:
    """Convert `inputs` (files or folders) into `corpus_dir`; paths in `origin` are relative to `root`.

    An input converted before from the same bytes by the same pipeline, whose records nobody has
    changed since, is skipped (`claimwire.corpus.manifest`); `force` converts every input.
    `claim_model` is the identity of the claim-type model `annotate_many` uses (default: the
    shipped one): part of the pipeline's identity, so a new model re-annotates.
    """
    summary = ConvertSummary()
    clock = summary.timings
    with clock.stage("index"):
        skipper = Skipper(corpus_dir, root, pipeline_id(claim_model), format, force)
        recorded = read_recorded_splits(corpus_dir)
    # The corpus is indexed only once an input needs converting: a run that skips all reads less.
    indexed: list[CorpusIndex] = []

    def corpus_index() -> CorpusIndex:
        if not indexed:
            with clock.stage("index"):
                indexed.append(index_corpus(corpus_dir))
        return indexed[0]

    with scratch_folder("claimwire-spool-") as folder:
        spool = Spool(folder)
        try:
            pending: deque[tuple[Document, Plan]] = deque()

            def work() -> Iterator[tuple[Document, list[Sentence]]]:
                links: list[ReadError] = []  # symbolic links met in input folders, not followed
                paths = progress(list(iter_input_files(inputs, links)))
                summary.inputs += len(links)
                summary.rejected.extend(links)
                documents = read_documents(paths, root, format, summary, skipper)
                while True:
                    with clock.stage("read"):
                        document = next(documents, None)
                    if document is None:
                        return
                    with clock.stage("segment"):
                        plan = plan_document(document, corpus_index(), summary)
                        sentences = [] if plan is None else auto_sentences(document, plan.spans)
                    if plan is not None:
                        pending.append((document, plan))
                        yield document, sentences

            with clock.stage("annotate", minus=("read", "segment", "merge")):
                for annotated in annotate_many(work()):
                    with clock.stage("merge"):
                        document, plan = pending.popleft()
                        if accept(document, spool, summary):
                            entry = corpus_index().entries.get(document.id)
                            split = entry.split if entry else split_for(document.id, recorded)
                            spool.add(document, split, apply_plan(plan, annotated))
                            digest = spool.entries[document.id].digest
                            skipper.record(document, digest, pipeline_parts(claim_model))
            if spool.entries:
                with clock.stage("write", minus=("card",)):
                    build_shards(
                        corpus_dir, corpus_index(), spool, summary, dry_run, skipper.manifest
                    )
            else:
                summary.stats = corpus_stats(corpus_dir)
        finally:
            spool.close()
    converted = {*summary.added, *summary.updated}
    summary.unchanged = [i for i in summary.unchanged if i not in converted]
    return summary


def build_shards(
    corpus_dir: Path,
    index: CorpusIndex,
    spool: Spool,
    summary: ConvertSummary,
    dry_run: bool,
    manifest: Manifest | None = None,
) -> None:
    """Rebuild every shard the run touched, count every shard for the card, put all files in place."""
    new_by_shard: dict[tuple[str, str], list[str]] = {}
    for doc_id, entry in spool.entries.items():
        new_by_shard.setdefault((entry.split, entry.shard), []).append(doc_id)
    moved = {
        (index.entries[i].split, index.entries[i].shard)
        for i in spool.entries
        if i in index.entries
    }
    shards = sorted({(f.split, f.shard) for f in index.files} | set(new_by_shard))
    batch = AtomicBatch(corpus_dir, dry_run=dry_run)
    try:
        for split, shard in shards:
            if (split, shard) not in new_by_shard and (split, shard) not in moved:
                for table in ("documents", "sentences"):
                    path = shard_path(corpus_dir, split, table, shard)
                    if path.is_file():
                        summary.stats.add_file(split, table, shard, path.read_bytes())
                continue
            new_ids = new_by_shard.get((split, shard), [])
            shard_files = rebuild_shard(corpus_dir, split, shard, new_ids, index, spool)
            summary.added += shard_files.added
            summary.updated += shard_files.updated
            summary.unchanged += shard_files.unchanged
            if shard_files.documents:
                for table, data in (
                    ("documents", shard_files.documents),
                    ("sentences", shard_files.sentences),
                ):
                    batch.write(shard_path(corpus_dir, split, table, shard), data)
                    summary.stats.add_file(split, table, shard, data)
        with summary.timings.stage("card"):
            generated = render_generated(corpus_dir, summary.stats)
        for path, data in generated.items():
            batch.write(path, data)
        if manifest is not None:
            batch.write(corpus_dir / MANIFEST_NAME, manifest.render())
    except BaseException:
        batch.abort()
        raise
    # Old files of rebuilt shards that no longer hold any record; untouched shards stay as they are.
    rebuilt = set(new_by_shard) | moved
    stale = [f.path for f in index.files if (f.split, f.shard) in rebuilt]
    summary.files = batch.commit(stale, verify=lambda: check_unchanged(corpus_dir, index))
