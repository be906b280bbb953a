"""The corpus's `CHANGELOG.md`: one section per release, newest first; its top heading is the version.

The dataset's version lives in one place, the changelog's latest `## <version>` heading, so the card,
the Croissant file and `CITATION.cff` cannot disagree on it. `claimwire release` writes the sections;
nothing in them depends on the clock.
"""

from __future__ import annotations

import re
from pathlib import Path

CHANGELOG_NAME = "CHANGELOG.md"
TAG_PREFIX = "corpus-v"  # the git tag of a release: corpus-v1.0.0
_HEADING = re.compile(r"^## (\d+\.\d+\.\d+)\s*$", re.M)
_VERSION = re.compile(r"^\d+\.\d+\.\d+$")

HEADER = f"""# Changelog of the claimwire corpus

Every release of the dataset in this folder, newest first, written by `claimwire release` from the
difference with the previous release (`claimwire diff`). The release's commit is tagged
`{TAG_PREFIX}<version>` in the claimwire repository (`git tag -a {TAG_PREFIX}1.0.0`); `claimwire diff`
between two tags' `corpus/` folders shows every change in detail.
"""


class ChangelogError(ValueError):
    """The changelog cannot be read or a version is not `MAJOR.MINOR.PATCH`; one-line message."""


def versions(corpus: Path) -> list[str]:
    """The released versions, newest first (empty when the corpus was never released)."""
    path = corpus / CHANGELOG_NAME
    if not path.is_file():
        return []
    return _HEADING.findall(path.read_text("utf-8"))


def current_version(corpus: Path) -> str | None:
    found = versions(corpus)
    return found[0] if found else None


def parse_version(text: str) -> tuple[int, int, int]:
    if not _VERSION.match(text):
        raise ChangelogError(f"version {text!r} is not MAJOR.MINOR.PATCH (e.g. 1.2.0)")
    major, minor, patch = (int(x) for x in text.split("."))
    return major, minor, patch


def bump(version: str | None, part: str) -> str:
    """The next version after `version` (None: never released, so 1.0.0 whatever the part)."""
    if version is None:
        return "1.0.0"
    major, minor, patch = parse_version(version)
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    if part == "patch":
        return f"{major}.{minor}.{patch + 1}"
    raise ChangelogError(f"unknown version part {part!r}: major, minor or patch")


def with_entry(corpus: Path, version: str, body: str) -> str:
    """The changelog's text with a new section for `version` on top of the older ones."""
    path = corpus / CHANGELOG_NAME
    old = path.read_text("utf-8") if path.is_file() else HEADER
    match = _HEADING.search(old)
    head, rest = (old[: match.start()], old[match.start() :]) if match else (old, "")
    return f"{head.rstrip()}\n\n## {version}\n\n{body.strip()}\n" + (f"\n{rest}" if rest else "")
