"""A fast yes/no validator generated from the subset of JSON Schema that `schema/*.json` uses.

`jsonschema` explains what is wrong but costs tens of microseconds per record; almost every record
of a real corpus is valid, so `compile_schema` writes the schema out as one straight-line Python
function (as fastjsonschema does) that only answers "valid, with keys in contract order?". A "no"
sends the record to `jsonschema` for the explanation. A keyword outside the subset raises at
compile time, so the fast path cannot silently accept what the full validator rejects.

Given fields to `project`, the same function returns their values for a valid record (None for an
invalid one): the validator takes what the table checks need while the record is in the CPU cache,
from the variables it has just checked, instead of a second function looking the fields up again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the resolver type is not re-exported by referencing
    from referencing._core import Resolver

Predicate = Callable[[Any], bool]
# "format" only annotates in draft 2020-12 (no assertion): calendar dates are checked at L3.
ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "title", "description", "$comment", "format"})
# Keywords that each give one condition on the value, tested together in this order (type first).
SCALAR_KEYWORDS: tuple[str, ...] = ("type", "enum", "minLength", "maxLength", "minItems")
SCALAR_KEYWORDS += ("maxItems",)
SCALAR_KEYWORDS += ("minimum", "maximum")
KNOWN = ANNOTATIONS | set(SCALAR_KEYWORDS) | {"pattern", "$ref", "items", "prefixItems"}
KNOWN |= {"properties", "required", "additionalProperties"}
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
# Strings known to match a pattern are remembered (dates, language tags, guideline versions repeat
# from record to record); the memo stops growing at this size (ids never repeat).
PATTERN_MEMO = 4096


@functools.cache
def pattern_search(pattern: str) -> Callable[[str], object | None]:
    """`re.search` with the JSON Schema (ECMA-262) meaning of a final `$`: the end of the string
    (None when the string does not match).

    Python's `$` also matches before a final newline, so `^[0-9a-f]{64}$` would accept a sha256
    followed by "\\n"; both validators search through this function instead.
    """
    if pattern == STRIPPED:
        return _stripped
    anchored = pattern.endswith("$") and not pattern.endswith("\\$")
    if anchored and pattern.startswith("^") and "|" not in pattern:
        # Anchored at both ends with no alternative: a search is a match of the whole string.
        return re.compile(pattern[1:-1]).fullmatch
    if anchored:
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern).search


# "Non-empty, no whitespace at either end" (sentence text): the regex walks the whole string, the
# two tests below look at its ends only. Python's `\s` on str is exactly `str.isspace`.
STRIPPED = r"^\S([\s\S]*\S)?$"


def _stripped(text: str) -> bool | None:
    """Truthy iff `text` matches `STRIPPED` (a stand-in for the match object)."""
    return True if text and not text[0].isspace() and not text[-1].isspace() else None


class _Writer:
    """Accumulates the generated source, its constants, fresh variable names, and the variables
    that hold a field's value on every path through the function (for `project`)."""

    def __init__(self, fail: str) -> None:
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {}
        self.fail = fail  # the statement that rejects the instance
        self.fields: dict[str, str] = {}  # field path -> variable
        self.count = 0

    def const(self, value: Any) -> str:
        name = f"C{len(self.constants)}"
        self.constants[name] = value
        return name

    def var(self) -> str:
        self.count += 1
        return f"v{self.count}"

    def emit(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)


def compile_schema(
    schema: dict[str, Any], resolver: Resolver, project: Sequence[str] = ()
) -> Callable[[Any], Any]:
    """Predicate true iff the instance is valid and every object's keys are in schema order.

    With `project` (field paths such as `id` or `annotation.status`), the function returns instead
    the tuple of those fields' values for a valid instance (None for an absent optional top-level
    field), and None for an invalid one.
    """
    out = _Writer("return None" if project else "return False")
    _node(out, schema, resolver, "x", 1, refs=0, path="", sure=True)
    if project:
        values = ", ".join(_projected(out, field) for field in project)
        result = f"({values},)"
    else:
        result = "True"
    # Constants become default arguments: local lookups are the cheapest Python has.
    params = "".join(f", {name}={name}" for name in out.constants)
    source = "\n".join([f"def validate(x{params}):", *out.lines, f"    return {result}"])
    namespace: dict[str, Any] = dict(out.constants)
    exec(compile(source, "<claimwire fast schema>", "exec"), namespace)
    validate: Callable[[Any], Any] = namespace["validate"]
    return validate


