"""`corpus/croissant.json`: the corpus described in the Croissant format (MLCommons), from `schema/`.

One `FileObject` per JSONL file, with its size and sha256; one `FileSet` and one `RecordSet` per
config (`sentences`, `documents`), whose fields are the schema's properties: strings, integers,
numbers and dates as such, a vocabulary as text (its labels in the description), an object as a
field with sub-fields (read with a JSON path). Left out: optional properties (`confidence`,
`dateline`, ...), which a file may lack altogether while a Croissant column must be in every file,
and lists of objects (`sources`), which `mlcroissant` 1.x cannot unpack from JSON lines (a JSON path
yields only a list's first item); the JSONL and `load_dataset` carry them. A list of numbers (or of
pairs, `paragraphs`) is a repeated field. A `split` field
comes from each file's path. Generated with the card, so `validate` keeps it in step with the data.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from claimwire.card_sections import PRETTY_NAME, citation
from claimwire.schema import labels, resolve, table_schema, vocabulary_of

if TYPE_CHECKING:
    from claimwire.corpus.stats import CorpusStats

CROISSANT_NAME = "croissant.json"
CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
TABLES = ("sentences", "documents")
_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
}
SPDX = {"apache-2.0": "Apache-2.0", "cc-by-4.0": "CC-BY-4.0", "lgpl-lr": "LGPLLR"}


@cache
def _context() -> dict[str, Any]:
    data = resources.files("claimwire").joinpath("data/card/croissant_context.json").read_bytes()
    return json.loads(data)


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("type", "string")
    return [t for t in (kind if isinstance(kind, list) else [kind]) if t != "null"]


def _array_scalar(node: dict[str, Any], root: dict[str, Any]) -> str | None:
    """The scalar JSON type at the bottom of an array (of arrays) of scalars; None for objects."""
    while _types(node) == ["array"]:
        items = node.get("items") or node["prefixItems"][0]
        node = resolve(items, root)
    kinds = _types(node)
    return kinds[0] if kinds and kinds[0] in _TYPES and vocabulary_of(node) is None else None


def _field(table: str, name: str, node: dict[str, Any], root: dict[str, Any], path: list[str]):
    """The Croissant field of one schema property (`path`: the enclosing object fields)."""
    node = resolve(node, root)
    vocabulary = vocabulary_of(node)
    field_id = "/".join([table, *path, name])
    description = node.get("description", "")
    source: dict[str, Any] = {"fileSet": {"@id": f"{table}-files"}}
    source["extract"] = {"column": path[0] if path else name}
    if path:
        source["transform"] = {"jsonPath": ".".join([*path[1:], name])}
    field: dict[str, Any] = {"@type": "cr:Field", "@id": field_id, "name": name}
    if vocabulary is not None:
        field["description"] = "label: " + ", ".join(labels(vocabulary))
        field["dataType"] = "sc:Text"
    elif _types(node) == ["object"]:
        field["description"] = description
        field["dataType"] = "sc:Text"
        field["subField"] = [
            _field(table, sub, subnode, root, [*path, name])
            for sub, subnode in node["properties"].items()
            if sub in node.get("required", ())
        ]
        return field
    elif _types(node) == ["array"]:
        field["description"] = f"{description} (nested lists load as nested lists)".strip()
        field["repeated"] = True
        field["dataType"] = _TYPES[str(_array_scalar(node, root))]
    elif node.get("format") == "date":
        field["description"] = description
        field["dataType"] = "sc:Date"
    else:
        field["description"] = description
        field["dataType"] = _TYPES[_types(node)[0]]
    field["source"] = source
    return field


def _kept(node: dict[str, Any], root: dict[str, Any]) -> bool:
    return _types(node) != ["array"] or _array_scalar(node, root) is not None


def record_set(table: str) -> dict[str, Any]:
    schema = table_schema(table)
    fields = [
        _field(table, name, node, schema, [])
        for name, node in schema["properties"].items()
        # An optional field may be absent from a whole file; lists of objects cannot be read yet.
        if name in schema["required"] and _kept(resolve(node, schema), schema)
    ]
    fields.append(
        {
            "@type": "cr:Field",
            "@id": f"{table}/split",
            "name": "split",
            "description": "the split the record is in: train, validation or test",
            "dataType": "sc:Text",
            "source": {
                "fileSet": {"@id": f"{table}-files"},
                "extract": {"fileProperty": "fullpath"},
                "transform": {"regex": rf"^(?:.*/)?data/([a-z]+)/{table}/[^/]+\.jsonl$"},
            },
        }
    )
    return {
        "@type": "cr:RecordSet",
        "@id": table,
        "name": table,
        "description": f"one record per {'sentence' if table == 'sentences' else 'dispatch'}",
        "key": {"@id": f"{table}/id"},
        "field": fields,
    }


def croissant(stats: CorpusStats, version: str | None) -> dict[str, Any]:
    """The Croissant description of a corpus with these counts and files."""
    facts = stats.facts
    licenses = sorted(
        {x for s in facts.sources_present() for x in (s.text_license, s.annotation_license)}
    )
    distribution: list[dict[str, Any]] = [
        {
            "@type": "cr:FileObject",
            "@id": rel,
            "name": rel,
            "contentUrl": rel,
            "contentSize": f"{size} B",
            "encodingFormat": "application/jsonlines",
            "sha256": digest,
        }
        for rel, (size, digest) in sorted(facts.files.items())
    ]
    distribution += [
        {
            "@type": "cr:FileSet",
            "@id": f"{table}-files",
            "name": f"{table}-files",
            "description": f"every {table} file of every split",
            "encodingFormat": "application/jsonlines",
            "includes": f"data/*/{table}/*.jsonl",
        }
        for table in TABLES
    ]
    return {
        "@context": _context(),
        "@type": "sc:Dataset",
        "name": "claimwire",
        "description": (
            f"{PRETTY_NAME}: {sum(stats.sentences.values())} sentences of "
            f"{sum(stats.documents.values())} French news texts, {facts.human()} of them annotated "
            "by hand, with claim type, sources and verifiability."
        ),
        "conformsTo": CONFORMS_TO,
        "citeAs": citation(version).removeprefix("```bibtex\n").removesuffix("\n```"),
        "inLanguage": "fr",
        "license": [f"https://spdx.org/licenses/{SPDX[x]}.html" for x in licenses if x in SPDX]
        + (["LICENSE.md"] if "other" in licenses else []),
        "url": "README.md",
        "version": version or "0.0.0",
        "distribution": distribution,
        "recordSet": [record_set(table) for table in TABLES],
    }


def croissant_bytes(stats: CorpusStats, version: str | None) -> bytes:
    """The canonical bytes of `croissant.json` (two-space indent, keys in writing order)."""
    text = json.dumps(croissant(stats, version), indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")
