"""The committed corpus as a Hugging Face dataset: `load_dataset` offline, typed, values as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import orjson
import pytest
import yaml
from conftest import CORPUS
from datasets import ClassLabel, Features, load_dataset

from claimwire.card import render_card
from claimwire.features import features_for, features_yaml
from claimwire.schema import labels


def jsonl_records(table: str) -> dict[str, list[dict]]:
    """Records per split, in file order, straight from the JSONL files."""
    out: dict[str, list[dict]] = {}
    for path in sorted((CORPUS / "data").glob(f"*/{table}/*.jsonl")):
        split = path.parent.parent.name
        out.setdefault(split, []).extend(orjson.loads(x) for x in path.read_bytes().splitlines())
    return out


def card_front_matter() -> dict:
    text = (CORPUS / "README.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def decode(value, feature):
    """A loaded value turned back into its JSON form through the declared feature."""
    if isinstance(feature, ClassLabel):
        return feature.int2str(value)
    if isinstance(feature, dict):
        return {k: decode(value[k], f) for k, f in feature.items()}
    if hasattr(feature, "feature"):  # List
        return [decode(v, feature.feature) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("config", ["sentences", "documents"])
def test_load_dataset_gives_back_exactly_the_jsonl(config: str, tmp_path: Path) -> None:
    args = (str(CORPUS),) if config == "sentences" else (str(CORPUS), "documents")
    dataset = load_dataset(*args, cache_dir=str(tmp_path))
    expected = jsonl_records(config)
    assert set(dataset) == set(expected)
    for split, records in expected.items():
        table = dataset[split]
        assert table.features == features_for(config)
        rows = [decode(row, Features(table.features)) for row in table]
        for row, record in zip(rows, records, strict=True):
            # optional fields absent from a record load as null
            for optional in set(row) - set(record):
                assert row.pop(optional) is None
        assert rows == records


def test_sentences_is_the_default_config(tmp_path: Path) -> None:
    dataset = load_dataset(str(CORPUS), cache_dir=str(tmp_path))
    split = next(iter(dataset))
    assert "claim_type" in dataset[split].features
    assert dataset[split].features["claim_type"].names == list(labels("claim_type"))


def test_the_date_is_a_date_not_a_timestamp(tmp_path: Path) -> None:
    dataset = load_dataset(str(CORPUS), "documents", cache_dir=str(tmp_path))
    split = next(iter(dataset))
    assert str(dataset[split].features["date"].dtype) == "date32"
    first = (CORPUS / "data" / split / "documents").glob("*.jsonl")
    date = orjson.loads(min(first).read_bytes().split(b"\n", 1)[0])["date"]
    assert dataset[split][0]["date"] == dt.date.fromisoformat(date)


def test_card_declares_configs_and_features_from_the_schema() -> None:
    meta = card_front_matter()
    assert [c["config_name"] for c in meta["configs"]] == ["sentences", "documents"]
    assert meta["configs"][0]["default"] is True
    for info in meta["dataset_info"]:
        assert Features._from_yaml_list(info["features"]) == features_for(info["config_name"])
        assert "splits" not in info  # sizes stay out of the YAML: hand edits must not break loading
    assert meta["language"] == ["fr"]


@pytest.mark.parametrize("table", ["sentences", "documents"])
def test_card_features_written_from_the_schema_are_what_datasets_writes(table: str) -> None:
    assert features_yaml(table) == features_for(table)._to_yaml_list()


def test_committed_card_is_the_generated_one() -> None:
    assert (CORPUS / "README.md").read_text(encoding="utf-8") == render_card(CORPUS)
