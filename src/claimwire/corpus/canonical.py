"""Canonical form of corpus files: what `claimwire fmt` writes and the validator expects.

UTF-8 without BOM, `\\n` line ends, one compact orjson object per line with keys in the contract's order
(the schema's property order), non-ASCII as is, no blank lines, a final newline. Only lines that differ
are rewritten; a line that cannot be parsed safely (invalid JSON, duplicate keys) is left as it is and
reported, since rewriting it could lose what an annotator typed.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from claimwire.corpus.layout import canonical_line
from claimwire.schema import TABLE_SCHEMAS, resolve, table_schema


@functools.cache
def key_order(table: str) -> dict[str, Any]:
    """Nested key order of a table's records, read from the JSON Schema: {key: sub-order or None}."""
    schema = table_schema(table)

    def order(node: dict[str, Any]) -> dict[str, Any] | None:
        node = resolve(node, schema)
        if "properties" in node:
            return {name: order(sub) for name, sub in node["properties"].items()}
        if node.get("type") == "array" and isinstance(node.get("items"), dict):
            return order(node["items"])
        return None

    result = order(schema)
    assert result is not None
    return result


def reorder(value: Any, order: dict[str, Any] | None) -> Any:
    """`value` with object keys in schema order (unknown keys after, as they came)."""
    if order is None:
        return value
    if isinstance(value, list):
        return [reorder(item, order) for item in value]
    if not isinstance(value, dict):
        return value
    known = {k: reorder(value[k], order[k]) for k in order if k in value}
    return known | {k: v for k, v in value.items() if k not in order}


class UnsafeLine(ValueError):
    """A line `fmt` must not rewrite."""


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise UnsafeLine(f"duplicate key {duplicates[0]!r}")
    return dict(pairs)


def canonical_form(line: bytes, table: str) -> bytes:
    """The canonical bytes of one record line (with its newline); UnsafeLine when it can't be made safely."""
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        raise UnsafeLine(f"not valid JSON ({exc})") from None
    if not isinstance(record, dict):
        raise UnsafeLine("not a JSON object")
    result = canonical_line(reorder(record, key_order(table)))
    if result.rstrip(b"\n") != line.rstrip(b"\r\n"):
        json.loads(
            line, object_pairs_hook=_reject_duplicates
        )  # dropping a duplicate would lose data
    return result


@dataclass(slots=True)
class FormatResult:
    """What `format_bytes` changed in one file and what it had to leave alone."""

    data: bytes
    changed_lines: list[int] = field(default_factory=list)
    unsafe: list[tuple[int, str]] = field(default_factory=list)


def format_bytes(raw: bytes, table: str) -> FormatResult:
    """Canonical bytes of a whole file; line numbers refer to the input."""
    result = FormatResult(b"")
    out: list[bytes] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        result.changed_lines.append(1)
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            if line or number < raw.count(b"\n") + 1:
                result.changed_lines.append(number)
            continue
        try:
            formatted = canonical_form(line, table)
        except (UnsafeLine, UnicodeDecodeError, json.JSONDecodeError) as exc:
            result.unsafe.append((number, str(exc)))
            out.append(line if line.endswith(b"\n") else line + b"\n")
            continue
        if formatted != line + b"\n":
            result.changed_lines.append(number)
        out.append(formatted)
    if raw and not raw.endswith(b"\n"):
        result.changed_lines.append(raw.count(b"\n") + 1)
    result.data = b"".join(out)
    result.changed_lines = sorted(set(result.changed_lines))
    return result


def table_of(path: Path) -> str:
    """`documents` or `sentences`, from the file's folder in the layout."""
    table = path.parent.name
    if table not in TABLE_SCHEMAS:
        raise ValueError(f"{path}: not under data/<split>/documents or data/<split>/sentences")
    return table
