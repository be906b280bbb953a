"""`claimwire segment`: show how a dispatch is split into sentences (for checking the segmenter)."""

from __future__ import annotations

from pathlib import Path

import click

from claimwire.cli.options import emit, input_format_option, output_option
from claimwire.ingest import ReadError, read_dispatch
from claimwire.segment import segment_document


@click.command("segment")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@input_format_option()
@output_option("Write the sentences to this file instead of standard output.")
def segment_cmd(path: Path, input_format: str | None, output: Path | None) -> None:
    """Print the sentences of one dispatch with their offsets, one per line.

    \b
    Examples:
      claimwire segment seeds/000_893c4ca9cc588f19.txt
      claimwire segment dispatch.json --input-format ninjs -o sentences.tsv
    """
    try:
        document = read_dispatch(path, Path.cwd(), input_format).to_document()
    except ReadError as exc:
        raise click.ClickException(str(exc)) from None
    emit(
        "".join(
            f"{span.paragraph}\t{span.start}\t{span.end}\t{document.text[span.start : span.end]}\n"
            for span in segment_document(document.text, document.paragraphs)
        ),
        output,
    )
