"""`claimwire fmt`: rewrite corpus files in canonical form, or check that they are."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from claimwire.cli.options import (
    corpus_option,
    locked,
    paths_in_corpus,
    preview_options,
    refuse_pending_write,
)
from claimwire.corpus.canonical import format_bytes, table_of
from claimwire.corpus.layout import iter_shard_files
from claimwire.corpus.store import write_files


def _files(corpus_dir: Path, paths: tuple[Path, ...]) -> list[Path]:
    found: list[Path] = []
    for path in paths or (corpus_dir,):
        if path.is_dir():
            found += [shard.path for shard in iter_shard_files(path)]
            found += sorted(p for p in path.glob("data/*/*/*.jsonl") if p not in found)
        else:
            found.append(path)
    return sorted(dict.fromkeys(found))


@click.command("fmt")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@corpus_option("Corpus folder whose files to format.")
@preview_options
def fmt_cmd(paths: tuple[Path, ...], corpus_dir: Path, dry_run: bool, check: bool) -> None:
    """Rewrite corpus JSONL files in canonical form (PATHS inside the corpus; default: all of it).

    Canonical: UTF-8 without BOM, \\n line ends, one compact JSON object per line with keys in the
    contract's order, no blank lines, a final newline. Only lines that differ are rewritten; a line that
    is not valid JSON or has a duplicate key is left alone and reported.

    \b
    Examples:
      claimwire fmt                      # every file under corpus/
      claimwire fmt --check              # in CI: exit 1 if anything would change
      claimwire fmt corpus/data/train/sentences/2026-02.jsonl
      claimwire fmt --dry-run --corpus ann1/corpus
    """
    paths_in_corpus(corpus_dir, paths)
    if check or dry_run:
        refuse_pending_write(corpus_dir)
    guard = contextlib.nullcontext() if check or dry_run else locked(corpus_dir, "fmt")
    with guard:
        _fmt(paths, corpus_dir, dry_run, check)


def _fmt(paths: tuple[Path, ...], corpus_dir: Path, dry_run: bool, check: bool) -> None:
    files = _files(corpus_dir, paths)
    if not files:
        raise click.UsageError(
            "no corpus files found (expected data/<split>/<table>/<YYYY-MM>.jsonl)"
        )
    to_write: dict[Path, bytes] = {}
    unsafe = changed = 0
    for path in files:
        try:
            result = format_bytes(path.read_bytes(), table_of(path))
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        for number, problem in result.unsafe:
            click.echo(
                f"{path}:{number}: cannot format: {problem} (fix by hand; run: claimwire validate)",
                err=True,
            )
        unsafe += len(result.unsafe)
        if result.changed_lines:
            changed += 1
            if check or dry_run:
                for number in result.changed_lines:
                    click.echo(f"{path}:{number}: not in canonical form")
            else:
                to_write[path] = result.data
    if to_write:
        write_files(to_write, root=corpus_dir)
    verb = "would be reformatted" if check or dry_run else "reformatted"
    click.echo(
        f"{changed} of {len(files)} file(s) {verb}; {unsafe} line(s) left for a person", err=check
    )
    if unsafe or (check and changed):
        raise SystemExit(1)
