"""The machine-readable contract: JSON Schemas and label vocabularies from `schema/`.

Every other module (annotator, validator, pandera models, dataset features) reads labels from here,
so `schema/labels.json` stays the one source of truth.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

SCHEMA_FILES = ("labels.json", "document.schema.json", "sentence.schema.json")


def schema_dir() -> Path:
    """Folder holding the schema files: inside the installed wheel, else the source checkout's."""
    packaged = Path(str(resources.files("claimwire"))) / "schema"
    if (packaged / "labels.json").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "schema"
    if (checkout / "labels.json").is_file():
        return checkout
    raise FileNotFoundError(
        "claimwire schema files not found (looked in the package and the checkout)"
    )


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """Parsed content of one schema file, e.g. `sentence.schema.json`."""
    if name not in SCHEMA_FILES:
        raise ValueError(f"unknown schema file {name!r}")
    return orjson.loads((schema_dir() / name).read_bytes())


@functools.cache
def labels(vocabulary: str) -> tuple[str, ...]:
    """Labels of one vocabulary (`claim_type`, `verifiability`, `source_kind`, `source_mode`, ...)."""
    defs = load_schema("labels.json")["$defs"]
    if vocabulary not in defs:
        raise KeyError(f"unknown vocabulary {vocabulary!r}; known: {', '.join(defs)}")
    return tuple(defs[vocabulary]["enum"])


def vocabularies() -> dict[str, tuple[str, ...]]:
    """Every vocabulary with its labels, in ClassLabel order."""
    return {name: labels(name) for name in load_schema("labels.json")["$defs"]}
