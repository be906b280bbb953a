"""`claimwire render`: write the static HTML review site of the corpus."""

from __future__ import annotations

from pathlib import Path

import click

from claimwire.cli.options import CorpusCommand, corpus_option, load_corpus, locked
from claimwire.render import SiteError, unrenderable, write_site


@click.command("render", cls=CorpusCommand)
@corpus_option("Corpus folder to render.")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder to write the site to (index.html, doc/<id>.html).",
)
def render_cmd(corpus_dir: Path, out_dir: Path) -> None:
    """Write a static HTML site to review the corpus: no server, no network, open index.html.

    The index lists the documents with their status counts and charts the label distributions;
    each document page shows its sentences with claim type, verifiability, status and sources,
    with filters by status and label (also as a link: doc/<id>.html#status=auto&claim_type=event).
    The folder is the site's own: render refuses a non-empty folder it did not make, and removes
    only pages it wrote itself.

    \b
    Examples:
      claimwire render -o site/ && xdg-open site/index.html
      claimwire render --corpus ann1/corpus -o ann1-site/
    """
    corpus = load_corpus(corpus_dir)
    try:
        with locked(out_dir, "render", what="site"):
            summary = write_site(corpus, out_dir)
    except SiteError as exc:
        raise click.ClickException(str(exc)) from None
    pages = len(summary.written) + len(summary.unchanged)
    click.echo(
        f"{out_dir / 'index.html'}: {pages} page(s), {len(summary.written)} written, "
        f"{len(summary.removed)} removed"
    )
    rejected = unrenderable(corpus)
    for problem in rejected.values():
        click.echo(f"rejected: {problem}", err=True)
    if rejected:
        raise SystemExit(1)
