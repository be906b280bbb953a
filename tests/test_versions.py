"""Versions and corrections of a wire dispatch (ninjs): the later version replaces the earlier one,
human annotations on unchanged sentences survive, an older version never replaces a newer one, and the
same id and version with other text is an error."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest
from conftest import snapshot
from helpers import claimwire as run

URI = "urn:newsml:afp.com:20260301:VER001"
DOC_ID = "afp.com-20260301-VER001"
FIRST = "Le Parlement a adopté mardi la loi de finances par 312 voix contre 201."
SECOND = "Le ministre des Finances, Paul Martin, a salué « un budget responsable »."
SECOND_FIXED = "Le ministre des Finances, Paul Martin, a salué « un budget sérieux »."
THIRD = "L'opposition a annoncé un recours devant le Conseil constitutionnel."


def ninjs(folder: Path, name: str, version: int, paragraphs: list[str]) -> Path:
    path = folder / name
    path.write_text(
        json.dumps(
            {
                "uri": URI,
                "version": str(version),
                "firstcreated": "2026-03-01T09:00:00+01:00",
                "versioncreated": f"2026-03-01T1{version}:00:00+01:00",
                "language": "fr",
                "headline": "Budget adopté",
                "body_text": "\n\n".join(paragraphs),
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return path


def records(corpus: Path, table: str) -> list[dict]:
    return [
        orjson.loads(line)
        for path in sorted(corpus.glob(f"data/*/{table}/*.jsonl"))
        for line in path.read_bytes().splitlines()
    ]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    ninjs(tmp_path / "in", "v1.json", 1, [FIRST, SECOND])
    assert run("convert", "in/v1.json")[0] == 0
    return tmp_path


def correct_first_sentence(corpus: Path) -> dict:
    (path,) = corpus.glob("data/*/sentences/2026-03.jsonl")
    lines = path.read_bytes().splitlines()
    edited = orjson.loads(lines[0])
    edited["claim_type"], edited["verifiability"] = "quantity", "verifiable"
    edited["annotation"] = {"status": "corrected", "by": "ann1", "guideline": "1.0", "note": ""}
    lines[0] = orjson.dumps(edited)
    path.write_bytes(b"\n".join(lines) + b"\n")
    return edited


def test_a_later_version_replaces_the_earlier_and_keeps_annotations(repo: Path) -> None:
    edited = correct_first_sentence(repo / "corpus")
    ninjs(repo / "in", "v2.json", 2, [FIRST, SECOND_FIXED, THIRD])
    code, out, err = run("convert", "in/v2.json")
    assert code == 0, out + err
    assert "1 updated" in out
    (document,) = records(repo / "corpus", "documents")
    assert (
        document["version"] == 2 and SECOND_FIXED in document["text"] and THIRD in document["text"]
    )
    sentences = records(repo / "corpus", "sentences")
    assert sentences[0] == edited
    assert [s["text"] for s in sentences] == [FIRST, SECOND_FIXED, THIRD]
    assert run("validate")[0] == 0


def test_an_older_version_never_replaces_a_newer_one(repo: Path) -> None:
    ninjs(repo / "in", "v2.json", 2, [FIRST, SECOND_FIXED])
    assert run("convert", "in/v2.json")[0] == 0
    before = snapshot(repo / "corpus")
    code, out, _ = run("convert", "in/v1.json")
    assert code == 0
    assert "1 older than the corpus" in out
    assert snapshot(repo / "corpus") == before


def test_same_version_with_other_text_than_the_corpus_is_an_error(repo: Path) -> None:
    before = snapshot(repo / "corpus")
    ninjs(repo / "in", "v1-bis.json", 1, [FIRST, SECOND_FIXED])
    code, _, err = run("convert", "in/v1-bis.json")
    assert code == 1
    assert f"rejected: in/v1-bis.json: [version-conflict] document '{DOC_ID}' version 1" in err
    assert snapshot(repo / "corpus") == before


def test_in_one_run_the_highest_version_wins_and_a_clash_is_an_error(repo: Path) -> None:
    batch = repo / "batch"
    batch.mkdir()
    ninjs(batch, "a.json", 3, [FIRST, SECOND_FIXED])
    ninjs(batch, "b.json", 3, [FIRST, THIRD])
    ninjs(batch, "c.json", 4, [FIRST, SECOND_FIXED, THIRD])
    code, _, err = run("convert", "batch")
    assert code == 1
    assert "rejected: batch/b.json: [duplicate-input] " in err and "from batch/a.json" in err
    (document,) = records(repo / "corpus", "documents")
    assert document["version"] == 4
