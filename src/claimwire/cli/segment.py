"""`claimwire segment`: show how a dispatch is split into sentences (for checking the segmenter)."""

from __future__ import annotations

from pathlib import Path

import click

from claimwire.cli.options import format_option
from claimwire.ingest import ReadError, read_dispatch
from claimwire.segment import segment_document


@click.command("segment")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@format_option()
def segment_cmd(path: Path, format_: str | None) -> None:
    """Print the sentences of one dispatch with their offsets, one per line.

    \b
    Example:
      claimwire segment seeds/000_893c4ca9cc588f19.txt
    """
    try:
        document = read_dispatch(path, Path.cwd(), format_).to_document()
    except ReadError as exc:
        raise click.ClickException(str(exc)) from None
    for span in segment_document(document.text, document.paragraphs):
        click.echo(
            f"{span.paragraph}\t{span.start}\t{span.end}\t{document.text[span.start : span.end]}"
        )
