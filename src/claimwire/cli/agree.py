"""`claimwire agree`: agreement between annotators' copies of the corpus."""

from __future__ import annotations

from pathlib import Path

import click

from claimwire.cli.options import emit, output_option, report_format_option
from claimwire.review.agreement import agreement
from claimwire.review.agreement_render import render_json, render_text
from claimwire.review.copies import CopyError


@click.command("agree")
@click.argument("copies", nargs=-1, required=True, type=click.Path(path_type=Path))
@report_format_option(
    ("text", "json"), "Text tables, or JSON for tools (and for the dataset card)."
)
@output_option()
def agree_cmd(copies: tuple[Path, ...], output_format: str, output: Path | None) -> None:
    """Agreement between two or more annotators' copies (corpus folders) of the same documents.

    Sentences are aligned by identical span (document, start, end); spans that differ are counted.
    `claim_type` and `verifiability` get Cohen's kappa per pair of copies and Krippendorff's alpha
    (nominal) over all, with a per-label breakdown; sources are matched one to one at mention overlap
    >= 0.5 (intersection over union of character spans) and scored by F1, with agreement on `name`,
    `kind` and `mode` of the matched ones.

    \b
    Examples:
      claimwire agree ann1/corpus ann2/corpus
      claimwire agree ann1/ ann2/ ann3/ --format json -o corpus/agreement.json
    """
    if len(copies) < 2:
        raise click.UsageError("give at least two copies of the corpus to compare")
    try:
        report = agreement(list(copies))
    except CopyError as exc:
        raise click.ClickException(str(exc)) from None
    text = render_json(report) if output_format == "json" else render_text(report)
    emit(text, output)
