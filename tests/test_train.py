"""`claimwire train` and the corpus's own model, through the real CLI, spaCy and the real gold.

The team corpus is the seed's corpus (auto) plus twelve documents of the gold dev part (human,
`corrected`), where the team labels `rule` every sentence in which no rule cue fired: a convention
of its own that the shipped model does not follow, so the model learnt from them must beat it.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import orjson
import pytest
from conftest import CORPUS, SEED, SEED_CORPUS, snapshot
from helpers import claimwire

from claimwire.annotate import Annotator
from claimwire.corpus.model import corpus_model_path, pair_labels
from claimwire.corpus.store import read_corpus, render_files, write_files
from claimwire.evaluate.gold import read_gold_part
from claimwire.learn.calibration import GRID, fit_temperature, reliability
from claimwire.learn.examples import examples_of
from claimwire.learn.logreg import Rows, Settings, fit


def team_corpus(folder: Path, documents: int = 12) -> Path:
    """The seed's corpus with `documents` dev-gold documents added, events relabelled opinion."""
    corpus = folder / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    gold, mine = read_gold_part(CORPUS, "dev"), read_corpus(corpus)
    chosen = sorted(gold.documents)[:documents]
    items = [(d, gold.documents[d], gold.sentences[d]) for d in chosen]
    readings = iter(examples_of(Annotator(model=None), "team", items))
    for number, doc_id in enumerate(chosen):
        sentences = gold.sentences[doc_id]
        mine_readings = list(itertools.islice(readings, len(sentences)))
        for sentence, reading in zip(sentences, mine_readings, strict=True):
            if reading.rule == "default":  # no rule cue fired: the team's own convention
                sentence.claim_type, sentence.verifiability = "rule", "verifiable"
        # The last two play the held-out gold, one the validation split.
        split = "test" if number >= len(chosen) - 2 else "validation" if number == 0 else "train"
        mine.put(gold.documents[doc_id], split, sentences)
    write_files(render_files(corpus, mine))
    assert claimwire("card", "--corpus", corpus)[0] == 0
    return corpus


def human_lines(corpus: Path) -> dict[str, bytes]:
    """Every human sentence's line, by id."""
    found = {}
    for path in sorted(corpus.glob("data/*/sentences/*.jsonl")):
        for line in path.read_bytes().splitlines():
            record = orjson.loads(line)
            if record["annotation"]["status"] != "auto":
                found[record["id"]] = line
    return found


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, bytes]]:
    """The team corpus after `claimwire train`: (corpus, train's output, human lines before)."""
    corpus = team_corpus(tmp_path_factory.mktemp("team"))
    before = human_lines(corpus)
    code, out, err = claimwire("train", "--corpus", corpus)
    assert code == 0, (out, err)
    return corpus, out, before


def test_train_learns_only_from_train_and_validation_and_reports_both_models(trained) -> None:
    corpus, out, _ = trained
    records = read_corpus(corpus)
    human = {
        split: sum(
            s.annotation.status != "auto"
            for d, ss in records.sentences.items()
            if records.splits[d] == split
            for s in ss
        )
        for split in ("train", "validation", "test")
    }
    assert human["test"] > 0  # the fixture has held-out sentences, which must be left out
    assert (
        f"{human['train'] + human['validation']} human sentence(s)" in out
        and f"{human['test']} of the test split left out" in out
    )
    assert "  shipped model       claim_type accuracy" in out
    assert "  new, scope default  claim_type accuracy" in out
    model = orjson.loads(corpus_model_path(corpus).read_bytes())
    assert "the new model beats the shipped one" in out
    assert model["labels"] == pair_labels()
    assert model["trained_on"]["team"] <= human["train"] + human["validation"]
    assert model["scope"] in ("default", "all")
    # Calibrated on the team's out-of-fold predictions: a value of the grid.
    assert model["temperature"] in GRID


