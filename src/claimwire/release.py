"""Releases of the corpus, and the files generated beside the data (card, `LICENSE.md`, Croissant).

`convert`, `card`, the Label Studio import and the gold's builder write the generated files from the
same function, and `validate` compares them with what the data renders (`card-out-of-date`), so none
can drift from the data. A release (`claimwire release`) sets the next version, writes its
`CHANGELOG.md` entry from the difference with the previous release (read from its git tag, or a
folder), regenerates those files with the version, and sets `CITATION.cff`'s version; nothing in it
depends on the clock.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from claimwire.card import LAYERS as CARD_LAYERS
from claimwire.card import card_agreement_section, card_text, license_text
from claimwire.changelog import (
    CHANGELOG_NAME,
    TAG_PREFIX,
    ChangelogError,
    bump,
    current_version,
    parse_version,
    with_entry,
)
from claimwire.corpus.layout import CARD_NAME
from claimwire.corpus.stats import CorpusStats, corpus_stats
from claimwire.corpus.store import Corpus
from claimwire.croissant import CROISSANT_NAME, croissant_bytes
from claimwire.review.agreement import LAYERS
from claimwire.review.copies import CopyError, read_copy
from claimwire.review.corpus_diff import CorpusDiff, compare_corpora, transitions
from claimwire.review.diff_render import summary_lines

LICENSE_NAME = "LICENSE.md"
GENERATED = (CARD_NAME, LICENSE_NAME, CROISSANT_NAME)


_UNSET = "unset"


def render_generated(
    corpus: Path, stats: CorpusStats, version: str | None = _UNSET, agreement: str | None = None
) -> dict[Path, bytes]:
    """Path -> bytes of every generated file, for a corpus with these counts and facts (and the
    version its changelog gives, and the agreement section of its `agreement.json`, unless they
    are given)."""
    if version == _UNSET:
        version = current_version(corpus)
    if agreement is None:
        agreement = card_agreement_section(corpus)
    card = card_text(stats, agreement, version)
    return {
        corpus / CARD_NAME: card.encode("utf-8"),
        corpus / LICENSE_NAME: license_text(stats).encode("utf-8"),
        corpus / CROISSANT_NAME: croissant_bytes(stats, version),
    }


def generated_files(
    corpus: Path, data_files: dict[Path, bytes] | None = None, agreement: str | None = None
) -> dict[Path, bytes]:
    """The generated files for the data on disk (or in `data_files`, about to be written: every
    data file of the corpus; and `agreement`, the card's section of an `agreement.json` about to
    be written)."""
    return render_generated(corpus, corpus_stats(corpus, data_files), agreement=agreement)


# --- releases: the next version, its changelog entry, the card regenerated --------------------


class ReleaseError(ValueError):
    """A release that cannot be made; `str()` is a one-line message naming the problem."""


@dataclass(slots=True)
class Release:
    version: str
    previous: str | None
    entry: str
    files: dict[Path, bytes]  # CHANGELOG.md, the generated files, CITATION.cff


def _git_root(folder: Path) -> Path:
    result = subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "--show-toplevel"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise ReleaseError(
            f"{folder}: not in a git repository (give the previous corpus: --previous)"
        )
    return Path(result.stdout.strip())


def corpus_at_tag(corpus: Path, tag: str, into: Path) -> Path:
    """Extract `corpus/` as it was at git tag `tag` into the folder `into`; the copy's path."""
    root = _git_root(corpus)
    rel = corpus.resolve().relative_to(root.resolve()).as_posix()
    result = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", tag, "--", rel],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        raise ReleaseError(
            f"cannot read the previous release at git tag {tag} ({' '.join(message)}); "
            "tag it, or give its corpus folder with --previous"
        )
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4: refuse links and odd paths
            archive.extractall(into, filter="data")
        else:  # git archive of our own tag: regular files under `rel` only
            archive.extractall(into)
    return into / rel


