"""Publishing the corpus folder to the Hugging Face Hub, as a dataset repository.

Refused unless the corpus validates and its generated files (card, `LICENSE.md`, `croissant.json`)
are what the data renders. The upload is one commit of every file of the folder (hidden files and
temporaries left out), which also removes from the Hub a data file the folder no longer has, with a
message that names the version and the counts, and tags that commit `corpus-v<version>` on the Hub
(so `load_dataset(repo_id, revision="corpus-v1.0.0")` loads that release); the token comes from
`huggingface_hub`'s usual places (`HF_TOKEN`, `huggingface-cli login`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from claimwire.changelog import TAG_PREFIX, current_version
from claimwire.corpus.stats import corpus_stats
from claimwire.validate import validate_corpus

REPO_ID = re.compile(r"^[A-Za-z0-9][\w.-]*/[A-Za-z0-9][\w.-]*$")


class PublishError(Exception):
    """Publishing refused or failed; `str()` is a one-line message naming the problem."""


@dataclass(slots=True)
class Upload:
    files: list[tuple[str, int]]  # path relative to the corpus folder, size in bytes
    message: str
    version: str | None  # the release, tagged corpus-v<version> on the Hub too


def check_repo_id(repo_id: str) -> None:
    if not REPO_ID.match(repo_id) or ".." in repo_id:
        raise ValueError(f"--repo-id {repo_id!r} is not ORG/NAME")


def plan_upload(corpus: Path) -> Upload:
    """What would be uploaded, after refusing a corpus that is invalid or whose card is stale."""
    report = validate_corpus(corpus)
    stale = sorted(
        {f.file for f in report.findings if f.code in ("card-out-of-date", "missing-card")}
    )
    if stale:
        raise PublishError(
            f"{corpus}: {', '.join(stale)} out of date with the data; nothing published "
            "(run: claimwire card)"
        )
    if not report.valid:
        errors = sum(1 for f in report.findings if f.check.severity == "error")
        raise PublishError(
            f"{corpus}: not valid ({errors} error(s)); nothing published (run: claimwire validate)"
        )
    files = sorted(
        (p.relative_to(corpus).as_posix(), p.stat().st_size)
        for p in corpus.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(corpus).parts)
    )
    stats = corpus_stats(corpus)
    version = current_version(corpus)
    message = (
        f"claimwire corpus {version or 'unreleased'}: {sum(stats.documents.values())} documents, "
        f"{sum(stats.sentences.values())} sentences ({stats.facts.human()} annotated by hand)"
    )
    return Upload(files, message, version)


def upload(corpus: Path, repo_id: str, revision: str | None, plan: Upload) -> str:
    """Upload the planned files in one commit; the commit's URL. Errors become PublishError."""
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError, OfflineModeIsEnabled

    api = HfApi()
    try:
        api.create_repo(repo_id, repo_type="dataset", exist_ok=True)
        if revision is not None:
            api.create_branch(repo_id, repo_type="dataset", branch=revision, exist_ok=True)
        commit = api.upload_folder(
            folder_path=corpus,
            repo_id=repo_id,
            repo_type="dataset",
            revision=revision,
            commit_message=plan.message,
            allow_patterns=[path for path, _ in plan.files],
            # A shard the corpus no longer has (its month emptied) goes from the Hub too.
            delete_patterns=["data/**"],
        )
        if plan.version is not None:  # `load_dataset(repo_id, revision="corpus-v1.0.0")`
            api.create_tag(
                repo_id,
                repo_type="dataset",
                tag=f"{TAG_PREFIX}{plan.version}",
                revision=commit.oid,
                tag_message=plan.message,
                exist_ok=True,
            )
    except OfflineModeIsEnabled:
        raise PublishError(
            "HF_HUB_OFFLINE is set: the Hub cannot be reached; nothing published "
            "(use --dry-run to see what would be)"
        ) from None
    except (HfHubHTTPError, OSError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PublishError(f"publishing to {repo_id} failed: {first}") from None
    return str(commit)