def _projected(out: _Writer, field: str) -> str:
    if field in out.fields:
        return out.fields[field]
    if "." not in field:  # an optional top-level field
        return f"x.get({field!r})"
    raise ValueError(f"fast path cannot project {field!r} (not always present)")


def _node(
    out: _Writer,
    schema: dict[str, Any],
    resolver: Resolver,
    v: str,
    d: int,
    refs: int,
    path: str,
    sure: bool,
) -> None:
    """Emit the rejecting statements for every way `v` can fail `schema`.

    `sure`: `v` is assigned on every path that reaches here (its field may be projected).
    """
    unknown = [k for k in schema if k not in KNOWN]
    if unknown:
        raise ValueError(f"fast path cannot compile JSON Schema keyword {unknown[0]!r}")
    if "properties" not in schema and ("required" in schema or "additionalProperties" in schema):
        raise ValueError("fast path needs `properties` next to `required`/`additionalProperties`")
    if "$ref" in schema:
        if refs > 20:
            raise ValueError("fast path does not support recursive schemas")
        target = resolver.lookup(schema["$ref"])
        _node(out, target.contents, target.resolver, v, d, refs + 1, path, sure)
    if sure and path:
        out.fields.setdefault(path, v)
    kind = _single_type(schema.get("type"))
    # The type is tested first: the keywords after it may then take it for granted.
    failures = [_leaf_failure(out, k, schema[k], v, kind) for k in SCALAR_KEYWORDS if k in schema]
    if failures:
        out.emit(d, f"if {' or '.join(failures)}:")
        out.emit(d + 1, out.fail)
    if "pattern" in schema:
        _pattern(out, schema["pattern"], v, d, kind)
    if "properties" in schema:
        _object(out, schema, resolver, v, d, refs, path, sure and kind is dict, kind is dict)
    if "items" in schema or "prefixItems" in schema:
        _array(out, schema, resolver, v, d, refs, path, kind is list)


def _single_type(value: Any) -> type | None:
    """The one Python type a `type` keyword allows, if it allows exactly one."""
    types = _allowed(value) if value else frozenset()
    return next(iter(types)) if len(types) == 1 else None


def _allowed(value: Any) -> frozenset[type]:
    """The Python types a `type` keyword allows."""
    names = [value] if isinstance(value, str) else value
    return frozenset(t for name in names for t in JSON_TYPES[name])


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
        test = f"{v} not in {out.const(frozenset(value))}"
        return test if kind is str else f"type({v}) is not {out.const(str)} or {test}"
    if key in ("minLength", "maxLength", "minItems", "maxItems"):
        want = str if key.endswith("Length") else list
        test = f"len({v}) {'<' if key.startswith('min') else '>'} {int(value)}"
        return test if kind is want else f"(type({v}) is {out.const(want)} and {test})"
    # minimum, maximum
    test = f"{v} {'<' if key == 'minimum' else '>'} {value!r}"
    if kind in (int, float):
        return test
    return f"(type({v}) in {out.const(frozenset({int, float}))} and {test})"


def _pattern(out: _Writer, pattern: str, v: str, d: int, kind: type | None) -> None:
    """A string that fails `pattern` is rejected; strings known to match it are remembered."""
    guard = "" if kind is str else f"type({v}) is {out.const(str)} and "
    if pattern == STRIPPED:  # inlined: a function call costs more than the test
        out.emit(d, f"if {guard}(not {v} or {v}[0].isspace() or {v}[-1].isspace()):")
        out.emit(d + 1, out.fail)
        return
    memo = out.const(set())
    out.emit(d, f"if {guard}{v} not in {memo}:")
    out.emit(d + 1, f"if {out.const(pattern_search(pattern))}({v}) is None:")
    out.emit(d + 2, out.fail)
    out.emit(d + 1, f"if len({memo}) < {PATTERN_MEMO}:")
    out.emit(d + 2, f"{memo}.add({v})")


