"""`claimwire train`: learn the corpus's own claim-type model from its human sentences."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from claimwire.cli.options import (
    CorpusCommand,
    corpus_option,
    locked,
    preview_options,
    require_data,
)
from claimwire.corpus.model import corpus_model_path
from claimwire.corpus.store import CorpusError, write_files


@click.command("train", cls=CorpusCommand)
@corpus_option("Corpus whose human sentences to learn from, and where the model is written.")
@preview_options
def train_cmd(corpus_dir: Path, dry_run: bool, check: bool) -> None:
    """Learn the claim-type model from the corpus's human sentences (and verifiability with it).

    The sentences annotators corrected or adjudicated in the train and validation splits are
    learnt together with the shipped training data, weighing together half as much as it; the
    test split is held-out gold and is never learnt from or scored. Prints 5-fold cross-validated
    figures on those sentences, shipped model against new (verifiability follows from the claim type
    and the rules' hedges), and writes the new model to CORPUS/model/claim_type.json only when it
    beats the shipped one; otherwise the shipped model stays (a stale corpus model is removed).
    The same corpus gives the same bytes. `claimwire convert` then re-annotates the auto sentences
    with it; human sentences are never changed.

    \b
    Examples:
      claimwire train                       # corpus/ -> corpus/model/claim_type.json
      claimwire train --dry-run --corpus ann1/corpus
      claimwire train --check               # in CI: exit 1 unless the model is what the corpus gives
      claimwire train && claimwire convert  # re-annotate the auto sentences with it
    """
    from claimwire.learn.team import train_corpus

    require_data(corpus_dir)
    dry_run = dry_run or check
    try:
        result = train_corpus(corpus_dir)
    except CorpusError as exc:
        raise click.ClickException(f"{exc}; nothing was written") from None
    click.echo(
        f"{corpus_dir}: {result.team} human sentence(s) in {result.documents} document(s) of the "
        f"train and validation splits; {result.held_out} of the test split left out (held out)"
    )
    if result.shipped is not None:
        click.echo("cross-validated on those sentences (5 folds by document):")
        click.echo(f"  shipped model       {result.shipped.line()}")
        for scope, figures in result.new.items():
            click.echo(f"  new, scope {scope:<8} {figures.line()}")
    click.echo(result.verdict)
    path = corpus_model_path(corpus_dir)
    before = path.read_bytes() if path.is_file() else None
    if before == result.model:
        click.echo(f"{path}: unchanged" if before is not None else f"{path}: none (unchanged)")
        return
    if dry_run:
        what = "would be removed" if result.model is None else "would be written"
        click.echo(f"{path}: {what}")
        if check:
            click.echo(
                f"{corpus_dir}: the model is not what the corpus gives (run: claimwire train)",
                err=True,
            )
            sys.exit(1)
        return
    with locked(corpus_dir, "train"):
        if result.model is None:
            write_files({}, stale=[path], root=corpus_dir)
            click.echo(f"{path}: removed")
        else:
            write_files({path: result.model}, root=corpus_dir)
            click.echo(f"{path}: written ({len(result.model):,} bytes)")
    click.echo("run: claimwire convert, to re-annotate the auto sentences with it")
