"""`claimwire convert`: read dispatches, segment, pre-annotate, merge into the corpus, print a summary."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click
from tqdm import tqdm

from claimwire import convert as pipeline
from claimwire.convert import ConvertSummary
from claimwire.corpus.store import CorpusError
from claimwire.ingest import READERS
from claimwire.records import Document, Sentence


class LazyAnnotator:
    """Loads the spaCy model only when some document actually needs annotating."""

    def __init__(self) -> None:
        self._annotator = None

    def __call__(
        self, items: Iterable[tuple[Document, list[Sentence]]]
    ) -> Iterator[list[Sentence]]:
        items = list(items)
        if not items:
            return iter(())
        if self._annotator is None:
            from claimwire.annotate import Annotator

            self._annotator = Annotator()
        return self._annotator.annotate_many(items)


def _progress(paths: Iterable[Path]) -> Iterable[Path]:
    return tqdm(paths, desc="reading", unit="file", file=sys.stderr, disable=None, leave=False)


def print_summary(summary: ConvertSummary, corpus: Path, dry_run: bool) -> None:
    click.echo(
        f"{summary.inputs} input(s): {len(summary.added)} added, {len(summary.updated)} updated, "
        f"{len(summary.unchanged)} unchanged, {len(summary.kept_newer)} older than the corpus, "
        f"{len(summary.rejected)} rejected"
    )
    click.echo(f"corpus {corpus}: {summary.sentences} sentences")
    for layer, counts in summary.labels.items():
        shown = ", ".join(
            f"{label} {n}" for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        click.echo(f"  {layer}: {shown}")
    if not dry_run:
        files = summary.files
        click.echo(
            f"files: {len(files.written)} written, {len(files.unchanged)} unchanged, "
            f"{len(files.removed)} removed"
        )
    else:
        click.echo("dry run: nothing written")
    for conflict in summary.conflicts:
        click.echo(f"conflict: {conflict}", err=True)
    for error in summary.rejected:
        click.echo(f"rejected: {error}", err=True)


@click.command("convert")
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("corpus"),
    show_default=True,
    help="Corpus folder to add the dispatches to.",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(sorted(READERS)),
    help="Input format (default: detected per file).",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
def convert(inputs: tuple[Path, ...], corpus_dir: Path, format_: str | None, dry_run: bool) -> None:
    """Convert dispatches (files or folders; default: seeds/) into the corpus.

    Documents already in the corpus from other inputs stay; a dispatch read again is updated, keeping its
    split and every sentence an annotator corrected. The dataset card is regenerated. Inputs that cannot
    be read are listed and make the exit status 1; the others are still converted.

    \b
    Examples:
      claimwire convert                       # seeds/ -> corpus/
      claimwire convert archive/2026-02/ --corpus corpus/
      claimwire convert dispatch.xml --format newsml-g2 --dry-run
    """
    paths = list(inputs) or [Path("seeds")]
    for path in paths:
        if not path.exists():
            raise click.UsageError(f"{path}: no such file or folder")
    root = corpus_dir.resolve().parent
    try:
        summary = pipeline.convert(
            paths, corpus_dir, root, LazyAnnotator(), format_, _progress, dry_run
        )
    except CorpusError as exc:
        raise click.ClickException(f"{exc}; nothing was written") from None
    print_summary(summary, corpus_dir, dry_run)
    if summary.rejected or summary.conflicts:
        sys.exit(1)
