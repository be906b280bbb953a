"""Static HTML review site of the corpus: `render_site` returns the pages, `write_site` writes them."""

from __future__ import annotations

from pathlib import Path

from claimwire.corpus.store import Corpus, WriteSummary, write_files
from claimwire.render.site import render_site


def write_site(corpus: Corpus, out_dir: Path) -> WriteSummary:
    """Write the site atomically; pages of documents no longer in the corpus are removed."""
    pages = render_site(corpus, out_dir)
    stale = sorted((out_dir / "doc").glob("*.html")) if (out_dir / "doc").is_dir() else []
    return write_files(pages, stale=stale)


__all__ = ["render_site", "write_site"]
