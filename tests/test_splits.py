"""Splits recorded in `corpus/splits.json`: validate accepts a recorded placement, reports a move it
does not record and a malformed file; convert puts a new document in its recorded split."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEED_CORPUS
from helpers import FIXTURES
from helpers import claimwire as run

from claimwire.corpus.layout import assign_split
from claimwire.corpus.splits import SPLITS_NAME, SplitsFileError, read_recorded_splits, splits_file
from claimwire.validate import validate_corpus

MINIMAL = FIXTURES / "valid" / "minimal"


def _moved_to_test(tmp_path: Path) -> tuple[Path, str]:
    """The minimal fixture with its documents (all in train by their ids) moved to `test`."""
    corpus = tmp_path / "corpus"
    shutil.copytree(MINIMAL, corpus)
    (corpus / "data" / "train").rename(corpus / "data" / "test")
    doc_ids = read_ids(corpus)
    assert {assign_split(d) for d in doc_ids} == {"train"}
    return corpus, doc_ids[0]


def _codes(corpus: Path) -> list[tuple[str, int | None, str]]:
    return validate_corpus(corpus, ignore=("card-out-of-date",)).flatten()


def test_a_move_is_a_warning_until_splits_json_records_it(tmp_path: Path) -> None:
    corpus, _ = _moved_to_test(tmp_path)
    found = _codes(corpus)
    assert found and {code for _, _, code in found} == {"split-mismatch"}
    documents = {d: "test" for d in read_ids(corpus)}
    (corpus / SPLITS_NAME).write_bytes(splits_file(documents))
    assert _codes(corpus) == []


def test_a_document_elsewhere_than_recorded_is_a_split_mismatch(tmp_path: Path) -> None:
    corpus, doc_id = _moved_to_test(tmp_path)
    recorded = {d: "test" for d in read_ids(corpus)} | {doc_id: "validation"}
    (corpus / SPLITS_NAME).write_bytes(splits_file(recorded))
    report = validate_corpus(corpus, ignore=("card-out-of-date",))
    (finding,) = report.findings
    assert finding.code == "split-mismatch" and finding.record == doc_id
    assert "splits.json records it in validation" in finding.message


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json", "not valid JSON"),
        (b'["test"]\n', "not a JSON object"),
        (b'{"AFP-2026-0001": "dev"}\n', "has split 'dev'"),
    ],
)
def test_a_malformed_splits_file_is_reported(tmp_path: Path, content: bytes, problem: str) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(MINIMAL, corpus)
    (corpus / SPLITS_NAME).write_bytes(content)
    with pytest.raises(SplitsFileError, match=problem):
        read_recorded_splits(corpus)
    report = validate_corpus(corpus, ignore=("card-out-of-date",))
    assert [(f.file, f.code) for f in report.findings] == [(SPLITS_NAME, "invalid-splits-file")]
    assert problem in report.findings[0].message and not report.valid


def test_convert_puts_a_new_document_in_its_recorded_split(workspace: Path) -> None:
    shutil.copytree(SEED_CORPUS, workspace / "corpus")
    (workspace / "new").mkdir()
    (workspace / "new" / "depeche-a.txt").write_text(
        "date 2026-03-02\n\nLe maire a inauguré lundi la nouvelle école du village.\n", "utf-8"
    )
    assert assign_split("depeche-a") != "validation"
    (workspace / "corpus" / SPLITS_NAME).write_bytes(splits_file({"depeche-a": "validation"}))
    code, out, err = run("convert", "new", "--jobs", "1")
    assert code == 0, out + err
    assert (workspace / "corpus/data/validation/documents/2026-03.jsonl").is_file()
    assert run("validate")[0] == 0


def read_ids(corpus: Path) -> list[str]:
    return [
        line.split(b'"', 4)[3].decode()
        for path in sorted(corpus.glob("data/*/documents/*.jsonl"))
        for line in path.read_bytes().splitlines()
    ]
