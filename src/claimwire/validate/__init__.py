"""`claimwire validate`: check a corpus against the data contract and report every problem found.

Levels: L1 files and lines, L2 record schema, L3 record semantics, L4 corpus (see `catalogue`).
`validate_corpus` never writes anything and never raises on bad data: problems are findings in the
returned `Report`; exceptions mean the API was misused (unknown code, level, missing folder).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from itertools import groupby
from pathlib import Path

from claimwire.catalogue import BY_CODE, CHECKS, Check
from claimwire.corpus.layout import iter_shard_files
from claimwire.corpus.splits import SPLITS_NAME, SplitsFileError, read_recorded_splits
from claimwire.validate.corpus_checks import check_card
from claimwire.validate.file_checks import check_pending_write, scan_layout
from claimwire.validate.parallel import check_shards
from claimwire.validate.report import Collector, Finding, Report, StopValidation
from claimwire.validate.shard_checks import Run, check_shard
from claimwire.validate.tables import ENGINES

__all__ = ["CHECKS", "Check", "Finding", "Report", "validate_corpus"]


def validate_corpus(
    corpus_dir: Path,
    *,
    level: int = 4,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    max_errors: int | None = None,
    name: str | None = None,
    engine: str = "vectorized",
    jobs: int = 1,
    progress: Callable[[int], Callable[[], None]] | None = None,
) -> Report:
    """Check every file, record and cross-record rule of the corpus in `corpus_dir`, in one pass.

    `level` runs checks up to that level; `select`/`ignore` keep or drop codes; `max_errors` stops
    early (the report is then marked truncated); `name` is how paths are printed (default: the path);
    `engine` runs the pandera models' table checks `vectorized` (their functions called directly,
    the default) or through `pandera`'s own validation (slower; the findings are the same);
    `jobs` > 1 checks the shards in that many processes (`parallel`; the same report, in the same
    order; not with `max_errors`, which needs the shards' findings as they come); `progress`, given
    the number of shards, returns what to call as each shard is done (the CLI's progress bar).
    """
    select, ignore = tuple(select), tuple(ignore)
    unknown = sorted(set(select + ignore) - BY_CODE.keys())
    if unknown:
        raise ValueError(f"unknown check code(s): {', '.join(unknown)}")
    if level not in (1, 2, 3, 4):
        raise ValueError(f"level must be 1 to 4, not {level!r}")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if max_errors is not None and max_errors < 1:
        raise ValueError("max_errors must be at least 1")
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs!r}")
    corpus = Path(corpus_dir)
    if not corpus.is_dir():
        raise NotADirectoryError(f"{corpus}: not a folder")

    run = Run(corpus, level, Collector(select, ignore, max_errors), engine=engine)
    notes: list[str] = []
    truncated = False
    # A shard's records are held at once, and the cyclic collector would scan them again and again
    # as they are allocated (it more than doubled the time of a pass); they hold no cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        check_pending_write(corpus, run.sink)
        try:
            run.splits = read_recorded_splits(corpus)
        except SplitsFileError as exc:
            run.sink.add(
                "invalid-splits-file", SPLITS_NAME, None, str(exc).removeprefix(f"{SPLITS_NAME}: ")
            )
        files = scan_layout(corpus, run.sink)
        run.stats["files"] = len(files)
        groups = [
            (split, shard, {f.table: f for f in group})
            for (split, shard), group in groupby(files, key=lambda f: (f.split, f.shard))
        ]
        done = progress(len(groups)) if progress is not None else _nothing
        if jobs > 1 and max_errors is None and len(groups) > 1:
            check_shards(run, groups, jobs, done)
        else:
            for group in groups:
                check_shard(run, *group)
                done()
        if level >= 4:
            if not run.stats["documents"] and not run.stats["sentences"]:
                run.sink.add("empty-corpus", "data", None, "no document or sentence records")
            exact = run.exact and {f.path for f in files} == {
                f.path for f in iter_shard_files(corpus)
            }
            stats = run.card if exact else None
            notes += check_card(corpus, run.sink, data_has_errors=run.sink.errors > 0, stats=stats)
    except StopValidation:
        truncated = True
    finally:
        if collecting:
            gc.enable()
    return Report(name or str(corpus_dir), run.sink.findings, dict(run.stats), truncated, notes)


def _nothing() -> None:
    return None
