"""`claimwire release`: set the corpus's next version, write its changelog entry, regenerate the card."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from claimwire.changelog import TAG_PREFIX
from claimwire.cli.options import CorpusCommand, corpus_option, locked, preview_options
from claimwire.corpus.store import write_files
from claimwire.release import Release, ReleaseError, prepare_release
from claimwire.validate import validate_corpus


@click.command("release", cls=CorpusCommand)
@corpus_option("Corpus folder to release.")
@click.option("--version", "version", help="The version to release, MAJOR.MINOR.PATCH.")
@click.option(
    "--bump",
    type=click.Choice(["major", "minor", "patch"]),
    help="Without --version: which part of the current version to raise (default: minor; the "
    "first release is 1.0.0).",
)
@click.option(
    "--previous",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The previous release's corpus folder (default: read from its git tag corpus-v<version>).",
)
@preview_options
def release_cmd(
    corpus_dir: Path,
    version: str | None,
    bump: str | None,
    previous: Path | None,
    dry_run: bool,
    check: bool,
) -> None:
    """Make a release: the next version, its CHANGELOG.md entry, the card, LICENSE.md and
    croissant.json regenerated with it, and CITATION.cff's version.

    The entry says what changed since the previous release (`claimwire diff`: documents and
    sentences added or changed, label changes per layer) and who annotated how much; nothing in it
    depends on the clock. A corpus that does not validate is refused. Commit the result, then tag
    the commit: `git tag -a corpus-v<version> -m "claimwire corpus <version>"`; the next release
    reads its previous one from that tag. --dry-run prints the entry and writes nothing; --check
    too, and exits 1 since a release always changes the changelog.

    \b
    Examples:
      claimwire release --version 1.0.0
      claimwire release --bump patch --dry-run
      claimwire release --previous old/corpus
    """
    if version is not None and bump is not None:
        raise click.UsageError("give --version or --bump, not both")
    if not corpus_dir.is_dir():
        raise click.UsageError(f"{corpus_dir}: no such corpus folder")
    if dry_run or check:
        made = _prepare(corpus_dir, version, bump, previous)
        click.echo(f"## {made.version}\n\n{made.entry}\n")
        click.echo(f"would write {', '.join(str(p) for p in sorted(made.files))}")
        raise SystemExit(1 if check else 0)
    with locked(corpus_dir, "release"):
        made = _prepare(corpus_dir, version, bump, previous)
        inside = {p: d for p, d in made.files.items() if p.parent == corpus_dir}
        summary = write_files(inside, root=corpus_dir)
    outside = {p: d for p, d in made.files.items() if p not in inside}  # CITATION.cff
    if outside:
        summary.written += write_files(outside).written
    click.echo(f"## {made.version}\n\n{made.entry}\n")
    for path in sorted(made.files):
        click.echo(f"{path}: {'written' if path in summary.written else 'unchanged'}")
    click.echo(
        f"next: commit, then tag it: git tag -a {TAG_PREFIX}{made.version} "
        f'-m "claimwire corpus {made.version}"'
    )


def _prepare(
    corpus_dir: Path, version: str | None, bump: str | None, previous: Path | None
) -> Release:
    """The release, after refusing a corpus that does not validate."""
    report = validate_corpus(corpus_dir)
    if not report.valid:
        errors = sum(1 for f in report.findings if f.check.severity == "error")
        raise click.ClickException(
            f"{corpus_dir}: not valid ({errors} error(s)); nothing released (run: claimwire validate)"
        )
    with tempfile.TemporaryDirectory(prefix="claimwire-release-") as scratch:
        try:
            return prepare_release(corpus_dir, version, bump or "minor", previous, Path(scratch))
        except ReleaseError as exc:
            raise click.ClickException(str(exc)) from None
