"""`claimwire export spacy`: DocBin files read back with spaCy, and trained on by `spacy train`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
import spacy
from conftest import SEED_CORPUS
from helpers import claimwire
from spacy.tokens import DocBin

from claimwire.schema import labels


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """The committed corpus with every sentence but the first corrected, exported."""
    root = tmp_path_factory.mktemp("spacy")
    corpus = root / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    (path,) = corpus.glob("data/*/sentences/*.jsonl")
    records = [orjson.loads(line) for line in path.read_bytes().splitlines()]
    for record in records[1:]:
        record["annotation"] = {"status": "corrected", "by": "ann1", "guideline": "1.0", "note": ""}
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    code, out, err = claimwire("export", "spacy", "--corpus", corpus, "-o", root / "out")
    assert code == 0, (out, err)
    assert f"train.spacy: {len(records) - 1} sentence(s)" in out
    return root / "out", records[1:]


def test_docbin_reads_back_with_labels_spans_and_ids(exported) -> None:
    out, records = exported
    nlp = spacy.blank("fr")
    docs = list(DocBin().from_disk(out / "train.spacy").get_docs(nlp.vocab))
    assert len(list(DocBin().from_disk(out / "dev.spacy").get_docs(nlp.vocab))) == 0
    assert [d.text for d in docs] == [r["text"] for r in records]
    spans = 0
    for doc, record in zip(docs, records, strict=True):
        assert doc.user_data["id"] == record["id"]
        assert set(doc.cats) == set(labels("claim_type"))
        assert [k for k, v in doc.cats.items() if v == 1.0] == [record["claim_type"]]
        inside = [
            s
            for s in record["sources"]
            if record["start"] <= s["start"] and s["end"] <= record["end"]
        ]
        # A mention inside a token (`il` of `-il`) is widened to the token that holds it.
        got = [(s.start_char, s.end_char, s.label_) for s in doc.spans["sources"]]
        assert len(got) == len(inside)
        for (start, end, label), source in zip(got, inside, strict=True):
            offset = source["start"] - record["start"]
            assert start <= offset and offset + len(source["text"]) <= end
            assert source["text"] in doc.text[start:end] and label == source["kind"]
            assert end - start <= len(source["text"]) + 2
        spans += len(inside)
    assert spans > 0


def test_spacy_train_reads_the_files_as_they_are(exported, tmp_path: Path) -> None:
    out, _ = exported
    config = tmp_path / "config.cfg"
    spacy_cli = [sys.executable, "-m", "spacy"]
    init = [*spacy_cli, "init", "config", "-l", "fr", "-p", "textcat", str(config)]
    subprocess.run(init, check=True, capture_output=True)
    train = subprocess.run(
        [
            *spacy_cli,
            "train",
            str(config),
            "--paths.train",
            str(out / "train.spacy"),
            "--paths.dev",
            str(out / "train.spacy"),
            "--training.max_steps",
            "2",
            "--training.eval_frequency",
            "1",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert train.returncode == 0, train.stderr[-2000:]
    assert "CATS_SCORE" in train.stdout