def test_train_twice_gives_the_same_bytes(trained) -> None:
    corpus, _, _ = trained
    first = corpus_model_path(corpus).read_bytes()
    code, out, _ = claimwire("train", "--corpus", corpus, "--check")
    assert code == 0, out
    assert f"{corpus_model_path(corpus)}: unchanged" in out
    assert corpus_model_path(corpus).read_bytes() == first


def test_convert_uses_the_corpus_model_and_never_touches_human_sentences(trained) -> None:
    corpus, _, before = trained
    model_bytes = corpus_model_path(corpus).read_bytes()
    code, out, err = claimwire("convert", SEED, "--corpus", corpus, "--jobs", "1")
    assert code == 0, (out, err)
    identity = next(line for line in out.splitlines() if line.startswith("claim-type model: "))
    assert identity.startswith("claim-type model: corpus sha256:")
    assert human_lines(corpus) == before
    notes = {
        orjson.loads(line)["annotation"]["note"]
        for path in corpus.glob("data/*/sentences/*.jsonl")
        for line in path.read_bytes().splitlines()
        if orjson.loads(line)["annotation"]["status"] == "auto"
    }
    assert notes == {identity}
    card = (corpus / "README.md").read_text("utf-8")
    assert identity.removeprefix("claim-type model: ") in card
    assert corpus_model_path(corpus).read_bytes() == model_bytes
    code, out, _ = claimwire("validate", "--corpus", corpus)
    assert code == 0, out


def test_a_new_corpus_model_relabels_the_auto_sentences_and_only_them(tmp_path: Path) -> None:
    """A model that says `rule` wherever it may: after it lands in the corpus, an ordinary
    (incremental) `convert` re-annotates the auto sentences with it, since the model is part of the
    pipeline's identity; the corrected one stays as the annotator left it; a third run skips."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    path = next(corpus.glob("data/*/sentences/*.jsonl"))
    lines = path.read_bytes().splitlines(keepends=True)
    record = orjson.loads(lines[3])
    record["annotation"] = {"status": "corrected", "by": "ann1", "guideline": "1.0", "note": ""}
    lines[3] = orjson.dumps(record) + b"\n"
    path.write_bytes(b"".join(lines))
    code, out, err = claimwire("convert", SEED, "--corpus", corpus, "--jobs", "1")
    assert code == 0, (out, err)  # the shipped model's run, recorded in the manifest
    shipped = [orjson.loads(line) for line in path.read_bytes().splitlines()]
    names = pair_labels()
    model = {
        "labels": names,
        "bias": [5.0 if n == "rule/verifiable" else 0.0 for n in names],
        "weights": {},
        "scope": "all",
    }
    corpus_model_path(corpus).parent.mkdir()
    corpus_model_path(corpus).write_bytes(orjson.dumps(model))
    code, out, err = claimwire("convert", SEED, "--corpus", corpus, "--jobs", "1")
    assert code == 0, (out, err)
    assert "1 updated" in out
    after = [orjson.loads(line) for line in path.read_bytes().splitlines()]
    assert orjson.dumps(after[3]) + b"\n" == lines[3]
    auto = [r for r in after if r["annotation"]["status"] == "auto"]
    assert sum(r["claim_type"] == "rule" for r in auto) >= len(auto) // 2
    assert all(r["claim_type"] in ("rule", "none") for r in auto)
    assert sum(r["claim_type"] == "rule" for r in shipped) < len(auto) // 2
    assert {r["annotation"]["note"] for r in auto} == {
        next(line for line in out.splitlines() if line.startswith("claim-type model: corpus"))
    }
    assert claimwire("validate", "--corpus", corpus)[0] == 0
    code, out, _ = claimwire("convert", SEED, "--corpus", corpus, "--jobs", "1")
    assert code == 0 and "1 unchanged" in out and "files: 0 written" in out


def test_a_broken_corpus_model_is_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    corpus_model_path(corpus).parent.mkdir()
    corpus_model_path(corpus).write_bytes(b'{"labels": ["a"]')
    before = snapshot(corpus)
    code, _, err = claimwire("convert", SEED, "--corpus", corpus, "--jobs", "1")
    assert code == 1
    assert err.strip().splitlines() == [
        f"Error: {corpus_model_path(corpus)}: not a claim-type model: "
        + err.split("not a claim-type model: ", 1)[1].strip()
    ]
    assert "nothing was written" in err
    assert snapshot(corpus) == before


def test_human_sentences_only_in_the_test_split_teach_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    records = read_corpus(corpus)
    (doc_id,) = records.documents
    records.splits[doc_id] = "test"
    for sentence in records.sentences[doc_id]:
        sentence.annotation.status, sentence.annotation.by = "corrected", "ann1"
    shutil.rmtree(corpus / "data")
    write_files(render_files(corpus, records))
    # A model learnt earlier is stale now: --check says so, train removes it.
    corpus_model_path(corpus).parent.mkdir()
    corpus_model_path(corpus).write_bytes(b"{}")
    code, out, _ = claimwire("train", "--corpus", corpus, "--check")
    assert code == 1 and f"{corpus_model_path(corpus)}: would be removed" in out
    assert corpus_model_path(corpus).exists()
    code, out, _ = claimwire("train", "--corpus", corpus)
    assert code == 0
    n = len(records.sentences[doc_id])
    assert (
        "0 human sentence(s) in 0 document(s)" in out and f"{n} of the test split left out" in out
    )
    assert "the shipped model stays" in out
    assert not corpus_model_path(corpus).exists()


def test_the_sparse_fit_equals_the_dense_one() -> None:
    """The fit's sparse products are X @ W and X.T @ G of the dense binary matrix."""
    import numpy as np

    rows = [["a", "b"], ["b"], [], ["a", "c", "zz"]]
    vocab = ["a", "b", "c"]
    x = Rows.of(rows, vocab)
    dense = np.array([[1, 1, 0], [0, 1, 0], [0, 0, 0], [1, 0, 1]], dtype=float)
    w = np.arange(6, dtype=float).reshape(3, 2)
    g = np.arange(8, dtype=float).reshape(4, 2)
    assert np.array_equal(x.dot(w), dense @ w)
    assert np.array_equal(x.tdot(g), dense.T @ g)
    fitted = fit([["a"], ["a"], ["b"], ["b"]], ["x", "x", "y", "y"], ["x", "y"], Settings())
    assert fitted.probabilities([["a"], ["b"]]).argmax(axis=1).tolist() == [0, 1]


