"""The identity of the pipeline that turns a dispatch's bytes into records, for skipping unchanged work.

A document converted by the same pipeline from the same input bytes comes out the same, so `convert`
records this identity beside each document (`claimwire.corpus.manifest`) and skips a document whose
input and pipeline are unchanged. The identity is computed without importing spaCy (a run with nothing
to annotate must not pay for loading it): the package version, spaCy's minor version (its range in
`pyproject.toml` allows only patch releases, which keep models' outputs), the model's version and the
digests of its files as its wheel records them, and the digests of claimwire's own readers, segmenter,
rules, lexicons, claim-type model and label rules (`schema/labels.json`), read from the package's files,
and the identity of the claim-type model that annotates (a corpus's own one from `claimwire train`).
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

import orjson

import claimwire
from claimwire.schema import schema_dir

MODEL_PACKAGE = "fr_core_news_sm"
# The parts of the package whose files decide what a dispatch becomes (folders are read recursively).
RULES = ("ingest", "segment.py", "records.py", "schema.py", "annotate")
DATA = ("data/segment", "annotate/lexicons", "annotate/models")


def _files_digest(root: Path, parts: tuple[str, ...], suffixes: tuple[str, ...] | None) -> str:
    """SHA-256 over the relative paths and bytes of the files under `parts`, in sorted order."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for part in parts:
        path = root / part
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for path in sorted(set(files)):
        if suffixes is not None and path.suffix not in suffixes:
            continue
        if "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _model_digest() -> str:
    """SHA-256 of the model's data files as its wheel's RECORD lists them (name and hash), which
    does not depend on where or how it was installed; the version alone when there is no RECORD."""
    try:
        distribution = metadata.distribution(MODEL_PACKAGE)
    except metadata.PackageNotFoundError:
        return "missing"
    record = distribution.read_text("RECORD") or ""
    prefix = f"{MODEL_PACKAGE}/{MODEL_PACKAGE}-"
    lines = sorted(
        line for line in record.splitlines() if line.startswith(prefix) and ",sha256=" in line
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@functools.cache
def pipeline_parts(claim_model: str | None = None) -> dict[str, str]:
    """What the identity is made of: versions and digests, by name. `claim_model` is the identity
    of the claim-type model that annotates (a corpus's own, `claimwire train`), default the
    shipped one."""
    from claimwire.corpus.model import shipped_identity

    package = Path(claimwire.__file__).parent
    try:
        spacy_version = ".".join(metadata.version("spacy").split(".")[:2])
        model_version = metadata.version(MODEL_PACKAGE)
    except metadata.PackageNotFoundError:
        spacy_version = model_version = "missing"
    return {
        "claimwire": claimwire.__version__,
        "spacy": spacy_version,
        "model": f"{MODEL_PACKAGE} {model_version}",
        "model_files": _model_digest(),
        "rules": _files_digest(package, RULES, (".py",)),
        "data": _files_digest(package, DATA, None),
        # The label vocabularies and the rules that tie them (`verifiability` follows them).
        "labels": hashlib.sha256((schema_dir() / "labels.json").read_bytes()).hexdigest(),
        "claim_type_model": claim_model or shipped_identity(),
    }


@functools.cache
def pipeline_id(claim_model: str | None = None) -> str:
    """A short digest of `pipeline_parts()`: equal ids, equal output for equal input bytes."""
    parts = pipeline_parts(claim_model)
    return hashlib.sha256(orjson.dumps(parts, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]
