"""End to end: `claimwire convert` on the real seed, the committed corpus, reruns, bad inputs, merging."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from conftest import NOT_GOLD, SEED, SEED_CORPUS, snapshot
from helpers import claimwire as run


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed converted once into a scratch repository (spaCy loads once for the module)."""
    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(SEED.parent, root / "seeds", ignore=NOT_GOLD)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        code, out, err = run("convert")
    assert code == 0, out + err
    return root


def test_convert_on_seed_gives_the_committed_corpus(converted: Path) -> None:
    assert snapshot(converted / "corpus") == snapshot(SEED_CORPUS)


def test_summary_counts_documents_sentences_and_labels(converted: Path, monkeypatch) -> None:
    monkeypatch.chdir(converted)
    code, out, _ = run("convert")
    assert code == 0
    sentences = (converted / "corpus/data").rglob("sentences/*.jsonl")
    n = sum(len(p.read_bytes().splitlines()) for p in sentences)
    assert "1 input(s): 0 added, 0 updated, 1 unchanged" in out
    assert f"{n} sentences" in out
    assert "claim_type:" in out and "verifiability:" in out


def test_second_run_changes_no_byte(converted: Path, monkeypatch) -> None:
    monkeypatch.chdir(converted)
    before = snapshot(converted / "corpus")
    code, out, _ = run("convert")
    assert code == 0
    assert "files: 0 written" in out
    assert snapshot(converted / "corpus") == before


