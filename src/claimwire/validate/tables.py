"""pandera models of the two tables, derived from `schema/*.json`, and the per-shard table pass.

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
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from claimwire.card import CorpusStats
from claimwire.schema import labels, load_schema
from claimwire.validate.record_checks import UNVERIFIABLE_TYPES

SCHEMA_OF_TABLE = {"documents": "document.schema.json", "sentences": "sentence.schema.json"}
LABELS_REF = "labels.json#/$defs/"
SPAN_COLUMNS = ("start", "end")  # the contract's `[start, end]` pairs (paragraphs)
DOC_LENGTH = "doc_length"  # joined from the shard's documents; checks needing it skip without
LINE = "line"  # where a frame's index cannot be the line (it must be unique), this column is
# pandera formats every failure case (a slow, per-case step): a few are enough to name the check
# and a line; the lines a code is reported on come from `failing_lines`, vectorized.
MAX_CASES = 5
# What the validator's shard frame holds: what the table checks need (text and free-text
# annotation fields were checked record by record at L2, and spans are compared in `span_checks`).
SHARD_COLUMNS = (
    "id",
    "doc_id",
    "index",
    "paragraph",
    "start",
    "end",
    "claim_type",
    "verifiability",
    "annotation.status",
    "confidence",
)
SHARD_SOURCE_COLUMNS = ("start", "end", "kind", "mode")


def _check(test: Callable[..., Any], code: str) -> pa.Check:
    """A vectorized check named by the catalogue code its failure stands for."""
    return pa.Check(test, name=code, n_failure_cases=MAX_CASES)


def _resolve(node: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        return _resolve(root["$defs"][ref.removeprefix("#/$defs/")], root)
    return node


def _vocabulary(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref", "")
    return ref.removeprefix(LABELS_REF) if ref.startswith(LABELS_REF) else None


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
    vocabulary = _vocabulary(node)
    if vocabulary is not None:
        vocab = list(labels(vocabulary))
        isin = _check(lambda s, vocab=vocab: s.isin(vocab), "unknown-label")
        return pa.Column(str, isin, required=required, description=vocabulary)
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
        node = _resolve(node, root)
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


def _labels_consistent(df: pd.DataFrame) -> pd.Series:
    claim, verif = df["claim_type"], df["verifiability"]
    iff = (claim == "none") == (verif == "not_applicable")
    return iff & ~(claim.isin(UNVERIFIABLE_TYPES) & (verif != "unverifiable"))


def _id_matches(df: pd.DataFrame) -> pd.Series:
    expected = df["doc_id"] + ":" + df["index"].astype(str).str.zfill(3)
    return df["id"] == expected


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
    schema = load_schema(SCHEMA_OF_TABLE[table])
    columns, _ = _fields(schema, schema)
    checks = SENTENCE_CHECKS if table == "sentences" else DOCUMENT_CHECKS
    if table == "sentences":
        columns.update(EXTRA)
    return pa.DataFrameSchema(columns, checks=checks, name=table)


@functools.cache
def child_models(table: str) -> dict[str, pa.DataFrameSchema]:
    """Models of the frames a table's arrays explode into: `sources`, `paragraphs`."""
    schema = load_schema(SCHEMA_OF_TABLE[table])
    _, arrays = _fields(schema, schema)
    models = {}
    for name, node in arrays.items():
        items = _resolve(node.get("items", {}), schema)
        if items.get("type") == "object":
            columns, _ = _fields(items, schema)
            columns.update(EXTRA)
            models[name] = pa.DataFrameSchema(columns, checks=SOURCE_CHECKS, name=name)
        else:  # fixed-length [start, end] pairs: one column per prefix item
            prefix = items["prefixItems"]
            columns = {
                c: _column(_resolve(n, schema), True)
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


def failures(model: pa.DataFrameSchema, frame: pd.DataFrame) -> set[tuple[int | None, str]]:
    """(line, code) of failed checks, a few lines per check (`MAX_CASES`); a dtype or coercion
    failure gives `wrong-type`."""
    try:
        model.validate(frame, lazy=True, inplace=True)
    except SchemaErrors as errors:
        cases = errors.failure_cases
        line_of = frame[LINE] if LINE in frame.columns else None
        return {
            (
                None if pd.isna(index) else int(index if line_of is None else line_of.loc[index]),
                _code_of(check),
            )
            for index, check in zip(cases["index"], cases["check"], strict=True)
        }
    except SchemaError as error:  # not lazy-collectable (a missing column): the whole frame
        return {(None, _code_of(str(error.check)))}
    return set()


def evaluate(model: pa.DataFrameSchema, frame: pd.DataFrame) -> set[tuple[int | None, str]]:
    """(line, code) of every row failing a check of `model`, computed by calling its checks'
    vectorized functions directly: what `failures` finds, without pandera's fixed cost per check
    and column (tens of milliseconds per shard, more than parsing a small shard).

    Types and nulls are taken as given: the rows come from records that passed the JSON Schema
    (L2), so only the integer columns' dtype is looked at. As in pandera, column checks pass
    null values (`ignore_na`) and frame checks pass rows that are all null.
    """
    found: set[tuple[int | None, str]] = set()
    lines = _lines(frame)
    for name, column in model.columns.items():
        if name not in frame.columns:
            if column.required:
                found.add((None, "missing-field"))
            continue
        series = frame[name]
        null = series.isna().to_numpy(dtype=bool) if column.nullable else None
        if str(column.dtype) == "int64" and series.dtype != "int64":
            found.add((None, "wrong-type"))
            continue
        for check in column.checks:
            ok = _passes(check, series)
            if check.ignore_na and null is not None:
                ok = ok | null
            found.update((line, str(check.name)) for line in lines[~ok].tolist())
    for check in model.checks:
        ok = _passes(check, frame)
        found.update((line, str(check.name)) for line in lines[~ok].tolist())
    return found


def _lines(frame: pd.DataFrame) -> np.ndarray:
    """The line of each row: the `line` column if the frame has one, else its index."""
    return (frame[LINE] if LINE in frame.columns else frame.index).to_numpy()


def _passes(check: pa.Check, data: pd.Series | pd.DataFrame) -> Any:
    """The boolean array of a check's function (pandera keeps it as `_check_fn`)."""
    result = check._check_fn(data)
    return pd.Series(result).fillna(False).to_numpy(dtype=bool, copy=True)


def _code_of(check: Any) -> str:
    name = str(check)
    return name if name[:1].isalpha() and "-" in name else "wrong-type"


def sentence_row(record: dict[str, Any]) -> tuple[Any, ...]:
    """What the table pass needs of one sentence, taken while the record is fresh in the cache:
    the `SHARD_COLUMNS` in order, then its text and sources (for `span_checks`)."""
    return (
        record["id"],
        record["doc_id"],
        record["index"],
        record["paragraph"],
        record["start"],
        record["end"],
        record["claim_type"],
        record["verifiability"],
        record["annotation"]["status"],
        record.get("confidence"),
        record["text"],
        record["sources"],
    )


def sentence_frame(
    lines: list[int], rows: list[tuple[Any, ...]], doc_lengths: dict[str, int]
) -> tuple[pd.DataFrame, pd.DataFrame, tuple[Any, ...]]:
    """The shard's sentences (`sentence_row` of records that passed L2) as a frame indexed by line,
    their sources as another, and the rows transposed into columns.

    Strings stay Python objects, which spares a copy into Arrow and compares the same.
    """
    index = pd.Index(lines, name="line")
    columns = tuple(zip(*rows, strict=True)) if rows else ((),) * (len(SHARD_COLUMNS) + 2)
    data = {name: _array(values) for name, values in zip(SHARD_COLUMNS, columns, strict=False)}
    data[DOC_LENGTH] = _lengths(columns[1], doc_lengths)
    frame = pd.DataFrame(data, copy=False).set_axis(index)
    return frame, source_frame(lines, columns[1], columns[-1], doc_lengths), columns


def source_frame(
    lines: list[int],
    doc_ids: tuple[str, ...],
    sources_of: tuple[list[dict[str, Any]], ...],
    doc_lengths: dict[str, int],
    columns: tuple[str, ...] = SHARD_SOURCE_COLUMNS,
) -> pd.DataFrame:
    """One row per source, indexed by the line of its sentence, with its document's length."""
    get = itemgetter(*columns)
    picked = [
        (line, doc_id, *get(source))
        for line, doc_id, found in zip(lines, doc_ids, sources_of, strict=True)
        if found
        for source in found
    ]
    values = list(zip(*picked, strict=True)) if picked else [()] * (len(columns) + 2)
    data = {name: _array(v) for name, v in zip(columns, values[2:], strict=True)}
    data[DOC_LENGTH] = _lengths(values[1], doc_lengths)
    # pandera loses the index of a failure when the index repeats (several sources on a line), so
    # the index is the source's position and its line a column.
    data[LINE] = _array(values[0]) if picked else np.empty(0, dtype=np.int64)
    frame = pd.DataFrame(data, copy=False)
    if not picked:  # an empty frame infers object dtypes; the model's are the declared ones
        frame = frame.astype({"start": "int64", "end": "int64"})
    return frame


def _array(values: Any) -> Any:
    """A column as int64 for integers (rows passed L2, so ints are ints), else Python objects.

    Both skip pandas' type inference, and strings are not copied into Arrow.
    """
    if values and type(values[0]) is int:
        try:
            return np.fromiter(values, dtype=np.int64, count=len(values))
        except (OverflowError, TypeError, ValueError):
            pass  # beyond int64: kept as objects, and `evaluate` reports the dtype
    column = np.empty(len(values), dtype=object)
    column[:] = values
    return pd.Series(column, dtype=object, copy=False)


def _lengths(doc_ids: Any, doc_lengths: dict[str, int]) -> np.ndarray:
    """The length of each row's document, -1 when the shard has no such document."""
    get = doc_lengths.get
    return np.fromiter((get(d, -1) for d in doc_ids), dtype=np.int64, count=len(doc_ids))


ENGINES = ("vectorized", "pandera")


def check_sentence_tables(
    frame: pd.DataFrame, sources: pd.DataFrame, engine: str = "vectorized"
) -> set[tuple[int | None, str]]:
    """(line, code) failures of a shard's sentence and source frames: every failing line with the
    `vectorized` engine (`evaluate`), a few per code with `pandera` (`failures`)."""
    if frame.empty:
        return set()
    run = evaluate if engine == "vectorized" else failures
    found = run(shard_model("sentences", tuple(frame.columns)), frame)
    if len(sources):
        found |= run(shard_model("sources", tuple(sources.columns)), sources)
    return found


def _counts(column: pd.Series) -> dict[Any, int]:
    return {k: int(v) for k, v in column.value_counts().items()}


def add_shard_stats(
    stats: CorpusStats,
    split: str,
    shard: str,
    frame: pd.DataFrame,
    sources: pd.DataFrame,
) -> None:
    """The card's counts for one sentences file, from its frames (no second reading)."""
    auto = frame["annotation.status"] == "auto"
    confidence = frame.loc[auto & frame["confidence"].notna(), "confidence"]
    layers = {
        "claim_type": frame["claim_type"],
        "verifiability": frame["verifiability"],
        "annotation_status": frame["annotation.status"],
        "source_kind": sources["kind"],
        "source_mode": sources["mode"],
    }
    stats.add_counts(
        split,
        "sentences",
        shard,
        len(frame),
        {layer: _counts(column) for layer, column in layers.items()},
        len(sources),
        _counts(confidence),
    )
