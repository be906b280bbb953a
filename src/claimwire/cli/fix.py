"""`claimwire fix`: repair offsets and obvious names that annotators typed approximately."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from claimwire.cli.options import corpus_option, locked, paths_in_corpus, preview_options
from claimwire.corpus.fix import FixReport, fix_lines
from claimwire.corpus.layout import iter_shard_files
from claimwire.corpus.store import CorpusError, read_corpus, write_files


def _sentence_files(corpus: Path, paths: tuple[Path, ...]) -> list[Path]:
    all_files = [s.path for s in iter_shard_files(corpus) if s.table == "sentences"]
    if not paths:
        return all_files
    chosen = {p.resolve() for p in paths}
    picked = [
        f for f in all_files if f.resolve() in chosen or chosen & {p.resolve() for p in f.parents}
    ]
    if not picked:
        raise click.UsageError(f"no sentences files of {corpus} among the paths given")
    return picked


@click.command("fix")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@corpus_option("Corpus whose documents give the texts.")
@preview_options
def fix_cmd(paths: tuple[Path, ...], corpus_dir: Path, dry_run: bool, check: bool) -> None:
    """Repair sentences files edited by hand (default: every sentences file of the corpus).

    Recomputes `start`/`end` of sentences and sources from their `text` (the occurrence nearest to the
    offsets typed), trims whitespace typed around a sentence, and fills `name` for a mention that is a
    plain proper name (`M. Abbas Araghchi` -> `Abbas Araghchi`). Only lines that need a repair change;
    what cannot be repaired is listed and makes the exit status 1.

    \b
    Examples:
      claimwire fix
      claimwire fix corpus/data/train/sentences/2026-02.jsonl --dry-run
      claimwire fix --check --corpus ann1/corpus      # in CI: exit 1 if anything needs a repair
    """
    paths_in_corpus(corpus_dir, paths)
    dry_run = dry_run or check
    guard = contextlib.nullcontext() if dry_run else locked(corpus_dir, "fix")
    with guard:
        _fix(paths, corpus_dir, dry_run, check)


def _fix(paths: tuple[Path, ...], corpus_dir: Path, dry_run: bool, check: bool) -> None:
    try:
        corpus = read_corpus(corpus_dir)
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from None
    texts = {doc_id: document.text for doc_id, document in corpus.documents.items()}
    report, contents = FixReport(), {}
    for path in _sentence_files(corpus_dir, paths):
        data, changed, unresolved = fix_lines(path.read_bytes(), texts)
        if changed:
            report.fixed[path], contents[path] = changed, data
        if unresolved:
            report.unresolved[path] = unresolved
    for path, lines in report.fixed.items():
        for line in lines:
            click.echo(f"{path}:{line}: {'would fix' if dry_run else 'fixed'}")
    for path, problems in report.unresolved.items():
        for line, problem in problems:
            click.echo(f"{path}:{line}: cannot fix: {problem}", err=True)
    if contents and not dry_run:
        write_files(contents, root=corpus_dir)
    fixed = sum(len(v) for v in report.fixed.values())
    left = sum(len(v) for v in report.unresolved.values())
    click.echo(
        f"{fixed} line(s) {'to fix' if dry_run else 'fixed'}, {left} problem(s) left for a person"
    )
    if left or (check and fixed):
        raise SystemExit(1)
