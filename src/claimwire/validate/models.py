"""pandera models of the two tables, derived from `schema/*.json`.

A record becomes a row: scalar fields are columns, an object's fields are `<object>.<field>` columns
(`annotation.status`), an array of objects is its own frame (`sources`, one row per source, indexed
by the line of its sentence) and so is the `[start, end]` list of `paragraphs`. Every column, dtype,
nullability, minimum and vocabulary comes from the JSON Schema and `labels.json`; `pattern` is left
to the record layer (pandas' regex engine for Arrow strings is RE2, whose `\\s` and `$` differ from
Python's and ECMA's). Frames are indexed by line number, so a failure is a `(line, code)` pair: every
check is named with the catalogue code it stands for.

The table-wide rules are vectorized frame checks (no row-wise Python): the consistency of the
labels, `id == doc_id:index`, ids unique in the shard, and, with the `doc_length` column joined
from the shard's documents, `start < end <= len(document text)` and the document's presence.
`tables` runs them on each shard.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa

from claimwire.schema import label_rules, labels, resolve, table_schema, vocabulary_of

SPAN_COLUMNS = ("start", "end")  # the contract's `[start, end]` pairs (paragraphs)
DOC_LENGTH = "doc_length"  # joined from the shard's documents; checks needing it skip without
LINE = "line"  # where a frame's index cannot be the line (it must be unique), this column is
# pandera formats every failure case (a slow, per-case step): a few are enough to name the check
# and a line; the lines a code is reported on come from `failing_lines`, vectorized.
MAX_CASES = 5


def _check(test: Callable[..., Any], code: str) -> pa.Check:
    """A vectorized check named by the catalogue code its failure stands for."""
    return pa.Check(test, name=code, n_failure_cases=MAX_CASES)


def _bounds(node: dict[str, Any]) -> list[pa.Check]:
    """minimum/maximum/minLength of a schema node as vectorized checks (code invalid-value)."""
    checks = []
    if "minimum" in node:
        low = node["minimum"]
        checks.append(_check(lambda s, low=low: s >= low, "invalid-value"))
    if "maximum" in node:
        high = node["maximum"]
        checks.append(_check(lambda s, high=high: s <= high, "invalid-value"))
    if "minLength" in node:
        n = node["minLength"]
        checks.append(_check(lambda s, n=n: s.str.len() >= n, "invalid-value"))
    return checks


def _column(node: dict[str, Any], required: bool) -> pa.Column:
    vocabulary = vocabulary_of(node)
    if vocabulary is not None:
        vocab = list(labels(vocabulary))
        known = _check(lambda s, vocab=vocab: isin(s, vocab), "unknown-label")
        return pa.Column(str, known, required=required, description=vocabulary)
    types = node["type"] if isinstance(node["type"], list) else [node["type"]]
    nullable = "null" in types
    kind = next(t for t in types if t != "null")
    # Nullable integers use pandas' masked Int64 (None would otherwise make the column float).
    dtype = {"string": str, "integer": "Int64" if nullable else "int64", "number": float}[kind]
    return pa.Column(
        dtype,
        _bounds(node),
        nullable=nullable,
        required=required,
        coerce=kind == "number" or nullable,
    )


def _fields(
    schema: dict[str, Any], root: dict[str, Any], prefix: str = ""
) -> tuple[dict[str, pa.Column], dict[str, dict[str, Any]]]:
    """Columns of a schema object (objects flattened), and its arrays, which become frames."""
    columns: dict[str, pa.Column] = {}
    arrays: dict[str, dict[str, Any]] = {}
    required = set(schema.get("required", ()))
    for name, node in schema["properties"].items():
        node = resolve(node, root)
        if node.get("type") == "object":
            inner, more = _fields(node, root, f"{prefix}{name}.")
            columns.update(inner)
            arrays.update(more)
        elif node.get("type") == "array":
            arrays[f"{prefix}{name}"] = node
        else:
            columns[f"{prefix}{name}"] = _column(node, required=name in required)
    return columns, arrays


def _rows_ok(condition: Callable[[pd.DataFrame], pd.Series], *needs: str):
    """A frame check that passes every row when the frame lacks a column it needs."""

    def check(df: pd.DataFrame) -> pd.Series:
        if any(column not in df.columns for column in needs):
            return pd.Series(True, index=df.index)
        return condition(df)

    return check


def isin(series: pd.Series, values: Sequence[str]) -> pd.Series:
    """`series.isin(values)`; for a categorical column (a label), decided once per category and
    taken by code, without pandas' per-call lookups of the values in the categories."""
    if not isinstance(series.dtype, pd.CategoricalDtype):
        return series.isin(values)
    allowed = np.append(series.cat.categories.isin(values), False)  # code -1: a missing value
    return pd.Series(allowed[series.cat.codes.to_numpy()], index=series.index)


def _labels_consistent(df: pd.DataFrame) -> pd.Series:
    """`schema.label_rules`, vectorized: reserved labels for their claim types, implied labels."""
    claim, verif, rules = df["claim_type"], df["verifiability"], label_rules()
    ok = pd.Series(True, index=df.index)
    for reserved in rules.reserved:
        ok &= isin(claim, rules.implying(reserved)) == (verif == reserved)
    for claim_type, implied in rules.implies.items():
        ok &= ~((claim == claim_type) & (verif != implied))
    return ok


