"""Benchmark of `claimwire validate` against the floor set by a bare `orjson.loads` of every line.

Builds a VALID synthetic corpus of about N sentences from the real seed records in `corpus/`: each
seed document is replicated under new ids (each in the split its id assigns), dated over twelve
months so that the data falls in many split/month shards, with its sentences renumbered to match;
the card and its sibling files by `claimwire.release.generated_files`. Then it prints, for the same files: the time
of a bare `orjson.loads` of every line, and the time, records/s, peak memory (ru_maxrss of a fresh
process) and ratio to the bare parse of `validate_corpus` (card check included, as the CLI does),
for each table engine (`--engines`: the pandera models' checks called directly, or pandera's
own validation), and with `--jobs N` processes (CPU time of all of them; peak memory of the largest).
Each is run `--runs` times, alternately, each in a fresh process, and the fastest run of each counts
(the machine may be shared: a neighbour's load slows whichever runs beside it). `--breakdown` adds
one more run of the default engine, timed per stage.

Whole processes (the issue-16 measure, what a user waits for): the bare parse as its own Python
process (interpreter start and `import orjson` included), against `claimwire validate --corpus CORPUS --jobs 1`
and `claimwire validate CORPUS` (the default: all cores), the command as installed (interpreter start,
imports, card check and report included), timed from outside, interleaved round by round; the ratios
of the medians and of each round are printed, so the noise of a shared machine shows. `--whole-only`
skips the in-process figures.

    python scripts/bench_validate.py --sentences 130000
    python scripts/bench_validate.py --sentences 1000000 --keep /tmp/bench-corpus   # the issue's
    python scripts/bench_validate.py --sentences 1000000 --whole-only --runs 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import orjson
from bench_children import command

from claimwire.corpus.layout import assign_split, canonical_line, iter_shard_files

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpus"


def seed_records() -> list[tuple[dict, list[dict]]]:
    """Every seed document with its sentences, in file order."""
    documents: dict[str, dict] = {}
    sentences: dict[str, list[dict]] = defaultdict(list)
    for shard in iter_shard_files(SEED):
        for line in shard.path.read_bytes().splitlines():
            record = orjson.loads(line)
            if shard.table == "documents":
                documents[record["id"]] = record
            else:
                sentences[record["doc_id"]].append(record)
    return [(doc, sentences[rid]) for rid, doc in documents.items()]


def build_corpus(corpus: Path, n_sentences: int, months: int = 12) -> tuple[int, int]:
    """Write the synthetic corpus and its card; returns (documents, sentences) written."""
    seeds = seed_records()
    per_round = sum(len(s) for _, s in seeds)
    n_docs = max(1, round(n_sentences / per_round)) * len(seeds)
    # (split, month) -> [(date, id, document, sentences)]
    shards: dict[tuple[str, str], list[tuple[str, str, dict, list[dict]]]] = defaultdict(list)
    for i in range(n_docs):
        doc, sents = seeds[i % len(seeds)]
        rid = f"{doc['id']}-r{i:07d}"
        month = i % months
        date = dt.date(2025, month + 1, 1 + (i // months) % 28).isoformat()
        shards[(assign_split(rid), date[:7])].append((date, rid, doc, sents))
    written = 0
    for (split, month), entries in shards.items():
        entries.sort(key=lambda e: (e[0], e[1]))
        docs_path = corpus / "data" / split / "documents" / f"{month}.jsonl"
        sents_path = corpus / "data" / split / "sentences" / f"{month}.jsonl"
        docs_path.parent.mkdir(parents=True, exist_ok=True)
        sents_path.parent.mkdir(parents=True, exist_ok=True)
        with docs_path.open("wb") as docs_out, sents_path.open("wb") as sents_out:
            for date, rid, doc, sents in entries:
                docs_out.write(canonical_line({**doc, "id": rid, "date": date}))
                for s in sents:
                    sid = f"{rid}:{s['index']:03d}"
                    sents_out.write(canonical_line({**s, "id": sid, "doc_id": rid}))
                    written += 1
    from claimwire.release import generated_files

    for path, data in generated_files(corpus).items():  # the card, LICENSE.md, croissant.json
        path.write_bytes(data)
    return n_docs, written


def run_child(name: str, *args: str) -> dict:
    """Run one of `bench_children.py`'s programs in a fresh process; its figures."""
    out = subprocess.run(command(name, *args), check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _command() -> list[str]:
    """The `claimwire` command installed beside this interpreter (else the same entry point run by it)."""
    script = Path(sys.executable).with_name("claimwire")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from claimwire.cli import main; sys.exit(main())"]


def whole_processes(corpus: Path, files: list[str], runs: int) -> None:
    """Wall time of whole processes, interleaved: bare parse, validate --jobs 1, validate (default)."""
    setups = {
        "bare orjson.loads (whole process)": command("bare", *files),
        "claimwire validate --jobs 1": [
            *_command(),
            "validate",
            "--corpus",
            str(corpus),
            "-j",
            "1",
        ],
        "claimwire validate (default --jobs: all cores)": [
            *_command(),
            "validate",
            "--corpus",
            str(corpus),
        ],
    }
    times: dict[str, list[float]] = {name: [] for name in setups}
    for _ in range(runs):
        for name, argv in setups.items():
            start = time.perf_counter()
            done = subprocess.run(argv, capture_output=True, text=True, check=False)
            times[name].append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(f"{name} failed ({done.returncode}):\n{done.stdout[-2000:]}")
    bare = times["bare orjson.loads (whole process)"]
    print(f"\nwhole processes, {runs} interleaved round(s), wall seconds:")
    for name, seconds in times.items():
        ratios = [s / b for s, b in zip(seconds, bare, strict=True)]
        print(
            f"  {name:48s} median {statistics.median(seconds):6.2f} s, fastest {min(seconds):6.2f} s;"
            f" ratio to bare: {statistics.median(seconds) / statistics.median(bare):.2f}x of medians,"
            f" {min(seconds) / min(bare):.2f}x of fastest; per round "
            + ", ".join(f"{r:.2f}x" for r in ratios)
        )


def _spread(runs: list[dict]) -> str:
    """Each run's wall and CPU seconds, to show how steady the machine was."""
    return ", ".join(f"{r['seconds']:.2f}/{r['cpu']:.2f}" for r in runs) + " s wall/CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=130_000)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the corpus in this folder")
    parser.add_argument(
        "--engines",
        default="vectorized,pandera",
        help="table engines to time: vectorized (the default), pandera (pandera's validate)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each; the fastest counts")
    parser.add_argument(
        "--jobs", type=int, default=1, help="also time the default engine with --jobs N (N > 1)"
    )
    parser.add_argument("--breakdown", action="store_true", help="time the stages of one run")
    parser.add_argument(
        "--whole-only", action="store_true", help="only the whole-process ratios (issue 16)"
    )
    args = parser.parse_args()

    tmp = None
    if args.keep is not None:
        corpus = args.keep
    else:
        tmp = Path(tempfile.mkdtemp(prefix="bench-validate-"))
        corpus = tmp / "corpus"
    try:
        if not (corpus / "README.md").is_file():
            start = time.perf_counter()
            n_docs, n_sents = build_corpus(corpus, args.sentences)
            print(
                f"built {n_docs} documents, {n_sents} sentences in "
                f"{time.perf_counter() - start:.1f} s"
            )
        files = [str(s.path) for s in iter_shard_files(corpus)]
        size = sum(Path(f).stat().st_size for f in files)
        largest = max(Path(f).stat().st_size for f in files)
        print(
            f"corpus: {corpus}  {len(files)} files, {size / 2**20:.0f} MiB "
            f"(largest {largest / 2**20:.1f} MiB)"
        )
        whole_processes(corpus, files, args.runs)
        if args.whole_only:
            return
        # (engine, jobs) of each timed configuration
        setups = [(engine, 1) for engine in args.engines.split(",")]
        if args.jobs > 1:
            setups.append(("vectorized", args.jobs))
        bares: list[dict] = []
        runs: dict[tuple[str, int], list[dict]] = {setup: [] for setup in setups}
        for _ in range(args.runs):
            bares.append(run_child("bare", *files))
            for engine, jobs in setups:
                runs[(engine, jobs)].append(run_child("validate", str(corpus), engine, str(jobs)))
        bare = {key: min(r[key] for r in bares) for key in ("seconds", "cpu")}
        records = bares[0]["records"]
        print(
            f"bare orjson.loads: {bare['seconds']:.2f} s wall, {bare['cpu']:.2f} s CPU "
            f"for {records} records ({records / bare['seconds']:,.0f} records/s); "
            f"runs: {_spread(bares)}"
        )
        for setup in setups:
            result = runs[setup][0]
            seconds = min(r["seconds"] for r in runs[setup])
            cpu = min(r["cpu"] for r in runs[setup])
            memory = max(r["maxrss_kib"] for r in runs[setup])
            name = f"engine {setup[0]}" + (f", --jobs {setup[1]}" if setup[1] > 1 else "")
            median = statistics.median(r["cpu"] for r in runs[setup])
            print(
                f"validate [{name}]: {seconds:.2f} s wall, {cpu:.2f} s CPU, "
                f"{records / seconds:,.0f} records/s, ratio to bare parse "
                f"{seconds / bare['seconds']:.2f}x wall, {cpu / bare['cpu']:.2f}x CPU "
                f"(of the median runs: {median / statistics.median(r['cpu'] for r in bares):.2f}x "
                f"CPU), peak memory {memory / 2**20:.2f} GiB; "
                f"valid={result['valid']} findings={result['findings']} notes={result['notes']}; "
                f"runs: {_spread(runs[setup])}"
            )
        if args.breakdown:
            timed = run_child("breakdown", str(corpus))
            # Shares of that run, and the CPU ratio of the fastest runs split in those shares.
            ratio = min(r["cpu"] for r in runs[setups[0]]) / bare["cpu"]
            print(
                f"stages of one more run ({timed['total']:.2f} s CPU): seconds, share, "
                f"and the share of the {ratio:.2f}x above"
            )
            for stage, spent in timed["stages"].items():
                share = spent / timed["total"]
                print(f"  {stage:60s} {spent:6.2f} s {100 * share:5.1f} %  {share * ratio:4.2f}x")
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
