"""Static HTML review site of the corpus: `render_site` returns the pages, `write_site` writes them.

`render` owns its output folder: it writes a marker (`.claimwire-site`) listing the pages it wrote,
refuses a non-empty folder without one, and only ever removes pages that marker lists, never a file
it did not write, and never through a symbolic link.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from claimwire.corpus.store import Corpus, WriteSummary, write_files
from claimwire.render.site import render_site, unrenderable

MARKER = ".claimwire-site"


class SiteError(Exception):
    """The output folder is not one `render` may write; `str()` is a one-line message."""


def _pages_written_before(out_dir: Path) -> list[Path]:
    """The pages the marker of `out_dir` lists; SiteError for a folder render did not make."""
    if not out_dir.exists():
        return []
    if out_dir.is_symlink() or not out_dir.is_dir():
        raise SiteError(f"{out_dir}: not a folder (or a symbolic link); name a new or empty folder")
    marker = out_dir / MARKER
    if marker.is_symlink() or (marker.exists() and not marker.is_file()):
        raise SiteError(f"{marker}: not a marker claimwire render wrote")
    if not marker.is_file():
        if any(out_dir.iterdir()):
            raise SiteError(
                f"{out_dir}: not a folder claimwire render made (no {MARKER} in it) and not "
                "empty; name a new or empty folder"
            )
        return []
    try:
        listed = orjson.loads(marker.read_bytes())
    except orjson.JSONDecodeError:
        listed = None
    if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
        raise SiteError(f"{marker}: not a marker claimwire render wrote")
    pages = []
    for name in listed:
        parts = name.split("/")
        page_like = name == "index.html" or (
            len(parts) == 2 and parts[0] == "doc" and parts[1].endswith(".html")
        )
        if not page_like or any(part in ("", ".", "..") for part in parts):
            raise SiteError(f"{marker}: lists {name!r}, which is not a page render writes")
        pages.append(out_dir.joinpath(*parts))
    return pages


def write_site(corpus: Corpus, out_dir: Path) -> WriteSummary:
    """Write the site atomically; pages it wrote for documents no longer in the corpus are removed."""
    before = _pages_written_before(out_dir)
    if (out_dir / "doc").is_symlink():
        raise SiteError(f"{out_dir / 'doc'}: is a symbolic link; refusing to write through it")
    pages = render_site(corpus, out_dir)
    names = sorted(path.relative_to(out_dir).as_posix() for path in pages)
    marker = out_dir / MARKER
    stale = [p for p in before if p not in pages and p.is_file() and not p.is_symlink()]
    summary = write_files({**pages, marker: orjson.dumps(names) + b"\n"}, stale, root=out_dir)
    summary.written = [p for p in summary.written if p != marker]
    summary.unchanged = [p for p in summary.unchanged if p != marker]
    return summary


__all__ = ["MARKER", "SiteError", "render_site", "unrenderable", "write_site"]
