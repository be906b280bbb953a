"""`claimwire export labelstudio` and `claimwire import labelstudio`: the annotation round trip;
`claimwire export spacy`: the annotations as spaCy training data."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from claimwire.cli.options import (
    CorpusCommand,
    corpus_option,
    load_corpus,
    locked,
    output_option,
    preview_options,
    require_data,
)
from claimwire.corpus.store import CorpusError, write_files
from claimwire.labelstudio import LabelStudioError, apply_export, write_tasks
from claimwire.labelstudio.annotations import read_annotator_map
from claimwire.labelstudio.tasks import config_path_for

CORPUS_OPTION = corpus_option()


@click.group("export")
def export_group() -> None:
    """Export the corpus for an annotation tool."""


@click.group("import")
def import_group() -> None:
    """Bring annotations from an annotation tool back into the corpus."""


@export_group.command("labelstudio", cls=CorpusCommand)
@CORPUS_OPTION
@output_option("Tasks file to write (JSON list of tasks with predictions).", required=True)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Labeling config to write  [default: <output stem>.config.xml next to the tasks].",
)
def export_labelstudio(corpus_dir: Path, output: Path, config_path: Path | None) -> None:
    """Write Label Studio tasks (one per document, the corpus as pre-annotations) and their config.

    \b
    In Label Studio: create a project, paste the config under Settings > Labeling Interface,
    import the tasks file; annotators correct the predictions and submit. Then export the
    project as JSON and run `claimwire import labelstudio`.

    \b
    Examples:
      claimwire export labelstudio -o review/tasks.json    # + review/tasks.config.xml
    """
    corpus = load_corpus(corpus_dir)
    config_path = config_path or config_path_for(output)
    write_tasks(corpus, output, config_path)
    sentences = sum(len(s) for s in corpus.sentences.values())
    click.echo(f"{output}: {len(corpus.documents)} task(s), {sentences} sentence(s) as predictions")
    click.echo(f"{config_path}: labeling config")


@import_group.command("labelstudio")
@click.argument("export_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@CORPUS_OPTION
@click.option(
    "--annotator-map",
    "annotator_map",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='JSON object from Label Studio user ids (or emails) to annotator ids: {"7": "ann:alice"}.',
)
@preview_options
def import_labelstudio(
    export_file: Path, corpus_dir: Path, annotator_map: Path | None, dry_run: bool, check: bool
) -> None:
    """Apply a Label Studio JSON export: the latest annotation of each task, as `corrected` sentences.

    Every sentence of an annotated document becomes `corrected` by the annotator (`completed_by`,
    or the `ann:` name the --annotator-map gives it: then a user missing from the map is an error);
    tasks nobody annotated change nothing. Any problem (a task of another project, an unknown label,
    a region that does not fit the text) is reported with its task, and then nothing is written.
    The dataset card is regenerated.

    \b
    Examples:
      claimwire import labelstudio project-3-at-2026-02-10.json
      claimwire import labelstudio export.json --dry-run
      claimwire import labelstudio export.json --check --corpus ann1/corpus
      claimwire import labelstudio export.json --annotator-map annotators.json
    """
    dry_run = dry_run or check
    require_data(corpus_dir)
    guard = contextlib.nullcontext() if dry_run else locked(corpus_dir, "import labelstudio")
    try:
        annotators = read_annotator_map(annotator_map) if annotator_map is not None else None
        with guard:
            summary = apply_export(corpus_dir, export_file, dry_run, annotators)
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from None
    except LabelStudioError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        raise SystemExit(1) from None
    click.echo(
        f"{export_file}: {summary.tasks} task(s), {len(summary.documents)} annotated, "
        f"{summary.unannotated} without annotation"
    )
    click.echo(f"sentences: {summary.changed} changed, {summary.confirmed} confirmed unchanged")
    if dry_run:
        click.echo("dry run: nothing written")
        if check and summary.changed:
            raise SystemExit(1)
    else:
        files = summary.files
        click.echo(f"files: {len(files.written)} written, {len(files.unchanged)} unchanged")


@export_group.command("spacy", cls=CorpusCommand)
@CORPUS_OPTION
@output_option(
    "Folder to write train.spacy, dev.spacy and test.spacy into.", required=True, folder=True
)
@click.option(
    "--cats",
    "layer",
    type=click.Choice(["claim_type", "verifiability"]),
    default="claim_type",
    show_default=True,
    help="Which layer's labels go in doc.cats (exclusive, as spaCy's textcat expects).",
)
@click.option(
    "--include-auto",
    is_flag=True,
    help="Export the auto sentences too (default: only corrected and adjudicated ones).",
)
def export_spacy(corpus_dir: Path, output: Path, layer: str, include_auto: bool) -> None:
    """Write spaCy DocBin files, one per split, that `spacy train` reads as they are.

    Each sentence is a doc: `cats` holds its claim type (or verifiability, with --cats), exclusive;
    `spans["sources"]` its source mentions labelled by kind; `user_data` its id, both labels and
    status. By default only the sentences annotators corrected or adjudicated are exported.

    \b
    Examples:
      claimwire export spacy -o spacy/
      claimwire export spacy -o spacy/ --cats verifiability --include-auto
    """
    from claimwire.export_spacy import spacy_files

    corpus = load_corpus(corpus_dir)
    files, summary = spacy_files(corpus, output, layer, include_auto)
    write_files(files)
    for path in sorted(files):
        click.echo(f"{path}: {summary.sentences.get(path.name, 0)} sentence(s)")
    click.echo(
        f"sources: {summary.spans} as spans, {summary.outside} outside their sentence left out"
    )