def _object(
    out: _Writer,
    schema: dict[str, Any],
    resolver: Resolver,
    v: str,
    d: int,
    refs: int,
    path: str,
    sure: bool,
    pinned: bool,
) -> None:
    if schema.get("additionalProperties", True) is not False:
        raise ValueError("fast path supports only objects with additionalProperties false")
    properties: dict[str, Any] = schema["properties"]
    order = list(properties)
    required = frozenset(schema.get("required", ()))

    def keys_ok(keys: tuple[str, ...]) -> bool:
        """Known keys, in schema order, all required present; memoised on the key tuple."""
        positions = [order.index(k) for k in keys if k in order]
        return (
            len(positions) == len(keys) and positions == sorted(positions) and required <= {*keys}
        )

    if not pinned:  # the `type` test above rejects other types when it is there
        out.emit(d, f"if type({v}) is dict:")
        d += 1
    accepted = out.const(set())
    keys = out.var()
    out.emit(d, f"{keys} = tuple({v})")
    out.emit(d, f"if {keys} not in {accepted}:")
    out.emit(d + 1, f"if not {out.const(keys_ok)}({keys}):")
    out.emit(d + 2, out.fail)
    out.emit(d + 1, f"{accepted}.add({keys})")
    # Required fields are taken in one call (the keys were just checked, so none is missing).
    names = [name for name in order if name in required]
    items = {name: out.var() for name in names}
    inner = d  # where the fields' checks go
    memo = None
    if len(names) > 1:
        values = out.var()
        out.emit(d, f"{values} = {out.const(itemgetter(*names))}({v})")
        out.emit(d, f"{', '.join(items[n] for n in names)} = {values}")
        if names == order and all(_textual(properties[n], resolver) for n in names):
            # Strings only (an annotation): a tuple of values judged valid once is remembered,
            # and equal values are the same values. An unhashable value is judged as usual.
            memo, seen = out.const(set()), out.var()
            out.emit(d, "try:")
            out.emit(d + 1, f"{seen} = {values} in {memo}")
            out.emit(d, "except TypeError:")
            out.emit(d + 1, f"{seen} = False")
            out.emit(d, f"if not {seen}:")
            inner = d + 1
    elif names:
        out.emit(d, f"{items[names[0]]} = {v}[{names[0]!r}]")
    for name, sub in properties.items():
        field = f"{path}.{name}" if path else name
        if name in required:
            _node(out, sub, resolver, items[name], inner, refs, field, sure)
        else:
            item = out.var()
            out.emit(d, f"if {name!r} in {v}:")
            out.emit(d + 1, f"{item} = {v}[{name!r}]")
            _node(out, sub, resolver, item, d + 1, refs, field, sure=False)
    if memo is not None:
        out.emit(inner, f"if len({memo}) < {PATTERN_MEMO}:")
        out.emit(inner + 1, f"{memo}.add({values})")


def _textual(schema: dict[str, Any], resolver: Resolver, refs: int = 0) -> bool:
    """Whether a node admits strings (and null) only: equal values of it are then identical."""
    if "type" in schema and _allowed(schema["type"]) <= {str, type(None)}:
        return True
    if "enum" in schema:  # string enums only (see `_leaf_failure`)
        return True
    if "$ref" in schema and refs <= 20:
        target = resolver.lookup(schema["$ref"])
        return _textual(target.contents, target.resolver, refs + 1)
    return False


def _array(
    out: _Writer,
    schema: dict[str, Any],
    resolver: Resolver,
    v: str,
    d: int,
    refs: int,
    path: str,
    pinned: bool,
) -> None:
    if not pinned:
        out.emit(d, f"if type({v}) is list:")
        d += 1
    prefix = schema.get("prefixItems", ())
    at_least = schema.get("minItems", 0) if pinned else 0  # shorter lists were rejected above
    for i, sub in enumerate(prefix):
        item = out.var()
        depth = d
        if i >= at_least:
            out.emit(d, f"if len({v}) > {i}:")
            depth = d + 1
        out.emit(depth, f"{item} = {v}[{i}]")
        _node(out, sub, resolver, item, depth, refs, f"{path}[{i}]", sure=False)
    if "items" in schema:
        item = out.var()
        out.emit(d, f"for {item} in {f'{v}[{len(prefix)}:]' if prefix else v}:")
        _node(out, schema["items"], resolver, item, d + 1, refs, f"{path}[]", sure=False)
