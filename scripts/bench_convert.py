"""Benchmark of `claimwire convert` against the floor set by spaCy alone.

Builds N dispatches of real French text (the seed's paragraphs and the UD benchmark texts in
`tests/data/segmentation/`, recombined so that no two are identical, dated over a year so that they fall
in many monthly shards), then prints for the same texts: bare `nlp.pipe` throughput of the model with the
components the annotator uses, end-to-end `convert` throughput with `--jobs 1` and `--jobs N`, their
ratio, the time per stage, peak memory (each run in a fresh process), and whether the outputs are
byte-identical. `--ray` adds a run on a local Ray instance. `--repeat R` runs every convert R times,
interleaved (jobs 1, jobs N, jobs 1, ...), and reports medians: on a shared machine one run's time
varies by 10 % or more, and a speed-up taken from a single pair of runs inherits that noise.

    python scripts/bench_convert.py --sizes 1000 --repeat 3    # the issue's figures
    python scripts/bench_convert.py --sizes 1000 --incremental --repeat 3   # re-runs (issue 16)
    python scripts/bench_convert.py --sizes 1000 --incremental --scale 100000   # + 100,000 unchanged

`--incremental` times whole `claimwire convert` processes (interpreter start included) as a newsroom
re-runs it: the full run; a re-run with nothing changed (checking that no file was written, not even
touched); a re-run after 1 % new and 1 % corrected dispatches, compared byte for byte with a fresh run
on the same inputs (which is also timed, as a second full run). `--scale N` then clones the converted
corpus and its inputs to N dispatches (no annotation needed: the clones are the same texts under new
names, with their records and manifest lines renamed) and times a re-run with nothing changed against
the floor of reading and hashing the same inputs and corpus files.
    python scripts/bench_convert.py --sizes 1000,10000 --skip-pipe --jobs 2   # memory at scale
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import orjson
from bench_children import command

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "tests" / "data" / "segmentation"


def paragraph_pool() -> list[str]:
    """Every paragraph of the seed and of the UD benchmark texts, in a fixed order."""
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    pool = [part.strip() for seed in seeds for part in seed.read_text("utf-8").split("\n\n")]
    pool = [p.removeprefix("date 2026-02-04 ").strip() for p in pool if p.strip()]
    for path in sorted(BENCH.glob("*.jsonl")):
        for line in path.read_bytes().splitlines():
            pool += [p for p in orjson.loads(line)["text"].split("\n\n") if len(p) > 40]
    return pool


def make_dispatches(n: int, folder: Path, seed: int = 13) -> list[str]:
    """Write n distinct dated dispatches into `folder`; returns their bodies as the reader will see them."""
    rng, pool, seen, bodies = random.Random(seed), paragraph_pool(), set(), []
    first = dt.date(2026, 1, 1)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        while True:
            body = "\n\n".join(rng.sample(pool, rng.randint(6, 14)))
            digest = hashlib.sha256(body.encode()).digest()
            if digest not in seen:
                seen.add(digest)
                break
        date = first + dt.timedelta(days=i % 365)
        (folder / f"dispatch-{i:06d}.txt").write_text(
            f"date {date.isoformat()}\n\n{body}\n", "utf-8"
        )
        bodies.append(body)
    return bodies


def corpus_digest(corpus: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        digest.update(path.relative_to(corpus).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def run_child(name: str, *args: str) -> dict:
    """Run one of `bench_children.py`'s programs in a fresh process; its figures."""
    result = subprocess.run(command(name, *args), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def summarise(results: list[dict]) -> dict:
    """The run of median time (with its stages), the medians of time and CPU, the highest peak."""
    seconds = median(r["seconds"] for r in results)
    summary = dict(min(results, key=lambda r: abs(r["seconds"] - seconds)))
    summary["seconds"] = seconds
    summary["cpu_seconds"] = median(r["cpu_seconds"] for r in results)
    summary["identical_runs"] = len({r["digest"] for r in results}) == 1
    summary["peak"] = max(max(r["peak_mib"], r["worker_peak_mib"]) for r in results)
    return summary


def bench_size(
    n: int, jobs: int, skip_pipe: bool, ray: bool, parallel_only: bool, work: Path, repeat: int = 1
) -> None:
    inputs = work / f"inputs-{n}"
    bodies = make_dispatches(n, inputs)
    chars = sum(map(len, bodies))
    print(f"\n## {n} dispatches ({chars / 1e6:.1f} M characters, {chars / n:.0f} per dispatch)")
    rows = []
    texts = work / f"texts-{n}.json"
    texts.write_text(json.dumps(bodies))
    pipes: list[dict] = []
    runs: dict[tuple[str, int], list[dict]] = {}
    engines = [("local", 1)] if not parallel_only else []
    engines += ([("local", jobs)] if jobs > 1 else []) + ([("ray", jobs)] if ray else [])
    for round_ in range(repeat):
        if not skip_pipe:  # in every round, so that the ratio is of runs under the same load
            pipes.append(run_child("pipe", str(texts)))
            print(f"  round {round_ + 1}: bare nlp.pipe: {pipes[-1]['seconds']:.1f} s")
        for engine, k in engines:
            corpus = work / f"corpus-{n}-{engine}-{k}-{round_}" / "corpus"
            result = run_child("convert", str(inputs), str(corpus), engine, str(k))
            result["digest"] = corpus_digest(corpus)
            shutil.rmtree(corpus.parent)
            runs.setdefault((engine, k), []).append(result)
            print(f"  round {round_ + 1}: --engine {engine} --jobs {k}: {result['seconds']:.1f} s")
    if pipes:
        print(f"spaCy components: {', '.join(pipes[0]['components'])}")
        seconds = median(p["seconds"] for p in pipes)
        rows.append(("bare nlp.pipe", seconds, max(p["peak_mib"] for p in pipes), None))
    medians = {key: summarise(results) for key, results in runs.items()}
    for (engine, k), result in medians.items():
        rows.append(
            (f"convert --engine {engine} --jobs {k}", result["seconds"], result["peak"], result)
        )
    base = next(iter(medians.values()))  # the first engine: --jobs 1 unless --parallel-only
    label = "seconds" if repeat == 1 else f"median s of {repeat}"
    print(f"\n| run | {label} | dispatches/s | sentences/s | CPU s | peak MiB | output |")
    print("|---|---|---|---|---|---|---|")
    for name, seconds, peak, result in rows:
        sentences = f"{base['sentences'] / seconds:.0f}"
        same, cpu = "-", "-"
        if result is not None:
            same = (
                "identical"
                if result["digest"] == base["digest"] and result["identical_runs"]
                else "DIFFERENT"
            )
            cpu = f"{result['cpu_seconds']:.1f}"
        print(
            f"| {name} | {seconds:.1f} | {n / seconds:.1f} | {sentences} | {cpu} | {peak:.0f} | {same} |"
        )
    if not skip_pipe:
        ratio = rows[0][1] / base["seconds"]
        first = runs[next(iter(runs))]
        per_round = [p["seconds"] / r["seconds"] for p, r in zip(pipes, first, strict=True)]
        print(
            f"\nconvert --jobs 1 throughput / bare nlp.pipe throughput: {ratio:.2f}x"
            f" (ratio of medians; per round: {', '.join(f'{x:.2f}x' for x in per_round)})"
        )
        # CPU seconds are less disturbed by a neighbour's load than wall seconds.
        cpu_ratio = median(p["cpu_seconds"] for p in pipes) / median(
            r["own_cpu_seconds"] for r in first
        )
        print(f"same, in CPU seconds of the timed part: {cpu_ratio:.2f}x")
    if jobs > 1 and not parallel_only:
        pairs = [
            a["seconds"] / b["seconds"]
            for a, b in zip(runs[("local", 1)], runs[("local", jobs)], strict=True)
        ]
        print(
            f"speed-up --jobs {jobs} over --jobs 1: {base['seconds'] / medians[('local', jobs)]['seconds']:.2f}x"
            + (
                f" (ratio of medians; per round: {', '.join(f'{x:.2f}x' for x in pairs)})"
                if repeat > 1
                else ""
            )
        )
    stages = base["stages"]
    total = sum(stages.values())
    print(f"\nstages of {rows[-len(runs)][0]} (the median run; seconds, share):")
    for stage in ("index", "read", "segment", "annotate", "merge", "write", "card"):
        seconds = stages.get(stage, 0.0)
        print(f"  {stage:9s} {seconds:8.2f}  {100 * seconds / total:5.1f} %")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000", help="comma-separated numbers of dispatches")
    parser.add_argument(
        "--jobs", type=int, default=2, help="workers for the parallel run (1: no parallel run)"
    )
    parser.add_argument(
        "--parallel-only", action="store_true", help="only the --jobs run (for memory at scale)"
    )
    parser.add_argument("--skip-pipe", action="store_true", help="skip the bare nlp.pipe floor")
    parser.add_argument(
        "--ray", action="store_true", help="also run --engine ray (needs claimwire[ray])"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run each convert this many times, interleaved; report medians",
    )
    parser.add_argument(
        "--work", type=Path, help="folder for inputs and outputs (default: a temporary one)"
    )
    parser.add_argument(
        "--incremental", action="store_true", help="time re-runs instead (see above; issue 16)"
    )
    parser.add_argument(
        "--scale", type=int, default=0, help="with --incremental: also a re-run over N clones"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claimwire-bench-") as tmp:
        work = args.work or Path(tmp)
        for n in (int(x) for x in args.sizes.split(",")):
            if args.incremental:
                from bench_incremental import bench_incremental, bench_scale

                corpus = bench_incremental(n, args.jobs, args.repeat, work, make_dispatches)
                if args.scale:
                    inputs = work / f"inc-inputs-{n}"
                    bench_scale(corpus, inputs, args.scale, args.jobs, args.repeat, work)
                continue
            bench_size(
                n, args.jobs, args.skip_pipe, args.ray, args.parallel_only, work, args.repeat
            )
            sys.stdout.flush()


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"\n(benchmark took {time.perf_counter() - start:.0f} s)")
