"""`claimwire card`: regenerate the dataset card from the data in the corpus."""

from __future__ import annotations

from pathlib import Path

import click

from claimwire.card import render_card
from claimwire.cli.options import CorpusCommand, corpus_option, locked, preview_options
from claimwire.corpus.layout import CARD_NAME, iter_shard_files
from claimwire.corpus.store import write_files
from claimwire.review.agreement_render import AgreementFileError


@click.command("card", cls=CorpusCommand)
@corpus_option("Corpus folder whose README.md to regenerate.")
@preview_options
def card_cmd(corpus_dir: Path, dry_run: bool, check: bool) -> None:
    """Regenerate the dataset card (corpus/README.md) from the data files.

    \b
    Examples:
      claimwire card
      claimwire card --check                      # in CI
      claimwire card --dry-run --corpus ann1/corpus
    """
    if not any(iter_shard_files(corpus_dir)):
        raise click.ClickException(f"{corpus_dir}: no data files under data/<split>/<table>/")
    path = corpus_dir / CARD_NAME
    if check or dry_run:
        if not path.is_file() or path.read_bytes() != _card(corpus_dir):
            click.echo(f"{path}: out of date with the data (run: claimwire card)")
            raise SystemExit(1 if check else 0)
        click.echo(f"{path}: up to date")
        return
    with locked(corpus_dir, "card"):
        summary = write_files({path: _card(corpus_dir)}, root=corpus_dir)
    click.echo(f"{path}: {'written' if summary.written else 'unchanged'}")


def _card(corpus_dir: Path) -> bytes:
    try:
        return render_card(corpus_dir).encode("utf-8")
    except AgreementFileError as exc:
        raise click.ClickException(str(exc)) from None
