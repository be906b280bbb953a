"""The programs the benchmarks time in fresh processes, as functions of a real module instead of code
in strings: `python scripts/bench_children.py NAME ARGS...` runs one and prints its figures as one
JSON line. A fresh process per run keeps imports, caches and peak memory of one run out of the next.

    convert INPUTS CORPUS ENGINE JOBS   claimwire's convert (bench_convert.py)
    pipe TEXTS.json                     bare `nlp.pipe` with the same components (bench_convert.py)
    validate CORPUS ENGINE JOBS         validate_corpus (bench_validate.py)
    bare FILES...                       a bare orjson.loads of every line (bench_validate.py)
    breakdown CORPUS                    validate_corpus with its stages timed (bench_validate.py)
"""

from __future__ import annotations

import functools
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def convert(inputs: str, corpus: str, engine: str, jobs: str) -> dict[str, Any]:
    from claimwire.convert import convert as run
    from claimwire.engines import LocalEngine, RayEngine

    annotate = LocalEngine(int(jobs)) if engine == "local" else RayEngine(None, int(jobs))
    start, cpu_start = time.perf_counter(), time.process_time()
    summary = run([Path(inputs)], Path(corpus), Path(corpus).parent, annotate)
    seconds = time.perf_counter() - start
    me, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return {
        "cpu_seconds": me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime,
        "own_cpu_seconds": time.process_time() - cpu_start,
        "seconds": seconds,
        "documents": len(summary.added) + len(summary.updated) + len(summary.unchanged),
        "sentences": sum(summary.stats.sentences.values()),
        "stages": summary.timings.seconds,
        "peak_mib": me.ru_maxrss / 1024,
        "worker_peak_mib": children.ru_maxrss / 1024,
    }


def pipe(texts: str) -> dict[str, Any]:
    import spacy

    from claimwire.annotate import MODEL, UNUSED_COMPONENTS

    documents = json.loads(Path(texts).read_text("utf-8"))
    nlp = spacy.load(MODEL, exclude=UNUSED_COMPONENTS)
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(documents, batch_size=16):
        pass
    return {
        "seconds": time.perf_counter() - start,
        "cpu_seconds": time.process_time() - cpu,
        "components": nlp.pipe_names,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def validate(corpus: str, engine: str, jobs: str) -> dict[str, Any]:
    from claimwire.validate import validate_corpus

    start, cpu = time.perf_counter(), time.process_time()
    report = validate_corpus(Path(corpus), engine=engine, jobs=int(jobs))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers of --jobs
    return {
        "seconds": seconds,
        "cpu": cpu + children.ru_utime + children.ru_stime,
        "valid": report.valid,
        "findings": len(report.findings),
        "stats": report.stats,
        "notes": report.notes,
        "maxrss_kib": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, children.ru_maxrss),
    }


def bare(*paths: str) -> dict[str, Any]:
    import orjson

    loads, n = orjson.loads, 0
    start, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        for line in Path(path).read_bytes().split(b"\n"):
            if line:
                loads(line)
                n += 1
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "records": n}


def breakdown(corpus: str) -> dict[str, Any]:
    """Seconds per stage of one validation: its per-shard steps (public functions of the validator's
    modules) wrapped in a timer; what is not wrapped, such as the corpus-wide id set, is the rest."""
    import claimwire.validate as validation
    from claimwire.validate import sentence_rows, shard_checks

    seconds: dict[str, float] = {}

    def timed(owner: Any, name: str, stage: str) -> None:
        function: Callable[..., Any] = getattr(owner, name)

        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[stage] = seconds.get(stage, 0.0) + time.process_time() - start

        setattr(owner, name, run)

    timed(shard_checks, "read_documents", "documents: parse, schema, L3 checks")
    timed(
        shard_checks, "scan_records", "sentences: parse, canonical form, schema, texts at offsets"
    )
    timed(sentence_rows.ShardSentences, "frames", "sentence and source frames")
    timed(shard_checks, "check_sentence_tables", "pandera models' checks")
    timed(shard_checks, "shard_holds", "span arrays: paragraphs, order, numbering, coverage")
    timed(shard_checks, "add_shard_stats", "card counts")
    timed(validation, "check_card", "card: render and compare")
    start = time.process_time()
    validation.validate_corpus(Path(corpus))
    total = time.process_time() - start
    seconds["the rest (corpus-wide ids, layout)"] = total - sum(seconds.values())
    return {"total": total, "stages": seconds}


CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {
    "convert": convert,
    "pipe": pipe,
    "validate": validate,
    "bare": bare,
    "breakdown": breakdown,
}


def command(name: str, *args: str) -> list[str]:
    """The argument vector that runs child `name` in a fresh interpreter."""
    if name not in CHILDREN:
        raise ValueError(f"unknown benchmark child {name!r}")
    return [sys.executable, str(Path(__file__).resolve()), name, *args]


if __name__ == "__main__":
    print(json.dumps(CHILDREN[sys.argv[1]](*sys.argv[2:])))
