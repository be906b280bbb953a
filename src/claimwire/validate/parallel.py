"""`claimwire validate --jobs N`: the shards checked in a pool of processes, same report as one.

Each worker checks one split/month on its own, with a fresh `Run` (no corpus-wide ids). Its result
is what the one-process pass finds for that shard unless the shard meets the rest of the corpus:
an id of a document or sentence seen in an earlier shard (a duplicate is judged against the first
use), or an orphan sentence (its message names the shard that holds its document). The results
are taken in shard order; one that meets an earlier shard is discarded and that shard checked
again here, with the corpus-wide state, exactly as `--jobs 1` does. The findings are therefore the
same, in the same order, whatever N.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimwire.corpus.layout import ShardFile
from claimwire.corpus.stats import CorpusStats
from claimwire.validate.corpus_checks import CorpusIds
from claimwire.validate.report import Collector, Finding
from claimwire.validate.shard_checks import Run, check_shard

Group = tuple[str, str, dict[str, ShardFile]]  # split, shard, its files by table


@dataclass(slots=True)
class ShardResult:
    """What checking one shard on its own gave."""

    findings: list[Finding]
    errors: int
    stats: Counter[str]
    card: CorpusStats
    exact: bool
    ids: CorpusIds


def check_shards(
    run: Run, groups: list[Group], jobs: int, done: Callable[[], None] = lambda: None
) -> None:
    """`check_shard` of every group, in `jobs` processes, merged into `run` in order; `done()`
    after each."""
    tasks = [
        (run.corpus, run.level, run.sink.select, run.sink.ignore, run.engine, run.splits, group)
        for group in groups
    ]
    with _context().Pool(min(jobs, len(groups))) as pool:
        for group, result in zip(groups, pool.imap(_check_alone, tasks), strict=True):
            if _meets_the_corpus(run, result):
                check_shard(run, *group)
            else:
                _merge(run, result)
            done()


def _context() -> multiprocessing.context.BaseContext:
    """Fork where possible (the workers start with the validator imported), else spawn."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _check_alone(
    task: tuple[Path, int, frozenset[str], frozenset[str], str, dict[str, str], Group],
) -> ShardResult:
    corpus, level, select, ignore, engine, splits, (split, shard, files) = task
    gc.disable()  # as in `validate_corpus`: the shard's records hold no cycles
    run = Run(corpus, level, Collector(select, ignore), engine=engine, splits=splits)
    check_shard(run, split, shard, files)
    return ShardResult(run.sink.findings, run.sink.errors, run.stats, run.card, run.exact, run.ids)


def _meets_the_corpus(run: Run, result: ShardResult) -> bool:
    """Whether the shard's result could depend on the shards before it."""
    if any(f.code == "orphan-sentence" for f in result.findings):
        return True
    if not run.ids.documents.keys().isdisjoint(result.ids.documents):
        return True
    seen, found = run.ids.sentences, result.ids.sentences
    if not seen.counts.keys().isdisjoint(found.counts):
        return True
    if seen.others and not seen.others.isdisjoint(_numbered(found.counts)):
        return True
    return any(rid in seen for rid in found.others)


def _numbered(counts: dict[str, int]) -> Iterator[str]:
    return (f"{doc_id}:{i:03d}" for doc_id, n in counts.items() for i in range(n))


def _merge(run: Run, result: ShardResult) -> None:
    run.sink.findings.extend(result.findings)
    run.sink.errors += result.errors
    run.stats.update(result.stats)
    run.exact = run.exact and result.exact
    run.ids.documents.update(result.ids.documents)
    run.ids.sentences.counts.update(result.ids.sentences.counts)
    run.ids.sentences.others |= result.ids.sentences.others
    card, more = run.card, result.card
    card.documents.update(more.documents)
    card.sentences.update(more.sentences)
    card.sources += more.sources
    for layer, counts in more.labels.items():
        card.labels[layer].update(counts)
    card.shards |= more.shards
    card.confidence.update(more.confidence)
    card.facts.merge(more.facts)
