"""A fast yes/no validator compiled from the subset of JSON Schema that `schema/*.json` uses.

`jsonschema` explains what is wrong but costs tens of microseconds per record; almost every record
of a real corpus is valid, so `compile_schema` turns a schema into nested closures that only answer
"valid and in contract field order?". A "no" sends the record to `jsonschema` for the explanation.
Any keyword outside the subset raises at compile time, so the fast path can never accept what the
full validator would reject without a test noticing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the resolver type is not re-exported by referencing
    from referencing._core import Resolver


Predicate = Callable[[Any], bool]
# "format" only annotates in draft 2020-12 (no assertion): calendar dates are checked at L3.
ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "$comment", "format"})
# Exact Python types orjson produces for each JSON type; bool is not an integer here.
JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def compile_schema(schema: dict[str, Any], resolver: Resolver) -> Predicate:
    """Predicate true iff the instance is valid and every object's keys are in schema order."""
    if "properties" not in schema and ("required" in schema or "additionalProperties" in schema):
        raise ValueError("fast path needs `properties` next to `required`/`additionalProperties`")
    checks: list[Predicate] = []
    for key, value in schema.items():
        if key in ANNOTATIONS or key in ("required", "additionalProperties"):
            continue
        if key == "$ref":
            resolved = resolver.lookup(value)
            checks.append(compile_schema(resolved.contents, resolved.resolver))
        elif key == "properties":
            checks.append(_compile_object(schema, resolver))
        else:
            checks.append(_compile_keyword(key, value, schema, resolver))
    if len(checks) == 1:
        return checks[0]

    def all_of(instance: Any) -> bool:
        return all(check(instance) for check in checks)

    return all_of


def _compile_object(schema: dict[str, Any], resolver: Resolver) -> Predicate:
    closed = schema.get("additionalProperties", True)
    if closed not in (True, False):
        raise ValueError("fast path supports only boolean additionalProperties")
    props = {
        name: (position, compile_schema(sub, resolver))
        for position, (name, sub) in enumerate(schema["properties"].items())
    }
    required = tuple(schema.get("required", ()))

    def check_object(instance: Any) -> bool:
        if type(instance) is not dict:
            return True  # "type" decides
        last = -1
        for name, value in instance.items():
            entry = props.get(name)
            if entry is None:
                if closed is False:
                    return False
                continue
            if entry[0] < last or not entry[1](value):
                return False
            last = entry[0]
        return all(name in instance for name in required)

    return check_object


def _compile_keyword(key: str, value: Any, schema: dict[str, Any], resolver: Resolver) -> Predicate:
    if key == "type":
        allowed = frozenset(
            t for name in ([value] if isinstance(value, str) else value) for t in JSON_TYPES[name]
        )
        return lambda x: type(x) in allowed
    if key == "enum":
        if not all(type(v) is str for v in value):
            raise ValueError("fast path supports only string enums")
        labels = frozenset(value)
        return lambda x: type(x) is str and x in labels
    if key == "pattern":
        search = re.compile(value).search
        return lambda x: type(x) is not str or search(x) is not None
    if key in ("minLength", "minItems"):
        kind = str if key == "minLength" else list
        return lambda x: type(x) is not kind or len(x) >= value
    if key in ("maxLength", "maxItems"):
        kind = str if key == "maxLength" else list
        return lambda x: type(x) is not kind or len(x) <= value
    if key == "minimum":
        return lambda x: type(x) not in (int, float) or x >= value
    if key == "maximum":
        return lambda x: type(x) not in (int, float) or x <= value
    if key == "prefixItems":
        heads = [compile_schema(sub, resolver) for sub in value]
        return lambda x: type(x) is not list or all(f(i) for f, i in zip(heads, x, strict=False))
    if key == "items":
        item = compile_schema(value, resolver)
        skip = len(schema.get("prefixItems", ()))
        return lambda x: type(x) is not list or all(item(i) for i in x[skip:])
    raise ValueError(f"fast path cannot compile JSON Schema keyword {key!r}")
