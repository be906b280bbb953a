"""Re-runs of `claimwire convert` (issue 16), as whole processes; used by `bench_convert.py --incremental`.

python scripts/bench_convert.py --sizes 1000 --incremental --repeat 3 --scale 100000
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from statistics import median

import orjson

from claimwire.corpus.layout import assign_split, canonical_line, iter_shard_files, shard_path
from claimwire.corpus.manifest import MANIFEST_NAME, lines_digest, read_manifest
from claimwire.ingest import origin_path


def command() -> list[str]:
    """The `claimwire` command installed beside this interpreter (else its entry point)."""
    script = Path(sys.executable).with_name("claimwire")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from claimwire.cli import main; sys.exit(main())"]


def run_convert(inputs: Path, corpus: Path, jobs: int) -> tuple[float, str]:
    """Wall seconds of one whole `claimwire convert` process, and what it printed."""
    argv = [*command(), "convert", str(inputs), "--corpus", str(corpus), "--jobs", str(jobs)]
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(
            f"convert failed ({done.returncode}):\n{done.stdout}\n{done.stderr[-3000:]}"
        )
    return seconds, done.stdout


def state(corpus: Path) -> dict[str, tuple[int, bytes]]:
    """Every file of the corpus: modification time (ns) and digest, to show nothing was touched."""
    return {
        p.relative_to(corpus).as_posix(): (
            p.stat().st_mtime_ns,
            hashlib.sha256(p.read_bytes()).digest(),
        )
        for p in sorted(corpus.rglob("*"))
        if p.is_file()
    }


def digest_of(corpus: Path) -> str:
    return hashlib.sha256(
        orjson.dumps({k: v[1].hex() for k, v in state(corpus).items()})
    ).hexdigest()


def change_inputs(inputs: Path, n: int, make_body, seed: int = 7) -> tuple[int, int]:
    """1 % new dispatches and 1 % corrected ones (a paragraph added to their text, as an agency's
    correction does); returns (new, corrected)."""
    rng = random.Random(seed)
    count = max(1, n // 100)
    existing = sorted(inputs.glob("dispatch-*.txt"))
    for path in rng.sample(existing, count):
        text = path.read_text("utf-8").rstrip("\n")
        path.write_text(text + "\n\nCette dépêche a été corrigée : le bilan a été revu.\n", "utf-8")
    for i in range(count):
        body = make_body(i)
        (inputs / f"dispatch-new-{i:06d}.txt").write_text(f"date 2026-06-15\n\n{body}\n", "utf-8")
    return count, count


def _seconds(values: list[float]) -> str:
    return f"median {median(values):.2f} s (runs: {', '.join(f'{v:.2f}' for v in values)})"


def bench_incremental(n: int, jobs: int, repeat: int, work: Path, make_dispatches) -> Path:
    """Full run, no-change re-runs, 1 % + 1 % re-runs against a fresh run; returns the corpus."""
    inputs = work / f"inc-inputs-{n}"
    bodies = make_dispatches(n, inputs)
    corpus = work / "inc-a" / "corpus"
    print(f"\n## incremental: {n} dispatches, claimwire convert --jobs {jobs}, whole processes")
    full, out = run_convert(inputs, corpus, jobs)
    print(f"full run: {full:.1f} s  ({out.splitlines()[0]})")

    before = state(corpus)
    nochange: list[float] = []
    for _ in range(repeat):
        seconds, out = run_convert(inputs, corpus, jobs)
        nochange.append(seconds)
        assert "0 added, 0 updated" in out and "files: 0 written" in out, out
    untouched = state(corpus) == before
    print(
        f"re-run, nothing changed: {_seconds(nochange)}; {median(nochange) / full:.3f}x the full run;"
        f" files written or touched: {'none' if untouched else 'SOME'}"
    )

    snapshot = work / "inc-before"
    shutil.copytree(corpus, snapshot / "corpus")
    rng = random.Random(11)
    new, corrected = change_inputs(
        inputs, n, lambda i: "\n\n".join(rng.sample(bodies, 2)).replace("\n\n", " ", 1)
    )
    changed: list[float] = []
    outputs = []
    for round_ in range(repeat):
        if round_:
            shutil.rmtree(corpus)
            shutil.copytree(snapshot / "corpus", corpus)
        seconds, out = run_convert(inputs, corpus, jobs)
        changed.append(seconds)
        outputs.append(digest_of(corpus))
    fresh_corpus = work / "inc-b" / "corpus"
    fresh, _ = run_convert(inputs, fresh_corpus, jobs)
    same = len(set(outputs)) == 1 and outputs[0] == digest_of(fresh_corpus)
    print(
        f"re-run after {new} new and {corrected} corrected dispatches: {_seconds(changed)};"
        f" {median(changed) / full:.3f}x the full run ({median(changed) / fresh:.3f}x the fresh run);"
        f" {out.splitlines()[0]}"
    )
    print(
        f"fresh run on the same inputs: {fresh:.1f} s; incremental output "
        + ("byte-identical to it (manifest and card included)" if same else "DIFFERENT")
    )
    shutil.rmtree(snapshot)
    shutil.rmtree(fresh_corpus.parent)
    return corpus


def clone_corpus(corpus: Path, inputs: Path, target: Path, total: int) -> tuple[Path, Path]:
    """The corpus and its inputs cloned to `total` dispatches under new names (no annotation run)."""
    clones = -(-total // len(list(inputs.glob("*.txt"))))
    new_inputs, new_corpus = target / inputs.name, target / "corpus"
    new_inputs.mkdir(parents=True)
    manifest = read_manifest(corpus)
    documents: dict[
        str, tuple[str, str, bytes, bytes]
    ] = {}  # id -> split, shard, doc line, sentences
    for shard in iter_shard_files(corpus):
        if shard.table != "documents":
            continue
        sentences: dict[str, list[bytes]] = defaultdict(list)
        for line in (
            shard_path(corpus, shard.split, "sentences", shard.shard).read_bytes().splitlines(True)
        ):
            sentences[orjson.loads(line)["doc_id"]].append(line)
        for line in shard.path.read_bytes().splitlines(True):
            doc_id = orjson.loads(line)["id"]
            documents[doc_id] = (shard.split, shard.shard, line, b"".join(sentences[doc_id]))
    placed: dict[tuple[str, str], list[tuple[bytes, str, bytes, bytes]]] = defaultdict(list)
    entries: list[bytes] = []
    made = 0
    for doc_id in sorted(documents):
        entry = manifest.entries[doc_id]
        source = (corpus.parent / entry.path).resolve()
        _, shard, doc_line, sentence_lines = documents[doc_id]
        for k in range(clones):
            if made >= total:
                break
            made += 1
            name = f"{doc_id}-c{k:04d}"
            copy = new_inputs / f"{name}.txt"
            shutil.copyfile(source, copy)
            path = origin_path(copy, new_corpus.parent)
            line = doc_line.replace(f'"path":"{entry.path}"'.encode(), f'"path":"{path}"'.encode())
            old, new = doc_id.encode(), name.encode()
            line, lines = line.replace(old, new), sentence_lines.replace(old, new)
            date = orjson.loads(line)["date"].encode()
            placed[(assign_split(name), shard)].append((date, name, line, lines))
            record = orjson.loads(
                orjson.dumps(
                    {
                        **dataclasses.asdict(entry),
                        "id": name,
                        "path": path,
                        "lines": lines_digest(line, lines),
                    }
                )
            )
            entries.append(canonical_line(record))
    for (split, shard), items in placed.items():
        items.sort(key=lambda item: (item[0], item[1]))
        for table, column in (("documents", 2), ("sentences", 3)):
            path = shard_path(new_corpus, split, table, shard)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"".join(item[column] for item in items))  # type: ignore[misc]
    header = [
        line
        for line in (corpus / MANIFEST_NAME).read_bytes().splitlines(True)
        if b'"parts"' in line
    ]
    entries.sort(key=lambda line: orjson.loads(line)["id"])
    (new_corpus / MANIFEST_NAME).write_bytes(b"".join(header + entries))
    from claimwire.card import render_card

    (new_corpus / "README.md").write_text(render_card(new_corpus), encoding="utf-8")
    return new_inputs, new_corpus


READ_FLOOR = r"""
import hashlib, sys, time
from pathlib import Path
start = time.perf_counter()
n = 0
for path in sorted(Path(sys.argv[1]).iterdir()):
    hashlib.sha256(path.read_bytes()).digest(); n += 1
