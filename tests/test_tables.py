"""The pandera models: derived from the schema, in step with the features, and the table layer of
`claimwire validate` (both engines), the card counts it gathers, and the issue's bad inputs."""

from __future__ import annotations

import shutil
from itertools import groupby
from pathlib import Path

import orjson
import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO

from claimwire.corpus.splits import read_recorded_splits
from claimwire.corpus.stats import corpus_stats, read_facts
from claimwire.features import features_for
from claimwire.provenance import FileFacts
from claimwire.schema import labels, load_schema
from claimwire.validate import validate_corpus
from claimwire.validate.file_checks import scan_layout
from claimwire.validate.report import Collector
from claimwire.validate.shard_checks import Run, check_shard
from claimwire.validate.tables import (
    DOC_LENGTH,
    ROW_RULES,
    child_models,
    evaluate,
    failures,
    model_fields,
    sentence_frame,
    sentence_row,
    shard_model,
    table_model,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEVERAL = FIXTURES / "valid" / "several-shards"
SCHEMAS = {"documents": "document.schema.json", "sentences": "sentence.schema.json"}


def _feature_vocabularies(features: dict, prefix: str = "") -> dict[str, list[str]]:
    """`field.path -> names` of every ClassLabel in (nested) features."""
    out: dict[str, list[str]] = {}
    for name, feature in features.items():
        inner = getattr(feature, "feature", feature)  # List(...) of a dict of features
        if hasattr(inner, "names"):
            out[f"{prefix}{name}"] = list(inner.names)
        elif isinstance(inner, dict):
            out.update(_feature_vocabularies(inner, f"{prefix}{name}."))
    return out


@pytest.mark.parametrize("table", ["documents", "sentences"])
def test_schema_models_and_features_agree_on_fields_and_labels(table: str) -> None:
    schema = load_schema(SCHEMAS[table])
    features = features_for(table)
    fields = model_fields(table)
    top = {name for name in fields if "." not in name}
    assert top == set(schema["properties"]) == set(features)
    model_vocabularies = {f: list(labels(v)) for f, v in fields.items() if v is not None}
    assert model_vocabularies == _feature_vocabularies(features)
    for field, vocabulary in fields.items():  # each from labels.json, not a copy
        if vocabulary is not None:
            assert list(labels(vocabulary)) == model_vocabularies[field]


def test_models_follow_the_schema() -> None:
    sentences = table_model("sentences")
    assert [c for c in sentences.columns if c != DOC_LENGTH][:9] == [
        "id",
        "doc_id",
        "index",
        "paragraph",
        "start",
        "end",
        "text",
        "claim_type",
        "verifiability",
    ]
    assert not sentences.columns["doc_id"].nullable
    assert table_model("documents").columns["title"].nullable
    assert not table_model("documents").columns["urgency"].required  # optional in the schema
    assert set(child_models("sentences")) == {"sources"}
    assert set(child_models("documents")) == {"paragraphs"}


def _frames(records: list[dict], lengths: dict[str, int]):
    lines = list(range(1, len(records) + 1))
    frame, sources, _ = sentence_frame(lines, [sentence_row(r) for r in records], lengths)
    return frame, sources


def _several_sentences() -> tuple[list[dict], dict[str, int]]:
    records, lengths = [], {}
    for path in sorted(SEVERAL.rglob("*.jsonl")):
        for raw in path.read_bytes().splitlines():
            record = orjson.loads(raw)
            if path.parent.name == "documents":
                lengths[record["id"]] = len(record["text"])
            else:
                records.append(record)
    return records, lengths


BROKEN = {  # a change to one sentence, and the codes the table layer must give for its line
    "unknown-label": (lambda r: r.update(claim_type="claim"), {"unknown-label"}),
    "inconsistent-labels": (lambda r: r.update(verifiability="hedged", claim_type="opinion"), None),
    "negative": (lambda r: r.update(paragraph=-1), {"invalid-value"}),
    "id-mismatch": (lambda r: r.update(id=r["doc_id"] + ":999"), {"id-mismatch"}),
    "orphan": (lambda r: r.update(doc_id="AFP-0000-0000", id="AFP-0000-0000:000"), None),
    "beyond": (lambda r: r.update(end=10**6), {"offset-out-of-range"}),
    "source": (lambda r: r["sources"][0].update(kind="persn", end=10**6), None),
}


@pytest.mark.parametrize("name", BROKEN)
def test_vectorized_engine_finds_what_pandera_finds(name: str) -> None:
    records, lengths = _several_sentences()
    edit, expected = BROKEN[name]
    target = next(i for i, r in enumerate(records) if r["sources"])
    edit(records[target])
    frame, sources = _frames(records, lengths)
    results = []
    for run in (evaluate, failures):
        found = run(shard_model("sentences", tuple(frame.columns)), frame)
        found |= run(shard_model("sources", tuple(sources.columns)), sources)
        results.append(found)
    assert results[0] == results[1]
    assert {line for line, _ in results[0]} == {target + 1}
    if expected is not None:
        assert {code for _, code in results[0]} == expected
    if name == "inconsistent-labels":
        assert {code for _, code in results[0]} == {"inconsistent-labels"}


def test_row_rules_are_named_checks_of_the_model() -> None:
    assert {str(c.name) for c in table_model("sentences").checks} == set(ROW_RULES)


@pytest.mark.parametrize(
    "folder",
    [
        SEVERAL,
        FIXTURES / "several",
        *(
            FIXTURES / "invalid" / code
            for code in (
                "inconsistent-labels",
                "id-mismatch",
                "duplicate-id",
                "orphan-sentence",
                "offset-out-of-range",
                "sentence-gap",
                "records-not-sorted",
            )
        ),
    ],
    ids=lambda p: p.name,
)
def test_both_engines_give_the_same_findings(folder: Path) -> None:
    fast = validate_corpus(folder, ignore=("card-out-of-date",))
    slow = validate_corpus(folder, ignore=("card-out-of-date",), engine="pandera")
    assert fast.flatten(("file", "line", "code", "message")) == slow.flatten(
        ("file", "line", "code", "message")
    )


@pytest.mark.parametrize("corpus", [SEVERAL, REPO / "corpus"], ids=["several-shards", "corpus"])
def test_card_counts_gathered_while_validating_are_the_cards(corpus: Path) -> None:
    run = Run(corpus, 4, Collector(), splits=read_recorded_splits(corpus))
    files = scan_layout(corpus, run.sink)
    for (split, shard), group in groupby(files, key=lambda f: (f.split, f.shard)):
        check_shard(run, split, shard, {f.table: f for f in group})
    assert run.exact and not run.sink.findings
    # The files' digests, text sources and annotators too, taken from the bytes as they were read.
    assert run.card == corpus_stats(corpus)
    assert run.card.facts == read_facts(corpus) != FileFacts()


def test_unknown_engine_is_a_usage_error() -> None:
    with pytest.raises(ValueError, match="engine"):
        validate_corpus(SEVERAL, engine="spark")


# The bad inputs listed in the issue: each gives codes through the CLI, never a traceback.


def _cli(corpus: Path) -> tuple[int, set[str]]:
    from claimwire.cli.validate import validate_cmd

    result = CliRunner().invoke(validate_cmd, ["--corpus", str(corpus), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    data = orjson.loads(result.output)
    return result.exit_code, {f["code"] for f in data["findings"]}


def _copy(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "valid" / "minimal", corpus)
    return corpus


SENTS = "data/train/sentences/2026-02.jsonl"


def test_issue_bad_inputs_give_codes(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _cli(empty) == (1, {"empty-corpus", "missing-card"})

    corpus = _copy(tmp_path / "a")
    (corpus / "README.md").unlink()
    assert _cli(corpus) == (1, {"missing-card"})

    corpus = _copy(tmp_path / "b")
    (corpus / "data/train/sentences/2026-02.json").write_bytes(b"{}\n")
    assert _cli(corpus)[1] >= {"unexpected-file"}

    corpus = _copy(tmp_path / "c")
    lines = (corpus / SENTS).read_bytes().split(b"\n")
    huge = orjson.loads(lines[1])
    huge["text"] = "x" * 50_000_000
    (corpus / SENTS).write_bytes(b"\n".join([lines[0], orjson.dumps(huge), *lines[2:]]))
    assert _cli(corpus)[1] >= {"offset-mismatch"}

    corpus = _copy(tmp_path / "d")
    lines = (corpus / SENTS).read_bytes().split(b"\n")
    lines[1] = lines[1].replace("é".encode(), b"\xe9", 1)  # Latin-1 in the middle line
    (corpus / SENTS).write_bytes(b"\n".join(lines))
    assert _cli(corpus)[1] >= {"invalid-utf8"}

    corpus = _copy(tmp_path / "e")
    data = (corpus / SENTS).read_bytes()
    (corpus / SENTS).write_bytes(data[: len(data) - 30])  # a truncated last line
    assert _cli(corpus)[1] >= {"missing-final-newline", "invalid-json"}


def test_pre_commit_hooks_run_the_cli() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entries = {hook["id"]: hook["entry"] for hook in hooks}
    assert entries == {"claimwire-validate": "claimwire validate", "claimwire-fmt": "claimwire fmt"}
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"claimwire-validate", "claimwire-fmt", "ruff", "ruff-format"} <= ids


def test_cli_engine_option() -> None:
    from claimwire.cli.validate import validate_cmd

    folder = str(FIXTURES / "several")
    default = CliRunner().invoke(validate_cmd, ["--corpus", folder])
    pandera = CliRunner().invoke(validate_cmd, ["--corpus", folder, "--table-checks", "pandera"])
    assert default.exit_code == pandera.exit_code == 1
    assert default.output == pandera.output
    assert (
        CliRunner().invoke(validate_cmd, ["--corpus", folder, "--table-checks", "spark"]).exit_code
        == 2
    )


def test_vectorized_label_rule_is_the_record_rule() -> None:
    import pandas as pd

    from claimwire.schema import label_rules

    pairs = [(c, v) for c in labels("claim_type") for v in labels("verifiability")]
    frame = pd.DataFrame(pairs, columns=["claim_type", "verifiability"], dtype=object)
    rule, _ = ROW_RULES["inconsistent-labels"]
    assert rule(frame).tolist() == [label_rules().broken(c, v) is None for c, v in pairs]