def test_records_follow_the_contract(converted: Path) -> None:
    (doc_file,) = (converted / "corpus/data").rglob("documents/2026-02.jsonl")
    sent_file = doc_file.parent.parent / "sentences" / "2026-02.jsonl"
    document = orjson.loads(doc_file.read_bytes())
    assert list(document)[:7] == ["id", "date", "language", "title", "text", "paragraphs", "origin"]
    assert document["id"] == "000_893c4ca9cc588f19"
    assert document["date"] == "2026-02-04"
    assert document["origin"]["path"] == "seeds/000_893c4ca9cc588f19.txt"
    text = document["text"]
    assert "\n\n\n" not in text and text == text.strip()
    sentences = [orjson.loads(line) for line in sent_file.read_bytes().splitlines()]
    assert [s["index"] for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert s["id"] == f"{document['id']}:{s['index']:03d}"
        assert text[s["start"] : s["end"]] == s["text"]
        assert s["annotation"]["status"] == "auto"
        for source in s["sources"]:
            assert text[source["start"] : source["end"]] == source["text"]
        assert (s["claim_type"] == "none") == (s["verifiability"] == "not_applicable")


def test_other_documents_in_the_corpus_stay(workspace: Path) -> None:
    other = workspace / "more" / "2026-03-01_autre.txt"
    other.parent.mkdir()
    other.write_text(
        "date 2026-03-01\n\nLe Parlement a adopté mardi la loi de finances.\n", encoding="utf-8"
    )
    assert run("convert", "more")[0] == 0
    assert run("convert")[0] == 0
    ids = [
        orjson.loads(line)["id"]
        for p in sorted((workspace / "corpus/data").rglob("documents/*.jsonl"))
        for line in p.read_bytes().splitlines()
    ]
    assert sorted(ids) == ["000_893c4ca9cc588f19", "2026-03-01_autre"]


BAD_INPUTS = {
    "empty.txt": (b"", "empty-input"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "binary-input"),
    "latin.txt": (b"date 2026-02-04\n\n\x81\x8d\x8f\x90\x9d garbage \xff\xfe\x00", "binary-input"),
    "nodate.txt": ("Le Parlement a adopté la loi.\n".encode(), "no-date"),
    "baddate.txt": (
        "date 2026-02-31\n\nLe Parlement a adopté la loi.\n".encode(),
        "malformed-date",
    ),
    "nobody.txt": (b"date 2026-02-04\n\n\n", "no-body"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_a_located_one_line_error_and_the_corpus_is_untouched(
    name: str, converted: Path, monkeypatch
) -> None:
    monkeypatch.chdir(converted)
    data, problem_code = BAD_INPUTS[name]
    bad = converted / "bad" / name
    bad.parent.mkdir(exist_ok=True)
    bad.write_bytes(data)
    before = snapshot(converted / "corpus")
    code, _, err = run("convert", str(bad))
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("rejected:")]
    assert len(lines) == 1 and f"bad/{name}" in lines[0] and f": [{problem_code}] " in lines[0]
    assert "Traceback" not in err
    assert snapshot(converted / "corpus") == before


def test_not_utf8_text_names_the_line(workspace: Path) -> None:
    bad = workspace / "bad.txt"
    bad.write_bytes("date 2026-02-04\n\nLe ministre a déclaré\n".encode() + b"\xc3\x28 x\n")
    code, _, err = run("convert", "bad.txt")
    assert code == 1
    assert "rejected: bad.txt:4: [undecodable] " in err
    assert not (workspace / "corpus").exists()


def test_good_inputs_are_converted_and_bad_ones_listed(workspace: Path) -> None:
    (workspace / "seeds" / "empty.txt").write_bytes(b"")
    code, out, err = run("convert")
    assert code == 1
    assert "1 added" in out and "1 rejected" in out
    assert "rejected: seeds/empty.txt: [empty-input] " in err
    assert any((workspace / "corpus/data").rglob("sentences/2026-02.jsonl"))


def test_a_corrected_sentence_survives_reconversion(workspace: Path) -> None:
    assert run("convert")[0] == 0
    (path,) = (workspace / "corpus/data").rglob("sentences/2026-02.jsonl")
    lines = path.read_bytes().splitlines()
    edited = orjson.loads(lines[2])
    edited["claim_type"], edited["verifiability"] = "opinion", "unverifiable"
    edited["annotation"] = {"status": "corrected", "by": "ann1", "guideline": "1.0", "note": "test"}
    lines[2] = orjson.dumps(edited)
    path.write_bytes(b"\n".join(lines) + b"\n")
    code, out, _ = run("convert")
    assert code == 0
    kept = orjson.loads(path.read_bytes().splitlines()[2])
    assert kept == edited
    # The card's label counts, croissant.json's digest of the edited file, the manifest's digest.
    assert "files: 3 written" in out


def test_the_split_of_a_document_never_changes(workspace: Path) -> None:
    assert run("convert")[0] == 0
    data = workspace / "corpus" / "data"
    split = next(p.name for p in data.iterdir())
    moved = "test" if split != "test" else "validation"
    shutil.move(data / split, data / moved)
    assert run("convert")[0] == 0
    assert sorted(p.name for p in data.iterdir()) == [moved]


def test_a_broken_corpus_stops_conversion_before_writing(workspace: Path) -> None:
    assert run("convert")[0] == 0
    (path,) = (workspace / "corpus/data").rglob("sentences/2026-02.jsonl")
    path.write_bytes(path.read_bytes() + b'{"id": \n')
    before = snapshot(workspace / "corpus")
    code, _, err = run("convert")
    assert code == 1
    assert "2026-02.jsonl:" in err and "not valid JSON" in err and "nothing was written" in err
    assert snapshot(workspace / "corpus") == before


def test_a_blank_line_typed_into_a_shard_does_not_stop_reconversion(workspace: Path) -> None:
    assert run("convert")[0] == 0
    (path,) = (workspace / "corpus/data").rglob("sentences/2026-02.jsonl")
    clean = path.read_bytes()
    lines = clean.splitlines(keepends=True)
    path.write_bytes(b"".join([*lines[:3], b"\n", *lines[3:]]))
    code, out, err = run("convert")
    assert code == 0, out + err
    assert path.read_bytes() == clean


def test_a_sentence_whose_document_is_missing_stops_conversion_unharmed(workspace: Path) -> None:
    assert run("convert")[0] == 0
    (path,) = (workspace / "corpus/data").rglob("sentences/2026-02.jsonl")
    orphan = orjson.loads(path.read_bytes().splitlines()[0])
    orphan["doc_id"], orphan["id"] = "ailleurs", "ailleurs:000"
    path.write_bytes(path.read_bytes() + orjson.dumps(orphan) + b"\n")
    before = snapshot(workspace / "corpus")
    code, _, err = run("convert")
    assert code == 1
    assert (
        "2026-02.jsonl:27: sentence of document 'ailleurs'" in err and "nothing was written" in err
    )
    assert snapshot(workspace / "corpus") == before