def _counts_line(counts: Mapping[str, int]) -> str:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{label} {n}" for label, n in ordered if n) or "-"


def changelog_entry(
    diff: CorpusDiff, old: CorpusStats, new: CorpusStats, previous: str | None
) -> str:
    """The changelog section of a release: what changed since `previous`, labels, annotators."""
    lines = [
        f"Compared with {previous} (tag `{TAG_PREFIX}{previous}`)."
        if previous
        else "First release (compared with an empty corpus).",
        "",
        "| | documents | sentences | human-annotated sentences |",
        "|---|---|---|---|",
    ]
    for name, stats in (("this release", new), ("previous release", old)):
        lines.append(
            f"| {name} | {sum(stats.documents.values())} | {sum(stats.sentences.values())} | "
            f"{stats.facts.human()} |"
        )
    lines += ["", "Changes:", "", *[f"- {line}" for line in summary_lines(diff)]]
    moved = [(layer, transitions(diff.labels[layer])) for layer in LAYERS]
    if any(t for _, t in moved):
        lines += ["", "Label changes of sentences in both releases:", ""]
        lines += [f"- `{layer}`: {_counts_line(t)}" for layer, t in moved if t]
    lines += ["", "Labels in this release:", ""]
    lines += [f"- `{layer}`: {_counts_line(new.labels[layer])}" for layer in CARD_LAYERS]
    lines += ["", "Who annotated (sentences in this release; change since the previous one):", ""]
    before = {(by, status): n for by, status, n in old.facts.by_annotator()}
    for by, status, n in new.facts.by_annotator():
        delta = n - before.pop((by, status), 0)
        lines.append(f"- `{by}` ({status}): {n} ({delta:+d})")
    for (by, status), n in sorted(before.items()):
        lines.append(f"- `{by}` ({status}): 0 ({-n:+d})")
    return "\n".join(lines)


def _citation_with_version(path: Path, version: str) -> bytes | None:
    """`CITATION.cff` with its `version:` line set to `version` (None when there is no file)."""
    if not path.is_file():
        return None
    text = path.read_text("utf-8")
    if not re.search(r"^version: .*$", text, flags=re.M):
        raise ReleaseError(f"{path}: no top-level `version:` line to set")
    return re.sub(r"^version: .*$", f'version: "{version}"', text, count=1, flags=re.M).encode()


def prepare_release(
    corpus: Path, version: str | None, part: str, previous_dir: Path | None, scratch: Path
) -> Release:
    """The next release of `corpus`: version, changelog entry and every file to write."""
    try:
        current = current_version(corpus)
        new_version = version or bump(current, part)
        if version is not None:
            parse_version(version)
        if current is not None and parse_version(new_version) <= parse_version(current):
            raise ReleaseError(f"version {new_version} is not after the current {current}")
    except ChangelogError as exc:
        raise ReleaseError(str(exc)) from None
    if previous_dir is None and current is not None:
        previous_dir = corpus_at_tag(corpus, f"{TAG_PREFIX}{current}", scratch)
    try:
        new = read_copy(corpus)
        old = read_copy(previous_dir) if previous_dir is not None else Corpus()
    except CopyError as exc:
        raise ReleaseError(str(exc)) from None
    new_stats = corpus_stats(corpus)
    old_stats = corpus_stats(previous_dir) if previous_dir is not None else CorpusStats()
    diff = compare_corpora(old, new, str(previous_dir or "(empty)"), str(corpus))
    entry = changelog_entry(diff, old_stats, new_stats, current)
    changelog = corpus / CHANGELOG_NAME
    files = {changelog: with_entry(corpus, new_version, entry).encode("utf-8")}
    files.update(render_generated(corpus, new_stats, new_version))
    citation = Path(os.path.normpath(corpus / ".." / "CITATION.cff"))  # the repository's top level
    cff = _citation_with_version(citation, new_version)
    if cff is not None:
        files[citation] = cff
    return Release(new_version, current, entry, files)
