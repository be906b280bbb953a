"""The per-shard table pass: a shard's sentences as frames, checked against the pandera `models`.

A shard's sentences make one frame indexed by line and one of their sources, built by
`sentence_rows` from the integer columns it keeps, or here (`sentence_frame`) from rows of the
fields the compiled schema validator took (`ROW_FIELDS`): the same frames. Label columns are
categories over their vocabulary (a label outside it keeps the column as strings), so the label
checks and the card's counts work on small integer codes instead of hashing every string again.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from itertools import chain, repeat
from operator import itemgetter
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from claimwire.corpus.stats import CorpusStats
from claimwire.schema import labels
from claimwire.validate.models import (
    DOC_LENGTH,
    LINE,
    ROW_RULES,
    child_models,
    failing_lines,
    model_fields,
    shard_model,
    table_model,
)

__all__ = [
    "DOC_LENGTH",
    "ENGINES",
    "ROW_FIELDS",
    "ROW_RULES",
    "add_shard_stats",
    "check_sentence_tables",
    "child_models",
    "evaluate",
    "failing_lines",
    "failures",
    "label_codes",
    "label_column",
    "model_fields",
    "sentence_frame",
    "sentence_row",
    "shard_model",
    "table_model",
]

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
# The fields of a sentence kept for the table pass (`sentence_row`): the frame's columns, then the
# text and the sources, which `span_checks` compares with the document.
ROW_FIELDS = (*SHARD_COLUMNS, "text", "sources")
ENGINES = ("vectorized", "pandera")


def failures(model: pa.DataFrameSchema, frame: pd.DataFrame) -> set[tuple[int | None, str]]:
    """(line, code) of failed checks, a few lines per check (`MAX_CASES`); a dtype or coercion
    failure gives `wrong-type`. Label columns are handed to pandera as the strings they hold."""
    categorical = [c for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)]
    if categorical:
        frame = frame.astype(dict.fromkeys(categorical, object))
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
    if isinstance(result, pd.Series) and result.dtype == bool:
        return result.to_numpy(copy=True)
    return pd.Series(result).fillna(False).to_numpy(dtype=bool, copy=True)


def _code_of(check: Any) -> str:
    name = str(check)
    return name if name[:1].isalpha() and "-" in name else "wrong-type"


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


# Frames


def sentence_row(record: dict[str, Any]) -> tuple[Any, ...]:
    """The `ROW_FIELDS` of one sentence (the compiled validator takes the same, see
    `schema_checks.fast_rows`)."""
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
    """The shard's sentences (rows of `ROW_FIELDS` of records that passed L2) as a frame indexed
    by line, their sources as another, and the rows transposed into columns.

    Strings stay Python objects, which spares a copy into Arrow and compares the same.
    """
    columns = tuple(zip(*rows, strict=True)) if rows else ((),) * len(ROW_FIELDS)
    model = table_model("sentences").columns
    pairs = zip(SHARD_COLUMNS, columns, strict=False)  # the columns end with text and sources
    data = {name: _array(values, model[name]) for name, values in pairs}
    lengths = _lengths(columns[1], doc_lengths)
    data[DOC_LENGTH] = lengths
    frame = pd.DataFrame(data, copy=False).set_axis(pd.Index(lines, name="line"))
    return frame, source_frame(lines, lengths, columns[-1]), columns


def source_frame(
    lines: Sequence[int], doc_lengths: np.ndarray, sources_of: Sequence[list[dict[str, Any]]]
) -> pd.DataFrame:
    """One row per source, with the line of its sentence and its document's length."""
    counts = np.fromiter(map(len, sources_of), dtype=np.int64, count=len(sources_of))
    found = list(chain.from_iterable(sources_of))
    values = list(zip(*map(itemgetter(*SHARD_SOURCE_COLUMNS), found), strict=True))
    if not found:
        values = [()] * len(SHARD_SOURCE_COLUMNS)
    model = child_models("sentences")["sources"].columns
    data = {
        name: _array(column, model[name])
        for name, column in zip(SHARD_SOURCE_COLUMNS, values, strict=True)
    }
    data[DOC_LENGTH] = np.repeat(doc_lengths, counts)
    # pandera loses the index of a failure when the index repeats (several sources on a line), so
    # the index is the source's position and its line a column.
    data[LINE] = np.repeat(np.asarray(lines, dtype=np.int64), counts)
    frame = pd.DataFrame(data, copy=False)
    if not found:  # an empty frame infers object dtypes; the model's are the declared ones
        frame = frame.astype({"start": "int64", "end": "int64"})
    return frame


def _array(values: Sequence[Any], column: pa.Column) -> Any:
    """A column of the model's kind: category codes for a label (`_labels`), int64 for integers
    and float64 for numbers (rows passed L2, so these are what they say), else Python objects.

    Each skips pandas' type inference. A value that does not fit (an integer beyond int64, a label
    outside the vocabulary) keeps the column as objects, and the checks report it.
    """
    if values and column.description:
        return _labels(values, column.description)
    dtype = str(column.dtype)
    try:
        if values and dtype == "int64" and type(values[0]) is int:
            return np.fromiter(values, dtype=np.int64, count=len(values))
        if values and dtype == "float64":
            return np.array(values, dtype=np.float64)
    except (OverflowError, TypeError, ValueError):
        pass
    return _objects(values)


def _objects(values: Sequence[Any]) -> pd.Series:
    column = np.empty(len(values), dtype=object)
    column[:] = values
    return pd.Series(column, dtype=object, copy=False)


@functools.cache
def label_codes(vocabulary: str) -> dict[str, int]:
    """Each label's code: its position in `labels.json` (the ClassLabel order)."""
    return {label: code for code, label in enumerate(labels(vocabulary))}


@functools.cache
def label_dtype(vocabulary: str) -> pd.CategoricalDtype:
    return pd.CategoricalDtype(pd.Index(list(labels(vocabulary)), dtype=object))


def label_column(codes: np.ndarray, vocabulary: str) -> Any:
    """A label column from its codes (as `_array` leaves an empty column: objects)."""
    if not len(codes):
        return _objects(())
    return pd.Categorical.from_codes(codes.astype(np.int8), dtype=label_dtype(vocabulary))


def _labels(values: Sequence[Any], vocabulary: str) -> Any:
    """A label column as a pandas Categorical over its vocabulary, in `labels.json` order."""
    codes_of = label_codes(vocabulary)
    try:
        codes = np.fromiter(map(codes_of.__getitem__, values), dtype=np.int8, count=len(values))
    except (KeyError, TypeError):  # a label outside the vocabulary: the checks will say
        return _objects(values)
    return label_column(codes, vocabulary)


def _lengths(doc_ids: Sequence[str], doc_lengths: dict[str, int]) -> np.ndarray:
    """The length of each row's document, -1 when the shard has no such document."""
    found = map(doc_lengths.get, doc_ids, repeat(-1))
    return np.fromiter(found, dtype=np.int64, count=len(doc_ids))


# The card's counts


def _counts(column: pd.Series) -> dict[Any, int]:
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        counts = np.bincount(codes[codes >= 0], minlength=len(column.cat.categories))
        return {k: int(n) for k, n in zip(column.cat.categories, counts, strict=True) if n}
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
