"""The validator's fast paths answer exactly what the paths they stand in for answer.

Each fast path (fields taken by the compiled schema validator, the shard's sentences kept as
integer columns, paragraphs and NFC of a document) is compared with its reference on the fixtures,
on variants of their records, or on every case of a small alphabet.
"""

from __future__ import annotations

import itertools
import random
import re
import unicodedata
from itertools import groupby
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO
from helpers import fixture_records

from claimwire.schema import SCHEMA_FILES, load_schema
from claimwire.validate import shard_checks
from claimwire.validate.fastschema import pattern_search
from claimwire.validate.file_checks import scan_layout, scan_records
from claimwire.validate.record_checks import check_paragraphs, is_nfc, paragraphs_hold
from claimwire.validate.report import Collector
from claimwire.validate.schema_checks import fast_rows, fast_validator
from claimwire.validate.sentence_rows import ShardSentences
from claimwire.validate.tables import ROW_FIELDS, sentence_row

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _sentence_records() -> list[dict]:
    """Every distinct sentence record of the fixtures, and variants of the valid ones."""
    return [record for _, record in fixture_records(("sentences",))]


def test_fast_rows_take_the_fields_of_exactly_the_records_the_fast_path_accepts() -> None:
    records = _sentence_records()
    assert len(records) > 1000
    rows, valid = fast_rows("sentences", ROW_FIELDS), fast_validator("sentences")
    for record in records:
        assert rows(record) == (sentence_row(record) if valid(record) else None), record


CORPORA = [
    FIXTURES / "valid" / "several-shards",
    FIXTURES / "valid" / "minimal",
    FIXTURES / "several",
    REPO / "corpus",
    *sorted((FIXTURES / "invalid").iterdir()),
]


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_sentence_columns_make_the_frames_rows_make(corpus: Path) -> None:
    """`ShardSentences.frames` equals `tables.sentence_frame` on rows of the same records."""
    run = shard_checks.Run(corpus, 4, Collector())
    files = scan_layout(corpus, Collector())
    for (split, shard), group in groupby(files, key=lambda f: (f.split, f.shard)):
        tables = {f.table: f for f in group}
        if "sentences" not in tables or "documents" not in tables:
            continue
        docs_rel = f"data/{split}/documents/{shard}.jsonl"
        docs, _ = shard_checks.read_documents(run, split, shard, tables["documents"], docs_rel)
        rows = ShardSentences(docs)
        scan_records(tables["sentences"].path, "x", Collector(), rows.take)
        frames = rows.frames()
        if frames is None or frames[0].empty:  # an empty frame is not checked (dtypes differ)
            continue
        expected = shard_checks._frames_of_rows(docs, tables["sentences"], "x")
        pd.testing.assert_frame_equal(frames[0], expected[0])
        pd.testing.assert_frame_equal(frames[1], expected[1])


def test_a_text_of_latin_1_characters_is_nfc() -> None:
    latin_1 = [chr(c) for c in range(256)]
    assert all(unicodedata.combining(c) == 0 for c in latin_1)
    for a, b in itertools.product(latin_1, repeat=2):
        assert is_nfc(a + b) and unicodedata.is_normalized("NFC", a + b)
    assert not is_nfc("e\u0301") and is_nfc("\u00e9\u2019")


def test_paragraphs_fast_path_agrees_with_the_explained_checks() -> None:
    """Random texts over an alphabet of the characters that matter, with the paragraphs a split
    gives them or others: the fast path says yes exactly when the checks report nothing."""
    rng = random.Random(20260204)
    alphabet = ["a", "b", " ", "\n", "\t", "\u00e9", "\u2028", "\xa0"]
    positive = 0
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        if rng.random() < 0.5:
            spans, cursor = [], 0
            for piece in text.split("\n\n"):
                spans.append([cursor, cursor + len(piece)])
                cursor += len(piece) + 2
        else:
            cuts = sorted(rng.randint(0, len(text) + 1) for _ in range(2 * rng.randint(1, 4)))
            spans = [list(pair) for pair in zip(cuts[::2], cuts[1::2], strict=True)]
        sink = Collector()
        holds = paragraphs_hold(text, spans)
        assert check_paragraphs("d", text, spans, "f", 1, sink) is holds
        assert holds is not bool(sink.findings), (text, spans)
        positive += holds
    assert positive > 1000


def _patterns(node: object) -> set[str]:
    if isinstance(node, dict):
        found = {node["pattern"]} if "pattern" in node else set()
        return found.union(*(_patterns(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_patterns(value) for value in node))
    return set()


def test_patterns_anchored_at_both_ends_match_as_a_search_to_the_end_would() -> None:
    patterns = set().union(*(_patterns(load_schema(name)) for name in SCHEMA_FILES))
    assert len(patterns) > 3
    rng = random.Random(7)
    alphabet = [*"aZ09:._~-\n \t\r", "\u00e9", "\u0663"]
    samples = ["2026-02-04", "fr", "fr-FR", "1.0", "a" * 64, "0" * 64, "ab:001", "x:12"]
    for pattern in patterns:
        reference = re.compile(pattern[:-1] + r"\Z").search
        for _ in range(20_000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
            if rng.random() < 0.3:
                text = rng.choice(samples) + rng.choice(["", "\n", "x", ":", "0"])
            assert (pattern_search(pattern)(text) is None) is (reference(text) is None), text


def test_whitespace_table_holds_every_whitespace_character() -> None:
    from claimwire.validate.span_checks import _WHITESPACE

    assert _WHITESPACE.tolist() == [chr(c).isspace() for c in range(len(_WHITESPACE))]
    assert not _WHITESPACE[-1]
    assert not any(chr(c).isspace() for c in range(len(_WHITESPACE), 0x110000))