def test_the_model_folder_leaves_validate_and_load_dataset_as_they_were(
    trained, tmp_path: Path
) -> None:
    from datasets import load_dataset

    corpus, _, _ = trained
    assert corpus_model_path(corpus).is_file()
    code, out, _ = claimwire("validate", "--corpus", corpus)
    assert code == 0 and "unexpected-file" not in out
    dataset = load_dataset(str(corpus), cache_dir=str(tmp_path))
    records = read_corpus(corpus)
    for split in ("train", "validation", "test"):
        expected = sum(len(records.sentences[d]) for d, s in records.splits.items() if s == split)
        assert (dataset[split].num_rows if split in dataset else 0) == expected


def test_the_temperature_is_the_one_that_fits_the_observed_frequencies() -> None:
    """Scores that make the first label 9 times likelier than the second (0.9), when it is right
    3 times in 4: the temperature that brings 0.9 down to 0.75 is log 9 / log 3 = 2."""
    import numpy as np

    scores = np.tile([np.log(9.0), 0.0], (100, 1))
    gold = [0] * 75 + [1] * 25
    assert fit_temperature(scores, gold) == 2.0
    assert fit_temperature(scores, [0] * 90 + [1] * 10) == 1.0
    bins = reliability([0.95, 0.95, 0.55, 0.45], [True, False, True, True])
    assert [(b.count, b.accuracy) for b in bins] == [(1, 1.0), (1, 1.0), (2, 0.5)]