for path in sorted(Path(sys.argv[2]).rglob("*.jsonl")):
    hashlib.sha256(path.read_bytes()).digest()
print(n, time.perf_counter() - start)
"""


def bench_scale(corpus: Path, inputs: Path, total: int, jobs: int, repeat: int, work: Path) -> None:
    """A no-change re-run over `total` dispatches, against reading and hashing the same bytes."""
    start = time.perf_counter()
    big_inputs, big_corpus = clone_corpus(corpus, inputs, work / f"scale-{total}", total)
    print(f"\n## {total} unchanged dispatches (cloned in {time.perf_counter() - start:.0f} s)")
    rerun, floor = [], []
    for _ in range(repeat):
        seconds, out = run_convert(big_inputs, big_corpus, jobs)
        rerun.append(seconds)
        assert "0 added, 0 updated" in out and "files: 0 written" in out, out
        begin = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", READ_FLOOR, str(big_inputs), str(big_corpus)],
            check=True,
            capture_output=True,
        )
        floor.append(time.perf_counter() - begin)
    print(f"re-run, nothing changed: {_seconds(rerun)}; {out.splitlines()[0]}")
    print(
        f"floor: a Python process reading and hashing every input and corpus file: {_seconds(floor)};"
        f" re-run / floor {median(rerun) / median(floor):.2f}x;"
        f" {1e3 * median(rerun) / total:.3f} ms per dispatch"
    )
    shutil.rmtree(big_corpus.parent)
