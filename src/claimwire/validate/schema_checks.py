"""L2 checks: each record against `schema/document.schema.json` or `schema/sentence.schema.json`.

A compiled fast path (`fastschema`) accepts valid records; the others go to `jsonschema`, whose
errors become findings with the field path (`sources[1].kind`) and a code by keyword.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator, ValidationError
from jsonschema.validators import extend
from referencing import Registry, Resource

from claimwire.schema import SCHEMA_FILES, load_schema, table_schema, vocabularies
from claimwire.validate.fastschema import Predicate, compile_schema, pattern_search
from claimwire.validate.report import Collector, show

if TYPE_CHECKING:  # the resolver type is not re-exported by referencing
    from referencing._core import Resolver


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and pattern_search(pattern)(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# JSON integers are written without a fraction: 3.0 is not an offset (jsonschema would accept it);
# a final `$` in a pattern means the end of the string, as in JSON Schema, not "before a \n".
_StrictValidator = extend(
    Draft202012Validator,
    validators={"pattern": _pattern},
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _checker, x: type(x) is int
    ),
)


@functools.cache
def registry() -> Registry:
    """The three schema files under their `https://claimwire.org/schema/...` ids."""
    schemas = [load_schema(name) for name in SCHEMA_FILES]
    return Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)


def schema_root(table: str) -> tuple[dict[str, Any], Resolver]:
    schema = table_schema(table)
    return schema, registry().resolver(base_uri=schema["$id"])


@functools.cache
def fast_validator(table: str) -> Predicate:
    """The compiled yes/no validator; if the schema has outgrown it, one that always says "look
    closer", so every record takes the slow, complete path (test_validate notices the change)."""
    try:
        return compile_schema(*schema_root(table))
    except ValueError:
        return lambda _record: False


@functools.cache
def fast_rows(table: str, fields: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...] | None]:
    """The compiled validator that gives the values of `fields` of a valid record (None for any
    other); one that always says None if the schema has outgrown the fast path."""
    try:
        return compile_schema(*schema_root(table), project=fields)
    except ValueError:
        return lambda _record: None


@functools.cache
def full_validator(table: str) -> Draft202012Validator:
    return _StrictValidator(table_schema(table), registry=registry())


def check_schema(record: dict[str, Any], table: str, rel: str, line: int, sink: Collector) -> bool:
    """Report schema violations and field order; true if the record is fit for the L3 checks."""
    if fast_validator(table)(record):
        return True
    rid = record.get("id") if type(record.get("id")) is str else None
    errors = sorted(full_validator(table).iter_errors(record), key=_path_order)
    for code, field, message in _explain(errors, table):
        sink.add(code, rel, line, message, record=rid, field=field or None)
    for field in misordered_fields(record, *schema_root(table)):
        sink.add(
            "field-order",
            rel,
            line,
            f"{field or 'record'}: keys not in contract order",
            record=rid,
            field=field or None,
        )
    return not errors


def _path_order(error: ValidationError) -> list[tuple[int, int | str]]:
    """Sort key for errors by field path; array indices and names never compared together."""
    return [(0, p) if isinstance(p, int) else (1, p) for p in error.absolute_path]


def field_path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _json_type(value: Any) -> str:
    names = {
        dict: "object",
        list: "array",
        str: "string",
        int: "integer",
        float: "number",
        bool: "boolean",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def _explain(errors: list[ValidationError], table: str) -> Iterator[tuple[str, str, str]]:
    """(code, field path, message) for each jsonschema error."""
    reported: set[tuple[str, str]] = set()
    for error in errors:
        path = field_path(error.absolute_path)
        keyword, expected, instance = error.validator, error.validator_value, error.instance
        if keyword == "required":
            # jsonschema yields one error per missing name, all with the same message format
            missing = [n for n in expected if isinstance(instance, dict) and n not in instance]
            name = next((n for n in missing if (path, n) not in reported), None)
            if name is not None:
                reported.add((path, name))
                field = field_path([*error.absolute_path, name])
                yield "missing-field", field, f"{field}: required field missing"
        elif keyword == "additionalProperties":
            known = error.schema.get("properties", {})
            for name in [n for n in instance if n not in known]:
                field = field_path([*error.absolute_path, name])
                yield "unknown-field", field, f"{field}: field not in the contract"
        elif keyword == "type":
            want = " or ".join([expected] if isinstance(expected, str) else expected)
            found = _json_type(instance)
            if not isinstance(instance, dict | list):
                found += f" {show(instance)}"
            yield "wrong-type", path, f"{path}: expected {want}, found {found}"
        elif keyword == "enum":
            vocab = next((n for n, v in vocabularies().items() if list(v) == expected), "allowed")
            yield (
                "unknown-label",
                path,
                f"{path}: {show(instance)} is not a {vocab} label ({', '.join(expected)})",
            )
        elif keyword == "pattern" and table == "sentences" and path == "text":
            yield "text-not-stripped", path, "text: leading/trailing whitespace or a line break"
        else:
            yield (
                "invalid-value",
                path,
                f"{path or 'record'}: {show(instance)} fails {keyword} {show(expected)}",
            )


def misordered_fields(
    instance: Any, schema: dict[str, Any], resolver: Resolver, path=()
) -> list[str]:
    """Field paths of objects whose keys are not in the order of the schema's properties."""
    if "$ref" in schema:
        resolved = resolver.lookup(schema["$ref"])
        return misordered_fields(instance, resolved.contents, resolved.resolver, path)
    out: list[str] = []
    if isinstance(instance, dict) and "properties" in schema:
        order = list(schema["properties"])
        known = [order.index(k) for k in instance if k in order]
        if known != sorted(known):
            out.append(field_path(path))
        for name, sub in schema["properties"].items():
            if name in instance:
                out += misordered_fields(instance[name], sub, resolver, (*path, name))
    elif isinstance(instance, list) and "items" in schema:
        for i, item in enumerate(instance):
            out += misordered_fields(item, schema["items"], resolver, (*path, i))
    return out
