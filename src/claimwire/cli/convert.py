"""`claimwire convert`: read dispatches, segment, pre-annotate, merge into the corpus, print a summary."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from claimwire import convert as pipeline
from claimwire.cli.options import corpus_option, input_format_option, locked, preview_options
from claimwire.convert import ConvertSummary
from claimwire.corpus.commit import CommitError
from claimwire.corpus.model import checked_model_file, corpus_model_identity
from claimwire.corpus.store import CorpusError
from claimwire.engines import LocalEngine, RayEngine, available_cores


def _progress(paths: Iterable[Path]) -> Iterable[Path]:
    return tqdm(
        paths, desc="converting", unit="dispatch", file=sys.stderr, disable=None, leave=False
    )


def print_summary(
    summary: ConvertSummary, corpus: Path, dry_run: bool, review_below: float = 0.5
) -> None:
    click.echo(
        f"{summary.inputs} input(s): {len(summary.added)} added, {len(summary.updated)} updated, "
        f"{len(summary.unchanged)} unchanged, {len(summary.kept_newer)} older than the corpus, "
        f"{len(summary.rejected)} rejected"
    )
    stats = summary.stats
    click.echo(
        f"corpus {corpus}: {sum(stats.documents.values())} documents, "
        f"{sum(stats.sentences.values())} sentences, {stats.sources} sources"
    )
    for layer in ("claim_type", "verifiability", "source_kind"):
        counts = stats.labels[layer]
        shown = ", ".join(
            f"{label} {n}" for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        click.echo(f"  {layer}: {shown or '-'}")
    if stats.confidence:
        click.echo(
            f"review first: {stats.below(review_below)} auto sentence(s) with confidence below "
            f"{review_below:g} (of {sum(stats.confidence.values())})"
        )
    files = summary.files
    verb = "would be written" if dry_run else "written"
    click.echo(
        f"files: {len(files.written)} {verb}, {len(files.unchanged)} unchanged, "
        f"{len(files.removed)} removed"
    )
    for conflict in summary.conflicts:
        click.echo(f"conflict: {conflict}", err=True)
    for error in summary.rejected:
        click.echo(f"rejected: {error}", err=True)


@click.command("convert")
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@corpus_option("Corpus folder to add the dispatches to.")
@input_format_option()
@preview_options
@click.option(
    "--force",
    is_flag=True,
    help="Convert every input again, also those whose bytes and pipeline are unchanged.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=available_cores,
    show_default="all cores",
    help="Worker processes for the annotate stage (each loads the spaCy model once).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Run the annotate stage in local processes, or on Ray (needs claimwire[ray]).",
)
@click.option(
    "--address", help="With --engine ray: the cluster to join (default: start a local Ray)."
)
@click.option(
    "--review-below",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Count auto sentences whose confidence is below this, to review first.",
)
def convert(
    inputs: tuple[Path, ...],
    corpus_dir: Path,
    input_format: str | None,
    dry_run: bool,
    check: bool,
    force: bool,
    jobs: int,
    engine: str,
    address: str | None,
    review_below: float,
) -> None:
    """Convert dispatches (files or folders; default: seeds/) into the corpus.

    Documents already in the corpus from other inputs stay; a dispatch read again is updated, keeping its
    split and every sentence an annotator corrected. The dataset card is regenerated. The claim-type
    model is the corpus's own (CORPUS/model/claim_type.json, from `claimwire train`) when it has one,
    else the shipped one; each auto sentence names it in its annotation note. Inputs that cannot
    be read are listed and make the exit status 1; the others are still converted. An input whose bytes
    and pipeline (claimwire's version, the model, lexicons, rules and the corpus's claim-type model) are
    those recorded in corpus/manifest.jsonl, and whose records nobody changed since, is skipped; with
    nothing to convert, spaCy is not even loaded.

    \b
    Examples:
      claimwire convert                       # seeds/ -> corpus/
      claimwire convert archive/2026-02/ --corpus corpus/
      claimwire convert dispatch.xml --input-format newsml-g2 --dry-run
      claimwire convert --check               # in CI: exit 1 unless the corpus is what seeds/ give
      claimwire convert --force               # convert every input again
      claimwire convert archive/ --jobs 8                       # all local cores
      claimwire convert archive/ --engine ray --address ray://head:10001
    """
    paths = list(inputs) or [Path("seeds")]
    for path in paths:
        if not path.exists():
            raise click.UsageError(f"{path}: no such file or folder")
    if address and engine != "ray":
        raise click.UsageError("--address goes with --engine ray")
    dry_run = dry_run or check
    root = corpus_dir.resolve().parent
    try:
        model_file = checked_model_file(corpus_dir)
    except CorpusError as exc:
        raise click.ClickException(f"{exc}; nothing was written") from None
    model: Any = True if model_file is None else model_file  # loaded by the engine, when needed
    identity = corpus_model_identity(corpus_dir)
    try:
        annotate = (
            LocalEngine(jobs, model=model)
            if engine == "local"
            else RayEngine(address, jobs, model=model)
        )
    except RuntimeError as exc:
        raise click.UsageError(str(exc)) from None
    # A dry run writes nothing, so it takes no lock; it refuses a corpus left between two versions.
    guard = contextlib.nullcontext() if dry_run else locked(corpus_dir, "convert")
    try:
        with guard:
            summary = pipeline.convert(
                paths,
                corpus_dir,
                root,
                annotate,
                input_format,
                _progress,
                dry_run,
                force or check,
                identity,
            )
    except (CorpusError, CommitError) as exc:
        raise click.ClickException(f"{exc}; nothing was written") from None
    except OSError as exc:  # e.g. a read-only corpus folder or a full disk: temporaries are removed
        where = exc.filename or corpus_dir
        raise click.ClickException(
            f"{where}: {exc.strerror or exc}; the corpus was left as it was"
        ) from None
    click.echo(f"claim-type model: {identity}")
    print_summary(summary, corpus_dir, dry_run, review_below)
    if summary.rejected or summary.conflicts:
        sys.exit(1)
    if check and (summary.files.written or summary.files.removed):
        click.echo(f"{corpus_dir}: not what the inputs give (run: claimwire convert)", err=True)
        sys.exit(1)
