"""A fast yes/no validator generated from the subset of JSON Schema that `schema/*.json` uses.

`jsonschema` explains what is wrong but costs tens of microseconds per record; almost every record
of a real corpus is valid, so `compile_schema` writes the schema out as one straight-line Python
function (as fastjsonschema does) that only answers "valid, with keys in contract order?". A "no"
sends the record to `jsonschema` for the explanation. A keyword outside the subset raises at
compile time, so the fast path cannot silently accept what the full validator rejects.
"""

from __future__ import annotations

import functools
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
OBJECT_KEYWORDS = ("properties", "required", "additionalProperties")


@functools.cache
def pattern_search(pattern: str) -> Callable[[str], object | None]:
    """`re.search` with the JSON Schema (ECMA-262) meaning of a final `$`: the end of the string
    (None when the string does not match).

    Python's `$` also matches before a final newline, so `^[0-9a-f]{64}$` would accept a sha256
    followed by "\\n"; both validators search through this function instead.
    """
    if pattern == STRIPPED:
        return _stripped
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern).search


# "Non-empty, no whitespace at either end" (sentence text): the regex walks the whole string, the
# two tests below look at its ends only. Python's `\s` on str is exactly `str.isspace`.
STRIPPED = r"^\S([\s\S]*\S)?$"


def _stripped(text: str) -> bool | None:
    """Truthy iff `text` matches `STRIPPED` (a stand-in for the match object)."""
    return True if text and not text[0].isspace() and not text[-1].isspace() else None


class _Writer:
    """Accumulates the generated source, its constants and fresh variable names."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {}

    def const(self, value: Any) -> str:
        name = f"C{len(self.constants)}"
        self.constants[name] = value
        return name

    def var(self) -> str:
        return f"v{len(self.lines)}"

    def emit(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)


def compile_schema(schema: dict[str, Any], resolver: Resolver) -> Predicate:
    """Predicate true iff the instance is valid and every object's keys are in schema order."""
    out = _Writer()
    _node(out, schema, resolver, "x", 1, refs=0)
    # Constants become default arguments: local lookups are the cheapest Python has.
    params = "".join(f", {name}={name}" for name in out.constants)
    source = "\n".join([f"def validate(x{params}):", *out.lines, "    return True"])
    namespace: dict[str, Any] = dict(out.constants)
    exec(compile(source, "<claimwire fast schema>", "exec"), namespace)
    validate: Predicate = namespace["validate"]
    return validate


def _node(out: _Writer, schema: dict[str, Any], resolver: Resolver, v: str, d: int, refs: int):
    """Emit `return False` lines for every way `v` can fail `schema`."""
    if "properties" not in schema and any(k in schema for k in OBJECT_KEYWORDS[1:]):
        raise ValueError("fast path needs `properties` next to `required`/`additionalProperties`")
    kind = _single_type(schema.get("type"))
    failures = []  # scalar keywords, checked together in one `if`
    for key, value in schema.items():
        if key in ANNOTATIONS or key in OBJECT_KEYWORDS[1:]:
            continue
        if key == "$ref":
            if refs > 20:
                raise ValueError("fast path does not support recursive schemas")
            target = resolver.lookup(value)
            _node(out, target.contents, target.resolver, v, d, refs + 1)
        elif key == "properties":
            _object(out, schema, resolver, v, d, refs)
        elif key in ("items", "prefixItems"):
            _array(out, key, value, schema, resolver, v, d, refs)
        else:
            failures.append(_leaf_failure(out, key, value, v, kind))
    if failures:
        out.emit(d, f"if {' or '.join(failures)}:")
        out.emit(d + 1, "return False")


def _single_type(value: Any) -> type | None:
    """The one Python type a `type` keyword allows, if it allows exactly one."""
    names = [value] if isinstance(value, str) else (value or [])
    types = {t for name in names for t in JSON_TYPES[name]}
    return types.pop() if len(types) == 1 else None


def _leaf_failure(out: _Writer, key: str, value: Any, v: str, kind: type | None) -> str:
    """A Python condition true when `v` fails one scalar keyword.

    Keywords apply only to their own JSON type; when the node's `type` already pins `v` to one
    Python type (`kind`), the guard is left out, as `type` is tested first.
    """
    if key == "type":
        if kind is not None:
            return f"type({v}) is not {out.const(kind)}"
        names = [value] if isinstance(value, str) else value
        allowed = frozenset(t for name in names for t in JSON_TYPES[name])
        return f"type({v}) not in {out.const(allowed)}"
    if key == "enum":
        if not all(type(item) is str for item in value):
            raise ValueError("fast path supports only string enums")
        return f"type({v}) is not str or {v} not in {out.const(frozenset(value))}"
    if key == "pattern":
        test = f"{out.const(pattern_search(value))}({v}) is None"
        return test if kind is str else f"(type({v}) is str and {test})"
    if key in ("minLength", "maxLength", "minItems", "maxItems"):
        want = str if key.endswith("Length") else list
        test = f"len({v}) {'<' if key.startswith('min') else '>'} {int(value)}"
        return test if kind is want else f"(type({v}) is {want.__name__} and {test})"
    if key in ("minimum", "maximum"):
        test = f"{v} {'<' if key == 'minimum' else '>'} {value!r}"
        if kind in (int, float):
            return test
        return f"(type({v}) in {out.const(frozenset({int, float}))} and {test})"
    raise ValueError(f"fast path cannot compile JSON Schema keyword {key!r}")


def _object(out: _Writer, schema: dict[str, Any], resolver: Resolver, v: str, d: int, refs: int):
    closed = schema.get("additionalProperties", True)
    if closed is not False:
        raise ValueError("fast path supports only objects with additionalProperties false")
    order = list(schema["properties"])
    required = frozenset(schema.get("required", ()))

    def keys_ok(keys: tuple[str, ...]) -> bool:
        """Known keys, in schema order, all required present; memoised on the key tuple."""
        positions = [order.index(k) for k in keys if k in order]
        return (
            len(positions) == len(keys) and positions == sorted(positions) and required <= {*keys}
        )

    accepted: set[tuple[str, ...]] = set()
    out.emit(d, f"if type({v}) is dict:")
    keys = out.var()
    out.emit(d + 1, f"{keys} = tuple({v})")
    out.emit(d + 1, f"if {keys} not in {out.const(accepted)}:")
    out.emit(d + 2, f"if not {out.const(keys_ok)}({keys}):")
    out.emit(d + 3, "return False")
    out.emit(d + 2, f"{out.const(accepted)}.add({keys})")
    for name, sub in schema["properties"].items():
        item = out.var()
        if name in required:
            out.emit(d + 1, f"{item} = {v}[{name!r}]")
            _node(out, sub, resolver, item, d + 1, refs)
        else:
            out.emit(d + 1, f"if {name!r} in {v}:")
            out.emit(d + 2, f"{item} = {v}[{name!r}]")
            _node(out, sub, resolver, item, d + 2, refs)


def _array(out: _Writer, key: str, value: Any, schema: dict[str, Any], resolver, v, d, refs):
    out.emit(d, f"if type({v}) is list:")
    if key == "prefixItems":
        for i, sub in enumerate(value):
            item = out.var()
            out.emit(d + 1, f"if len({v}) > {i}:")
            out.emit(d + 2, f"{item} = {v}[{i}]")
            _node(out, sub, resolver, item, d + 2, refs)
    else:
        skip = len(schema.get("prefixItems", ()))
        item = out.var()
        out.emit(d + 1, f"for {item} in ({v}[{skip}:] if {skip} else {v}):")
        _node(out, value, resolver, item, d + 2, refs)
