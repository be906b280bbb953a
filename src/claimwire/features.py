"""Hugging Face `datasets.Features` derived from the JSON Schema, so the card cannot drift from it.

Mapping: string -> string, integer -> int32 (offsets, indices, version), number -> float64, `format: date` -> date32
(the JSON loader would otherwise be free to read an ISO date as a timestamp), a `$ref` to a vocabulary
in labels.json -> ClassLabel, arrays -> List, objects -> dicts of features.

`features_yaml` writes the card's YAML form of the same features straight from the schema: the card
(and so `claimwire validate`) needs no `datasets`, which takes seconds to import; a test proves it
equals `features_for(table)._to_yaml_list()`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datasets import Features

from claimwire.schema import labels, resolve, table_schema, vocabulary_of


def _kind(node: dict[str, Any]) -> str:
    """The JSON type of a non-vocabulary node, null left out; `date` for a `format: date` string."""
    types = node["type"] if isinstance(node["type"], list) else [node["type"]]
    kind = next(t for t in types if t != "null")
    return "date" if kind == "string" and node.get("format") == "date" else kind


def _array_items(node: dict[str, Any]) -> dict[str, Any]:
    items = node.get("items")
    return node["prefixItems"][0] if items is None else items  # a tuple: its items share one type


VALUES = {"string": "string", "date": "date32", "integer": "int32", "number": "float64"}


def _feature(node: dict[str, Any], root: dict[str, Any]) -> Any:
    # Imported here: `datasets` takes seconds to import, and most commands never need it.
    from datasets import ClassLabel, List, Value

    node = resolve(node, root)
    if "$ref" in node:
        return ClassLabel(names=list(labels(vocabulary_of(node) or "")))
    kind = _kind(node)
    if kind in VALUES:
        return Value(VALUES[kind])
    if kind == "array":
        return List(_feature(_array_items(node), root))
    if kind == "object":
        return {name: _feature(sub, root) for name, sub in node["properties"].items()}
    raise ValueError(f"unsupported JSON Schema type {kind!r}")


def features_for(table: str) -> Features:
    """Features of the `documents` or `sentences` table, in the schema's field order."""
    from datasets import Features

    schema = table_schema(table)
    return Features({name: _feature(node, schema) for name, node in schema["properties"].items()})


def _yaml(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    """One feature as `datasets` writes it in a card (`Features._to_yaml_list`), without a name."""
    node = resolve(node, root)
    if "$ref" in node:
        names = labels(vocabulary_of(node) or "")
        return {"dtype": {"class_label": {"names": {str(i): n for i, n in enumerate(names)}}}}
    kind = _kind(node)
    if kind in VALUES:
        return {"dtype": VALUES[kind]}
    if kind == "array":
        # A list of one value or of one struct is written without the inner `dtype`/`struct` key.
        inner = _yaml(_array_items(node), root)
        return {"list": inner["dtype"] if "dtype" in inner else inner.get("struct", inner)}
    if kind == "object":
        return {"struct": _yaml_fields(node, root)}
    raise ValueError(f"unsupported JSON Schema type {kind!r}")


def _yaml_fields(node: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"name": name, **_yaml(sub, root)} for name, sub in node["properties"].items()]


def features_yaml(table: str) -> list[dict[str, Any]]:
    """The card's `features:` list of a table, as `features_for(table)._to_yaml_list()` gives it."""
    schema = table_schema(table)
    return _yaml_fields(schema, schema)
