"""Prove that a refactoring changed no output: convert the gold texts (seeds/gold/<part>) and the
other seeds, and score the pre-annotator on the gold parts, with the code of a base revision and with
the working tree; compare.

    python scripts/same_output.py --base main       # exit 0 if every file is byte-identical

The base revision is checked out in a temporary git worktree (removed afterwards); both runs use this
interpreter and its installed dependencies, each with its own `src/` first on `sys.path`. Prints the
files that differ, with a unified diff of the first lines of each.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parents[1]
PARTS = ("dev", "heldout", "fresh")
CLI = "import sys; from claimwire.cli import main; sys.exit(main())"


def _python(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Standard output and error of this interpreter run with `args`."""
    done = subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    return done.stdout + done.stderr


def run(src: Path, out: Path, parts: tuple[str, ...]) -> None:
    """Convert and evaluate with the package found in `src`, writing everything under `out`."""
    env = {**os.environ, "PYTHONPATH": str(src), "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    out.mkdir(parents=True)
    inputs = [(part, [REPO / "seeds" / "gold" / part]) for part in parts]
    inputs.append(("seeds", sorted(p for p in (REPO / "seeds").iterdir() if p.is_file())))
    for name, paths in inputs:
        args = ["-c", CLI, "convert", *map(str, paths), "--corpus", name, "-j", "1"]
        log = _python(args, out, env)
        (out / f"{name}.log").write_text(log, encoding="utf-8")
    script = src.parent / "scripts" / "eval_preannotation.py"
    for part in parts:
        report = _python([str(script), "--part", part, "--json"], REPO, env)
        (out / f"eval-{part}.json").write_text(report, encoding="utf-8")


def _outputs(folder: Path) -> set[Path]:
    """The files a run wrote, without the writers' lock files (`.<corpus>.lock`), which are not output."""
    return {
        p.relative_to(folder)
        for p in folder.rglob("*")
        if p.is_file() and not (p.name.startswith(".") and p.name.endswith(".lock"))
    }


def _content(path: Path) -> bytes:
    """A file's bytes; for convert's manifest, without the pipeline identity, which digests the code
    itself and so changes with any refactoring (each document's digest of its lines stays)."""
    if path.name != "manifest.jsonl":
        return path.read_bytes()
    lines = (orjson.loads(line) for line in path.read_bytes().splitlines())
    kept = ({k: v for k, v in r.items() if k not in ("pipeline", "parts")} for r in lines)
    return b"\n".join(orjson.dumps(r) for r in kept if r)


def differences(a: Path, b: Path) -> list[str]:
    """Relative paths of the files that differ or exist on one side only."""
    files = _outputs(a) | _outputs(b)
    return sorted(
        str(rel)
        for rel in files
        if not (a / rel).is_file()
        or not (b / rel).is_file()
        or _content(a / rel) != _content(b / rel)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="git revision to compare with (e.g. main)")
    parser.add_argument("--parts", default=",".join(PARTS), help="gold parts (comma-separated)")
    parser.add_argument("--keep", type=Path, help="keep both outputs in this folder")
    args = parser.parse_args()
    parts = tuple(p for p in args.parts.split(",") if p)
    work = Path(tempfile.mkdtemp(prefix="same-output-"))
    base = work / "base"
    subprocess.run(
        ["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(base), args.base],
        check=True,
    )
    try:
        run(base / "src", work / "out-base", parts)
        run(REPO / "src", work / "out-head", parts)
        differ = differences(work / "out-base", work / "out-head")
        for rel in differ:
            print(f"differs: {rel}")
            old_path, new_path = work / "out-base" / rel, work / "out-head" / rel
            old = (
                old_path.read_text("utf-8", errors="replace").splitlines()
                if old_path.is_file()
                else []
            )
            new = (
                new_path.read_text("utf-8", errors="replace").splitlines()
                if new_path.is_file()
                else []
            )
            for line in list(difflib.unified_diff(old, new, lineterm="", n=0))[2:12]:
                print(f"    {line}")
        print(f"{len(differ)} file(s) differ from {args.base}" if differ else "identical")
        if args.keep:
            shutil.copytree(work / "out-base", args.keep / "base", dirs_exist_ok=True)
            shutil.copytree(work / "out-head", args.keep / "head", dirs_exist_ok=True)
        return 1 if differ else 0
    finally:
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "remove", "--force", str(base)], check=False
        )
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
