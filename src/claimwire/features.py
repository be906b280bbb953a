"""Hugging Face `datasets.Features` derived from the JSON Schema, so the card cannot drift from it.

Mapping: string -> string, integer -> int32 (offsets, indices, version), number -> float64, `format: date` -> date32
(the JSON loader would otherwise be free to read an ISO date as a timestamp), a `$ref` to a vocabulary
in labels.json -> ClassLabel, arrays -> List, objects -> dicts of features.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datasets import Features

from claimwire.schema import labels, load_schema

_LABELS_REF = "labels.json#/$defs/"


def _feature(node: dict[str, Any], root: dict[str, Any]) -> Any:
    # Imported here: `datasets` takes seconds to import, and most commands never need it.
    from datasets import ClassLabel, List, Value

    ref = node.get("$ref")
    if ref is not None:
        if ref.startswith(_LABELS_REF):
            return ClassLabel(names=list(labels(ref.removeprefix(_LABELS_REF))))
        if ref.startswith("#/$defs/"):
            return _feature(root["$defs"][ref.removeprefix("#/$defs/")], root)
        raise ValueError(f"unsupported $ref {ref!r}")
    types = node["type"] if isinstance(node["type"], list) else [node["type"]]
    kind = next(t for t in types if t != "null")
    if kind == "string":
        return Value("date32") if node.get("format") == "date" else Value("string")
    if kind == "integer":
        return Value("int32")
    if kind == "number":
        return Value("float64")
    if kind == "array":
        items = node.get("items")
        if items is None:  # a fixed-length tuple: all prefixItems share one type
            items = node["prefixItems"][0]
        return List(_feature(items, root))
    if kind == "object":
        return {name: _feature(sub, root) for name, sub in node["properties"].items()}
    raise ValueError(f"unsupported JSON Schema type {kind!r}")


def features_for(table: str) -> Features:
    """Features of the `documents` or `sentences` table, in the schema's field order."""
    from datasets import Features

    schema = load_schema(
        {"documents": "document.schema.json", "sentences": "sentence.schema.json"}[table]
    )
    return Features({name: _feature(node, schema) for name, node in schema["properties"].items()})
