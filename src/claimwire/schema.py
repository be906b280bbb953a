"""The machine-readable contract: JSON Schemas and label vocabularies from `schema/`.

Every other module (annotator, validator, pandera models, dataset features) reads labels and the rules
that tie them together from here, so `schema/labels.json` stays the one source of truth.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

SCHEMA_FILES = ("labels.json", "document.schema.json", "sentence.schema.json")
# The corpus's two tables and the schema of their records: every reader of the schema goes through
# `table_schema`, so a third table would be declared here once.
TABLE_SCHEMAS = {"documents": "document.schema.json", "sentences": "sentence.schema.json"}
# A field whose value is a label refers to its vocabulary as `labels.json#/$defs/<vocabulary>`.
LABELS_REF = "labels.json#/$defs/"
_LOCAL_REF = "#/$defs/"


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


def table_schema(table: str) -> dict[str, Any]:
    """The JSON Schema of one table's records (`documents` or `sentences`)."""
    if table not in TABLE_SCHEMAS:
        raise ValueError(f"unknown table {table!r}; known: {', '.join(TABLE_SCHEMAS)}")
    return load_schema(TABLE_SCHEMAS[table])


def resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """A schema node with its local `$ref` (`#/$defs/...`) followed; a vocabulary `$ref` stays as is."""
    ref = node.get("$ref", "")
    if ref.startswith(_LOCAL_REF):
        return resolve(root["$defs"][ref.removeprefix(_LOCAL_REF)], root)
    if ref and not ref.startswith(LABELS_REF):
        raise ValueError(f"unsupported $ref {ref!r}")
    return node


def vocabulary_of(node: dict[str, Any]) -> str | None:
    """The vocabulary a label field refers to (`claim_type`, ...), or None for another field."""
    ref = node.get("$ref", "")
    return ref.removeprefix(LABELS_REF) if ref.startswith(LABELS_REF) else None


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


@dataclass(frozen=True, slots=True)
class LabelRules:
    """Which verifiability a claim type implies, and which verifiability labels only those claim
    types may take (`x-label-rules` of `labels.json`)."""

    implies: dict[str, str]
    reserved: tuple[str, ...]

    def implying(self, verifiability: str) -> tuple[str, ...]:
        """The claim types that imply `verifiability`, in the order the rules list them."""
        return tuple(c for c, implied in self.implies.items() if implied == verifiability)

    def broken(self, claim_type: str, verifiability: str) -> str | None:
        """What a sentence's pair of labels breaks of the rules, or None."""
        for reserved in self.reserved:
            owners = self.implying(reserved)
            if (claim_type in owners) != (verifiability == reserved):
                return (
                    f"claim_type {claim_type} with verifiability {verifiability}: "
                    f"{' or '.join(owners)} iff {reserved}"
                )
        implied = self.implies.get(claim_type)
        if implied is not None and verifiability != implied:
            return f"claim_type {claim_type} implies verifiability {implied}, not {verifiability}"
        return None

    def pairs(self) -> tuple[tuple[str, str], ...]:
        """Every (claim_type, verifiability) the rules allow, in vocabulary order: the labels of
        the claim model, which learns both layers at once (`claimwire.annotate.classifier`)."""
        return tuple(
            (claim, verdict)
            for claim in labels("claim_type")
            for verdict in labels("verifiability")
            if self.broken(claim, verdict) is None
        )

    def describe(self) -> str:
        """The rules in the card's words: "`opinion` and `prediction` are `unverifiable`; ..."."""

        def names(types: tuple[str, ...]) -> str:
            return " and ".join(f"`{t}`" for t in types)

        implied = [v for v in labels("verifiability") if self.implying(v)]
        parts = [f"{names(self.implying(v))} are `{v}`" for v in implied if v not in self.reserved]
        parts += [f"{names(self.implying(v))} if and only if `{v}`" for v in self.reserved]
        return "; ".join(parts)


@functools.cache
def label_rules() -> LabelRules:
    """The label rules of the guidelines, checked against the vocabularies they name."""
    data = load_schema("labels.json")["x-label-rules"]
    claims, verdicts = set(labels("claim_type")), set(labels("verifiability"))
    implies = dict(data["implies"])
    if not set(implies) <= claims or not set(implies.values()) | set(data["reserved"]) <= verdicts:
        raise ValueError("labels.json: x-label-rules names a label missing from its vocabulary")
    return LabelRules(implies, tuple(data["reserved"]))
