"""`claimwire card`: regenerate the dataset card (and LICENSE.md, croissant.json) from the data."""

from __future__ import annotations

from pathlib import Path

import click

from claimwire.changelog import ChangelogError
from claimwire.cli.options import (
    CorpusCommand,
    corpus_option,
    locked,
    preview_options,
    refuse_pending_write,
)
from claimwire.corpus.agreement_file import AgreementFileError
from claimwire.corpus.layout import CARD_NAME, iter_shard_files
from claimwire.corpus.store import write_files
from claimwire.release import GENERATED, generated_files


@click.command("card", cls=CorpusCommand)
@corpus_option("Corpus folder whose README.md to regenerate.")
@preview_options
def card_cmd(corpus_dir: Path, dry_run: bool, check: bool) -> None:
    """Regenerate the dataset card (corpus/README.md), LICENSE.md and croissant.json from the data.

    \b
    Examples:
      claimwire card
      claimwire card --check                      # in CI
      claimwire card --dry-run --corpus ann1/corpus
    """
    if not any(iter_shard_files(corpus_dir)):
        raise click.ClickException(f"{corpus_dir}: no data files under data/<split>/<table>/")
    if check or dry_run:
        refuse_pending_write(corpus_dir)
        files = _generated(corpus_dir)
        stale = [p for p, data in files.items() if not p.is_file() or p.read_bytes() != data]
        for path in stale:
            click.echo(f"{path}: out of date with the data (run: claimwire card)")
        if stale:
            raise SystemExit(1 if check else 0)
        click.echo(f"{corpus_dir / CARD_NAME}: up to date, with {', '.join(GENERATED[1:])}")
        return
    with locked(corpus_dir, "card"):
        files = _generated(corpus_dir)
        summary = write_files(files, root=corpus_dir)
    for path in sorted(files):
        click.echo(f"{path}: {'written' if path in summary.written else 'unchanged'}")


def _generated(corpus_dir: Path) -> dict[Path, bytes]:
    try:
        return generated_files(corpus_dir)
    except (AgreementFileError, ChangelogError) as exc:
        raise click.ClickException(str(exc)) from None
