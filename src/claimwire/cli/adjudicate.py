"""`claimwire adjudicate`: two annotators' disagreements out for a third person, decisions back in."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from claimwire.cli.options import corpus_option, locked, output_option, preview_options
from claimwire.corpus.store import CorpusError, read_corpus, render_files, write_files
from claimwire.release import generated_files
from claimwire.review.adjudication import apply_decisions, disputes_bytes, find_disputes
from claimwire.review.copies import CopyError, read_copy


@click.group("adjudicate")
def adjudicate_group() -> None:
    """Settle what two annotators disagree on: list the disputes, then apply the decisions."""


@adjudicate_group.command("list")
@click.argument("first", type=click.Path(path_type=Path))
@click.argument("second", type=click.Path(path_type=Path))
@output_option("Disputes file to write (JSON lines, one per disputed sentence).", required=True)
def adjudicate_list(first: Path, second: Path, output: Path) -> None:
    """Write the sentences two annotators' copies disagree on, for a third person to decide.

    Sentences are aligned as `claimwire agree` aligns them (same document text, same span). Each
    line of the file holds the sentence's place and text, version `a` (FIRST) and version `b`
    (SECOND), and `"decision": null`: set it to "a" or "b" (a `note` may be added), then run
    `claimwire adjudicate apply`.

    \b
    Examples:
      claimwire adjudicate list ann1/corpus ann2/corpus -o disputes.jsonl
    """
    try:
        disputes = find_disputes(read_copy(first), read_copy(second), (str(first), str(second)))
    except CopyError as exc:
        raise click.ClickException(str(exc)) from None
    write_files({output: disputes_bytes(disputes)})
    click.echo(
        f"{disputes.documents} document(s) compared, {disputes.compared} sentence(s) aligned, "
        f"{len(disputes.lines)} disputed, {disputes.unaligned} segmented differently (not listed)"
    )
    for doc_id in disputes.text_differs:
        click.echo(f"not compared: document {doc_id} has another text in each copy", err=True)
    click.echo(f"{output}: written")


@adjudicate_group.command("apply")
@click.argument("disputes", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--by", "adjudicator", required=True, help="The adjudicator's id (ann:<name>).")
@corpus_option("Corpus to write the decided sentences into.")
@preview_options
def adjudicate_apply(
    disputes: Path, adjudicator: str, corpus_dir: Path, dry_run: bool, check: bool
) -> None:
    """Give each decided sentence the chosen version, as `adjudicated` by the adjudicator.

    Lines whose decision is still null are counted and left for later. A line that cannot be
    applied (an unknown sentence, another text, a bad decision) is reported with its file and line,
    and then nothing is written. The dataset card is regenerated.

    \b
    Examples:
      claimwire adjudicate apply disputes.jsonl --by ann:carol
      claimwire adjudicate apply disputes.jsonl --by ann:carol --corpus ann3/corpus --dry-run
    """
    if not adjudicator.startswith("ann:") or len(adjudicator) < 5:
        raise click.UsageError(f"--by {adjudicator!r}: expected an annotator id, ann:<name>")
    dry_run = dry_run or check
    guard = contextlib.nullcontext() if dry_run else locked(corpus_dir, "adjudicate apply")
    try:
        with guard:
            corpus = read_corpus(corpus_dir)
            applied = apply_decisions(corpus, disputes, adjudicator)
            files = render_files(corpus_dir, corpus)
            everything = {**files, **generated_files(corpus_dir, files)}  # the card and its kin
            changed = {
                p: data
                for p, data in everything.items()
                if not p.is_file() or p.read_bytes() != data
            }
            if changed and not dry_run:
                write_files(changed, root=corpus_dir)
    except CorpusError as exc:
        raise click.ClickException(f"{exc}; nothing was written") from None
    click.echo(f"{disputes}: {applied.decided} decided, {applied.undecided} still undecided")
    verb = "would be written" if dry_run else "written"
    click.echo(f"files: {len(changed)} {verb}")
    if check and changed:
        sys.exit(1)
