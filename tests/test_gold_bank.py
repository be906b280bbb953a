"""The sentence bank (tests/gold/bank) and the second annotator's sample: well-formed, licensed,
consistent with the annotators' files, and agreeing as the READMEs say."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import orjson
import pytest

from claimwire.schema import label_rules, labels

GOLD = Path(__file__).resolve().parent / "gold"
BANK = GOLD / "bank"
LICENSES = {
    "UD French-GSD": "CC BY-SA 4.0",
    "UD French-Sequoia (Europarl)": "LGPL-LR",
    "UD French-Sequoia (Wikipedia)": "LGPL-LR",
}


@pytest.fixture(scope="module")
def bank() -> list[dict]:
    return [orjson.loads(line) for line in (BANK / "bank.jsonl").read_bytes().splitlines()]


def raw_labels() -> dict[str, list[tuple[str, str, str]]]:
    """Sentence id -> (annotator file, claim_type, verifiability) of every labelling, in order."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for path in sorted((BANK / "raw").glob("chunk-*.tsv")):
        for line in path.read_text("utf-8").splitlines():
            sid, claim, verif = line.split("\t")[:3]
            found.setdefault(sid, []).append((path.stem, claim, verif))
    return found


def test_bank_rows_are_valid_licensed_and_unique(bank: list[dict]) -> None:
    claims, verifs = set(labels("claim_type")), set(labels("verifiability"))
    assert len(bank) == 2779
    assert len({row["id"] for row in bank}) == len(bank)
    assert [row["id"] for row in bank] == sorted(row["id"] for row in bank)
    for row in bank:
        assert row["claim_type"] in claims and row["verifiability"] in verifs, row["id"]
        assert label_rules().broken(row["claim_type"], row["verifiability"]) is None, row["id"]
        if row["claim_type"] not in ("none", "opinion", "prediction"):
            assert row["verifiability"] in ("verifiable", "hedged"), row["id"]
        assert LICENSES[row["source"]] == row["license"], row["id"]
        assert row["text"] == row["text"].strip() and row["text"], row["id"]
        # The gold standard's Est Républicain documents (four of them held out) stay out of the bank.
        assert not row["id"].startswith("annodis"), row["id"]
        # UD French-GSD's test part is the real held-out part of the gold: never in the training bank.
        assert not row["id"].startswith("fr-ud-test") and not row["group"].startswith("gsd-test")
        for source in row["sources"]:
            assert row["text"][source["start"] : source["end"]] == source["text"], row["id"]
            assert source["kind"] in labels("source_kind"), row["id"]
            assert source["mode"] in labels("source_mode"), row["id"]
    assert Counter(row["source"] for row in bank) == {
        "UD French-GSD": 1476,
        "UD French-Sequoia (Europarl)": 561,
        "UD French-Sequoia (Wikipedia)": 742,
    }


def test_bank_keeps_the_owner_label_of_each_sentence(bank: list[dict]) -> None:
    raw = raw_labels()
    # Every labelled sentence is in the bank but the 416 of UD French-GSD's test part (held out).
    assert {row["id"] for row in bank} <= set(raw) and len(raw) - len(bank) == 416
    for row in bank:
        annotator = f"ann:cw-bank-{row['by'].rsplit('-', 1)[1]}"
        assert annotator == row["by"]
        chunk = f"chunk-{row['by'].rsplit('-', 1)[1]}"
        assert (chunk, row["claim_type"], row["verifiability"]) in raw[row["id"]], row["id"]
    assert sum(len(v) == 2 for v in raw.values()) == 310  # the overlap between chunks
    assert sum(bool(row["sources"]) for row in bank) == 299
    assert sum(len(row["sources"]) for row in bank) == 325


def test_agreement_figures_match_the_readme(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("gold_agreement", GOLD / "agreement.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main()
    out = capsys.readouterr().out
    dev, rest = out.split("heldout sample")
    heldout, rest = rest.split("real held-out, doubly annotated")
    real, overlap = rest.split("sentence bank overlap")
    assert "171 sentences" in dev and "observed 0.930  Cohen's kappa 0.895" in dev
    assert "155 sentences" in heldout and "observed 0.981  Cohen's kappa 0.972" in heldout
    assert "416 sentences" in real and "observed 0.945  Cohen's kappa 0.921" in real
    assert "reports someone  observed 0.993  Cohen's kappa 0.970" in real
    assert "310 sentences" in overlap and "observed 0.958  Cohen's kappa 0.934" in overlap
    assert "reports someone  observed 0.987  Cohen's kappa 0.945" in overlap
