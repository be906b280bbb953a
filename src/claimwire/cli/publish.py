"""`claimwire publish`: upload the corpus folder to the Hugging Face Hub as a dataset."""

from __future__ import annotations

from pathlib import Path

import click

from claimwire.cli.options import CorpusCommand, corpus_option, preview_options
from claimwire.publish import PublishError, check_repo_id, plan_upload, upload


@click.command("publish", cls=CorpusCommand)
@corpus_option("Corpus folder to publish.")
@click.option("--repo-id", required=True, help="The dataset repository on the Hub, ORG/NAME.")
@click.option("--revision", help="Branch to commit to (created if missing; default: main).")
@preview_options
def publish_cmd(
    corpus_dir: Path, repo_id: str, revision: str | None, dry_run: bool, check: bool
) -> None:
    """Upload the corpus (data, card, LICENSE.md, croissant.json, CHANGELOG.md) to the Hub.

    Refused, with nothing uploaded, when `claimwire validate` finds an error or the card (or a file
    generated with it) is out of date. The token is huggingface_hub's (HF_TOKEN or
    `huggingface-cli login`). --dry-run lists the files, their sizes and the commit message and
    uploads nothing; it works offline. --check too, and exits 1 when there is something to upload
    (always, for a corpus that may be published).

    \b
    Examples:
      claimwire publish --repo-id my-org/claimwire --dry-run
      claimwire publish --repo-id my-org/claimwire --revision v1.0.0
    """
    try:
        check_repo_id(repo_id)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if not corpus_dir.is_dir():
        raise click.UsageError(f"{corpus_dir}: no such corpus folder")
    try:
        plan = plan_upload(corpus_dir)
    except PublishError as exc:
        raise click.ClickException(str(exc)) from None
    where = f"https://huggingface.co/datasets/{repo_id}" + (
        f" (revision {revision})" if revision else ""
    )
    total = sum(size for _, size in plan.files)
    for path, size in plan.files:
        click.echo(f"{size:>12,d}  {path}")
    click.echo(f"{total:>12,d}  {len(plan.files)} files")
    click.echo(f"commit message: {plan.message}")
    if dry_run or check:
        click.echo(f"dry run: nothing uploaded to {where}")
        raise SystemExit(1 if check else 0)
    try:
        url = upload(corpus_dir, repo_id, revision, plan)
    except PublishError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"published to {where}: {url}")
