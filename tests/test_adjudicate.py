"""`claimwire adjudicate`: two annotators' disputes out, a third person's decisions in (real CLI)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from annotator_copies import SEED_ID, copy_base, edit_source, read_records, relabel, sentence_files
from conftest import snapshot
from helpers import claimwire

# ann2 differs from ann1 on two labels and one source kind; the rest is the same.
ANN2 = {
    f"{SEED_ID}:003": {"claim_type": "opinion", "verifiability": "unverifiable"},
    f"{SEED_ID}:005": {"claim_type": "quantity", "verifiability": "verifiable"},
}


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path, Path]:
    ann1, ann2 = copy_base(tmp_path / "ann1"), copy_base(tmp_path / "ann2")
    base = {r["id"]: r for p in sentence_files(ann1) for r in read_records(p)}
    changes = {k: v for k, v in ANN2.items() if base[k]["claim_type"] != v["claim_type"]}
    assert len(changes) == 2  # the fixture really disagrees on both
    relabel(ann2, "ann:two", changes)
    edit_source(ann2, "ann:two", f"{SEED_ID}:001", 0, kind="organization")
    return ann1, ann2, copy_base(tmp_path / "ann3")


def records(corpus: Path) -> dict[str, dict]:
    return {r["id"]: r for p in sentence_files(corpus) for r in read_records(p)}


def test_list_writes_each_disputed_sentence_with_both_versions(copies, tmp_path: Path) -> None:
    ann1, ann2, _ = copies
    out = tmp_path / "disputes.jsonl"
    code, stdout, _ = claimwire("adjudicate", "list", ann1, ann2, "-o", out)
    assert code == 0
    lines = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    first, second = records(ann1), records(ann2)
    disputed = {
        (r["doc_id"], r["start"], r["end"])
        for k, r in first.items()
        if (r["claim_type"], r["verifiability"], r["sources"])
        != (second[k]["claim_type"], second[k]["verifiability"], second[k]["sources"])
    }
    assert {(line["doc_id"], line["start"], line["end"]) for line in lines} == disputed
    assert len(lines) == 3 and f"{len(lines)} disputed" in stdout
    for line in lines:
        assert line["decision"] is None
        assert line["b"]["by"] == "ann:two"
        assert line["a"] != line["b"]


def test_apply_sets_the_chosen_version_as_adjudicated_and_nothing_else(
    copies, tmp_path: Path
) -> None:
    ann1, ann2, ann3 = copies
    out = tmp_path / "disputes.jsonl"
    assert claimwire("adjudicate", "list", ann1, ann2, "-o", out)[0] == 0
    lines = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    lines[0]["decision"], lines[1]["decision"] = "b", "a"  # the third stays undecided
    out.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    before = records(ann3)
    code, stdout, err = claimwire("adjudicate", "apply", out, "--by", "ann:three", "-c", ann3)
    assert code == 0, (stdout, err)
    assert "2 decided, 1 still undecided" in stdout
    after = records(ann3)
    decided = {(line["doc_id"], line["start"]): line for line in lines[:2]}
    for key, record in after.items():
        line = decided.get((record["doc_id"], record["start"]))
        if line is None:
            assert record == before[key]
            continue
        chosen = line[line["decision"]]
        assert (record["claim_type"], record["verifiability"], record["sources"]) == (
            chosen["claim_type"],
            chosen["verifiability"],
            chosen["sources"],
        )
        assert record["annotation"]["status"] == "adjudicated"
        assert record["annotation"]["by"] == "ann:three"
    assert claimwire("validate", "--corpus", ann3)[0] == 0
    # Applying again changes nothing: --check agrees.
    assert claimwire("adjudicate", "apply", out, "--by", "ann:three", "-c", ann3, "--check")[0] == 0


def test_a_bad_decision_is_located_and_nothing_is_written(copies, tmp_path: Path) -> None:
    ann1, ann2, ann3 = copies
    out = tmp_path / "disputes.jsonl"
    assert claimwire("adjudicate", "list", ann1, ann2, "-o", out)[0] == 0
    lines = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    lines[0]["decision"], lines[1]["decision"] = "a", "c"
    out.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
    before = snapshot(ann3)
    code, _, err = claimwire("adjudicate", "apply", out, "--by", "ann:three", "-c", ann3)
    assert code == 1
    assert f"{out}:2: decision 'c'" in err and "nothing was written" in err
    assert len(err.strip().splitlines()) == 1
    assert snapshot(ann3) == before