def _id_matches(df: pd.DataFrame) -> pd.Series:
    """`id == doc_id + ":" + zfill(index, 3)`, each document's prefix and each index's digits
    written once (a shard has a few thousand documents and a few dozen indices)."""
    rid, doc_id, index = df["id"], df["doc_id"], df["index"]
    doc, docs = pd.factorize(doc_id)
    if index.dtype != np.int64 or (doc < 0).any() or any(type(d) is not str for d in docs):
        return rid == doc_id + ":" + index.astype(str).str.zfill(3)
    at, indices = pd.factorize(index)
    prefix = np.array([f"{d}:" for d in docs], dtype=object)
    digits = np.array([f"{i:03d}" for i in indices.tolist()], dtype=object)
    expected = prefix[doc] + digits[at] if len(rid) else np.empty(0, dtype=object)
    return pd.Series(rid.to_numpy(dtype=object) == expected, index=df.index)


def _within_document(df: pd.DataFrame, strict: bool) -> pd.Series:
    start, end, length = df["start"], df["end"], df[DOC_LENGTH]
    ordered = start < end if strict else start <= end
    return (length < 0) | (ordered & (end <= length))  # no document: `orphan-sentence` says so


ROW_RULES: dict[str, tuple[Callable[[pd.DataFrame], pd.Series], tuple[str, ...]]] = {
    "inconsistent-labels": (_labels_consistent, ("claim_type", "verifiability")),
    "id-mismatch": (_id_matches, ("id", "doc_id", "index")),
    "duplicate-id": (lambda df: ~df["id"].duplicated(), ("id",)),
    "orphan-sentence": (lambda df: df[DOC_LENGTH] >= 0, (DOC_LENGTH,)),
    "offset-out-of-range": (lambda df: _within_document(df, strict=True), (DOC_LENGTH,)),
}
SENTENCE_CHECKS = [
    _check(_rows_ok(rule, *needs), code) for code, (rule, needs) in ROW_RULES.items()
]
SOURCE_CHECKS = [
    _check(
        _rows_ok(lambda df: _within_document(df, strict=False), DOC_LENGTH), "offset-out-of-range"
    )
]
DOCUMENT_CHECKS = [_check(_rows_ok(lambda df: ~df["id"].duplicated(), "id"), "duplicate-id")]
# The length of the row's document, joined from the shard's documents (-1: no such document).
EXTRA = {DOC_LENGTH: pa.Column("int64", required=False)}


@functools.cache
def table_model(table: str) -> pa.DataFrameSchema:
    """The model of one row per record of `documents` or `sentences` (arrays left out)."""
    schema = table_schema(table)
    columns, _ = _fields(schema, schema)
    checks = SENTENCE_CHECKS if table == "sentences" else DOCUMENT_CHECKS
    if table == "sentences":
        columns.update(EXTRA)
    return pa.DataFrameSchema(columns, checks=checks, name=table)


@functools.cache
def child_models(table: str) -> dict[str, pa.DataFrameSchema]:
    """Models of the frames a table's arrays explode into: `sources`, `paragraphs`."""
    schema = table_schema(table)
    _, arrays = _fields(schema, schema)
    models = {}
    for name, node in arrays.items():
        items = resolve(node.get("items", {}), schema)
        if items.get("type") == "object":
            columns, _ = _fields(items, schema)
            columns.update(EXTRA)
            models[name] = pa.DataFrameSchema(columns, checks=SOURCE_CHECKS, name=name)
        else:  # fixed-length [start, end] pairs: one column per prefix item
            prefix = items["prefixItems"]
            columns = {
                c: _column(resolve(n, schema), True)
                for c, n in zip(SPAN_COLUMNS, prefix, strict=True)
            }
            models[name] = pa.DataFrameSchema(columns, name=name)
    return models


def model_fields(table: str) -> dict[str, str | None]:
    """Top-level fields the models cover, each with its vocabulary (None for a free value)."""
    out: dict[str, str | None] = {}
    for column, spec in table_model(table).columns.items():
        if column != DOC_LENGTH:
            out.setdefault(column.split(".")[0], None)
            if spec.description:
                out[column] = spec.description
    for name, model in child_models(table).items():
        out[name] = None
        for column, spec in model.columns.items():
            if spec.description:
                out[f"{name}.{column}"] = spec.description
    return out


def failing_lines(code: str, frame: pd.DataFrame) -> list[int]:
    """Every line of a sentence frame that breaks the row rule of `code` (see `ROW_RULES`)."""
    rule, _ = ROW_RULES[code]
    return frame.index[~rule(frame).to_numpy(dtype=bool)].tolist()


@functools.cache
def shard_model(frame: str, columns: tuple[str, ...]) -> pa.DataFrameSchema:
    """The model of `sentences` or `sources` restricted to the columns of a validator's frame."""
    model = table_model("sentences") if frame == "sentences" else child_models("sentences")[frame]
    return model.select_columns([c for c in columns if c in model.columns])
