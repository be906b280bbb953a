"""`claimwire review`: the auto sentences to review first, least confident first."""

from __future__ import annotations

from pathlib import Path

import click

from claimwire.cli.options import (
    CorpusCommand,
    corpus_option,
    emit,
    load_corpus,
    output_option,
    report_format_option,
)
from claimwire.review.doubtful import doubtful_sentences, render_json, render_text


@click.command("review", cls=CorpusCommand)
@corpus_option("Corpus whose auto sentences to list.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=None,
    help="List at most this many sentences  [default: all].",
)
@report_format_option(("text", "json"), "One `file:line: confidence labels: text` line, or JSON.")
@output_option()
def review_cmd(
    corpus_dir: Path, limit: int | None, output_format: str, output: Path | None
) -> None:
    """List the auto sentences to review first: lowest pre-annotation confidence first.

    Each line gives the sentence's file and line (open it there in an editor), its confidence, its
    claim type and verifiability, its sources and its text. Corrected and adjudicated sentences are
    not listed. Correcting these first fixes the most errors, and `claimwire train` learns from them.

    \b
    Examples:
      claimwire review --limit 20
      claimwire review --corpus ann1/corpus --format json -o review.json
    """
    corpus = load_corpus(corpus_dir)
    found = doubtful_sentences(corpus, Path.cwd(), limit)
    emit(render_json(found) if output_format == "json" else render_text(found), output)
