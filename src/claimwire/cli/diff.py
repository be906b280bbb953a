"""`claimwire diff`: what changed between two versions of the corpus."""

from __future__ import annotations

from pathlib import Path

import click

from claimwire.cli.options import emit, output_option, report_format_option
from claimwire.review.copies import CopyError
from claimwire.review.corpus_diff import diff_folders
from claimwire.review.diff_render import DEFAULT_LIMIT, render_json, render_markdown, render_text


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@report_format_option(
    ("text", "markdown", "json"), "Terminal text, a Markdown pull-request comment, or JSON."
)
@output_option()
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="Markdown: rows listed per section before the rest is counted.",
)
@click.option(
    "--exit-code", is_flag=True, help="Exit 1 when there are differences (like git diff)."
)
def diff_cmd(
    old: Path, new: Path, output_format: str, output: Path | None, limit: int, exit_code: bool
) -> None:
    """What changed from the corpus folder OLD to NEW: documents, sentences, labels, sources, status.

    Label changes are shown as transitions (`event -> position: 3`), annotation status changes with
    the annotator (`auto -> corrected (ann1)`). Exit status 0 after a successful diff (with
    --exit-code: 1 when there are differences); 1 when a folder cannot be read.

    \b
    Examples:
      claimwire diff main-corpus/ corpus/
      claimwire diff old/corpus corpus --format markdown -o comment.md
    """
    try:
        diff = diff_folders(old, new)
    except CopyError as exc:
        raise click.ClickException(str(exc)) from None
    if output_format == "json":
        emit(render_json(diff), output)
    elif output_format == "markdown":
        emit(render_markdown(diff, limit), output)
    else:
        emit(render_text(diff), output)
    if exit_code and diff.has_changes():
        raise SystemExit(1)
